// The checks that come before JSON Schema: emptiness and `required` (mode-aware), computed fields sent as
// input, and unknown keys. It also builds the copy ajv sees, where empty optional values are left out, so
// "empty" means the same for every field type: null, '', whitespace-only text, or an empty list.
import { dateIn, type FieldDefinition, isEmptyValue, type Locale } from '@lowcode/app-model';
import { handlerFor } from '../fields/registry';
import { type FieldError, type FieldRef, fieldError, formatFieldPath, refLabel } from './field-error';

export type ValidationMode = 'create' | 'update';

export interface PreparedRecord {
  /** What the JSON Schema validates: known, non-computed, non-empty values. */
  forSchema: Record<string, unknown>;
  /** What a successful validation returns: known values, empties normalized to null. */
  value: Record<string, unknown>;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** What dynamic defaults resolve to for one write. */
export interface DefaultContext {
  now: Date;
  /** Where "today" is decided for a date field's `$now`. */
  timeZone: string;
  /** Who writes; `$me` is left empty for writes of the system. */
  actor: string | null;
}

/** A field's default for a new record: a copy of the value (defaults are shared), or the dynamic one resolved. */
function defaultOf(field: FieldDefinition, context: DefaultContext): unknown {
  const value = field.defaultValue;
  if (value === '$now')
    return field.type === 'date' ? dateIn(context.now, context.timeZone) : context.now.toISOString();
  if (value === '$me')
    return context.actor === null
      ? undefined
      : field.type === 'user' && field.multiple
        ? [context.actor]
        : context.actor;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * Prepares `input` for schema validation, appending errors. Sub-table rows are prepared recursively and
 * always as complete objects (mode `create`): a patch replaces a sub-table whole.
 */
export function prepareRecord(
  fields: readonly FieldDefinition[],
  input: Record<string, unknown>,
  mode: ValidationMode,
  locale: Locale,
  errors: FieldError[],
  defaults: DefaultContext,
  at: { path: Array<string | number>; row?: FieldRef['row'] } = { path: [] },
): PreparedRecord {
  const forSchema: Record<string, unknown> = {};
  const value: Record<string, unknown> = {};
  const known = new Set(fields.map((field) => field.key));

  for (const key of Object.keys(input)) {
    if (known.has(key) || input[key] === undefined) continue;
    // Unknown keys are reported here, never copied: assigning `__proto__` would change the copy's prototype.
    errors.push(fieldError(formatFieldPath([...at.path, key]), 'unknownField', locale, key, { field: key }));
  }

  for (const field of fields) {
    // Path and label are only needed for an error; most values have none (a bulk write checks thousands).
    const path = () => formatFieldPath([...at.path, field.key]);
    const label = () => refLabel(at.row ? { field, row: at.row } : { field }, locale);
    const present = hasOwn(input, field.key) && input[field.key] !== undefined;
    // A new record takes the field's default for what it leaves out (a copy: defaults are shared).
    const fallback =
      !present && mode === 'create' && field.defaultValue !== undefined
        ? defaultOf(field, defaults)
        : undefined;
    const defaulted = fallback !== undefined;
    const raw = present ? input[field.key] : fallback;

    if (handlerFor(field).computed) {
      if (present) errors.push(fieldError(path(), 'readOnly', locale, label()));
      continue;
    }
    if (!present && mode === 'update') continue;
    if (isEmptyValue(raw)) {
      if (field.required) errors.push(fieldError(path(), 'required', locale, label()));
      if (present || defaulted) value[field.key] = Array.isArray(raw) ? [] : null;
      continue;
    }
    if (field.type === 'subTable' && Array.isArray(raw)) {
      const rows: Array<{ forSchema: unknown; value: unknown }> = raw.map((row: unknown, index) =>
        isPlainObject(row)
          ? prepareRecord(field.fields, row, 'create', locale, errors, defaults, {
              path: [...at.path, field.key, index],
              row: { table: field, index },
            })
          : { forSchema: row, value: row },
      );
      forSchema[field.key] = rows.map((row) => row.forSchema);
      value[field.key] = rows.map((row) => row.value);
      continue;
    }
    forSchema[field.key] = raw;
    value[field.key] = raw;
  }
  return { forSchema, value };
}
