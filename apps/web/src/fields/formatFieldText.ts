import {
  optionLabel,
  singleValueOptions,
  type FieldDefinition,
  type Locale,
  type SelectOption,
} from '@lowcode/app-model';

// One plain-text rendering of any field value: table cells on phones, history entries, relation titles and
// the column filter all read values the same way. Rich cells (tags, stars, thumbnails) are in FieldValue.tsx.

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The option's label, or the code itself when no option has it (a value an app change retired). */
const labelOf = (options: readonly SelectOption[], value: unknown, locale: Locale): string =>
  optionLabel(options, value, locale) ?? String(value);

export function formatNumber(value: number, locale: Locale, decimals?: number): string {
  return new Intl.NumberFormat(
    locale,
    decimals === undefined ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals },
  ).format(value);
}

export function formatMoney(value: number, locale: Locale, currency = 'CNY', precision = 2): string {
  const amount = formatNumber(value, locale, precision);
  return currency === 'CNY' ? `¥${amount}` : `${currency} ${amount}`;
}

function formatDateTimeText(value: string, locale: Locale): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? value
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** `display` is the server's title text for relation/user/department targets. */
export function formatFieldText(
  field: FieldDefinition,
  value: unknown,
  locale: Locale,
  display?: string | string[],
): string {
  if (display !== undefined) return Array.isArray(display) ? display.join(', ') : display;
  if (value === null || value === undefined || value === '') return '';
  const options = singleValueOptions(field);
  if (options) return labelOf(options, value, locale);
  switch (field.type) {
    case 'money':
      return typeof value === 'number'
        ? formatMoney(value, locale, field.currency, field.precision)
        : String(value);
    case 'percent':
      return typeof value === 'number' ? `${formatNumber(value, locale)}%` : String(value);
    case 'number':
      return typeof value === 'number'
        ? `${formatNumber(value, locale)}${field.unit ? ` ${field.unit}` : ''}`
        : String(value);
    case 'formula':
      if (field.resultType === 'money' && typeof value === 'number') return formatMoney(value, locale);
      return typeof value === 'number' ? formatNumber(value, locale) : String(value);
    case 'rollup':
      return typeof value === 'number' ? formatNumber(value, locale) : String(value);
    case 'datetime':
    case 'createdAt':
    case 'updatedAt':
      return typeof value === 'string' ? formatDateTimeText(value, locale) : String(value);
    case 'dateRange':
      return isObject(value) ? `${String(value.start)} ~ ${String(value.end)}` : String(value);
    case 'multiSelect':
      return Array.isArray(value)
        ? value.map((v) => labelOf(field.options, v, locale)).join(', ')
        : String(value);
    case 'checkbox':
      return value === true ? '✓' : '✗';
    case 'rating':
      return typeof value === 'number' ? '★'.repeat(value) : String(value);
    case 'attachment':
    case 'image':
      return Array.isArray(value)
        ? value.map((file) => (isObject(file) ? String(file.name) : String(file))).join(', ')
        : '';
    case 'signature':
      return isObject(value) ? String(value.name) : '';
    case 'location':
      return isObject(value) ? String(value.address ?? '') : String(value);
    case 'subTable':
      return Array.isArray(value) ? `${value.length}` : '';
    default:
      return Array.isArray(value)
        ? value.join(', ')
        : isObject(value)
          ? JSON.stringify(value)
          : String(value);
  }
}
