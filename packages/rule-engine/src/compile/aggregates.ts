// `{"aggregate": {...}}` in a condition declares a query over related records. Compiling checks it against the
// app and turns it into an AggregateNeed: the server resolves it with one parameterized query before
// evaluation, and the condition reads the value from `aggregates.<name>`. The engine never queries.
import { KEY_PATTERN, type EntityDefinition } from '@lowcode/app-model';
import { RuleCompileError } from '../errors';
import { MAX_ARRAY_LENGTH } from '../logic/operations';
import { type AggregateFn, type AggregateNeed } from '../types';
import { type RuleContext, findEntity, findField, isObject } from './context';

const FNS: readonly AggregateFn[] = ['count', 'sum', 'avg', 'min', 'max', 'values'];
const PROPERTIES = new Set(['name', 'entity', 'where', 'by', 'orderBy', 'limit', 'fn', 'field']);
/** The records filter language (docs/records.md), which the server compiles to parameterized SQL. */
const WHERE_OPERATIONS = new Set(['and', 'or', '!', '==', '!=', '<', '<=', '>', '>=', 'in', 'contains', 'startsWith', 'between', 'empty']); // prettier-ignore
const MAX_WHERE_DEPTH = 12;
const MAX_WHERE_NODES = 300;

function checkWhere(
  where: unknown,
  entity: EntityDefinition,
  path: string,
  fail: (reason: string) => never,
): void {
  let nodes = 0;
  const isLiteral = (value: unknown): boolean =>
    value === null || ['string', 'number', 'boolean'].includes(typeof value);
  const visit = (value: unknown, depth: number): void => {
    nodes += 1;
    if (nodes > MAX_WHERE_NODES) fail(`where has more than ${MAX_WHERE_NODES} parts`);
    if (depth > MAX_WHERE_DEPTH) fail(`where is nested deeper than ${MAX_WHERE_DEPTH} levels`);
    if (isLiteral(value)) return;
    if (Array.isArray(value)) return value.forEach((item) => visit(item, depth + 1));
    const keys = isObject(value) ? Object.keys(value) : [];
    const [operation] = keys;
    if (keys.length !== 1 || operation === undefined)
      return fail('where may hold only conditions and values');
    const arg = (value as Record<string, unknown>)[operation];
    if (operation === 'var') {
      if (typeof arg !== 'string') fail('where reads fields by their literal key');
      findField(entity, arg, path);
      return;
    }
    if (!WHERE_OPERATIONS.has(operation)) fail(`where cannot use "${operation}"`);
    visit(arg, depth + 1);
  };
  visit(where, 0);
}

function parseOrderBy(
  value: unknown,
  entity: EntityDefinition,
  path: string,
  fail: (reason: string) => never,
) {
  if (typeof value !== 'string') return fail('orderBy must be a field key, "-" first for descending');
  const descending = value.startsWith('-');
  const field = descending ? value.slice(1) : value;
  findField(entity, field, path);
  return { field, direction: descending ? ('desc' as const) : ('asc' as const) };
}

/** Which value of the current record the related records' `by` field must equal. */
function matchPath(
  by: string,
  related: EntityDefinition,
  context: RuleContext,
  path: string,
  fail: (r: string) => never,
) {
  const field = findField(related, by, path);
  if (context.noRecord || !context.entity) return fail('"by" needs a record, and this rule has none');
  if (field?.type === 'relation' && field.relation.entity === context.entity.key) return 'record.id';
  if (context.entity.fields.some((item) => item.key === by)) return `record.${by}`;
  return fail(`cannot tell which value of "${context.entity.key}" matches "${related.key}.${by}"`);
}

export function compileAggregate(spec: unknown, context: RuleContext, where: string): AggregateNeed {
  const name = isObject(spec) && typeof spec.name === 'string' ? spec.name : '?';
  const fail = (reason: string): never => {
    throw new RuleCompileError('invalidAggregate', where, { name, reason });
  };
  if (!isObject(spec)) return fail('expected an object');
  const unknown = Object.keys(spec).find((key) => !PROPERTIES.has(key));
  if (unknown !== undefined) fail(`unknown property "${unknown}"`);
  if (!new RegExp(KEY_PATTERN).test(name)) fail('name must be a key such as "lastRatings"');
  const entity = findEntity(context.app, spec.entity, `${where}.entity`);
  const fn = spec.fn as AggregateFn;
  if (!FNS.includes(fn)) fail(`fn must be one of ${FNS.join(', ')}`);
  const need: AggregateNeed = { name, entity: entity.key, fn };
  if (spec.field !== undefined || fn !== 'count') {
    findField(entity, spec.field, `${where}.field`);
    need.field = String(spec.field);
  }
  if (spec.where !== undefined) {
    checkWhere(spec.where, entity, `${where}.where`, fail);
    need.where = spec.where;
  }
  if (spec.by !== undefined) {
    if (typeof spec.by !== 'string') fail('"by" must be a field key');
    need.match = {
      field: String(spec.by),
      valuePath: matchPath(String(spec.by), entity, context, `${where}.by`, fail),
    };
  }
  if (spec.orderBy !== undefined) need.orderBy = parseOrderBy(spec.orderBy, entity, `${where}.orderBy`, fail);
  if (spec.limit !== undefined) {
    const limit = spec.limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_ARRAY_LENGTH)
      fail(`limit must be a whole number from 1 to ${MAX_ARRAY_LENGTH}`);
    need.limit = limit as number;
  } else if (fn === 'values') fail('"values" needs a limit');
  return need;
}

/**
 * The value the related records' `match.field` must equal for this data: the value at `valuePath`, or its
 * `id` when it is an expanded relation. Undefined when the data has none (the aggregate is then empty).
 */
export function aggregateMatchValue(need: AggregateNeed, data: unknown): unknown {
  if (!need.match) return undefined;
  let value: unknown = data;
  for (const segment of need.match.valuePath.split('.')) {
    value =
      isObject(value) && Object.prototype.hasOwnProperty.call(value, segment) ? value[segment] : undefined;
  }
  return isObject(value) && 'id' in value ? value.id : value;
}
