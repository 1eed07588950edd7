import { type DefaultPeriod, wallTime } from '@lowcode/app-model';

const day = (date: Date) => date.toISOString().slice(0, 10);
const utc = (year: number, month: number, date: number) => new Date(Date.UTC(year, month, date));

/**
 * The dates (`from`–`to`, inclusive, YYYY-MM-DD) a report's `defaultPeriod` covers at `now`, read as a
 * calendar day in `timeZone`: at 01:00 on the 1st in Shanghai, "this month" is already the new month.
 */
export function defaultPeriodRange(
  period: DefaultPeriod,
  now: Date,
  timeZone: string,
): { from: string; to: string } {
  const { year, month, day: date } = wallTime(now, timeZone);
  const today = utc(year, month - 1, date);
  switch (period) {
    case 'today':
      return { from: day(today), to: day(today) };
    case 'thisWeek': {
      // ISO weeks: Monday to Sunday. Date.UTC carries day numbers past a month's end into the next.
      const monday = date - ((today.getUTCDay() + 6) % 7);
      return { from: day(utc(year, month - 1, monday)), to: day(utc(year, month - 1, monday + 6)) };
    }
    case 'thisMonth':
      return { from: day(utc(year, month - 1, 1)), to: day(utc(year, month, 0)) };
    case 'last30Days':
      return { from: day(utc(year, month - 1, date - 29)), to: day(today) };
    case 'last12Months':
      // The current month and the eleven before it, up to today: a monthly trend without future months.
      return { from: day(utc(year, month - 12, 1)), to: day(today) };
    case 'thisQuarter': {
      const first = Math.floor((month - 1) / 3) * 3;
      return { from: day(utc(year, first, 1)), to: day(utc(year, first + 3, 0)) };
    }
    case 'thisYear':
      return { from: day(utc(year, 0, 1)), to: day(utc(year, 11, 31)) };
  }
}
