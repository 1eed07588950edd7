import type { DateBucket } from '@lowcode/app-model';
import type { FilterValue } from '@lowcode/report-engine';
import { DAY, dayStartInstant } from '../../../utils/zonedDays';
import { bucketRange, type DimensionValue } from './filters';

// Click-through: the records page of a report's entity, opened with the filter rows that select the rows
// behind a chart value (`?where=[{field, operator, value}]`, which the records page loads into its filter
// bar and sends as the records API's JSON-logic). Only the entity's own fields can be expressed there; a
// path through a relation is left out.

export interface WhereRow {
  field: string;
  operator: 'eq' | 'in' | 'between' | 'gte' | 'lte' | 'empty';
  value?: unknown;
}

export interface WhereOptions {
  /**
   * Whether a field holds instants (a date-time): a range of days on it becomes the instants from the first
   * day's midnight to the last day's end in `timeZone`, as a report reads its period and date filters. The
   * records API compares a date-time with an instant, so `2025-03-31` alone would end the range at 00:00 UTC
   * that day.
   */
  isInstant?: (field: string) => boolean;
  /** The zone the chart ran in (the browser's). */
  timeZone?: string;
}

/** The first instant of `day` in `timeZone`, ISO in UTC. */
export const dayStart = (day: string, timeZone: string): string =>
  dayStartInstant(day, timeZone).toISOString();

/** The last instant (to the millisecond) of `day` in `timeZone`, ISO in UTC. */
export const dayEnd = (day: string, timeZone: string): string =>
  new Date(dayStartInstant(day, timeZone, 1).getTime() - 1).toISOString();

type Range = { from?: string | number; to?: string | number };
const isRange = (value: unknown): value is Range =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function rowsFor(field: string, value: FilterValue, options: WhereOptions): WhereRow[] {
  if (field.includes('.')) return [];
  if (value === null) return [{ field, operator: 'empty' }];
  if (Array.isArray(value)) return [{ field, operator: 'in', value }];
  if (isRange(value)) {
    const zone = options.isInstant?.(field) ? options.timeZone : undefined;
    const bound = (bound: string | number | undefined, end: boolean) =>
      zone && typeof bound === 'string' && DAY.test(bound)
        ? end
          ? dayEnd(bound, zone)
          : dayStart(bound, zone)
        : bound;
    const from = bound(value.from, false);
    const to = bound(value.to, true);
    if (from !== undefined && to !== undefined) return [{ field, operator: 'between', value: [from, to] }];
    if (from !== undefined) return [{ field, operator: 'gte', value: from }];
    if (to !== undefined) return [{ field, operator: 'lte', value: to }];
    return [];
  }
  return [{ field, operator: 'eq', value }];
}

export interface PickedValue {
  field: string;
  bucket?: DateBucket;
  value: DimensionValue;
}

/** Both ranges at once: the values they share. */
function intersect(before: Range, next: Range): Range {
  const max = (a?: string | number, b?: string | number) =>
    a === undefined ? b : b === undefined ? a : a > b ? a : b;
  const min = (a?: string | number, b?: string | number) =>
    a === undefined ? b : b === undefined ? a : a < b ? a : b;
  const from = max(before.from, next.from);
  const to = min(before.to, next.to);
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/**
 * The filter rows for a chart's current filters, its period (on the report's `periodField`), drill path
 * and (optionally) the value clicked: the records the chart counted.
 */
export function whereRows(
  filters: Record<string, FilterValue>,
  period: { field?: string; from: string; to: string } | undefined,
  picked: PickedValue[],
  options: WhereOptions = {},
): WhereRow[] {
  const entries: Array<[string, FilterValue]> = [
    ...Object.entries(filters),
    ...(period?.field ? [[period.field, { from: period.from, to: period.to }] as [string, FilterValue]] : []),
    ...picked.map((entry): [string, FilterValue] => [
      entry.field,
      entry.bucket && typeof entry.value === 'string' ? bucketRange(entry.value, entry.bucket) : entry.value,
    ]),
  ];
  // Ranges on one field narrow each other (a month clicked inside the dashboard's period keeps to the
  // period's days); any other later value on a field (the click inside a drill) replaces an earlier one.
  const byField = new Map<string, FilterValue>();
  for (const [field, value] of entries) {
    const before = byField.get(field);
    byField.set(field, isRange(before) && isRange(value) ? intersect(before, value) : value);
  }
  return [...byField].flatMap(([field, value]) => rowsFor(field, value, options));
}

export function recordsHref(appKey: string, entity: string, rows: WhereRow[]): string {
  const base = `/apps/${encodeURIComponent(appKey)}/e/${encodeURIComponent(entity)}`;
  return rows.length ? `${base}?where=${encodeURIComponent(JSON.stringify(rows))}` : base;
}
