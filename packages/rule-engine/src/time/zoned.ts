// Wall-clock arithmetic in an IANA time zone with Intl only (no Node built-ins, no date library). Calendar
// dates are `YYYY-MM-DD` strings; arithmetic on them goes through UTC so it never meets a DST jump.

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time of `instant` in `timeZone`. */
export function wallTime(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const wallAsUtc = (wall: WallTime): number =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

/** The instant a wall-clock time happens in `timeZone`; null when it does not exist (a DST gap). */
export function instantOf(wall: WallTime, timeZone: string): Date | null {
  const target = wallAsUtc(wall);
  let guess = target;
  for (let i = 0; i < 2; i += 1) {
    const offset = wallAsUtc(wallTime(new Date(guess), timeZone)) - guess;
    guess = target - offset;
  }
  return wallAsUtc(wallTime(new Date(guess), timeZone)) === target ? new Date(guess) : null;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The calendar date of `instant` in `timeZone`. */
export function dateIn(instant: Date, timeZone: string): string {
  const wall = wallTime(instant, timeZone);
  return formatDate(wall.year, wall.month, wall.day);
}

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
