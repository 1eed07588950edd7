// Calendar-date arithmetic on `YYYY-MM-DD` strings for rules (through UTC, so it never meets a DST jump). The
// wall-clock reading of an instant in a zone is app-model's, shared with the other engines.
import { dateIn, formatDate } from '@lowcode/app-model';

export { dateIn, formatDate, instantOf, isTimeZone, wallTime, type WallTime } from '@lowcode/app-model';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or null when it is not a real date. */
export function dayNumber(date: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round(time / 86_400_000);
}

export function dateOfDayNumber(days: number): string {
  const date = new Date(days * 86_400_000);
  return formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function addDaysToDate(date: string, days: number): string | null {
  const start = dayNumber(date);
  return start === null ? null : dateOfDayNumber(start + days);
}

/**
 * The calendar date a value means in `timeZone`: a date stays as it is, an instant with an offset (or `Z`)
 * is converted, a date-time without offset is already wall time. Anything else is null.
 */
export function toDate(value: unknown, timeZone: string): string | null {
  if (typeof value !== 'string') return null;
  if (DATE.test(value)) return dayNumber(value) === null ? null : value;
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  if (!match[4]) return match[1] ?? null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : dateIn(instant, timeZone);
}

/** Weekday 0 (Sunday) … 6 of a `YYYY-MM-DD` day number. */
export const weekdayOf = (days: number): number => (((days + 4) % 7) + 7) % 7;
