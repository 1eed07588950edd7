// The SQL compiler: a report plan becomes one grouped SELECT over the entity's table, LEFT JOINs for
// relation paths, the host's row scopes on every table read, and only `$n` parameters for values.
import { type DateBucket } from '@lowcode/app-model';
import { fail, own } from '../errors';
import {
  type AggregateMeasure,
  type FormulaNode,
  type MetricMeasure,
  type PlannedCondition,
  type PlannedDimension,
  type PlannedMeasure,
  type ReportPlan,
  type ResolvedPath,
  planReport,
} from '../plan';
import { columnMeta } from '../columns';
import {
  type CompileOptions,
  type CompiledQuery,
  type CompiledReport,
  type ReportDataset,
  type ReportDefinition,
  type ZoneOffsetSpan,
} from '../types';
import { isListType, scalarType } from '../values';
import { type FilterContext, type SqlField, compileFilterSql, valueSql } from './filter-sql';
import { ParamList, quoteIdent } from './params';

/** The base table's alias: the host's scope fragments are written over it. */
export const BASE_ALIAS = 'r';

// Fixed SQL per enum value, looked up, never built from the definition's text.
export const BUCKET_SQL: Record<DateBucket, string> = {
  day: `'day'`,
  week: `'week'`,
  month: `'month'`,
  quarter: `'quarter'`,
  year: `'year'`,
};

/**
 * Compiles a report over the dataset. Throws `ReportError` (with the path of the offending place) for
 * anything the dataset does not describe or a value of the wrong type; never emits text it was given.
 */
export function compileReport(
  report: ReportDefinition,
  dataset: ReportDataset,
  options: CompileOptions = {},
): CompiledReport {
  const plan = planReport(report, dataset, options);
  const period = plan.period;
  const current = compileQuery(plan, dataset, options, currentConditions(plan));
  const previous = period?.previous
    ? compileQuery(plan, dataset, options, [...plan.conditions, period.previous])
    : undefined;
  return {
    ...current,
    columns: columnMeta(plan),
    previous,
    entities: plan.entities,
    references: plan.references,
  };
}

/** The conditions of the report's own period: its drill and filter conditions and, with a period, that period. */
export const currentConditions = (plan: ReportPlan): PlannedCondition[] => [
  ...plan.conditions,
  ...(plan.period ? [plan.period.current] : []),
];

/** A column as a number to sum or average: a yes/no field counts its yeses (an average is then a share). */
export const summable = (column: string, type: string | undefined): string =>
  type === 'boolean' ? `(${column})::int` : column;

