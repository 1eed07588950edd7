// The engine's operations on json-logic-js. json-logic-js has only one global instance, so every operation
// the engine adds is registered once, here, under a prefix no author can write (the guard refuses unknown
// operations): the shared instance gains names nobody else uses and no standard operation changes.
// Compiled conditions refer to these prefixed names; authors write the plain ones.
import jsonLogic from 'json-logic-js';
import { RuleEvaluationError } from '../errors';
import { addDaysToDate, dateIn, dayNumber, toDate } from '../time/zoned';
import { addMonthsToDate, periodsOf, steppedRate, type Escalation } from './recurring';

export const OP_PREFIX = '@lowcode/rule-engine:';
/** Longest list map/filter/reduce/all/some/none/merge may process, and longest list in the data. */
export const MAX_ARRAY_LENGTH = 10_000;

interface EvalContext {
  root: unknown;
  read: Record<string, unknown>;
  now: string;
  timeZone: string;
}

let active: EvalContext | null = null;

/**
 * Applies compiled logic with `context` visible to the operations (evaluation is synchronous, so a module
 * variable is safe; nested calls restore the outer context).
 */
export function applyInContext(logic: unknown, context: EvalContext): unknown {
  const previous = active;
  active = context;
  try {
    return jsonLogic.apply(logic, context.root);
  } finally {
    active = previous;
  }
}

function context(operation: string): EvalContext {
  if (!active) throw new RuleEvaluationError('evaluationFailed', operation, { reason: 'no clock' });
  return active;
}

/** Own properties only: a path never reaches a prototype, even one the guard did not foresee. */
function child(data: unknown, segment: string): unknown {
  if (typeof data === 'string' || Array.isArray(data))
    return segment === 'length' || /^\d+$/.test(segment)
      ? (data as unknown as Record<string, unknown>)[segment]
      : undefined;
  if (typeof data !== 'object' || data === null) return undefined;
  return Object.prototype.hasOwnProperty.call(data, segment)
    ? (data as Record<string, unknown>)[segment]
    : undefined;
}

const splitPaths = new Map<string, string[]>();
const MAX_SPLIT_PATHS = 10_000;

function segmentsOf(path: string): string[] {
  let segments = splitPaths.get(path);
  if (!segments) {
    segments = path.split('.');
    if (splitPaths.size < MAX_SPLIT_PATHS) splitPaths.set(path, segments);
  }
  return segments;
}

function readPath(root: unknown, path: unknown, fallback: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (path === undefined || path === '' || path === null) return root;
  let data = root;
  for (const segment of segmentsOf(String(path))) {
    if (data === null || data === undefined) return notFound;
    data = child(data, segment);
    if (data === undefined) return notFound;
  }
  return data;
}

/** json-logic-js's `var`, restricted to own properties, recording top-level reads for the verdict. */
function readVar(this: unknown, path?: unknown, fallback?: unknown): unknown {
  const value = readPath(this, path, fallback);
  if (active && this === active.root && path !== undefined && path !== null && path !== '')
    active.read[String(path)] = value;
  return value;
}

function missing(this: unknown, ...args: unknown[]): unknown[] {
  const keys = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  return keys.filter((key) => {
    const value = readVar.call(this, key);
    return value === null || value === '';
  });
}

function missingSome(this: unknown, needCount: unknown, options: unknown): unknown[] {
  const absent = missing.call(this, options);
  return (options as unknown[]).length - absent.length >= (needCount as number) ? [] : absent;
}

function cap(value: unknown): unknown {
  if (Array.isArray(value) && value.length > MAX_ARRAY_LENGTH)
    throw new RuleEvaluationError('arrayTooLong', 'condition', {
      length: value.length,
      limit: MAX_ARRAY_LENGTH,
    });
  return value;
}

function merge(...args: unknown[]): unknown[] {
  return cap(args.reduce<unknown[]>((all, item) => all.concat(cap(item)), [])) as unknown[];
}

const text = (value: unknown): string | null =>
  value === null || value === undefined || typeof value === 'object' ? null : String(value);

function compareText(test: (a: string, b: string) => boolean) {
  return (a: unknown, b: unknown): boolean => {
    const [left, right] = [text(a), text(b)];
    return left !== null && right !== null && test(left.toLowerCase(), right.toLowerCase());
  };
}

