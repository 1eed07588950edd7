import type { DateBucket, ReportDefinition } from '@lowcode/app-model';
import type { FilterValue } from '@lowcode/report-engine';
import { relationTarget, resolvePath, type Entities } from './fieldPaths';

// What a dashboard sends with each chart's run: its global filters and the values picked by clicking other
// charts (cross-filters), each translated to a field path of that chart's own entity, or left out when the
// chart cannot be filtered by it.

export type DimensionValue = string | number | boolean | null;

/** A value clicked on a chart: the dimension it belongs to and the raw value behind the label shown. */
export interface Selection {
  /** The dashboard item it was picked on; that chart keeps showing every value. */
  itemKey: string;
  entity: string;
  /** Dimension field path on `entity`. */
  field: string;
  bucket?: DateBucket;
  value: DimensionValue;
  label: string;
}

/** The field of the dashboard-wide period: it applies to each report's own `periodField`. */
export const PERIOD_FILTER = '$period';

/** A dashboard filter with a value chosen: `field` is a path of whichever entity has it. */
export interface GlobalFilter {
  key: string;
  field: string;
  value: FilterValue;
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (date: Date) =>
  `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

/** The days (inclusive) of the bucket that starts on `start` (`YYYY-MM-DD`, as the engine returns buckets). */
export function bucketRange(start: string, bucket: DateBucket): { from: string; to: string } {
  const [y, m, d] = start.slice(0, 10).split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1, d));
  const end = (() => {
    switch (bucket) {
      case 'day':
        return first;
      case 'week':
        return new Date(Date.UTC(y, m - 1, d + 6));
      case 'month':
        return new Date(Date.UTC(y, m, 0));
      case 'quarter':
        return new Date(Date.UTC(y, m + 2, 0));
      case 'year':
        return new Date(Date.UTC(y, 11, 31));
    }
  })();
  return { from: day(first), to: day(end) };
}

/** The filter value a selection stands for: a bucket becomes its range of days. */
export function selectionValue(selection: Pick<Selection, 'bucket' | 'value'>): FilterValue {
  if (selection.bucket && typeof selection.value === 'string')
    return bucketRange(selection.value, selection.bucket);
  return selection.value;
}

/**
 * The path on `entity` that means the same as `field` of `source`: the same path on the same entity; a
 * relation to the same record type (directly, or one relation away: a work order's `room.building`); or a
 * field of the same key and type. Undefined when the entity has nothing that matches.
 */
export function equivalentPath(
  entities: Entities,
  entity: string,
  source: { entity: string; field: string },
): string | undefined {
  const origin = resolvePath(entities, source.entity, source.field);
  if (!origin) return undefined;
  if (entity === source.entity) return source.field;
  const own = entities.find((candidate) => candidate.key === entity);
  if (!own) return undefined;
  const target = relationTarget(origin.field);
  if (target) {
    if (target === entity) return undefined; // the record itself: the records API filters by id, reports cannot
    const direct = own.fields.find((field) => relationTarget(field) === target);
    if (direct) return direct.key;
    for (const field of own.fields) {
      const via = relationTarget(field);
      const hop = via ? entities.find((candidate) => candidate.key === via) : undefined;
      const second = hop?.fields.find((candidate) => relationTarget(candidate) === target);
      if (second) return `${field.key}.${second.key}`;
    }
    return undefined;
  }
  const key = source.field.split('.').pop()!;
  const same = own.fields.find((field) => field.key === key && field.type === origin.field.type);
  return same?.key;
}

/** Narrows two values of one field: ranges intersect; otherwise the later (a click) wins. */
function combine(before: FilterValue | undefined, next: FilterValue): FilterValue {
  const isRange = (value: unknown): value is { from?: string | number; to?: string | number } =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRange(before) || !isRange(next)) return next;
  const max = (a?: string | number, b?: string | number) =>
    a === undefined ? b : b === undefined ? a : a > b ? a : b;
  const min = (a?: string | number, b?: string | number) =>
    a === undefined ? b : b === undefined ? a : a < b ? a : b;
  return { from: max(before.from, next.from), to: min(before.to, next.to) };
}

/** Both periods at once: the days they share. */
const narrow = (before: { from: string; to: string } | undefined, next: { from: string; to: string }) =>
  before
    ? {
        from: before.from > next.from ? before.from : next.from,
        to: before.to < next.to ? before.to : next.to,
      }
    : next;

export interface RunInputs {
  filters: Record<string, FilterValue>;
  period?: { from: string; to: string };
  /** Global filters and selections this chart cannot apply (its entity has no such field). */
  skipped: string[];
  /**
   * The dashboard's time range is set but this report has no `periodField`: it shows the present (rooms
   * now, stock now, open orders) whatever the range, and its card says so.
   */
  periodIgnored: boolean;
}

/**
 * The `filters` (and `period`) for one dashboard item: every global filter and every selection made on
 * another item, as paths of this report's entity. A date range on the report's `periodField` becomes its
 * `period`, so a KPI can compare it with the period before.
 */
export function runInputs(
  entities: Entities,
  report: Pick<ReportDefinition, 'entity' | 'periodField'>,
  itemKey: string,
  globals: GlobalFilter[],
  selections: Selection[],
): RunInputs {
  const filters: Record<string, FilterValue> = {};
  const skipped: string[] = [];
  let period: RunInputs['period'];
  let periodIgnored = false;
  for (const filter of globals) {
    if (filter.field === PERIOD_FILTER) {
      const value = filter.value as { from?: unknown; to?: unknown } | null;
      if (typeof value?.from !== 'string' || typeof value.to !== 'string') continue;
      if (report.periodField) period = narrow(period, { from: value.from, to: value.to });
      else periodIgnored = true;
      continue;
    }
    const owner = entities.find((entity) => resolvePath(entities, entity.key, filter.field));
    const path = resolvePath(entities, report.entity, filter.field)
      ? filter.field
      : owner
        ? equivalentPath(entities, report.entity, { entity: owner.key, field: filter.field })
        : undefined;
    if (!path) {
      skipped.push(filter.key);
      continue;
    }
    const value = filter.value;
    if (
      path === report.periodField &&
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof value.from === 'string' &&
      typeof value.to === 'string'
    ) {
      period = narrow(period, { from: value.from, to: value.to });
      continue;
    }
    filters[path] = combine(filters[path], value);
  }
  for (const selection of selections) {
    if (selection.itemKey === itemKey) continue;
    const path = equivalentPath(entities, report.entity, selection);
    if (!path) {
      skipped.push(selection.itemKey);
      continue;
    }
    filters[path] = combine(filters[path], selectionValue(selection));
  }
  return { filters, ...(period ? { period } : {}), skipped, periodIgnored };
}

/** Adds or replaces the selection of one chart (a second click on the same value clears it). */
export function toggleSelection(selections: Selection[], next: Selection): Selection[] {
  const current = selections.find((selection) => selection.itemKey === next.itemKey);
  const others = selections.filter((selection) => selection.itemKey !== next.itemKey);
  if (current && current.field === next.field && current.value === next.value) return others;
  return [...others, next];
}
