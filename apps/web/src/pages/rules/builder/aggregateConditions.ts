import type { AppDefinition, EntityDefinition, FieldDefinition } from '@lowcode/app-model';
import { NUMERIC, sameJson, simplify } from './conditionQuery';

/**
 * Conditions over related records ("this owner's last 3 ratings are all 2 or lower", "this tenant has more
 * than 2 open complaints") as rows the builder can show, ↔ the engine's `{"aggregate": {...}}` JSON-logic.
 * react-querybuilder compares the record's own fields; these rows sit beside it, joined with AND.
 */

export type AggregateFunction = 'values' | 'count' | 'sum' | 'avg' | 'min' | 'max';
export const AGGREGATE_FUNCTIONS: readonly AggregateFunction[] = [
  'values',
  'count',
  'sum',
  'avg',
  'min',
  'max',
];
export type Quantifier = 'all' | 'some' | 'none';
export const QUANTIFIERS: readonly Quantifier[] = ['all', 'some', 'none'];
export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';
export const COMPARISONS: readonly Comparison[] = ['<=', '<', '==', '!=', '>=', '>'];

type Literal = string | number | boolean | null;

export interface AggregateRow {
  /** The aggregate's name: the condition reads its value as `aggregates.<name>`, the rule log shows it. */
  name: string;
  entity: string;
  /** The related records' field that must equal the current record (a relation to it, or a shared key). */
  by: string;
  fn: AggregateFunction;
  /** The aggregated field; none for `count`. */
  field?: string;
  /** Only related records whose fields equal these values. */
  where: { field: string; value: Literal }[];
  orderBy?: { field: string; descending: boolean };
  limit?: number;
  /** For `values`: whether all, any or none of the values pass the comparison. */
  quantifier: Quantifier;
  comparison: Comparison;
  value: Literal;
  /** For `values` with a limit: the condition also needs that many records ("the last 3" means 3 exist). */
  requireFull: boolean;
}

type Logic = Record<string, unknown>;
const isObject = (value: unknown): value is Logic =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isLiteral = (value: unknown): value is Literal =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);
const single = (value: unknown): [string, unknown] | undefined =>
  isObject(value) && Object.keys(value).length === 1
    ? (Object.entries(value)[0] as [string, unknown])
    : undefined;

export function newAggregateRow(taken: readonly string[]): AggregateRow {
  let index = 1;
  while (taken.includes(`related${index}`)) index += 1;
  return {
    name: `related${index}`,
    entity: '',
    by: '',
    fn: 'count',
    where: [],
    quantifier: 'all',
    comparison: '>=',
    value: 1,
    requireFull: false,
  };
}

// ---------------------------------------------------------------- row → JSON-logic

function specOf(row: AggregateRow): Logic {
  const spec: Logic = { name: row.name, entity: row.entity, by: row.by, fn: row.fn };
  if (row.fn !== 'count' && row.field) spec.field = row.field;
  const where = row.where.map(({ field, value }) => ({ '==': [{ var: field }, value] }));
  if (where.length === 1) spec.where = where[0];
  else if (where.length > 1) spec.where = { and: where };
  if (row.orderBy?.field) spec.orderBy = `${row.orderBy.descending ? '-' : ''}${row.orderBy.field}`;
  if (row.limit !== undefined) spec.limit = row.limit;
  return spec;
}

/** The JSON-logic parts one row stands for, in order. */
export function aggregateRowToLogic(row: AggregateRow): Logic[] {
  const aggregate = { aggregate: specOf(row) };
  if (row.fn !== 'values') return [{ [row.comparison]: [aggregate, row.value] }];
  const parts: Logic[] = [{ [row.quantifier]: [aggregate, { [row.comparison]: [{ var: '' }, row.value] }] }];
  if (row.requireFull && row.limit !== undefined)
    parts.push({ '==': [{ length: [{ var: `aggregates.${row.name}` }] }, row.limit] });
  return parts;
}

