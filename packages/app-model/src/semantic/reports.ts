// Semantic checks of reports and dashboards.
import { CHART_DIMENSIONS_SHOWN, CHART_OPTIONS, DATE_FIELD_TYPES, NUMERIC_AGGREGATES } from '../constants';
import { type Owner, type PathPart } from '../issues';
import {
  type Context,
  type EntityInfo,
  type Obj,
  checkDuplicateKeys,
  checkExpression,
  entityRef,
  fieldRef,
  isObj,
  items,
  owner,
  str,
  strings,
} from './context';
import { isNumericField } from './entities';

const DATE_TYPES = new Set<string>(DATE_FIELD_TYPES);
const NUMERIC_AGG = new Set<string>(NUMERIC_AGGREGATES);
const FORMULA_OPERATORS = new Set(['+', '-', '*', '/']);

/** The fields a metric reads, by measure property, and whether each must hold numbers. */
const METRIC_FIELDS: Record<string, Array<{ prop: string; numeric: boolean; date?: boolean }>> = {
  nps: [{ prop: 'field', numeric: true }],
  csat: [{ prop: 'field', numeric: true }],
  ces: [{ prop: 'field', numeric: true }],
  mttr: [
    { prop: 'startField', numeric: false, date: true },
    { prop: 'field', numeric: false, date: true },
  ],
  firstTimeFix: [],
  occupancy: [{ prop: 'field', numeric: false }],
  collectionRate: [
    { prop: 'field', numeric: true },
    { prop: 'dueField', numeric: true },
  ],
};

/**
 * Resolves `room.building.name` from the report's entity through single relation fields; reports the first
 * step that does not exist or is not a relation. Returns the last field.
 */
function fieldPathRef(
  ctx: Context,
  entity: EntityInfo | undefined,
  path: unknown,
  at: PathPart[],
  who: Owner,
): Obj | undefined {
  const text = str(path);
  if (!entity || text === undefined) return undefined;
  const steps = text.split('.');
  let current: EntityInfo | undefined = entity;
  for (const [index, step] of steps.entries()) {
    const field = fieldRef(ctx, current, step, at, who);
    if (!field || index === steps.length - 1) return field;
    const relation = isObj(field.relation) ? field.relation : undefined;
    if (field.type !== 'relation' || !relation || relation.multiple === true) {
      ctx.sink.error(at, 'notSingleRelation', { owner: who, field: step, path: text });
      return undefined;
    }
    current = ctx.entities.get(String(relation.entity));
  }
  return undefined;
}

function checkMeasure(
  ctx: Context,
  entity: EntityInfo | undefined,
  measure: Obj,
  at: PathPart[],
  who: Owner,
  keys: Set<string>,
) {
  const kinds = ['aggregate', 'metric', 'formula'].filter((kind) => measure[kind] !== undefined);
  if (kinds.length !== 1) {
    ctx.sink.error(at, 'measureKind', { owner: who, kinds: kinds.join(', ') });
    return;
  }
  if (measure.formula !== undefined) {
    checkFormula(ctx, measure.formula, [...at, 'formula'], who, keys, str(measure.key));
    return;
  }
  const metric = str(measure.metric);
  if (metric !== undefined) {
    if (measure.format !== undefined)
      ctx.sink.error([...at, 'format'], 'metricHasFormat', { owner: who, metric });
    const needs = METRIC_FIELDS[metric] ?? [];
    if (metric === 'firstTimeFix' && (measure.field === undefined) === (measure.reopenField === undefined))
      ctx.sink.error(at, 'metricNeedsField', { owner: who, metric, field: 'field | reopenField' });
    if (metric === 'occupancy' && !Array.isArray(measure.values))
      ctx.sink.error(at, 'metricNeedsField', { owner: who, metric, field: 'values' });
    for (const name of ['field', 'reopenField']) {
      if (metric === 'firstTimeFix' && measure[name] !== undefined)
        fieldPathRef(ctx, entity, measure[name], [...at, name], who);
    }
    for (const need of needs) {
      if (measure[need.prop] === undefined) {
        ctx.sink.error(at, 'metricNeedsField', { owner: who, metric, field: need.prop });
        continue;
      }
      const field = fieldPathRef(ctx, entity, measure[need.prop], [...at, need.prop], who);
      if (field && need.numeric && !isNumericField(field))
        ctx.sink.error([...at, need.prop], 'aggregateNeedsNumber', {
          owner: who,
          aggregate: metric,
          field: measure[need.prop],
          fieldType: field.type,
        });
      if (field && need.date && !DATE_TYPES.has(String(field.type)))
        ctx.sink.error([...at, need.prop], 'metricNeedsDate', {
          owner: who,
          metric,
          field: measure[need.prop],
          fieldType: field.type,
        });
    }
    return;
  }
  const aggregate = str(measure.aggregate);
  if (aggregate === 'percentile' && typeof measure.p !== 'number')
    ctx.sink.error(at, 'percentileNeedsP', { owner: who });
  if (measure.field === undefined) {
    if (aggregate !== undefined && aggregate !== 'count') {
      ctx.sink.error(at, 'aggregateNeedsField', { owner: who, aggregate });
    }
    return;
  }
  const field = fieldPathRef(ctx, entity, measure.field, [...at, 'field'], who);
  if (field && aggregate !== undefined && NUMERIC_AGG.has(aggregate) && !isNumericField(field)) {
    ctx.sink.error([...at, 'field'], 'aggregateNeedsNumber', {
      owner: who,
      aggregate,
      field: measure.field,
      fieldType: field.type,
    });
  }
}

