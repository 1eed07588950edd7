import type { EntityDefinition, Locale } from '@lowcode/app-model';
import {
  compileEntity,
  FormDefinitionError,
  inputValues,
  isComputedField,
  stableStringify,
  type FieldError,
  type ValidationMode,
} from '@lowcode/form-engine';

// Pure helpers between the form's state and the engine. The form never judges a value itself: every verdict
// comes from compileEntity(entity).validate, exactly as the server runs it, so both show the same words.

export type FormValues = Record<string, unknown>;

/**
 * Starting values of a new record: each field's defaultValue, nothing for the rest. The dynamic defaults are
 * shown resolved — `$now` as this moment (today for a date), `$me` as the signed-in person — so the form shows
 * what will be saved; the server resolves them again for writes that leave them out.
 */
export function initialValues(
  entity: EntityDefinition,
  context: { userId?: string; now?: Date } = {},
): FormValues {
  const now = context.now ?? new Date();
  const values: FormValues = {};
  for (const field of entity.fields) {
    if (field.defaultValue === undefined || isComputedField(field)) continue;
    if (field.defaultValue === '$now')
      values[field.key] = field.type === 'date' ? localDate(now) : now.toISOString();
    else if (field.defaultValue === '$me') {
      if (context.userId)
        values[field.key] = field.type === 'user' && field.multiple ? [context.userId] : context.userId;
    } else values[field.key] = field.defaultValue;
  }
  return values;
}

/** `YYYY-MM-DD` of the browser's own day. */
const localDate = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

export type FormCheck = { ok: true; value: FormValues } | { ok: false; errors: FieldError[] };

export interface CheckOptions {
  locale: Locale;
  mode: ValidationMode;
  /** The stored values on update, so status transitions and cross-field rules see the whole record. */
  current?: FormValues;
}

/** Runs the engine on the form's editable values. An unsafe definition becomes one record-level error. */
export function checkValues(entity: EntityDefinition, values: FormValues, options: CheckOptions): FormCheck {
  try {
    const result = compileEntity(entity).validate(inputValues(entity.fields, values), options);
    return result.ok ? { ok: true, value: result.value } : { ok: false, errors: result.errors };
  } catch (error) {
    const message =
      error instanceof FormDefinitionError
        ? error.render(options.locale)
        : error instanceof Error
          ? error.message
          : String(error);
    return { ok: false, errors: [{ path: '', code: 'invalidType', message }] };
  }
}

/** Whether two field values are the same: JSON-equal whatever the key order, absent as null. */
export const sameValue = (a: unknown, b: unknown): boolean =>
  stableStringify(a ?? null) === stableStringify(b ?? null);

/** Keys whose value differs from the stored record: the body of a PATCH. */
export function changedValues(original: FormValues, next: FormValues): FormValues {
  const patch: FormValues = {};
  for (const [key, value] of Object.entries(next)) {
    if (!sameValue(value, original[key])) patch[key] = value;
  }
  return patch;
}

/** The errors shown under one field: its own path and paths inside its value (`photos[0].size`). */
export function errorsAtField(errors: readonly { path: string; message: string }[], key: string): string[] {
  return errors
    .filter(
      (error) => error.path === key || error.path.startsWith(`${key}[`) || error.path.startsWith(`${key}.`),
    )
    .map((error) => error.message);
}

/** The field key a path belongs to: `lines[2].qty` → `lines`. */
export function fieldKeyOfPath(path: string): string {
  return /^[^.[]*/.exec(path)?.[0] ?? path;
}
