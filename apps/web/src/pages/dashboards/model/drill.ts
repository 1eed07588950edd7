import type { DateBucket, ReportDefinition } from '@lowcode/app-model';
import type { DrillStep, FilterValue } from '@lowcode/report-engine';
import { bucketRange, type DimensionValue } from './filters';

// Drill-down of one chart: a breadcrumb of the values clicked so far. A report with `drill` descends through
// those fields on the server (project → building → floor → room); a report whose first dimension is a
// date bucket descends to finer buckets (year → month → day), run as a preview of the same report with
// the finer bucket and the clicked period as a filter.

export interface DrillEntry {
  field: string;
  value: DimensionValue;
  label: string;
  /** For date drills: the bucket the clicked value was. */
  bucket?: DateBucket;
}

const FINER: Partial<Record<DateBucket, DateBucket[]>> = {
  year: ['year', 'month', 'day'],
  quarter: ['quarter', 'month', 'day'],
  month: ['month', 'day'],
  week: ['week', 'day'],
};

export type DrillLevels =
  { mode: 'fields'; levels: string[] } | { mode: 'date'; field: string; buckets: DateBucket[] };

/** How a report drills, or undefined when it does not. */
export function drillLevels(report: Pick<ReportDefinition, 'dimensions' | 'drill'>): DrillLevels | undefined {
  const first = report.dimensions[0];
  if (!first) return undefined;
  if (report.drill?.length) return { mode: 'fields', levels: [first.field, ...report.drill] };
  const buckets = first.bucket ? FINER[first.bucket] : undefined;
  return buckets ? { mode: 'date', field: first.field, buckets } : undefined;
}

/** The number of levels below the top one, so `path.length < depth` means another click drills further. */
export function drillDepth(report: Pick<ReportDefinition, 'dimensions' | 'drill'>): number {
  const levels = drillLevels(report);
  if (!levels) return 0;
  return (levels.mode === 'fields' ? levels.levels.length : levels.buckets.length) - 1;
}

export const canDrill = (report: Pick<ReportDefinition, 'dimensions' | 'drill'>, path: DrillEntry[]) =>
  path.length < drillDepth(report);

/** The field (and bucket) the chart groups by at the current depth: what a click picks a value of. */
export function currentLevel(
  report: Pick<ReportDefinition, 'dimensions' | 'drill'>,
  path: DrillEntry[],
): { field: string; bucket?: DateBucket } | undefined {
  const levels = drillLevels(report);
  if (!levels || path.length === 0) return report.dimensions[0];
  if (levels.mode === 'fields') return { field: levels.levels[path.length]! };
  return { field: levels.field, bucket: levels.buckets[path.length] };
}

/** One level down: the clicked value appended to the breadcrumb (unchanged at the bottom). */
export function drillInto(
  report: Pick<ReportDefinition, 'dimensions' | 'drill'>,
  path: DrillEntry[],
  value: DimensionValue,
  label: string,
): DrillEntry[] {
  if (!canDrill(report, path)) return path;
  const level = currentLevel(report, path)!;
  return [...path, { field: level.field, value, label, ...(level.bucket ? { bucket: level.bucket } : {}) }];
}

/** Back to a breadcrumb entry: `depth` 0 is the top. */
export const drillUp = (path: DrillEntry[], depth: number): DrillEntry[] => path.slice(0, Math.max(0, depth));

export type DrillRun =
  | { kind: 'saved'; drill?: DrillStep[] }
  | { kind: 'preview'; report: ReportDefinition; filters: Record<string, FilterValue> };

/** How to run the report at this point of the drill path. */
export function drillRun(report: ReportDefinition, path: DrillEntry[]): DrillRun {
  const levels = drillLevels(report);
  if (!levels || path.length === 0) return { kind: 'saved' };
  if (levels.mode === 'fields')
    return { kind: 'saved', drill: path.map(({ field, value }) => ({ field, value })) };
  const last = path[path.length - 1]!;
  const [first, ...rest] = report.dimensions;
  const bucket = levels.buckets[path.length]!;
  const range =
    typeof last.value === 'string' && last.bucket ? bucketRange(last.value, last.bucket) : undefined;
  return {
    kind: 'preview',
    report: {
      ...report,
      dimensions: [{ ...first!, bucket }, ...rest],
      // A top N of years means nothing among the days of one month.
      limit: undefined,
      // A calendar needs days; a bar of months needs months: keep the type unless the finer level is days.
      chart: report.chart,
    },
    filters: range ? { [levels.field]: range } : {},
  };
}
