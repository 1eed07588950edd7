// Turns ajv's errors into FieldErrors with codes and plain-language messages. The code depends on the
// keyword and on the field type (maxItems is "too many rows" for a sub-table, "too many files" for an
// attachment), so each error is first traced back to the field it belongs to.
import { type FieldDefinition, type Locale } from '@lowcode/app-model';
import { type ErrorObject } from 'ajv';
import { optionLabels } from '../fields/date-and-choice-handlers';
import { type MessageCode, type MessageParams } from '../messages/catalog';
import { creditCodeProblem, residentIdProblem } from '../validators/identity-numbers';
import { type FieldError, type FieldRef, fieldError, formatFieldPath, refLabel } from './field-error';

interface Located {
  ref: FieldRef;
  /** Path segments inside the field's value, e.g. `['0', 'size']` for attachments[0].size. */
  inner: string[];
}

/** Finds the field an instance path points into, descending through sub-table rows. */
function locate(fields: readonly FieldDefinition[], segments: string[]): Located | undefined {
  const top = fields.find((field) => field.key === segments[0]);
  if (!top) return undefined;
  let ref: FieldRef = { field: top };
  let rest = segments.slice(1);
  if (top.type === 'subTable' && rest.length >= 2) {
    const column = top.fields.find((field) => field.key === rest[1]);
    if (column) {
      ref = { field: column, row: { table: top, index: Number(rest[0]) } };
      rest = rest.slice(2);
    }
  }
  return { ref, inner: rest };
}

const decodePointer = (pointer: string): string[] =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));

type Mapped = { code: MessageCode; params?: MessageParams; options?: boolean } | undefined;

const FORMAT_CODES: Record<string, MessageCode> = {
  'mobile-cn': 'mobile',
  email: 'email',
  'http-url': 'url',
  date: 'invalidDate',
  'date-time': 'invalidDatetime',
  uuid: 'uuid',
};

function formatCode(format: string, value: unknown): MessageCode {
  const text = typeof value === 'string' ? value : '';
  if (format === 'resident-id-cn') {
    const problem = residentIdProblem(text);
    return problem === 'birthDate'
      ? 'idCardBirthDate'
      : problem === 'checkDigit'
        ? 'idCardCheckDigit'
        : 'idCardFormat';
  }
  if (format === 'credit-code-cn') {
    return creditCodeProblem(text) === 'checkDigit' ? 'creditCodeCheckDigit' : 'creditCodeFormat';
  }
  return FORMAT_CODES[format] ?? 'invalidValue';
}

function itemCountCode(field: FieldDefinition, keyword: string, limit: unknown): Mapped {
  const min = keyword === 'minItems';
  if (field.type === 'subTable') return { code: min ? 'minRows' : 'maxRows', params: { limit } };
  if (!min && field.type === 'multiSelect') return { code: 'maxSelected', params: { limit } };
  if (!min && (field.type === 'attachment' || field.type === 'image'))
    return { code: 'maxFiles', params: { limit } };
  return { code: 'invalidValue' };
}

function mapError(error: ErrorObject, located: Located): Mapped {
  const { field } = located.ref;
  const params = error.params as Record<string, unknown>;
  const schema = error.schema as unknown;
  const isFileSize = located.inner[located.inner.length - 1] === 'size' && error.keyword === 'maximum';
  switch (error.keyword) {
    case 'type':
      return { code: 'invalidType', params: { expected: String(params.type) } };
    case 'format':
      return { code: formatCode(String(params.format), error.data) };
    case 'minLength':
    case 'maxLength':
      return { code: error.keyword, params: { limit: params.limit } };
    case 'pattern':
      return { code: 'pattern' };
    case 'minimum':
    case 'maximum':
      if (isFileSize)
        return { code: 'fileTooLarge', params: { limitMb: Number(params.limit) / 1024 / 1024 } };
      if (located.inner.length > 0) return { code: 'invalidValue' };
      return { code: error.keyword === 'minimum' ? 'min' : 'max', params: { limit: params.limit } };
    case 'x-decimals':
      return { code: 'precision', params: { digits: Number(schema) } };
    case 'enum':
      return { code: 'invalidOption', params: { allowed: params.allowedValues }, options: true };
    case 'uniqueItems':
      return { code: 'duplicateItems' };
    case 'minItems':
    case 'maxItems':
      return itemCountCode(field, error.keyword, params.limit);
    case 'x-minDate':
      return { code: 'minDate', params: { limit: schema } };
    case 'x-maxDate':
      return { code: 'maxDate', params: { limit: schema } };
    case 'x-dateRangeOrder':
      return { code: 'dateRangeOrder' };
    case 'x-accept':
      return { code: 'fileType', params: { accept: Array.isArray(schema) ? schema.join(', ') : '' } };
    default:
      return { code: 'invalidValue' };
  }
}

/** Maps ajv errors to FieldErrors, dropping the `required` ones prepareRecord already reported (or waived). */
export function schemaErrorsToFieldErrors(
  errors: readonly ErrorObject[],
  fields: readonly FieldDefinition[],
  locale: Locale,
): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const segments = decodePointer(error.instancePath);
    if (error.keyword === 'required' && isRecordOrRow(segments, fields)) continue;
    if (error.keyword === 'additionalProperties') {
      const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty);
      segments.push(extra);
    }
    const located = locate(fields, segments);
    if (!located) continue; // unknown top-level keys are reported by prepareRecord
    const mapped = mapError(error, located) ?? { code: 'invalidValue' as const };
    const choices = 'options' in located.ref.field ? located.ref.field.options : undefined;
    const options = mapped.options && choices ? optionLabels(choices, locale) : undefined;
    const path = formatFieldPath(segments);
    const label = refLabel(located.ref, locale);
    out.push(fieldError(path, mapped.code, locale, label, mapped.params, options));
  }
  return dedupe(out);
}

function isRecordOrRow(segments: string[], fields: readonly FieldDefinition[]): boolean {
  if (segments.length === 0) return true;
  const table = fields.find((field) => field.key === segments[0]);
  return segments.length === 2 && table?.type === 'subTable';
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.path}\u0000${error.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
