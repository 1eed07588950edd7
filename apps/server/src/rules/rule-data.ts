import { type AggregateNeed, aggregateMatchValue } from '@lowcode/rule-engine';
import { type EntityManager } from 'typeorm';
import { type ResolvedEntity, RECORD_ALIAS as r } from '../records/entity-catalog.service';
import { type RecordDto } from '../records/record-reader';
import { compileFilter } from '../records/utils/record-query';
import { fromColumn, readExpression } from '../records/utils/record-values';
import { sqlParams } from '../records/utils/sql';

/** What a condition reads as `record`: the stored values plus the system fields by their query names. */
export function ruleRecord(record: RecordDto): Record<string, unknown> {
  return {
    ...record.values,
    id: record.id,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    createdBy: record.createdBy,
    updatedBy: record.updatedBy,
  };
}

/** The record before an update: the current values with the changed fields set back. */
export function recordBefore(
  record: Record<string, unknown>,
  changes: { field: string; from: unknown }[],
): Record<string, unknown> {
  return { ...record, ...Object.fromEntries(changes.map((change) => [change.field, change.from])) };
}

/**
 * The record as it was right after one change: its current values with every later change undone, newest
 * first. A rule that fires late (a busy queue, a restart) judges each change by the record it produced, not
 * by what later writes made of it, so two deductions seen together still cross a threshold only once.
 */
export function recordAfterChange(
  current: Record<string, unknown>,
  later: { changes: { field: string; from: unknown }[] }[],
): Record<string, unknown> {
  const record = { ...current };
  for (const change of [...later].reverse())
    for (const { field, from } of change.changes) record[field] = from;
  return record;
}

const AGGREGATE_SQL = {
  count: 'count(*)',
  sum: 'sum(v)',
  avg: 'avg(v)',
  min: 'min(v)',
  max: 'max(v)',
} as const;

/**
 * Resolves one aggregate a condition declared with one parameterized query: identifiers come only from the
 * entity's storage (the filter compiler refuses unknown fields), every value is a parameter.
 */
export async function resolveAggregate(
  manager: EntityManager,
  related: ResolvedEntity,
  need: AggregateNeed,
  data: unknown,
): Promise<unknown> {
  const params = sqlParams();
  const where = [`${r}._deleted_at IS NULL`];
  if (need.where !== undefined) where.push(compileFilter(need.where, related.resolve, params));
  if (need.match) {
    const value = aggregateMatchValue(need, data);
    if (value === undefined || value === null)
      return need.fn === 'values' ? [] : need.fn === 'count' ? 0 : null;
    const by = related.resolve(need.match.field)!;
    where.push(`${by.sql} = ${params.add(value)}::${by.type}`);
  }
  const field = need.field ? related.resolve(need.field) : undefined;
  // `values` hands the condition the API's shapes (dates as YYYY-MM-DD, numbers as numbers).
  const valueSql = !field ? 'NULL' : need.fn === 'values' ? readExpression(field.sql, field.type) : field.sql;
  const order = need.orderBy
    ? `ORDER BY ${related.resolve(need.orderBy.field)!.sql} ${need.orderBy.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, ${r}._id`
    : '';
  const limit = need.limit !== undefined ? `LIMIT ${params.add(need.limit)}` : '';
  const inner = `SELECT ${valueSql} AS v FROM ${related.table} ${r} WHERE ${where.join(' AND ')} ${order} ${limit}`;
  // PostgreSQL returns numeric and bigint as text; conditions compare numbers.
  const isNumber = need.fn === 'count' || need.fn === 'sum' || need.fn === 'avg' || field?.type === 'numeric';
  const convert = (value: unknown) =>
    isNumber && typeof value === 'string' ? Number(value) : fromColumn(value);
  if (need.fn === 'values') {
    const rows = (await manager.query(inner, params.values)) as { v: unknown }[];
    return rows.map((row) => convert(row.v));
  }
  const [row] = (await manager.query(
    `SELECT ${AGGREGATE_SQL[need.fn]} AS value FROM (${inner}) s`,
    params.values,
  )) as { value: unknown }[];
  return convert(row?.value ?? null);
}
