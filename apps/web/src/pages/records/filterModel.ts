import type { EntityDefinition, FieldDefinition } from '@lowcode/app-model';
import { DAY, dayStartInstant } from '../../utils/zonedDays';

// The filter bar's rows as data, and the JSON-logic filter the records API takes
// (`GET …/records?filter=<json>`). Pure, so what a user builds is what the tests check.

export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'contains',
  'startsWith',
  'between',
  'empty',
  'notEmpty',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** `field` is a field key or one of the record's own timestamps. */
export interface FilterRow {
  id: number;
  field: string;
  operator: FilterOperator;
  /** One value; a list for `in`; `[from, to]` for `between`; unused for `empty` / `notEmpty`. */
  value?: unknown;
}

export type Conjunction = 'and' | 'or';

export const SYSTEM_FILTER_FIELDS = ['createdAt', 'updatedAt'] as const;

const TEXT_TYPES = new Set([
  'text',
  'longText',
  'richText',
  'phone',
  'email',
  'url',
  'idCard',
  'creditCode',
  'autoNumber',
]);
const ORDERED_TYPES = new Set([
  'number',
  'money',
  'percent',
  'rating',
  'date',
  'datetime',
  'createdAt',
  'updatedAt',
  'rollup',
]);
const CHOICE_TYPES = new Set(['select', 'status', 'multiSelect', 'relation', 'user', 'department']);
/** Stored as JSON documents: the server cannot compare them, only tell empty from not. */
const DOCUMENT_TYPES = new Set([
  'attachment',
  'image',
  'signature',
  'location',
  'subTable',
  'dateRange',
  'lookup',
]);

/** The operators that make sense for a field type (the server would refuse the others). */
export function operatorsFor(type: FieldDefinition['type']): FilterOperator[] {
  if (TEXT_TYPES.has(type)) return ['contains', 'startsWith', 'eq', 'ne', 'empty', 'notEmpty'];
  if (ORDERED_TYPES.has(type)) return ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'empty', 'notEmpty'];
  if (CHOICE_TYPES.has(type)) return ['eq', 'ne', 'in', 'empty', 'notEmpty'];
  if (type === 'checkbox') return ['eq'];
  if (DOCUMENT_TYPES.has(type)) return ['empty', 'notEmpty'];
  return ['eq', 'ne', 'empty', 'notEmpty'];
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** A row without the values its operator needs is left out rather than sent half-built. */
export function isCompleteRow(row: FilterRow): boolean {
  if (!row.field) return false;
  switch (row.operator) {
    case 'empty':
    case 'notEmpty':
      return true;
    case 'in':
      return Array.isArray(row.value) && row.value.length > 0;
    case 'between':
      return Array.isArray(row.value) && row.value.length === 2 && !row.value.some(isBlank);
    default:
      return !isBlank(row.value);
  }
}

const BINARY: Partial<Record<FilterOperator, string>> = {
  eq: '==',
  ne: '!=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  contains: 'contains',
  startsWith: 'startsWith',
};

/** How rows on instants read a picked day. */
export interface FilterOptions {
  /**
   * Whether a field holds instants (a date-time, the record's timestamps): a day picked for it means that
   * whole day in `timeZone` — on 2026-03-01 is from its midnight there until the next day's — not midnight
   * UTC, which is what the records API would make of `2026-03-01` alone.
   */
  isInstant?(field: string): boolean;
  /** The user's zone (the browser's). */
  timeZone?: string;
}

const INSTANT_TYPES = new Set(['datetime', 'createdAt', 'updatedAt']);

/** Whether a filter field of `entity` holds instants: its date-time fields and the record's timestamps. */
export const instantFieldsOf =
  (entity: EntityDefinition) =>
  (key: string): boolean =>
    (SYSTEM_FILTER_FIELDS as readonly string[]).includes(key) ||
    INSTANT_TYPES.has(entity.fields.find((field) => field.key === key)?.type ?? '');

const isDay = (value: unknown): value is string => typeof value === 'string' && DAY.test(value);

/**
 * A row comparing instants with a day, as comparisons with the day's span [its start, the next day's start)
 * in `timeZone`; undefined when the row names no day (an instant from a dashboard's link stays as it is).
 */
function dayRowToLogic(row: FilterRow, timeZone: string): Record<string, unknown> | undefined {
  const field = { var: row.field };
  const start = (day: string) => dayStartInstant(day, timeZone).toISOString();
  const end = (day: string) => dayStartInstant(day, timeZone, 1).toISOString();
  const value = row.value;
  if (row.operator === 'between') {
    const [from, to] = value as [unknown, unknown];
    if (!isDay(from) && !isDay(to)) return undefined;
    return {
      and: [
        isDay(from) ? { '>=': [field, start(from)] } : { '>=': [field, from] },
        isDay(to) ? { '<': [field, end(to)] } : { '<=': [field, to] },
      ],
    };
  }
  if (!isDay(value)) return undefined;
  switch (row.operator) {
    case 'eq':
      return { and: [{ '>=': [field, start(value)] }, { '<': [field, end(value)] }] };
    case 'ne':
      // As `!=` does, an empty value is not on that day either.
      return { or: [{ '<': [field, start(value)] }, { '>=': [field, end(value)] }, { empty: [field] }] };
    case 'lt':
      return { '<': [field, start(value)] };
    case 'lte':
      return { '<': [field, end(value)] };
    case 'gt':
      return { '>=': [field, end(value)] };
    case 'gte':
      return { '>=': [field, start(value)] };
    default:
      return undefined;
  }
}

export function rowToLogic(row: FilterRow, options: FilterOptions = {}): Record<string, unknown> {
  const zoned =
    options.timeZone && options.isInstant?.(row.field) ? dayRowToLogic(row, options.timeZone) : undefined;
  if (zoned) return zoned;
  const field = { var: row.field };
  switch (row.operator) {
    case 'empty':
      return { empty: [field] };
    case 'notEmpty':
      return { '!': { empty: [field] } };
    case 'in':
      return { in: [field, row.value] };
    case 'between': {
      const [from, to] = row.value as [unknown, unknown];
      return { between: [field, from, to] };
    }
    default:
      return { [BINARY[row.operator] as string]: [field, row.value] };
  }
}

/** The filter JSON for the API, or undefined when no row is complete (no `filter` parameter then). */
export function buildFilter(
  rows: readonly FilterRow[],
  conjunction: Conjunction,
  options: FilterOptions = {},
): unknown {
  const parts = rows.filter(isCompleteRow).map((row) => rowToLogic(row, options));
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return { [conjunction]: parts };
}

/**
 * Filter rows from a link's `?where=[{field, operator, value}]` (a dashboard's click-through): rows with an
 * unknown operator or no field are dropped, so a hand-edited link cannot break the page.
 */
export function rowsFromWhere(text: string | null): FilterRow[] {
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: unknown, index) => {
    if (!entry || typeof entry !== 'object') return [];
    const { field, operator, value } = entry as { field?: unknown; operator?: unknown; value?: unknown };
    if (typeof field !== 'string' || !field || !(FILTER_OPERATORS as readonly unknown[]).includes(operator))
      return [];
    return [
      {
        id: index + 1,
        field,
        operator: operator as FilterOperator,
        ...(value !== undefined ? { value } : {}),
      },
    ];
  });
}
