import { isTimeZone } from '@lowcode/app-model';
import { type ColumnType } from './types';
import { fail } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
const MAX_TEXT = 1000;

export const scalarType = (type: ColumnType) => type.replace('[]', '') as ColumnType;
export const isListType = (type: ColumnType) => type.endsWith('[]');
export const isDateOnly = (value: unknown): value is string =>
  typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value));

/**
 * Checks a user value against a column type, so a bad value is refused with its path before it reaches
 * the database. A timestamp column also takes a date alone (read as that day's start in the report's zone).
 */
export function checkValue(type: ColumnType, raw: unknown, path: string): string | number | boolean {
  switch (scalarType(type)) {
    case 'numeric':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) fail('invalidValue', path, 'must be a number');
      return raw as number;
    case 'boolean':
      if (typeof raw !== 'boolean') fail('invalidValue', path, 'must be true or false');
      return raw as boolean;
    case 'date':
      if (!isDateOnly(raw)) fail('invalidValue', path, 'must be a date written YYYY-MM-DD');
      return raw as string;
    case 'timestamptz':
      if (
        typeof raw !== 'string' ||
        !(isDateOnly(raw) || DATETIME.test(raw)) ||
        Number.isNaN(Date.parse(raw))
      )
        fail('invalidValue', path, 'must be a date YYYY-MM-DD or an ISO date-time with a zone');
      return raw as string;
    case 'uuid':
      if (typeof raw !== 'string' || !UUID.test(raw))
        fail('invalidValue', path, 'must be a record id (UUID)');
      return raw as string;
    case 'text':
      if (typeof raw !== 'string' || raw.length > MAX_TEXT)
        fail('invalidValue', path, `must be a text of at most ${MAX_TEXT} characters`);
      return raw as string;
    default:
      return fail('invalidValue', path, `fields of type ${type} cannot be compared with a value`);
  }
}

/** Whether a time zone name is one the runtime (and so PostgreSQL's tz database) knows. */
export function checkTimeZone(zone: string, path: string): string {
  if (!isTimeZone(zone)) fail('invalidOption', path, `"${zone}" is not a time zone such as Asia/Shanghai`);
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone))
    fail('invalidOption', path, 'must be an IANA time zone name');
  return zone;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The same day a year earlier; 29 February becomes 28 February. */
export function previousYear(date: string): string {
  const year = Number(date.slice(0, 4)) - 1;
  const monthDay = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/** The period a KPI compares against: the same number of days just before, or the same days a year ago. */
export function comparisonPeriod(
  period: { from: string; to: string },
  compare: 'previousPeriod' | 'previousYear',
): { from: string; to: string } {
  if (compare === 'previousYear') return { from: previousYear(period.from), to: previousYear(period.to) };
  const length = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

export function checkPeriod(period: unknown, path: string): { from: string; to: string } {
  const value = period as { from?: unknown; to?: unknown } | null;
  if (!value || typeof value !== 'object' || !isDateOnly(value.from) || !isDateOnly(value.to))
    return fail('invalidOption', path, 'must be { from, to } with dates written YYYY-MM-DD');
  if (value.from > value.to) fail('invalidOption', path, 'must not end before it starts');
  return { from: value.from, to: value.to };
}