/** The custom operations authors may use, by name, with their number of arguments. */
export const CUSTOM_OPERATIONS = {
  daysBetween: {
    arity: 2,
    fn(a: unknown, b: unknown): number | null {
      const timeZone = context('daysBetween').timeZone;
      const [from, to] = [toDate(a, timeZone), toDate(b, timeZone)];
      return from === null || to === null ? null : (dayNumber(to) ?? 0) - (dayNumber(from) ?? 0);
    },
  },
  addDays: {
    arity: 2,
    fn(date: unknown, days: unknown): string | null {
      const day = toDate(date, context('addDays').timeZone);
      const count = Number(days);
      return day === null || !Number.isFinite(count) ? null : addDaysToDate(day, Math.trunc(count));
    },
  },
  today: {
    arity: 0,
    fn(): string {
      const { now, timeZone } = context('today');
      return dateIn(new Date(now), timeZone);
    },
  },
  dateOf: { arity: 1, fn: (value: unknown) => toDate(value, context('dateOf').timeZone) },
  addMonths: {
    arity: 2,
    fn(date: unknown, months: unknown): string | null {
      const day = toDate(date, context('addMonths').timeZone);
      const count = Number(months);
      return day === null || !Number.isFinite(count) ? null : addMonthsToDate(day, Math.trunc(count));
    },
  },
  /** The periods of a term: `[{index, start, end, days, months, fraction}]`, each `step` months long. */
  periods: {
    arity: 3,
    fn(start: unknown, end: unknown, step: unknown) {
      const { timeZone } = context('periods');
      const [from, to] = [toDate(start, timeZone), toDate(end, timeZone)];
      return from === null || to === null ? null : periodsOf(from, to, Number(step));
    },
  },
  /** A rate stepping up on anniversaries: base, start, date, every (months), type, value, basis, min, max. */
  steppedRate: {
    arity: 9,
    fn(
      base: unknown,
      start: unknown,
      at: unknown,
      everyMonths: unknown,
      type: unknown,
      value: unknown,
      basis: unknown,
      min: unknown,
      max: unknown,
    ): number | null {
      const { timeZone } = context('steppedRate');
      const [from, on] = [toDate(start, timeZone), toDate(at, timeZone)];
      const bound = (bound: unknown) =>
        bound === null || bound === undefined || bound === '' || !Number.isFinite(Number(bound))
          ? null
          : Number(bound);
      const escalation: Escalation = {
        type: type === 'percent' || type === 'fixed' ? type : 'none',
        value: Number(value) || 0,
        everyMonths: Number(everyMonths),
        basis: basis === 'base' ? 'base' : 'compound',
        min: bound(min),
        max: bound(max),
      };
      return from === null || on === null ? null : steppedRate(Number(base), from, on, escalation);
    },
  },
  /** Half away from zero to `digits` decimals (0–6): money is rounded, not floored. */
  round: {
    arity: 2,
    fn(value: unknown, digits: unknown): number | null {
      const number = Number(value);
      const places = Math.trunc(Number(digits));
      if (value === null || !Number.isFinite(number) || !(places >= 0 && places <= 6)) return null;
      const factor = 10 ** places;
      return (Math.sign(number) * Math.round(Math.abs(number) * factor + Number.EPSILON)) / factor;
    },
  },
  /** The item at a position of a list (0 first; negative from the end), so lists read side by side line up. */
  at: {
    arity: 2,
    fn(list: unknown, position: unknown): unknown {
      const index = Math.trunc(Number(position));
      if (!Array.isArray(list) || !Number.isFinite(index)) return null;
      const item: unknown = list[index < 0 ? list.length + index : index];
      return item === undefined ? null : item;
    },
  },
  lower: { arity: 1, fn: (value: unknown) => text(value)?.toLowerCase() ?? null },
  upper: { arity: 1, fn: (value: unknown) => text(value)?.toUpperCase() ?? null },
  startsWith: { arity: 2, fn: compareText((a, b) => a.startsWith(b)) },
  endsWith: { arity: 2, fn: compareText((a, b) => a.endsWith(b)) },
  contains: { arity: 2, fn: compareText((a, b) => a.includes(b)) },
  length: {
    arity: 1,
    fn: (value: unknown): number =>
      Array.isArray(value) ? value.length : typeof value === 'string' ? [...value].length : 0,
  },
} satisfies Record<string, { arity: number; fn: (...args: never[]) => unknown }>;

export type CustomOperation = keyof typeof CUSTOM_OPERATIONS;

export const isCustomOperation = (name: string): name is CustomOperation =>
  Object.prototype.hasOwnProperty.call(CUSTOM_OPERATIONS, name);

const ENGINE_OPERATIONS: Record<string, (this: unknown, ...args: never[]) => unknown> = {
  var: readVar,
  missing,
  missing_some: missingSome,
  cap,
  merge,
};
for (const [name, operation] of Object.entries(ENGINE_OPERATIONS))
  jsonLogic.add_operation(OP_PREFIX + name, operation as (...args: unknown[]) => unknown);
for (const [name, operation] of Object.entries(CUSTOM_OPERATIONS))
  jsonLogic.add_operation(OP_PREFIX + name, operation.fn as (...args: unknown[]) => unknown);

export const isTruthy = (value: unknown): boolean => jsonLogic.truthy(value);
