import { instantOf } from '@lowcode/app-model';

// Calendar days as spans of instants in a time zone: a day picked for a date-time (a filter, a chart's
// period) means its whole day where the user is, not midnight UTC.

/** A calendar day as written in filters and links: `YYYY-MM-DD`. */
export const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The zone the browser reads wall-clock time in. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The first instant of `day` (`YYYY-MM-DD`), or of the day `offsetDays` after it, in `timeZone`: its midnight
 * there — 01:00 in a zone that skips midnight (a DST change at 00:00).
 */
export function dayStartInstant(day: string, timeZone: string, offsetDays = 0): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, date + offsetDays));
  const wall = {
    year: next.getUTCFullYear(),
    month: next.getUTCMonth() + 1,
    day: next.getUTCDate(),
    hour: 0,
    minute: 0,
    second: 0,
  };
  return instantOf(wall, timeZone) ?? instantOf({ ...wall, hour: 1 }, timeZone)!;
}
