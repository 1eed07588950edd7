// A small cron parser and run planner: 5 fields (minute hour day month weekday) or 6 (seconds first), with
// `*`, `?`, lists, ranges, steps and month/weekday names. Like Vixie cron, when both day-of-month and
// weekday are restricted a day matches either. Runs are planned on the wall clock of the rule's time zone.
import { type RuleTrigger } from '@lowcode/app-model';
import { dateOfDayNumber, dayNumber, dateIn, instantOf, weekdayOf } from './zoned';

export interface CronSpec {
  seconds: number[];
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

export class CronSyntaxError extends Error {}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Offset of names[0]: months are 1-based. */
  nameBase?: number;
}

const FIELDS: Record<string, FieldSpec> = {
  second: { name: 'second', min: 0, max: 59 },
  minute: { name: 'minute', min: 0, max: 59 },
  hour: { name: 'hour', min: 0, max: 23 },
  day: { name: 'day of month', min: 1, max: 31 },
  month: { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  // 7 is accepted as Sunday and folded to 0 afterwards.
  weekday: { name: 'weekday', min: 0, max: 7, names: WEEKDAYS, nameBase: 0 },
};

function parseValue(text: string, field: FieldSpec): number {
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index >= 0) return index + (field.nameBase ?? 0);
  if (!/^\d+$/.test(text)) throw new CronSyntaxError(`"${text}" is not a valid ${field.name}`);
  const value = Number(text);
  if (value < field.min || value > field.max)
    throw new CronSyntaxError(`${field.name} ${value} is outside ${field.min}-${field.max}`);
  return value;
}

/** The sorted values a field allows, and whether it restricts anything (not `*` / `?`). */
function parseField(text: string, field: FieldSpec): { values: number[]; restricted: boolean } {
  const values = new Set<number>();
  let restricted = false;
  for (const item of text.split(',')) {
    const [range = '', stepText, extra] = item.split('/');
    if (extra !== undefined || range === '')
      throw new CronSyntaxError(`"${item}" is not a valid ${field.name}`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || !/^\d+$/.test(stepText ?? '1'))
      throw new CronSyntaxError(`step "${stepText}" in ${field.name} must be a positive whole number`);
    let low = field.min;
    let high = field.max;
    if (range === '*' || range === '?') {
      if (stepText !== undefined) restricted = true;
    } else {
      restricted = true;
      const [lowText = '', highText] = range.split('-');
      low = parseValue(lowText, field);
      high = highText !== undefined ? parseValue(highText, field) : stepText !== undefined ? field.max : low;
      if (high < low) throw new CronSyntaxError(`range "${range}" in ${field.name} runs backwards`);
    }
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return { values: [...values].sort((a, b) => a - b), restricted };
}

export function parseCron(expression: string): CronSpec {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6)
    throw new CronSyntaxError(`expected 5 or 6 fields, found ${parts.length}`);
  const [second, minute, hour, day, month, weekday] = parts.length === 6 ? parts : ['0', ...parts];
  const weekdays = parseField(weekday ?? '', FIELDS.weekday as FieldSpec);
  const days = parseField(day ?? '', FIELDS.day as FieldSpec);
  return {
    seconds: parseField(second ?? '', FIELDS.second as FieldSpec).values,
    minutes: parseField(minute ?? '', FIELDS.minute as FieldSpec).values,
    hours: parseField(hour ?? '', FIELDS.hour as FieldSpec).values,
    days: new Set(days.values),
    months: new Set(parseField(month ?? '', FIELDS.month as FieldSpec).values),
    weekdays: new Set(weekdays.values.map((value) => value % 7)),
    dayRestricted: days.restricted,
    weekdayRestricted: weekdays.restricted,
  };
}

function dayMatches(spec: CronSpec, days: number): boolean {
  const [year, month, day] = dateOfDayNumber(days).split('-').map(Number) as [number, number, number];
  if (!spec.months.has(month) || year < 0) return false;
  const byDay = spec.days.has(day);
  const byWeekday = spec.weekdays.has(weekdayOf(days));
  if (spec.dayRestricted && spec.weekdayRestricted) return byDay || byWeekday;
  return byDay && byWeekday;
}

/** `HH:mm` → a spec that fires once a day at that time. */
export function dailySpec(at: string | undefined): CronSpec {
  const [hour = 0, minute = 0] = (at ?? '00:00').split(':').map(Number);
  return parseCron(`0 ${minute} ${hour} * * *`);
}

export const DEFAULT_RUN_LIMIT = 1000;

/**
 * The instants in (from, to] when a spec fires on the wall clock of `timeZone`, oldest first, at most
 * `limit`. Wall times that do not exist (a DST gap) are skipped.
 */
export function plannedRuns(spec: CronSpec, from: Date, to: Date, timeZone: string, limit: number): Date[] {
  const runs: Date[] = [];
  const first = dayNumber(dateIn(from, timeZone)) ?? 0;
  const last = dayNumber(dateIn(to, timeZone)) ?? 0;
  for (let days = first; days <= last && runs.length < limit; days += 1) {
    if (!dayMatches(spec, days)) continue;
    const [year, month, day] = dateOfDayNumber(days).split('-').map(Number) as [number, number, number];
    for (const hour of spec.hours)
      for (const minute of spec.minutes)
        for (const second of spec.seconds) {
          const run = instantOf({ year, month, day, hour, minute, second }, timeZone);
          if (run && run > from && run <= to) runs.push(run);
          if (runs.length >= limit) return runs;
        }
  }
  return runs;
}

/** The spec a scheduled trigger fires on: its cron, or daily at `at` for a date-relative trigger. */
export function triggerSpec(trigger: Extract<RuleTrigger, { type: 'schedule' | 'dateRelative' }>): CronSpec {
  return trigger.type === 'schedule' ? parseCron(trigger.cron) : dailySpec(trigger.at);
}