/** Arithmetic over other measures' keys and numbers only; no measure may reach itself. */
function checkFormula(
  ctx: Context,
  formula: unknown,
  at: PathPart[],
  who: Owner,
  keys: Set<string>,
  self: string | undefined,
) {
  if (typeof formula === 'number') return;
  if (!isObj(formula) || Object.keys(formula).length !== 1) {
    ctx.sink.error(at, 'formulaShape', { owner: who });
    return;
  }
  const [operator, args] = Object.entries(formula)[0]!;
  if (operator === 'var') {
    const key = str(args);
    if (key === undefined || !keys.has(key) || key === self)
      ctx.sink.error([...at, 'var'], 'formulaUnknownMeasure', { owner: who, measure: String(args) });
    return;
  }
  if (!FORMULA_OPERATORS.has(operator) || !Array.isArray(args) || args.length === 0) {
    ctx.sink.error(at, 'formulaShape', { owner: who });
    return;
  }
  args.forEach((arg, index) => checkFormula(ctx, arg, [...at, operator, index], who, keys, self));
}

function checkReport(ctx: Context, report: Obj, path: PathPart[]) {
  const who = owner(['report', str(report.key) ?? path[1]]);
  const entity = entityRef(ctx, report.entity, [...path, 'entity'], who);
  const sortable = new Set<string>();

  for (const [index, dimension] of items(report.dimensions)) {
    const at = [...path, 'dimensions', index];
    const field = fieldPathRef(ctx, entity, dimension.field, [...at, 'field'], who);
    const fieldKey = str(dimension.field);
    if (fieldKey !== undefined) sortable.add(fieldKey);
    if (field && dimension.bucket !== undefined && !DATE_TYPES.has(String(field.type))) {
      ctx.sink.error([...at, 'bucket'], 'bucketNeedsDate', {
        owner: who,
        field: fieldKey,
        bucket: dimension.bucket,
        fieldType: field.type,
      });
    }
  }

  checkDuplicateKeys(ctx, report.measures, [...path, 'measures'], 'measure', who);
  const measureKeys = new Set(items(report.measures).flatMap(([, measure]) => str(measure.key) ?? []));
  for (const [index, measure] of items(report.measures)) {
    const at = [...path, 'measures', index];
    const measureWho = [...who, { kind: 'measure' as const, key: str(measure.key) ?? index }];
    const key = str(measure.key);
    if (key !== undefined) sortable.add(key);
    checkMeasure(ctx, entity, measure, at, measureWho, measureKeys);
  }

  for (const [index, sort] of items(report.sort)) {
    const by = str(sort.by);
    if (by !== undefined && !sortable.has(by)) {
      ctx.sink.error([...path, 'sort', index, 'by'], 'unknownSortKey', { owner: who, by });
    }
  }
  for (const [index, step] of strings(report.drill))
    fieldPathRef(ctx, entity, step, [...path, 'drill', index], who);
  if (report.periodField !== undefined) {
    const field = fieldPathRef(ctx, entity, report.periodField, [...path, 'periodField'], who);
    if (field && !DATE_TYPES.has(String(field.type)))
      ctx.sink.error([...path, 'periodField'], 'periodNeedsDate', {
        owner: who,
        field: report.periodField,
        fieldType: field.type,
      });
  }
  const options = isObj(report.chart) && isObj(report.chart.options) ? report.chart.options : {};
  for (const option of Object.keys(options))
    if (!(CHART_OPTIONS as readonly string[]).includes(option))
      ctx.sink.warn([...path, 'chart', 'options', option], 'unknownChartOption', {
        owner: who,
        option,
        known: CHART_OPTIONS.join(', '),
      });
  const chartType = isObj(report.chart) ? str(report.chart.type) : undefined;
  // An own key only: the chart type is the document's text, and `constructor` is no chart.
  const shown =
    chartType && Object.hasOwn(CHART_DIMENSIONS_SHOWN, chartType)
      ? CHART_DIMENSIONS_SHOWN[chartType as keyof typeof CHART_DIMENSIONS_SHOWN]
      : undefined;
  const hidden = items(report.dimensions).slice(shown ?? Infinity);
  if (hidden.length > 0)
    ctx.sink.warn([...path, 'dimensions', hidden[0]![0]], 'dimensionsNotShown', {
      owner: who,
      chart: chartType,
      shown,
      fields: hidden.map(([, dimension]) => str(dimension.field) ?? '?').join(', '),
    });
  if (report.defaultPeriod !== undefined && report.periodField === undefined)
    ctx.sink.error([...path, 'defaultPeriod'], 'defaultPeriodNeedsField', { owner: who });
  checkExpression(ctx, report.filter, [...path, 'filter'], who, { entity });
}

