import type { DateBucket } from '@lowcode/app-model';
import type { FilterValue } from '@lowcode/report-engine';
import { bucketRange, type DimensionValue } from './filters';

// Click-through: the records page of a report's entity, opened with the filter rows that select the rows
// behind a chart value (`?where=[{field, operator, value}]`, which the records page loads into its filter
// bar). Only the entity's own fields can be expressed there; a path through a relation is left out.

export interface WhereRow {
  field: string;
  operator: 'eq' | 'in' | 'between' | 'gte' | 'lte' | 'empty';
  value?: unknown;
}

function rowsFor(field: string, value: FilterValue, bucket?: DateBucket): WhereRow[] {
  if (field.includes('.')) return [];
  if (value === null) return [{ field, operator: 'empty' }];
  if (Array.isArray(value)) return [{ field, operator: 'in', value }];
  if (typeof value === 'object') {
    if (value.from !== undefined && value.to !== undefined)
      return [{ field, operator: 'between', value: [value.from, value.to] }];
    if (value.from !== undefined) return [{ field, operator: 'gte', value: value.from }];
    if (value.to !== undefined) return [{ field, operator: 'lte', value: value.to }];
    return [];
  }
  if (bucket && typeof value === 'string') {
    const range = bucketRange(value, bucket);
    return [{ field, operator: 'between', value: [range.from, range.to] }];
  }
  return [{ field, operator: 'eq', value }];
}

export interface PickedValue {
  field: string;
  bucket?: DateBucket;
  value: DimensionValue;
}

/** The filter rows for a chart's current filters, drill path and (optionally) the value clicked. */
export function whereRows(
  filters: Record<string, FilterValue>,
  period: { field?: string; from: string; to: string } | undefined,
  picked: PickedValue[],
): WhereRow[] {
  const rows = [
    ...Object.entries(filters).flatMap(([field, value]) => rowsFor(field, value)),
    ...(period?.field ? rowsFor(period.field, { from: period.from, to: period.to }) : []),
    ...picked.flatMap((entry) => rowsFor(entry.field, entry.value, entry.bucket)),
  ];
  // A later row on the same field (the click inside a drill) replaces an earlier one.
  const byField = new Map<string, WhereRow>();
  for (const row of rows) byField.set(row.field, row);
  return [...byField.values()];
}

export function recordsHref(appKey: string, entity: string, rows: WhereRow[]): string {
  const base = `/apps/${encodeURIComponent(appKey)}/e/${encodeURIComponent(entity)}`;
  return rows.length ? `${base}?where=${encodeURIComponent(JSON.stringify(rows))}` : base;
}