function compileQuery(
  plan: ReportPlan,
  dataset: ReportDataset,
  options: CompileOptions,
  conditions: PlannedCondition[],
): CompiledQuery {
  const scope = queryScope(plan, dataset, options);
  const measures = measureSql(
    plan,
    scope.params,
    (measure) =>
      aggregateSql(
        measure.aggregate,
        measure.path && scope.column(measure.path),
        measure.path?.type,
        measure.fraction,
        scope.params,
      ),
    (measure) => metricSql(measure, scope.column, scope.params),
  );

  // ---- the grouped query, wrapped so the outer query can sort by output names with a fixed collation
  const inner: string[] = [];
  const groupBy: number[] = [];
  plan.dimensions.forEach((dimension) => {
    inner.push(`${scope.dimensionSql(dimension)} AS ${quoteIdent(dimension.key)}`);
    groupBy.push(inner.length);
    if (dimension.title) {
      inner.push(`${scope.titleSql(dimension)} AS ${quoteIdent(dimension.title.key)}`);
      groupBy.push(inner.length);
    }
  });
  for (const measure of plan.measures) inner.push(`${measures.output(measure)} AS ${measureAlias(measure)}`);

  const where = whereSql(plan, scope, conditions);
  // Joins are registered while the SELECT list and WHERE are built, so they are read last.
  const innerSql = [
    `SELECT ${inner.join(', ')}`,
    ...scope.fromSql(),
    where.length ? `WHERE ${where.join(' AND ')}` : '',
    groupBy.length ? `GROUP BY ${groupBy.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n  ');
  return { sql: outerSql(plan, innerSql, scope.params), params: scope.params.values };
}

/**
 * What every query over a report's entity is built with: the parameters, one LEFT JOIN per relation prefix,
 * the host's row scopes, and the zone arithmetic of date buckets. Also used by the shared scan.
 */
export interface QueryScope {
  params: ParamList;
  /** The column a path ends at, through the joins it needs (registered on first use). */
  column: (path: ResolvedPath) => string;
  filterContext: FilterContext;
  /** A dimension's grouped value: a bucket's start (local timestamp), or the column read as JSON. */
  dimensionSql: (dimension: PlannedDimension) => string;
  /** The start of the bucket a value falls in, as a local timestamp in the report's zone. */
  bucketStart: (path: ResolvedPath, bucket: DateBucket) => string;
  titleSql: (dimension: PlannedDimension) => string;
  rowConditions: (entityKey: string) => string[];
  /** FROM and the joins registered so far: read after everything else is built. */
  fromSql: () => string[];
}

export function queryScope(plan: ReportPlan, dataset: ReportDataset, options: CompileOptions): QueryScope {
  const params = new ParamList(options.scope?.params ?? []);
  let timeZone: string | undefined;
  const zone = () => (timeZone ??= params.add(plan.timeZone, 'text'));

  /** Where a table's rows come from: live rows only, and only those the caller's scope allows. */
  const rowConditions = (entityKey: string): string[] => {
    const entity = own(dataset.entities, entityKey)!;
    const conditions: string[] = [];
    if (entity.deletedColumn) conditions.push(`${BASE_ALIAS}.${quoteIdent(entity.deletedColumn)} IS NULL`);
    const scope = own(options.scope?.byEntity, entityKey);
    if (scope !== undefined) conditions.push(`(${scope})`);
    return conditions;
  };
  // A joined table is read through a sub-select over alias `r` too, so the same scope SQL applies there.
  const source = (entityKey: string): string => {
    const conditions = rowConditions(entityKey);
    const table = own(dataset.entities, entityKey)!.table;
    return conditions.length === 0
      ? table
      : `(SELECT * FROM ${table} ${BASE_ALIAS} WHERE ${conditions.join(' AND ')})`;
  };

  // One LEFT JOIN per relation prefix (`room`, `room.building`), shared by every path through it.
  const joins = new Map<string, { alias: string; sql: string }>();
  const aliasFor = (path: ResolvedPath, depth: number): string => {
    if (depth === 0) return BASE_ALIAS;
    const prefix = path.steps
      .slice(0, depth)
      .map((step) => step.field)
      .join('.');
    const existing = joins.get(prefix);
    if (existing) return existing.alias;
    const parent = aliasFor(path, depth - 1);
    const step = path.steps[depth - 1]!;
    const target = own(dataset.entities, step.meta.relation!)!;
    const alias = `j${joins.size + 1}`;
    joins.set(prefix, {
      alias,
      sql: `LEFT JOIN ${source(step.meta.relation!)} ${alias} ON ${alias}.${quoteIdent(target.idColumn)} = ${parent}.${quoteIdent(step.meta.column)}`,
    });
    return alias;
  };
  const column = (path: ResolvedPath): string => {
    const last = path.steps[path.steps.length - 1]!;
    return `${aliasFor(path, path.steps.length - 1)}.${quoteIdent(last.meta.column)}`;
  };
  const filterContext: FilterContext = {
    field: (text, at): SqlField => {
      const path = plan.resolve(text, at);
      return { sql: column(path), path };
    },
    params,
    timeZone: zone,
  };

  const span = checkZoneOffsetSpan(options.zoneOffsetSpan);
  /** A timestamp as wall time in the report's zone: by its fixed offset where it has one, else by its rules. */
  const localTime = (sql: string): string => {
    if (!span) return `${sql} AT TIME ZONE ${zone()}`;
    const from = params.add(span.from, 'timestamptz');
    const until = params.add(span.until, 'timestamptz');
    const offset = params.add(`${span.offsetSeconds} seconds`, 'interval');
    return `CASE WHEN ${sql} >= ${from} AND ${sql} < ${until} THEN ${sql} AT TIME ZONE ${offset} ELSE ${sql} AT TIME ZONE ${zone()} END`;
  };
  const bucketStart = (path: ResolvedPath, bucket: DateBucket): string => {
    const local = path.type === 'timestamptz' ? localTime(column(path)) : `${column(path)}::timestamp`;
    return `date_trunc(${BUCKET_SQL[bucket]}, ${local})`;
  };
  // Rows are grouped by the bucket's start and only the groups are formatted: a million rows grouped by
  // month cost a million to_char calls and a text hash key otherwise (a third of the query's time).
  const dimensionSql = (dimension: PlannedDimension): string => {
    if (dimension.bucket) return bucketStart(dimension.path, dimension.bucket);
    return readSql(column(dimension.path), dimension.path.type);
  };
  const titleSql = (dimension: PlannedDimension): string => {
    const title = dimension.title!;
    const full = dimension.path;
    const alias = aliasFor(
      { ...full, steps: [...full.steps, { entity: title.entity, field: title.field, meta: title.meta }] },
      full.steps.length,
    );
    return readSql(`${alias}.${quoteIdent(title.meta.column)}`, title.meta.type);
  };
  const fromSql = () => [
    `FROM ${own(dataset.entities, plan.entity)!.table} ${BASE_ALIAS}`,
    ...[...joins.values()].map((join) => join.sql),
  ];
  return {
    params,
    column,
    filterContext,
    dimensionSql,
    bucketStart,
    titleSql,
    rowConditions,
    fromSql,
  };
}

/** The WHERE conditions of a report's query: live and permitted rows, its filter, drill and period. */
export function whereSql(plan: ReportPlan, scope: QueryScope, conditions: PlannedCondition[]): string[] {
  const bucketed = (path: ResolvedPath, bucket: DateBucket): string =>
    `to_char(${scope.bucketStart(path, bucket)}, 'YYYY-MM-DD')`;
  const where: string[] = scope.rowConditions(plan.entity);
  if (plan.filter !== undefined && plan.filter !== null)
    where.push(compileFilterSql(plan.filter, scope.filterContext));
  for (const condition of conditions)
    where.push(conditionSql(condition, scope.column, bucketed, scope.filterContext));
  return where;
}

/**
 * The SQL of each measure, as raw numeric expressions (so formulas combine them) and as output columns.
 * `aggregate` and `metric` say how the leaves are computed: over rows, or (the shared scan) over partials.
 */
export function measureSql(
  plan: ReportPlan,
  params: ParamList,
  aggregate: (measure: AggregateMeasure) => string,
  metric: (measure: MetricMeasure) => string,
) {
  const measureByKey = new Map(plan.measures.map((measure) => [measure.key, measure]));
  const raw = (measure: PlannedMeasure): string => {
    switch (measure.kind) {
      case 'aggregate':
        return aggregate(measure);
      case 'metric':
        return metric(measure);
      case 'formula':
        return formulaSql(measure.formula, (key) => raw(measureByKey.get(key)!), params);
    }
  };
  return {
    raw,
    output: (measure: PlannedMeasure): string => {
      if (measure.kind === 'aggregate' && (measure.aggregate === 'min' || measure.aggregate === 'max'))
        return readSql(raw(measure), measure.path!.type);
      return `(${raw(measure)})::float8`;
    },
  };
}

/** A measure's name in the grouped query: hidden ones (parts of formulas, sort keys) are not returned. */
export const measureAlias = (measure: PlannedMeasure): string =>
  quoteIdent(measure.hidden ? `hidden:${measure.key}` : measure.key);

/**
 * The query around the grouped one: the visible columns (buckets formatted as days), the report's sort
 * with ties broken on the dimensions, and its row limit. `extra` adds output columns given the ORDER BY
 * list (the shared scan numbers the rows in that order).
 */
export function outerSql(
  plan: ReportPlan,
  innerSql: string,
  params: ParamList,
  extra: (orderBy: string) => string[] = () => [],
): string {
  const visible = [
    ...plan.dimensions.flatMap((dimension) => [
      dimension.key,
      ...(dimension.title ? [dimension.title.key] : []),
    ]),
    ...plan.measures.filter((measure) => !measure.hidden).map((measure) => measure.key),
  ];
  const textKeys = new Set(
    plan.dimensions
      .filter((dimension) => !dimension.bucket && dimension.path.type === 'text')
      .map((dimension) => dimension.key),
  );
  const measureByKey = new Map(plan.measures.map((measure) => [measure.key, measure]));
  const orderItem = (key: string, descending: boolean) => {
    const measure = measureByKey.get(key);
    const name = measure ? `g.${measureAlias(measure)}` : `g.${quoteIdent(key)}`;
    return `${name}${textKeys.has(key) ? ' COLLATE "C"' : ''} ${descending ? 'DESC' : 'ASC'} NULLS LAST`;
  };
  const order = [
    ...plan.sort.map((sort) => orderItem(sort.key, sort.descending)),
    // Ties break on the dimensions, so a top N is the same N every time.
    ...plan.dimensions.map((dimension) => orderItem(dimension.key, false)),
  ];
  const limit = params.add(plan.limit, 'int');
  const bucketKeys = new Set(
    plan.dimensions.filter((dimension) => dimension.bucket).map((dimension) => dimension.key),
  );
  const outer = (key: string) =>
    bucketKeys.has(key)
      ? `to_char(g.${quoteIdent(key)}, 'YYYY-MM-DD') AS ${quoteIdent(key)}`
      : `g.${quoteIdent(key)}`;
  const orderBy = order.join(', ');
  return [
    `SELECT ${[...visible.map(outer), ...extra(orderBy)].join(', ')}`,
    `FROM (\n  ${innerSql}\n) g`,
    order.length ? `ORDER BY ${orderBy}` : '',
    `LIMIT ${limit}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** How a column is read so that rows are plain JSON values (numbers, ISO dates, id texts). */
function readSql(sql: string, type: string): string {
  switch (type) {
    case 'numeric':
      return `(${sql})::float8`;
    case 'date':
      return `to_char(${sql}, 'YYYY-MM-DD')`;
    case 'timestamptz':
      return `to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'uuid':
      return `(${sql})::text`;
    default:
      return sql;
  }
}

function conditionSql(
  condition: PlannedCondition,
  column: (path: ResolvedPath) => string,
  bucketed: (path: ResolvedPath, bucket: DateBucket) => string,
  context: FilterContext,
): string {
  const target = column(condition.target);
  const type = condition.target.type;
  switch (condition.kind) {
    case 'equals':
      if (condition.value === null) return `(${target} IS NULL)`;
      if (condition.bucket)
        return `(${bucketed(condition.target, condition.bucket)} = ${context.params.add(condition.value, 'text')})`;
      if (isListType(type))
        return `coalesce(${valueSql(context, type, condition.value)} = ANY(${target}), false)`;
      return `coalesce(${target} = ${valueSql(context, type, condition.value)}, false)`;
    case 'in': {
      const list = context.params.add(condition.values, `${scalarType(type)}[]`);
      return isListType(type)
        ? `coalesce(${target} && ${list}, false)`
        : `coalesce(${target} = ANY(${list}), false)`;
    }
    case 'range': {
      const parts: string[] = [];
      if (condition.from !== undefined) parts.push(`${target} >= ${valueSql(context, type, condition.from)}`);
      if (condition.to !== undefined) {
        // A day as upper bound includes the whole day: before the next day's start in the report's zone.
        const wholeDay =
          type === 'timestamptz' && typeof condition.to === 'string' && condition.to.length === 10;
        parts.push(
          wholeDay
            ? `${target} < ((${context.params.add(condition.to, 'date')} + 1)::timestamp AT TIME ZONE ${context.timeZone()})`
            : `${target} <= ${valueSql(context, type, condition.to)}`,
        );
      }
      return `coalesce(${parts.join(' AND ')}, false)`;
    }
  }
}

const PERCENT = '100.0 *';

function aggregateSql(
  aggregate: string,
  column: string | undefined,
  type: string | undefined,
  fraction: number | undefined,
  params: ParamList,
): string {
  const number = column && summable(column, type);
  switch (aggregate) {
    case 'count':
      return column ? `count(${column})` : 'count(*)';
    case 'distinctCount':
      return `count(DISTINCT ${column})`;
    case 'sum':
      return `sum(${number})`;
    case 'avg':
      return `avg(${number})`;
    case 'min':
      return `min(${column})`;
    case 'max':
      return `max(${column})`;
    default:
      return `percentile_cont(${params.add(fraction, 'float8')}) WITHIN GROUP (ORDER BY ${number})`;
  }
}

/** Built-in metrics, each the arithmetic docs/reports.md gives for it; results are percentages or points. */
function metricSql(
  measure: Extract<PlannedMeasure, { kind: 'metric' }>,
  column: (path: ResolvedPath) => string,
  params: ParamList,
): string {
  const share = (condition: string, of: string) =>
    `${PERCENT} count(*) FILTER (WHERE ${condition}) / NULLIF(count(${of}), 0)`;
  const field = measure.field && column(measure.field);
  switch (measure.metric) {
    case 'nps':
      return `${PERCENT} (count(*) FILTER (WHERE ${field} >= 9) - count(*) FILTER (WHERE ${field} <= 6)) / NULLIF(count(${field}), 0)`;
    case 'csat':
      return share(`${field} >= ${params.add(measure.threshold, 'numeric')}`, field!);
    case 'ces':
      return `avg(${field})`;
    case 'mttr': {
      const start = column(measure.startField!);
      return measure.field!.type === 'date'
        ? `avg((${field} - ${start}) * 24.0)`
        : `avg(extract(epoch FROM (${field} - ${start})) / 3600.0)`;
    }
    case 'firstTimeFix':
      if (field) return share(`${field}`, field);
      return share(`${column(measure.reopenField!)} = 0`, column(measure.reopenField!));
    case 'occupancy': {
      const list = params.add(measure.values, `${scalarType(measure.field!.type)}[]`);
      return `${PERCENT} count(*) FILTER (WHERE ${field} = ANY(${list})) / NULLIF(count(*), 0)`;
    }
    case 'collectionRate':
      return `${PERCENT} sum(${field}) / NULLIF(sum(${column(measure.dueField!)}), 0)`;
  }
}

function formulaSql(node: FormulaNode, measure: (key: string) => string, params: ParamList): string {
  switch (node.op) {
    case 'number':
      return params.add(node.value, 'float8');
    case 'measure':
      return `(${measure(node.key)})::float8`;
    case '/': {
      const [numerator, denominator] = node.args.map((arg) => formulaSql(arg, measure, params));
      return `(${numerator} / NULLIF(${denominator}, 0))`;
    }
    case '-':
      if (node.args.length === 1) return `(- ${formulaSql(node.args[0]!, measure, params)})`;
      return `(${node.args.map((arg) => formulaSql(arg, measure, params)).join(' - ')})`;
    default:
      return `(${node.args.map((arg) => formulaSql(arg, measure, params)).join(` ${node.op} `)})`;
  }
}

/** Zone offsets have ranged from UTC−12 to UTC+14; 18 hours is PostgreSQL's own bound. */
const MAX_OFFSET_SECONDS = 18 * 3600;

function checkZoneOffsetSpan(span: ZoneOffsetSpan | undefined): ZoneOffsetSpan | undefined {
  if (span === undefined) return undefined;
  const at = 'options.zoneOffsetSpan';
  if (span === null || typeof span !== 'object')
    return fail('invalidOption', at, 'must be { from, until, offsetSeconds }');
  const from = Date.parse(span.from);
  const until = Date.parse(span.until);
  if (typeof span.from !== 'string' || Number.isNaN(from))
    fail('invalidOption', `${at}.from`, 'must be an ISO instant');
  if (typeof span.until !== 'string' || Number.isNaN(until) || until <= from)
    fail('invalidOption', `${at}.until`, 'must be an ISO instant after from');
  if (!Number.isInteger(span.offsetSeconds) || Math.abs(span.offsetSeconds) > MAX_OFFSET_SECONDS)
    fail('invalidOption', `${at}.offsetSeconds`, 'must be whole seconds within 18 hours of UTC');
  return span;
}