/** The whole condition: the builder's own part, then every row, joined with AND. */
export function joinCondition(own: unknown, rows: readonly AggregateRow[]): unknown {
  const ownParts = own === undefined ? [] : isObject(own) && Array.isArray(own.and) ? own.and : [own];
  const parts = [...(ownParts as unknown[]), ...rows.flatMap(aggregateRowToLogic)];
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

// ---------------------------------------------------------------- JSON-logic → rows

function parseWhere(where: unknown): AggregateRow['where'] | undefined {
  if (where === undefined) return [];
  const [operator, args] = single(where) ?? [];
  const items = operator === 'and' && Array.isArray(args) ? args : [where];
  const parsed: AggregateRow['where'] = [];
  for (const item of items) {
    const [op, operands] = single(item) ?? [];
    if (op !== '==' || !Array.isArray(operands) || operands.length !== 2) return undefined;
    const field = single(operands[0]);
    if (!field || field[0] !== 'var' || typeof field[1] !== 'string' || !isLiteral(operands[1]))
      return undefined;
    parsed.push({ field: field[1], value: operands[1] });
  }
  return parsed;
}

function parseSpec(
  value: unknown,
): Omit<AggregateRow, 'quantifier' | 'comparison' | 'value' | 'requireFull'> | undefined {
  const [operator, spec] = single(value) ?? [];
  if (operator !== 'aggregate' || !isObject(spec)) return undefined;
  const { name, entity, by, fn, field, where, orderBy, limit } = spec;
  if (typeof name !== 'string' || typeof entity !== 'string' || typeof by !== 'string') return undefined;
  if (!AGGREGATE_FUNCTIONS.includes(fn as AggregateFunction)) return undefined;
  if (field !== undefined && typeof field !== 'string') return undefined;
  if (orderBy !== undefined && typeof orderBy !== 'string') return undefined;
  if (limit !== undefined && typeof limit !== 'number') return undefined;
  const filters = parseWhere(where);
  if (!filters) return undefined;
  return {
    name,
    entity,
    by,
    fn: fn as AggregateFunction,
    field,
    where: filters,
    orderBy: orderBy ? { field: orderBy.replace(/^-/, ''), descending: orderBy.startsWith('-') } : undefined,
    limit,
  };
}

function parseRow(logic: unknown): AggregateRow | undefined {
  const [operator, args] = single(logic) ?? [];
  if (!operator || !Array.isArray(args) || args.length !== 2) return undefined;
  if (QUANTIFIERS.includes(operator as Quantifier)) {
    const spec = parseSpec(args[0]);
    const [comparison, operands] = single(args[1]) ?? [];
    if (!spec || spec.fn !== 'values' || !COMPARISONS.includes(comparison as Comparison)) return undefined;
    if (!Array.isArray(operands) || operands.length !== 2 || !isLiteral(operands[1])) return undefined;
    if (!sameJson(operands[0], { var: '' })) return undefined;
    return {
      ...spec,
      quantifier: operator as Quantifier,
      comparison: comparison as Comparison,
      value: operands[1],
      requireFull: false,
    };
  }
  if (!COMPARISONS.includes(operator as Comparison)) return undefined;
  const spec = parseSpec(args[0]);
  if (!spec || spec.fn === 'values' || !isLiteral(args[1])) return undefined;
  return {
    ...spec,
    quantifier: 'all',
    comparison: operator as Comparison,
    value: args[1],
    requireFull: false,
  };
}

/** `{"==":[{"length":[{"var":"aggregates.x"}]}, n]}` → x and n. */
function parseLengthCheck(logic: unknown): { name: string; count: number } | undefined {
  const [operator, args] = single(logic) ?? [];
  if (operator !== '==' || !Array.isArray(args) || args.length !== 2 || typeof args[1] !== 'number')
    return undefined;
  const [length, operand] = single(args[0]) ?? [];
  if (length !== 'length' || !Array.isArray(operand) || operand.length !== 1) return undefined;
  const variable = single(operand[0]);
  if (!variable || variable[0] !== 'var' || typeof variable[1] !== 'string') return undefined;
  const match = /^aggregates\.(.+)$/.exec(variable[1]);
  return match ? { name: match[1]!, count: args[1] } : undefined;
}

const mentionsAggregate = (logic: unknown) => JSON.stringify(logic ?? null).includes('"aggregate');

export type SplitCondition = { ok: true; own: unknown; rows: AggregateRow[] } | { ok: false };

/**
 * Separates a condition into the builder's own part and related-record rows. Accepted only when joining them
 * again gives the same JSON, so nothing the rows cannot show is ever dropped.
 */
export function splitCondition(logic: unknown): SplitCondition {
  if (!mentionsAggregate(logic)) return { ok: true, own: logic, rows: [] };
  const simplified = simplify(logic);
  const items =
    isObject(simplified) && Array.isArray(simplified.and) ? (simplified.and as unknown[]) : [simplified];
  const rows: AggregateRow[] = [];
  const own: unknown[] = [];
  for (const item of items) {
    const row = parseRow(item);
    if (row) {
      rows.push(row);
      continue;
    }
    const check = parseLengthCheck(item);
    const previous = rows.at(-1);
    if (
      check &&
      previous?.name === check.name &&
      previous.fn === 'values' &&
      previous.limit === check.count
    ) {
      previous.requireFull = true;
      continue;
    }
    if (mentionsAggregate(item)) return { ok: false };
    own.push(item);
  }
  const ownLogic = own.length === 0 ? undefined : own.length === 1 ? own[0] : { and: own };
  return sameJson(joinCondition(ownLogic, rows), logic) ? { ok: true, own: ownLogic, rows } : { ok: false };
}

// ---------------------------------------------------------------- choices the row editor offers

/**
 * Fields of `related` that can tie its records to the trigger entity's record: a relation to that entity
 * (matched by the record's id), or a field with the same key as one of the trigger entity's (a shared
 * tenant, room or project). The engine resolves `by` the same way.
 */
export function linkFields(related: EntityDefinition, trigger: EntityDefinition): FieldDefinition[] {
  const ownKeys = new Set(trigger.fields.map((field) => field.key));
  return related.fields.filter(
    (field) =>
      (field.type === 'relation' && field.relation.entity === trigger.key) ||
      (ownKeys.has(field.key) && (field.type === 'relation' || field.type === 'user')),
  );
}

/** Entities a row can aggregate over: those with at least one link to the trigger entity. */
export function relatedEntities(app: AppDefinition, trigger: EntityDefinition): EntityDefinition[] {
  return app.entities.filter((entity) => linkFields(entity, trigger).length > 0);
}

/** Fields a function can aggregate: numbers for sum and avg, anything comparable for min, max and values. */
export function aggregatableFields(entity: EntityDefinition, fn: AggregateFunction): FieldDefinition[] {
  if (fn === 'count') return [];
  return entity.fields.filter((field) =>
    fn === 'sum' || fn === 'avg'
      ? NUMERIC.has(field.type)
      : NUMERIC.has(field.type) ||
        ['date', 'datetime', 'text', 'select', 'status', 'checkbox'].includes(field.type),
  );
}

export const isNumericField = (field: FieldDefinition | undefined) => !!field && NUMERIC.has(field.type);
