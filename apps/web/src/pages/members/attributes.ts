/** Member attributes as the editor shows them: one row per key, lists as tags. Pure, no React. */
import { localize, type Locale } from '@lowcode/app-model';
import type { DeclaredAttribute } from '../../api/memberTypes';

export type AttributeScalar = string | number | boolean;
export type AttributeValue = AttributeScalar | Array<string | number>;
export type AttributeKind = 'text' | 'list' | 'number' | 'boolean';

export interface AttributeRow {
  key: string;
  kind: AttributeKind;
  text: string;
  list: Array<string | number>;
  number: number | null;
  flag: boolean;
}

/**
 * Attributes the platform itself knows: departments of the directory (the server checks them, flows and
 * scopes match them by key). Everything else an app reads, it declares (`memberAttributes`).
 */
export const DIRECTORY_ATTRIBUTES: ReadonlyArray<{ key: string; kind: AttributeKind }> = [
  { key: 'department', kind: 'text' },
  { key: 'departments', kind: 'list' },
];

export const ATTRIBUTE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

export function emptyRow(key = ''): AttributeRow {
  const kind = DIRECTORY_ATTRIBUTES.find((known) => known.key === key)?.kind ?? 'text';
  return { key, kind, text: '', list: [], number: null, flag: false };
}

export function rowsFromAttributes(attributes: Record<string, unknown>): AttributeRow[] {
  return Object.entries(attributes).map(([key, value]) => {
    const row = emptyRow(key);
    if (Array.isArray(value))
      return {
        ...row,
        kind: 'list',
        list: value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number'),
      };
    if (typeof value === 'number') return { ...row, kind: 'number', number: value };
    if (typeof value === 'boolean') return { ...row, kind: 'boolean', flag: value };
    return { ...row, kind: 'text', text: value === null || value === undefined ? '' : String(value) };
  });
}

export type AttributeProblem = { index: number; reason: 'key' | 'duplicate' | 'reserved' | 'declared' };

/**
 * The object to save, or the rows at fault. Empty rows (no key, no value) are ignored; an empty text or
 * list is dropped, as the server does. A free row may not set a key an app declares (`declaredKeys`): that
 * attribute has its own control.
 */
export function attributesFromRows(
  rows: AttributeRow[],
  declaredKeys: ReadonlySet<string> = new Set(),
): { ok: true; attributes: Record<string, AttributeValue> } | { ok: false; problems: AttributeProblem[] } {
  const problems: AttributeProblem[] = [];
  const attributes: Record<string, AttributeValue> = {};
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const key = row.key.trim();
    const value = valueOf(row);
    if (key === '' && value === undefined) return;
    if (!ATTRIBUTE_KEY.test(key)) problems.push({ index, reason: 'key' });
    else if (key === 'id') problems.push({ index, reason: 'reserved' });
    else if (declaredKeys.has(key)) problems.push({ index, reason: 'declared' });
    else if (seen.has(key)) problems.push({ index, reason: 'duplicate' });
    seen.add(key);
    if (value !== undefined) attributes[key] = value;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, attributes };
}

function valueOf(row: AttributeRow): AttributeValue | undefined {
  switch (row.kind) {
    case 'text':
      return row.text.trim() === '' ? undefined : row.text.trim();
    case 'list': {
      const items = [
        ...new Set(row.list.map((item) => (typeof item === 'string' ? item.trim() : item))),
      ].filter((item) => item !== '');
      return items.length === 0 ? undefined : items;
    }
    case 'number':
      return row.number === null ? undefined : row.number;
    case 'boolean':
      return row.flag;
  }
}

/** Short text of an attribute value for lists and cards. */
export function attributeText(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return value === null || value === undefined ? '' : String(value);
}

/** `department` (one key) and `departments` (keys) name departments of the directory, picked by name. */
export function isDepartmentRow(row: AttributeRow): boolean {
  const key = row.key.trim();
  return (key === 'department' && row.kind === 'text') || (key === 'departments' && row.kind === 'list');
}

// ---------------------------------------------------------------- declared attributes

/** One declaration per key, in the apps' order: when two apps declare a key, the first one's control shows. */
export function declarationsByKey(declared: readonly DeclaredAttribute[]): DeclaredAttribute[] {
  const byKey = new Map<string, DeclaredAttribute>();
  for (const attribute of declared) if (!byKey.has(attribute.key)) byKey.set(attribute.key, attribute);
  return [...byKey.values()];
}

/** A member's attributes split for the editor: the declared ones by key, the others as free rows. */
export function splitAttributes(
  attributes: Record<string, unknown>,
  declared: readonly DeclaredAttribute[],
): { values: Record<string, unknown>; rows: AttributeRow[] } {
  const keys = new Set(declared.map((attribute) => attribute.key));
  const entries = Object.entries(attributes);
  return {
    values: Object.fromEntries(entries.filter(([key]) => keys.has(key))),
    rows: rowsFromAttributes(Object.fromEntries(entries.filter(([key]) => !keys.has(key)))),
  };
}

/** The declared values to save: texts trimmed, lists de-duplicated, unset values (empty, null) left out. */
export function declaredAttributes(
  values: Record<string, unknown>,
  declared: readonly DeclaredAttribute[],
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const { key } of declared) {
    const value = values[key];
    if (Array.isArray(value)) {
      const items = [
        ...new Set(
          value
            .filter((item): item is string | number => typeof item === 'string' || typeof item === 'number')
            .map((item) => (typeof item === 'string' ? item.trim() : item)),
        ),
      ].filter((item) => item !== '');
      if (items.length > 0) out[key] = items;
    } else if (typeof value === 'string') {
      if (value.trim() !== '') out[key] = value.trim();
    } else if (typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}

/** The values of one attribute as a list of texts: records by title, options by label, others as they are. */
export function attributeTexts(
  value: unknown,
  declaration: DeclaredAttribute | undefined,
  titles: Record<string, string>,
  locale: Locale,
  flag: (value: boolean) => string,
): string[] {
  const values: unknown[] = Array.isArray(value)
    ? value
    : value === null || value === undefined
      ? []
      : [value];
  return values.map((item) => {
    if (typeof item === 'boolean') return flag(item);
    if (declaration?.type === 'relation') return titles[String(item)] ?? String(item);
    if (declaration?.type === 'select') {
      const option = declaration.options?.find((candidate) => candidate.value === item);
      return option ? localize(option.label, locale) : String(item);
    }
    return String(item);
  });
}

/**
 * The server's problems with the attributes (`attributes.projects[1]`: "… is no record of project"), by
 * attribute key, so each shows under its control.
 */
export function attributeErrors(
  details: ReadonlyArray<{ path: string; message: string }>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { path, message } of details) {
    const match = /^attributes\.([A-Za-z][A-Za-z0-9_]*)/.exec(path);
    if (match) (out[match[1]!] ??= []).push(message);
  }
  return out;
}
