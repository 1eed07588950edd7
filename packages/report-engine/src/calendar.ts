// Calendar arithmetic in a time zone, on the app model's zoned time (ECMAScript Intl only).
import { dateIn, type DateBucket, wallTime } from '@lowcode/app-model';

/** The wall-clock time in `zone` at instant `ms`, as if it were UTC (milliseconds dropped). */
function wallClock(ms: number, zone: string): number {
  const wall = wallTime(new Date(ms), zone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The local calendar day (YYYY-MM-DD) of an instant in `zone`. */
export function localDate(ms: number, zone: string): string {
  return dateIn(new Date(ms), zone);
}

/** The instant a local day starts in `zone`. */
export function startOfLocalDay(date: string, zone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`);
  const guess = wall - (wallClock(wall, zone) - wall);
  return wall - (wallClock(guess, zone) - guess);
}

/** The first day of the bucket a day falls in; weeks start on Monday (ISO, as PostgreSQL's date_trunc). */
export function truncateDate(date: string, bucket: DateBucket): string {
  const [year, month] = [date.slice(0, 4), Number(date.slice(5, 7))];
  switch (bucket) {
    case 'day':
      return date;
    case 'week': {
      const ms = Date.parse(`${date}T00:00:00Z`);
      const weekday = (new Date(ms).getUTCDay() + 6) % 7;
      return new Date(ms - weekday * 86_400_000).toISOString().slice(0, 10);
    }
    case 'month':
      return `${date.slice(0, 7)}-01`;
    case 'quarter':
      return `${year}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    case 'year':
      return `${year}-01-01`;
  }
}
