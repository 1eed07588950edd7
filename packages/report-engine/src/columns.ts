import { truncateDate } from './calendar';
import { type PlannedMeasure, type ReportPlan, type ResolvedPath } from './plan';
import { type ColumnMeta, type ValueKind } from './types';

const KIND: Record<string, ValueKind> = {
  text: 'text',
  numeric: 'number',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'datetime',
  uuid: 'id',
};

const UNIT: Partial<Record<string, ColumnMeta['unit']>> = {
  nps: 'points',
  csat: 'percent',
  mttr: 'hours',
  firstTimeFix: 'percent',
  occupancy: 'percent',
  collectionRate: 'percent',
};

function measureKind(measure: PlannedMeasure): ValueKind {
  if (measure.kind === 'aggregate' && (measure.aggregate === 'min' || measure.aggregate === 'max'))
    return KIND[measure.path!.type] ?? 'number';
  return 'number';
}

/** A sum, average, extreme or percentile of amounts of money is an amount too; a count is not. */
function isMoney(measure: PlannedMeasure): boolean {
  if (measure.kind !== 'aggregate' || !measure.path) return false;
  if (measure.aggregate === 'count' || measure.aggregate === 'distinctCount') return false;
  return measure.path.steps[measure.path.steps.length - 1]?.meta.money === true;
}

const relationOf = (path: ResolvedPath) => path.steps[path.steps.length - 1]!.meta.relation;

/** The result's columns in row order: dimensions (each followed by its label), then visible measures. */
export function columnMeta(plan: ReportPlan): ColumnMeta[] {
  const columns: ColumnMeta[] = [];
  for (const dimension of plan.dimensions) {
    const relation = relationOf(dimension.path);
    columns.push({
      key: dimension.key,
      role: 'dimension',
      kind: dimension.bucket ? 'date' : (KIND[dimension.path.type] ?? 'text'),
      ...(dimension.label ? { label: dimension.label } : {}),
      ...(dimension.bucket ? { bucket: dimension.bucket } : {}),
      ...(dimension.bucket && plan.today
        ? { currentBucket: truncateDate(plan.today, dimension.bucket) }
        : {}),
      ...(relation ? { entity: relation } : {}),
      ...(dimension.title ? { labelKey: dimension.title.key } : {}),
    });
    if (dimension.title)
      columns.push({
        key: dimension.title.key,
        role: 'label',
        kind: KIND[dimension.title.meta.type] ?? 'text',
      });
  }
  for (const measure of plan.measures) {
    if (measure.hidden) continue;
    const unit =
      measure.kind === 'metric'
        ? UNIT[measure.metric]
        : measure.percent
          ? 'percent'
          : isMoney(measure)
            ? 'money'
            : undefined;
    columns.push({
      key: measure.key,
      role: 'measure',
      kind: measureKind(measure),
      ...(measure.label ? { label: measure.label } : {}),
      ...(unit ? { unit } : {}),
      ...(measure.percent ? { scale: 100 } : {}),
    });
  }
  return columns;
}
