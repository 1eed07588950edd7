// Date-relative triggers ("7 days before bill.dueDate", "on tenant.birthday at 09:00") run once a day at
// `at`. Instead of scanning every record, each run turns into ONE window of field values that are due, which
// the server selects with one query per rule and run.
import { type RuleTrigger } from '@lowcode/app-model';
import { dateIn, dateOfDayNumber, dayNumber, instantOf } from './zoned';

export type DateRelativeTrigger = Extract<RuleTrigger, { type: 'dateRelative' }>;

export type DateRelativeWindow =
  /** Records whose `field` (as a date in the time zone) lies in [from, to], both inclusive. */
  | { kind: 'range'; entity: string; field: string; from: string; to: string; runDates: string[] }
  /** Yearly fields: records whose `field` has one of these `MM-DD` (Feb 29 falls on Feb 28 in other years). */
  | { kind: 'monthDay'; entity: string; field: string; monthDays: string[]; runDates: string[] };

/** Fields that repeat every year by month and day, until the format says so itself. */
export const defaultIsYearlyField = (_entity: string, field: string): boolean =>
  /(birthday|birthdate|dateofbirth|anniversary)$/i.test(field);

/** At most this many missed days are caught up in one window. */
export const MAX_CATCH_UP_DAYS = 31;

/** The day number of the latest run at or before `instant` (runs are daily at `at`). */
function latestRunDay(instant: Date, at: string | undefined, timeZone: string): number {
  const today = dayNumber(dateIn(instant, timeZone)) ?? 0;
  const [hour = 0, minute = 0] = (at ?? '00:00').split(':').map(Number);
  const [year, month, day] = dateOfDayNumber(today).split('-').map(Number) as [number, number, number];
  const due = instantOf({ year, month, day, hour, minute, second: 0 }, timeZone);
  return due && due <= instant ? today : today - 1;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The field values due at `now`: those of today's run (or yesterday's, before `at`), plus every run missed
 * since `since` (the previous run's instant), at most MAX_CATCH_UP_DAYS. Null when no run is due.
 */
export function dateRelativeWindow(
  trigger: DateRelativeTrigger,
  now: Date,
  timeZone: string,
  options: { since?: Date; yearly?: boolean } = {},
): DateRelativeWindow | null {
  const latest = latestRunDay(now, trigger.at, timeZone);
  let first = options.since ? latestRunDay(options.since, trigger.at, timeZone) + 1 : latest;
  if (first > latest) return null;
  first = Math.max(first, latest - MAX_CATCH_UP_DAYS + 1);
  const runDates: string[] = [];
  for (let day = first; day <= latest; day += 1) runDates.push(dateOfDayNumber(day));
  const base = { entity: trigger.entity, field: trigger.field, runDates };
  const yearly = options.yearly ?? defaultIsYearlyField(trigger.entity, trigger.field);
  if (!yearly) {
    return {
      kind: 'range',
      ...base,
      from: dateOfDayNumber(first - trigger.offsetDays),
      to: dateOfDayNumber(latest - trigger.offsetDays),
    };
  }
  const monthDays = new Set<string>();
  for (let day = first; day <= latest; day += 1) {
    const target = dateOfDayNumber(day - trigger.offsetDays);
    monthDays.add(target.slice(5));
    if (target.endsWith('-02-28') && !isLeapYear(Number(target.slice(0, 4)))) monthDays.add('02-29');
  }
  return { kind: 'monthDay', ...base, monthDays: [...monthDays] };
}
