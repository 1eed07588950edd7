// The one ajv instance: draft-07, all errors (so a form shows every problem at once), the engine's formats
// (checked identifiers, http(s) URLs, ISO dates) and its `x-` keywords for rules JSON Schema cannot say.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  isEmail,
  isHttpUrl,
  isMainlandMobile,
  isResidentIdNumber,
  isUnifiedSocialCreditCode,
} from '../validators/identity-numbers';

/** True when a file (by MIME type or name) matches one `accept` entry: `image/*`, `application/pdf`, `.pdf`. */
export function fileMatchesAccept(
  file: { name?: unknown; mimeType?: unknown },
  accept: readonly string[],
): boolean {
  const mime = typeof file.mimeType === 'string' ? file.mimeType.toLowerCase() : '';
  const name = typeof file.name === 'string' ? file.name.toLowerCase() : '';
  return accept.some((entry) => {
    const wanted = entry.trim().toLowerCase();
    if (wanted.startsWith('.')) return name.endsWith(wanted);
    if (wanted.endsWith('/*')) return mime.startsWith(wanted.slice(0, -1));
    return mime === wanted;
  });
}

// Dates are ISO strings, so comparing their first 10 characters compares calendar days.
const day = (value: string): string => value.slice(0, 10);

export function createAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    messages: false,
    verbose: true,
  });
  addFormats(ajv, ['date', 'date-time', 'uuid']);
  ajv.addFormat('mobile-cn', { type: 'string', validate: isMainlandMobile });
  ajv.addFormat('resident-id-cn', { type: 'string', validate: (value) => isResidentIdNumber(value) });
  ajv.addFormat('credit-code-cn', { type: 'string', validate: isUnifiedSocialCreditCode });
  ajv.addFormat('email', { type: 'string', validate: isEmail });
  ajv.addFormat('http-url', { type: 'string', validate: isHttpUrl });
  ajv.addKeyword({
    keyword: 'x-decimals',
    type: 'number',
    schemaType: 'number',
    errors: false,
    validate: (places: number, value: number) => hasAtMostDecimals(value, places),
  });
  ajv.addKeyword({
    keyword: 'x-minDate',
    type: 'string',
    schemaType: 'string',
    errors: false,
    validate: (limit: string, value: string) => day(value) >= limit,
  });
  ajv.addKeyword({
    keyword: 'x-maxDate',
    type: 'string',
    schemaType: 'string',
    errors: false,
    validate: (limit: string, value: string) => day(value) <= limit,
  });
  ajv.addKeyword({
    keyword: 'x-dateRangeOrder',
    type: 'object',
    schemaType: 'boolean',
    errors: false,
    validate: (enabled: boolean, value: { start?: unknown; end?: unknown }) =>
      !enabled ||
      typeof value.start !== 'string' ||
      typeof value.end !== 'string' ||
      value.start <= value.end,
  });
  ajv.addKeyword({
    keyword: 'x-accept',
    type: 'object',
    schemaType: 'array',
    errors: false,
    validate: (accept: string[], value: { name?: unknown; mimeType?: unknown }) =>
      fileMatchesAccept(value, accept),
  });
  return ajv;
}

/** 0.1 + 0.2 has "2 decimals"; 12.345 has 3. Relative tolerance, so it holds for large amounts too. */
export function hasAtMostDecimals(value: number, places: number): boolean {
  const rounded = Number(value.toFixed(places));
  return Math.abs(value - rounded) <= Number.EPSILON * Math.max(1, Math.abs(value)) * 8;
}
