import { ApiError } from '../../api/ApiError';
import type { DepartmentChange, DepartmentDto, NewDepartment } from '../../api/memberTypes';
import type { ErrorDetail } from '../../api/types';

/** The same rule as the server's: a letter, then letters, digits or `_`, at most 50 in all. */
export const DEPARTMENT_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
export const DEPARTMENT_NAME_MAX = 100;
export const SORT_ORDER_LIMIT = 1_000_000;

export const DEPARTMENT_FIELDS = ['key', 'name', 'parentKey', 'managerId', 'sortOrder'] as const;
export type DepartmentField = (typeof DEPARTMENT_FIELDS)[number];

/** What the dialog's form holds; antd leaves a cleared picker `undefined` and a cleared number `null`. */
export interface DepartmentFormValues {
  key: string;
  name: string;
  parentKey?: string;
  managerId?: string;
  sortOrder: number | null;
}

export function formValuesOf(department: DepartmentDto): DepartmentFormValues {
  return {
    key: department.key,
    name: department.name,
    parentKey: department.parentKey ?? undefined,
    managerId: department.manager?.id,
    sortOrder: department.sortOrder,
  };
}

/** The POST body; empty pickers are left out so the server applies its defaults (top level, no manager). */
export function newDepartmentOf(values: DepartmentFormValues): NewDepartment {
  return {
    key: values.key.trim(),
    name: values.name.trim(),
    ...(values.parentKey ? { parentKey: values.parentKey } : {}),
    ...(values.managerId ? { managerId: values.managerId } : {}),
    sortOrder: values.sortOrder ?? 0,
  };
}

/**
 * The PATCH body: the version read plus only what differs from it, `null` clearing the parent or manager.
 * `undefined` when nothing changed, so no request (and no new version or audit entry) is made for nothing.
 */
export function departmentChangeOf(
  department: DepartmentDto,
  values: DepartmentFormValues,
): DepartmentChange | undefined {
  const name = values.name.trim();
  const parentKey = values.parentKey ?? null;
  const managerId = values.managerId ?? null;
  const sortOrder = values.sortOrder ?? 0;
  const change: DepartmentChange = {
    version: department.version,
    ...(name !== department.name ? { name } : {}),
    ...(parentKey !== department.parentKey ? { parentKey } : {}),
    ...(managerId !== (department.manager?.id ?? null) ? { managerId } : {}),
    ...(sortOrder !== department.sortOrder ? { sortOrder } : {}),
  };
  return Object.keys(change).length > 1 ? change : undefined;
}

export interface PlacedServerErrors {
  /** For `form.setFields`: each shown field with the server's messages about it. */
  fields: { name: DepartmentField; errors: string[] }[];
  /** What no shown field can hold; it goes into the dialog's alert. */
  unplaced: ErrorDetail[];
}

/** The 409s that are about one field although the server sends no details for them. */
const FIELD_OF_CONFLICT: Partial<Record<string, DepartmentField>> = {
  DEPARTMENT_EXISTS: 'key',
  DEPARTMENT_NAME_TAKEN: 'name',
};

/** Puts a refusal of the server next to the fields it is about (`details[].path`), among those `shown`. */
export function placeServerErrors(error: unknown, shown: readonly DepartmentField[]): PlacedServerErrors {
  if (!(error instanceof ApiError)) return { fields: [], unplaced: [] };
  const conflictField = FIELD_OF_CONFLICT[error.code];
  const details = conflictField ? [{ path: conflictField, message: error.message }] : error.details;
  const byField = new Map<DepartmentField, string[]>();
  const unplaced: ErrorDetail[] = [];
  for (const detail of details) {
    const path = detail.path.replace(/^\//, '');
    const field = shown.find((candidate) => candidate === path);
    if (field) byField.set(field, [...(byField.get(field) ?? []), detail.message]);
    else unplaced.push(detail);
  }
  return { fields: [...byField].map(([name, errors]) => ({ name, errors })), unplaced };
}

/** Refusals after which the list on screen is out of date: someone else changed or deleted the department. */
export function isStaleDepartmentError(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'DEPARTMENT_VERSION_CONFLICT' || error.code === 'DEPARTMENT_NOT_FOUND')
  );
}
