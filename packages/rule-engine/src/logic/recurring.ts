// Recurring charges for rules that generate records (bills from a lease, instalments of a plan): calendar
// months, the periods of a term, and a rate that steps up on anniversaries. Pure functions over `YYYY-MM-DD`
// dates; the operations in operations.ts adapt them to JSON-logic.
import { dayNumber, formatDate } from '../time/zoned';

/** Most periods one term may produce: a 50-year lease paid monthly. */
export const MAX_PERIODS = 600;

/** `date` plus `months` calendar months; a day past the target month's end becomes its last day (01-31 + 1 → 02-28). */
export function addMonthsToDate(date: string, months: number): string | null {
  if (dayNumber(date) === null || !Number.isInteger(months)) return null;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return formatDate(targetYear, targetMonth, Math.min(day, lastDay));
}

export interface Period {
  index: number;
  /** First and last day, both inclusive. */
  start: string;
  end: string;
  days: number;
  /** Whole months, plus the remaining days as a share of their month: 3 for a full quarter, 1.5 for 45 days from 03-01. */
  months: number;
  /** Share of a full period: 1 except for a last period cut short by the end of the term. */
  fraction: number;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
const daysInMonthOf = (date: string) => {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
};

/** Calendar months between `from` and the day before `to`, counted as in `Period.months`. */
function monthsBetween(from: string, toExclusive: string): number {
  let months = 0;
  let cursor = from;
  for (;;) {
    const next = addMonthsToDate(cursor, 1)!;
    if (dayNumber(next)! > dayNumber(toExclusive)!) break;
    months += 1;
    cursor = next;
  }
  const rest = dayNumber(toExclusive)! - dayNumber(cursor)!;
  return round6(months + rest / daysInMonthOf(cursor));
}

/**
 * The periods of a term from `start` to `end` (inclusive), each `stepMonths` long from the start; the last
 * one ends with the term. Null for dates that are not dates, a non-positive step, or an end before the start.
 */
export function periodsOf(start: string, end: string, stepMonths: number): Period[] | null {
  const [first, last] = [dayNumber(start), dayNumber(end)];
  if (first === null || last === null || last < first) return null;
  if (!Number.isInteger(stepMonths) || stepMonths < 1 || stepMonths > 120) return null;
  const periods: Period[] = [];
  for (let index = 0; ; index += 1) {
    const periodStart = addMonthsToDate(start, index * stepMonths)!;
    if (dayNumber(periodStart)! > last) break;
    if (periods.length === MAX_PERIODS) return null;
    const fullNext = addMonthsToDate(start, (index + 1) * stepMonths)!;
    const nextDay = Math.min(dayNumber(fullNext)!, last + 1);
    const next = formatDateOfDay(nextDay);
    const days = nextDay - dayNumber(periodStart)!;
    const months = monthsBetween(periodStart, next);
    periods.push({
      index,
      start: periodStart,
      end: formatDateOfDay(nextDay - 1),
      days,
      months,
      fraction: round6(months / stepMonths),
    });
  }
  return periods;
}

function formatDateOfDay(days: number): string {
  const date = new Date(days * 86_400_000);
  return formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export interface Escalation {
  /** `percent` of the rate (or of the base, with basis `base`), or a `fixed` amount; `none` never steps. */
  type: 'none' | 'percent' | 'fixed';
  value: number;
  everyMonths: number;
  basis: 'compound' | 'base';
  /** Bounds on each step's increase; null for none. */
  min: number | null;
  max: number | null;
}

/**
 * The rate in force on `at` for a rate of `base` from `start` that steps up every `everyMonths` months:
 * each anniversary adds a percent of the current rate (compound) or of the base, or a fixed amount, each
 * step bounded by min and max. Rounded to cents.
 */
export function steppedRate(base: number, start: string, at: string, escalation: Escalation): number | null {
  const [from, on] = [dayNumber(start), dayNumber(at)];
  if (from === null || on === null || !Number.isFinite(base)) return null;
  const every = escalation.everyMonths;
  if (escalation.type === 'none' || !Number.isInteger(every) || every < 1) return round2(base);
  let rate = base;
  for (let step = 1; step <= MAX_PERIODS; step += 1) {
    const anniversary = dayNumber(addMonthsToDate(start, step * every)!)!;
    if (anniversary > on) break;
    const from = escalation.basis === 'base' ? base : rate;
    let increase = escalation.type === 'percent' ? (from * escalation.value) / 100 : escalation.value;
    if (escalation.min !== null) increase = Math.max(increase, escalation.min);
    if (escalation.max !== null) increase = Math.min(increase, escalation.max);
    rate += increase;
  }
  return round2(rate);
}

export const round2 = (value: number) => Math.round((value + Number.EPSILON) * 100) / 100;
