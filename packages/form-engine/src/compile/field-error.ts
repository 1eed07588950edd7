// The error shape every check produces, and the helpers that render it in the caller's locale.
import { type FieldDefinition, type Locale, type SubTableField } from '@lowcode/app-model';
import { type MessageCode, type MessageParams, renderMessage } from '../messages/catalog';
import { localize } from '../messages/localize';

export interface FieldError {
  /** The field key, `lines[2].qty` for a sub-table cell, `attachments[0].size` inside a value, or '' for the record. */
  path: string;
  /** A MessageCode; `crossField` (with `params.validation`) carries the validation's own message. */
  code: MessageCode;
  /** Plain words in the requested locale, naming the field by its label. */
  message: string;
  params?: MessageParams;
}

/** A field, and the sub-table row it sits in when it is a sub-table column. */
export interface FieldRef {
  field: FieldDefinition;
  row?: { table: SubTableField; index: number };
}

/** The field's label in `locale`; a sub-table cell reads "Qty in row 3 of Line items" / "明细第 3 行的数量". */
export function refLabel(ref: FieldRef, locale: Locale): string {
  const label = localize(ref.field.label, locale);
  if (!ref.row) return label;
  const table = localize(ref.row.table.label, locale);
  const rowNumber = ref.row.index + 1;
  return locale === 'en'
    ? `${label} in row ${rowNumber} of ${table}`
    : `${table}第 ${rowNumber} 行的${label}`;
}

export function fieldError(
  path: string,
  code: MessageCode,
  locale: Locale,
  label: string,
  params?: MessageParams,
  options?: string[],
): FieldError {
  const message = renderMessage(code, locale, params, options ? { label, options } : { label });
  return params ? { path, code, message, params } : { path, code, message };
}

/** `['lines', 2, 'qty']` → `lines[2].qty`. */
export function formatFieldPath(segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
