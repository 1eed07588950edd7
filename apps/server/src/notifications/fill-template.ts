import {
  type EntityDefinition,
  type FieldDefinition,
  type Locale,
  type LocalizedText,
  formatDate,
  lookupTarget,
  optionLabel,
  type SelectOption,
  singleValueOptions,
  wallTime,
} from '@lowcode/app-model';
import { WORKSPACE_TIME_ZONE } from '../records/record-writer';

/** What a template's record values read as, besides the values themselves. */
export interface FillOptions {
  /**
   * The record's `display`: a relation, user or department field reads as what it names (房间 1-1203, 张三),
   * not as its id.
   */
  titles?: Record<string, string | string[]>;
  /**
   * The record's entity and the app's entities: a select reads as its option's label in the text's language,
   * money as an amount (¥1,280.00), a date-time as the workspace's wall time, a lookup as the field it shows.
   */
  entity?: EntityDefinition;
  entities?: readonly EntityDefinition[];
}

/**
 * Fills `{{record.field}}` placeholders with the record's values (own properties only, so a placeholder
 * cannot reach a prototype), as a person reads them (see FillOptions); an unknown placeholder becomes empty.
 */
export function fillTemplate(
  template: LocalizedText,
  data: Record<string, unknown>,
  options: FillOptions = {},
): LocalizedText {
  const { titles = {}, entity, entities = [] } = options;
  const fill = (text: string, locale: Locale) =>
    text.replace(/\{\{\s*([a-zA-Z_][\w.]*)\s*\}\}/g, (_match, path: string) => {
      const key = /^record\.([^.]+)$/.exec(path)?.[1];
      const title = key !== undefined && Object.hasOwn(titles, key) ? titles[key] : undefined;
      if (title !== undefined) return Array.isArray(title) ? title.join('、') : title;
      let value: unknown = data;
      for (const segment of path.split('.')) {
        value =
          value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, segment)
            ? (value as Record<string, unknown>)[segment]
            : undefined;
      }
      const field = key !== undefined ? entity?.fields.find((candidate) => candidate.key === key) : undefined;
      if (!field || !entity) return plainText(value);
      const looked = lookupTarget(entities, entity, field);
      if (!looked) return valueText(field, value, locale);
      const values = looked.multiple && Array.isArray(value) ? value : [value];
      return values
        .map((each) => valueText(looked.field, each, locale))
        .filter(Boolean)
        .join('、');
    });
  return Object.fromEntries(
    Object.entries(template).map(([locale, text]) => [locale, fill(text ?? '', locale as Locale)]),
  ) as LocalizedText;
}

const plainText = (value: unknown): string =>
  value === undefined || value === null || typeof value === 'object' ? '' : String(value);

/** A value of `field` as a person reads it in `locale`. */
function valueText(field: FieldDefinition, value: unknown, locale: Locale): string {
  if (value === undefined || value === null || value === '') return '';
  const options = singleValueOptions(field);
  if (options) return optionText(options, value, locale);
  switch (field.type) {
    case 'multiSelect':
      return Array.isArray(value)
        ? value.map((code) => optionText(field.options, code, locale)).join('、')
        : plainText(value);
    case 'money':
      return typeof value === 'number'
        ? money(value, locale, field.currency, field.precision)
        : plainText(value);
    case 'formula':
      return field.resultType === 'money' && typeof value === 'number'
        ? money(value, locale)
        : plainText(value);
    case 'datetime':
    case 'createdAt':
    case 'updatedAt':
      return typeof value === 'string' ? dateTimeText(value) : plainText(value);
    case 'checkbox':
      return value === true ? (locale === 'en' ? 'yes' : '是') : locale === 'en' ? 'no' : '否';
    default:
      return Array.isArray(value) ? value.map(plainText).filter(Boolean).join('、') : plainText(value);
  }
}

/** An option's label in `locale`; a code no option has, as it is. */
const optionText = (options: readonly SelectOption[], code: unknown, locale: Locale): string =>
  optionLabel(options, code, locale) ?? plainText(code);

function money(value: number, locale: Locale, currency = 'CNY', precision = 2): string {
  const amount = new Intl.NumberFormat(locale, {
    minimumFractionDigits: precision,
    maximumFractionDigits: precision,
  }).format(value);
  return currency === 'CNY' ? `¥${amount}` : `${currency} ${amount}`;
}

/** An instant as the workspace's wall time, to the minute: 2026-03-01 09:30. */
function dateTimeText(value: string): string {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const wall = wallTime(instant, WORKSPACE_TIME_ZONE);
  const pad = (part: number) => String(part).padStart(2, '0');
  return `${formatDate(wall.year, wall.month, wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}