function checkDashboard(ctx: Context, dashboard: Obj, path: PathPart[]) {
  const who = owner(['dashboard', str(dashboard.key) ?? path[1]]);
  for (const [index, role] of strings(dashboard.roles)) {
    if (ctx.readable.roles && !ctx.roles.has(role))
      ctx.sink.error([...path, 'roles', index], 'unknownRole', { owner: who, role });
  }
  checkDuplicateKeys(ctx, dashboard.items, [...path, 'items'], 'item', who);
  const entities = new Set<string>();
  for (const [index, item] of items(dashboard.items)) {
    const report = str(item.report);
    if (report === undefined) continue;
    const target = ctx.reports.get(report);
    if (!target) {
      if (ctx.readable.reports)
        ctx.sink.error([...path, 'items', index, 'report'], 'unknownReport', {
          owner: [...who, { kind: 'item', key: str(item.key) ?? index }],
          report,
        });
    } else if (typeof target.entity === 'string') entities.add(target.entity);
  }
  checkDuplicateKeys(ctx, dashboard.filters, [...path, 'filters'], 'filter', who);
  for (const [index, filter] of items(dashboard.filters)) {
    const field = str(filter.field);
    if (field === undefined || entities.size === 0 || !ctx.readable.entities) continue;
    // A dashboard filter applies to every item whose report's entity has the field; it must fit at least one.
    const fits = [...entities].some((key) => ctx.entities.get(key)?.fields.has(field));
    if (!fits) {
      ctx.sink.error([...path, 'filters', index, 'field'], 'dashboardFilterField', {
        owner: [...who, { kind: 'filter', key: str(filter.key) ?? index }],
        field,
      });
    }
  }
}

export function checkReports(ctx: Context, app: Obj) {
  checkDuplicateKeys(ctx, app.reports, ['reports'], 'report');
  for (const [index, report] of items(app.reports)) checkReport(ctx, report, ['reports', index]);
  checkDuplicateKeys(ctx, app.dashboards, ['dashboards'], 'dashboard');
  for (const [index, dashboard] of items(app.dashboards))
    checkDashboard(ctx, dashboard, ['dashboards', index]);
}
