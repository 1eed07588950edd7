// ISO-8601 durations (`P3D`, `PT24H`, `P1M`) added to an instant on the wall clock of a time zone, so a
// "due in 1 day" task is due at the same wall time tomorrow.
import { instantOf, wallTime } from './zoned';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function isDuration(value: unknown): value is string {
  return typeof value === 'string' && value !== 'P' && !value.endsWith('T') && DURATION.test(value);
}

export function addDuration(instant: Date, duration: string, timeZone: string): Date | null {
  const match = DURATION.exec(duration);
  if (!match) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const wall = wallTime(instant, timeZone);
  const date = new Date(Date.UTC(wall.year + (years ?? 0), wall.month - 1 + (months ?? 0), 1));
  // A month later than Jan 31 is the last day of February, not March 3.
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(wall.day, lastDay) + (weeks ?? 0) * 7 + (days ?? 0));
  const shifted = instantOf(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: wall.hour,
      minute: wall.minute,
      second: wall.second,
    },
    timeZone,
  );
  const base =
    shifted ?? new Date(instant.getTime() + (date.getTime() - Date.UTC(wall.year, wall.month - 1, wall.day)));
  return new Date(
    base.getTime() +
      (((hours ?? 0) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0)) * 1000 +
      instant.getUTCMilliseconds(),
  );
}
