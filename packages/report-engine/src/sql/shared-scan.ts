// The shared scan: cards of a dashboard that read the same rows (one entity, one WHERE) are answered by
// one pass over the table. The rows are grouped once at the finest grain any card needs, with partial
// aggregates (counts, sums, minima, maxima), and each card regroups those partials to its own dimensions
// inside the same statement — a million work orders are read once for a trend, a ranking, a KPI and a ring,
// instead of four times.
import { type DateBucket } from '@lowcode/app-model';
import { ReportError, fail } from '../errors';
import { type AggregateMeasure, type PlannedDimension, type ReportPlan, planReport } from '../plan';
import {
  type CompileOptions,
  type CompiledQuery,
  type ReportDataset,
  type ReportDefinition,
  type ResultRow,
} from '../types';
import {
  BUCKET_SQL,
  type QueryScope,
  currentConditions,
  measureAlias,
  measureSql,
  outerSql,
  queryScope,
  summable,
  whereSql,
} from './compile-report';
import { quoteIdent } from './params';

export interface SharedScan extends CompiledQuery {
  /** Every entity the query reads (each member's own and the ones their paths join). */
  entities: string[];
  /** The query's single row, split: how many grain groups the scan built, and each member's rows in order. */
  read: (row: Record<string, unknown>) => { grainGroups: number; rows: ResultRow[][] };
}

/** Aggregates whose groups can be merged from partial groups without changing a digit. */
const DECOMPOSABLE = new Set(['count', 'sum', 'avg', 'min', 'max']);
const ROW_NUMBER = '#';

/**
 * Which of `reports` one scan can answer together with `reports[index]` under the same options: those over
 * the same entity with the same conditions (filter, drill, period, scopes) whose measures all merge from
 * partials (counts, sums, averages, minima, maxima, and formulas over them; not distinct counts,
 * percentiles or built-in metrics) and without a comparison period. Answers their indexes, in order, or
 * undefined when the report shares with no other. A report that does not compile is nobody's member.
 */
export function sharedScanMembers(
  reports: readonly ReportDefinition[],
  index: number,
  dataset: ReportDataset,
  options: CompileOptions = {},
): number[] | undefined {
  const signatures = reports.map((report) => {
    try {
      return scanSignature(planReport(report, dataset, options), dataset, options);
    } catch (error) {
      if (error instanceof ReportError) return undefined;
      throw error;
    }
  });
  const own = signatures[index];
  if (own === undefined) return undefined;
  const members = signatures.flatMap((signature, at) => (signature === own ? [at] : []));
  return members.length > 1 ? members : undefined;
}

/**
 * One query answering every report given (members that `sharedScanMembers` grouped) with exactly the rows
 * each would get from `compileReport`. Its single row holds the number of grain groups and one JSON array
 * of rows per member; `read` splits it.
 */
export function compileSharedScan(
  reports: readonly ReportDefinition[],
  dataset: ReportDataset,
  options: CompileOptions = {},
): SharedScan {
  const plans = reports.map((report) => planReport(report, dataset, options));
  const signatures = plans.map((plan) => scanSignature(plan, dataset, options));
  signatures.forEach((signature, at) => {
    if (signature === undefined)
      fail('invalidOption', `reports[${at}]`, 'has measures that do not merge from partial groups');
    if (signature !== signatures[0])
      fail('invalidOption', `reports[${at}]`, 'reads other rows than reports[0]');
  });
  const first = plans[0]!;
  const scope = queryScope(first, dataset, options);

  // ---- the grain: every column any member groups by, each time field at the finest bucket asked for
  const grain = scanColumns('g');
  const bucketsByPath = new Map<string, Set<DateBucket>>();
  for (const dimension of plans.flatMap((plan) => plan.dimensions))
    if (dimension.bucket) {
      const buckets = bucketsByPath.get(dimension.path.text) ?? new Set<DateBucket>();
      buckets.add(dimension.bucket);
      bucketsByPath.set(dimension.path.text, buckets);
    }
  const dimensionOverGrain = (dimension: PlannedDimension): string => {
    if (!dimension.bucket)
      return grain.use(`value ${dimension.path.text}`, () => scope.dimensionSql(dimension));
    const finest = finestBucket(bucketsByPath.get(dimension.path.text)!);
    const start = grain.use(`bucket ${dimension.path.text}`, () => scope.bucketStart(dimension.path, finest));
    return dimension.bucket === finest ? start : `date_trunc(${BUCKET_SQL[dimension.bucket]}, ${start})`;
  };

  // ---- partial aggregates, each computed once however many members use it
  const partials = scanColumns('p');
  const mergedAggregate = (measure: AggregateMeasure): string => {
    const path = measure.path;
    if (!path) return `coalesce(sum(${partials.use('count', () => 'count(*)')}), 0)`;
    const column = () => scope.column(path);
    const count = () => partials.use(`count ${path.text}`, () => `count(${column()})`);
    const sum = () => partials.use(`sum ${path.text}`, () => `sum(${summable(column(), path.type)})`);
    switch (measure.aggregate) {
      case 'count':
        return `coalesce(sum(${count()}), 0)`;
      case 'sum':
        return `sum(${sum()})`;
      // avg(x) is sum(x) / count(x) in exact decimals, so the merged quotient is the same number.
      case 'avg':
        return `(sum(${sum()}) / NULLIF(sum(${count()}), 0))`;
      case 'min':
      case 'max':
        return `${measure.aggregate}(${partials.use(`${measure.aggregate} ${path.text}`, () => `${measure.aggregate}(${column()})`)})`;
      default:
        return fail('invalidOption', 'measures', `${measure.aggregate} does not merge from partial groups`);
    }
  };

  const memberSql = plans.map((plan) => {
    const measures = measureSql(plan, scope.params, mergedAggregate, () =>
      fail('invalidOption', 'measures', 'built-in metrics do not merge from partial groups'),
    );
    const inner: string[] = [];
    const groupBy: number[] = [];
    for (const dimension of plan.dimensions) {
      inner.push(`${dimensionOverGrain(dimension)} AS ${quoteIdent(dimension.key)}`);
      groupBy.push(inner.length);
      if (dimension.title) {
        const title = grain.use(`title ${dimension.path.text}`, () => scope.titleSql(dimension));
        inner.push(`${title} AS ${quoteIdent(dimension.title.key)}`);
        groupBy.push(inner.length);
      }
    }
    for (const measure of plan.measures)
      inner.push(`${measures.output(measure)} AS ${measureAlias(measure)}`);
    const innerSql = [
      `SELECT ${inner.join(', ')}`,
      'FROM s',
      groupBy.length ? `GROUP BY ${groupBy.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('\n  ');
    return outerSql(plan, innerSql, scope.params, (orderBy) => [
      `row_number() OVER (${orderBy && `ORDER BY ${orderBy}`}) AS ${quoteIdent(ROW_NUMBER)}`,
    ]);
  });

  const where = whereSql(first, scope, currentConditions(first));
  const grainColumns = [...grain.columns.values()];
  const scanSql = [
    `SELECT ${[...grainColumns, ...partials.columns.values()].map((column) => `${column.sql} AS ${column.alias}`).join(', ')}`,
    ...scope.fromSql(),
    where.length ? `WHERE ${where.join(' AND ')}` : '',
    grainColumns.length ? `GROUP BY ${grainColumns.map((_, at) => at + 1).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n  ');
  const columns = memberSql.map(
    (sql, at) =>
      `(SELECT coalesce(json_agg(q ORDER BY q.${quoteIdent(ROW_NUMBER)}), '[]'::json) FROM (\n${sql}\n) q) AS ${quoteIdent(`m${at}`)}`,
  );
  // MATERIALIZED: the grain is computed once, not inlined into each member's sub-select.
  const sql = `WITH s AS MATERIALIZED (\n  ${scanSql}\n)\nSELECT (SELECT count(*) FROM s)::int AS "grain",\n${columns.join(',\n')}`;
  return {
    sql,
    params: scope.params.values,
    entities: [...new Set(plans.flatMap((plan) => plan.entities))],
    read: (row) => ({
      grainGroups: Number(row.grain),
      rows: plans.map((_, at) =>
        (row[`m${at}`] as ResultRow[]).map(({ [ROW_NUMBER]: _number, ...rest }) => rest),
      ),
    }),
  };
}

/**
 * What decides whether two reports read the same rows: their entity, zone and WHERE (with its joins and
 * parameters) compiled alone. Undefined when the report cannot share a scan at all.
 */
function scanSignature(
  plan: ReportPlan,
  dataset: ReportDataset,
  options: CompileOptions,
): string | undefined {
  if (plan.period?.previous) return undefined;
  const decomposable = plan.measures.every(
    (measure) =>
      measure.kind === 'formula' || (measure.kind === 'aggregate' && DECOMPOSABLE.has(measure.aggregate)),
  );
  if (!decomposable) return undefined;
  const scope: QueryScope = queryScope(plan, dataset, options);
  const where = whereSql(plan, scope, currentConditions(plan));
  return JSON.stringify([plan.entity, plan.timeZone, where, scope.fromSql(), scope.params.values]);
}

/** Columns of the scan, each built once however many members use it, named `${prefix}0`, `${prefix}1` … */
function scanColumns(prefix: string) {
  const columns = new Map<string, { alias: string; sql: string }>();
  return {
    columns,
    /** The column's reference over the scan; `sql` builds its expression the first time. */
    use: (key: string, sql: () => string): string => {
      let column = columns.get(key);
      if (!column) {
        column = { alias: quoteIdent(`${prefix}${columns.size}`), sql: sql() };
        columns.set(key, column);
      }
      return `s.${column.alias}`;
    },
  };
}

/**
 * The bucket every asked one can be cut from: months make quarters and years, quarters make years, and
 * days make everything (weeks do not fit in months, so weeks and months meet at days).
 */
function finestBucket(buckets: Set<DateBucket>): DateBucket {
  if (buckets.size === 1) return [...buckets][0]!;
  for (const bucket of ['month', 'quarter'] as const)
    if (buckets.has(bucket) && !buckets.has('day') && !buckets.has('week')) return bucket;
  return 'day';
}
