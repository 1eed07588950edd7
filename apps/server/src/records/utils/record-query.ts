import { type ErrorDetail } from '../../common/errors/app-error';
import { type SqlParams } from './sql';
import { type SqlType } from './entity-storage';
import { isUuid } from '../../common/ids';

/** A field the query language may name, resolved to trusted SQL: user text never becomes SQL. */
export interface QueryableField {
  sql: string;
  type: SqlType;
}
export type FieldResolver = (key: string) => QueryableField | undefined;

export class QueryError extends Error {
  constructor(readonly details: ErrorDetail[]) {
    super('invalid query');
  }
}

const MAX_DEPTH = 12;
const MAX_NODES = 300;
const MAX_LIST = 1000;
const MAX_TEXT = 1000;

/**
 * Compiles the record filter language — JSON-logic syntax over field keys (docs/records.md) — into a
 * parameterized WHERE fragment. Field keys resolve through `resolve` to trusted column expressions; values
 * only ever become parameters, cast to the column's type.
 */
export function compileFilter(filter: unknown, resolve: FieldResolver, params: SqlParams): string {
  let nodes = 0;
  const fail = (path: string, message: string): never => {
    throw new QueryError([{ path, message }]);
  };

  const walk = (node: unknown, path: string, depth: number): string => {
    if (++nodes > MAX_NODES) fail('filter', `has more than ${MAX_NODES} conditions`);
    if (depth > MAX_DEPTH) fail(path, `nests deeper than ${MAX_DEPTH} levels`);
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      return fail(path, 'must be an object with one operator, such as {"==": [{"var": "status"}, "open"]}');
    }
    const entries = Object.entries(node);
    if (entries.length !== 1) fail(path, 'must have exactly one operator');
    const [operator, rawArgs] = entries[0]!;
    const args = Array.isArray(rawArgs) ? rawArgs : [rawArgs];
    const at = `${path}.${operator}`;

    switch (operator) {
      case 'and':
      case 'or': {
        if (args.length === 0) return operator === 'and' ? 'TRUE' : 'FALSE';
        const parts = args.map((arg, index) => walk(arg, `${at}[${index}]`, depth + 1));
        return `(${parts.join(operator === 'and' ? ' AND ' : ' OR ')})`;
      }
      case '!':
        if (args.length !== 1) fail(at, 'takes one condition');
        return `(NOT ${walk(args[0], `${at}[0]`, depth + 1)})`;
      case '==':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return comparison(operator, args, at);
      case 'in':
        return membership(args, at);
      case 'contains':
      case 'startsWith':
        return textMatch(operator, args, at);
      case 'between': {
        const field = fieldOf(args[0], `${at}[0]`);
        if (args.length !== 3 || isArrayType(field.type)) fail(at, 'takes a field and two bounds');
        const low = value(field, args[1], `${at}[1]`);
        const high = value(field, args[2], `${at}[2]`);
        return `(${field.sql} BETWEEN ${low} AND ${high})`;
      }
      case 'empty': {
        const field = fieldOf(args[0], `${at}[0]`);
        if (isArrayType(field.type)) return `(${field.sql} IS NULL OR cardinality(${field.sql}) = 0)`;
        if (field.type === 'text') return `(${field.sql} IS NULL OR ${field.sql} = '')`;
        return `(${field.sql} IS NULL)`;
      }
      default:
        return fail(
          at,
          `unknown operator "${operator}"; use and, or, !, ==, !=, <, <=, >, >=, in, contains, startsWith, between, empty`,
        );
    }
  };

  const fieldOf = (arg: unknown, path: string): QueryableField => {
    const key = (arg as { var?: unknown } | null)?.var;
    if (typeof key !== 'string' || Object.keys(arg as object).length !== 1) {
      return fail(path, 'must name a field: {"var": "<field key>"}');
    }
    const field = resolve(key);
    if (!field) return fail(path, `"${key}" is not a field that can be filtered`);
    return field;
  };

  const value = (field: QueryableField, raw: unknown, path: string): string => {
    const scalarType = field.type.replace('[]', '') as SqlType;
    return params.add(checkValue(scalarType, raw, path, fail)) + `::${scalarType}`;
  };

  const comparison = (operator: string, args: unknown[], at: string): string => {
    if (args.length !== 2) fail(at, 'takes a field and a value');
    const field = fieldOf(args[0], `${at}[0]`);
    const raw = args[1];
    if (raw === null && (operator === '==' || operator === '!=')) {
      return `(${field.sql} IS ${operator === '==' ? '' : 'NOT '}NULL)`;
    }
    if (isArrayType(field.type)) {
      if (operator !== '==' && operator !== '!=') fail(at, 'a list field can only be compared with == or !=');
      const contains = `(${value(field, raw, `${at}[1]`)} = ANY(${field.sql}))`;
      return operator === '==' ? contains : `(NOT coalesce(${contains}, false))`;
    }
    if (['jsonb', 'boolean', 'uuid'].includes(field.type) && !['==', '!='].includes(operator)) {
      fail(at, `a ${field.type} field can only be compared with == or !=`);
    }
    const placeholder = value(field, raw, `${at}[1]`);
    const sqlOperator = operator === '==' ? '=' : operator === '!=' ? 'IS DISTINCT FROM' : operator;
    return `(${field.sql} ${sqlOperator} ${placeholder})`;
  };

  const membership = (args: unknown[], at: string): string => {
    if (args.length !== 2 || !Array.isArray(args[1])) fail(at, 'takes a field and a list of values');
    const field = fieldOf(args[0], `${at}[0]`);
    const list = args[1] as unknown[];
    if (list.length > MAX_LIST) fail(`${at}[1]`, `has more than ${MAX_LIST} values`);
    const scalarType = field.type.replace('[]', '') as SqlType;
    const values = list.map((item, index) => checkValue(scalarType, item, `${at}[1][${index}]`, fail));
    const placeholder = `${params.add(values)}::${scalarType}[]`;
    return isArrayType(field.type)
      ? `(${field.sql} && ${placeholder})`
      : `(${field.sql} = ANY(${placeholder}))`;
  };

  const textMatch = (operator: string, args: unknown[], at: string): string => {
    if (args.length !== 2) fail(at, 'takes a field and a text');
    const field = fieldOf(args[0], `${at}[0]`);
    if (field.type !== 'text') fail(at, `works on text fields only`);
    const text = checkValue('text', args[1], `${at}[1]`, fail) as string;
    const escaped = text.replace(/[\\%_]/g, (character) => `\\${character}`);
    const pattern = operator === 'contains' ? `%${escaped}%` : `${escaped}%`;
    return `(${field.sql} ILIKE ${params.add(pattern)})`;
  };

  return walk(filter, 'filter', 0);
}

const isArrayType = (type: SqlType) => type.endsWith('[]');

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Checks a filter value against the column type, so a bad value is a 400, never a database error. */
function checkValue(
  type: SqlType,
  raw: unknown,
  path: string,
  fail: (path: string, message: string) => never,
): unknown {
  switch (type) {
    case 'numeric':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) fail(path, 'must be a number');
      return raw;
    case 'boolean':
      if (typeof raw !== 'boolean') fail(path, 'must be true or false');
      return raw;
    case 'date':
      if (typeof raw !== 'string' || !DATE.test(raw) || Number.isNaN(Date.parse(raw))) {
        fail(path, 'must be a date written YYYY-MM-DD');
      }
      return raw;
    case 'timestamptz':
      if (typeof raw !== 'string' || !DATETIME.test(raw) || Number.isNaN(Date.parse(raw))) {
        fail(path, 'must be an ISO date-time');
      }
      return raw;
    case 'uuid':
      if (!isUuid(raw)) fail(path, 'must be a record or user id (UUID)');
      return raw;
    case 'text':
      if (typeof raw !== 'string' || raw.length > MAX_TEXT)
        fail(path, `must be a text of at most ${MAX_TEXT} characters`);
      return raw;
    default:
      return fail(path, `fields of type ${type} cannot be filtered`);
  }
}

export interface SortKey {
  field: QueryableField;
  key: string;
  descending: boolean;
}

/** `-updatedAt,rent` → sort keys; `_id` is always the last tiebreaker so pages never overlap. */
export function parseSort(sort: string | undefined, resolve: FieldResolver): SortKey[] {
  if (!sort) return [{ key: 'updatedAt', field: resolve('updatedAt')!, descending: true }];
  const parts = sort.split(',').map((part) => part.trim());
  if (parts.length > 5) throw new QueryError([{ path: 'sort', message: 'sorts by at most 5 fields' }]);
  return parts.map((part, index) => {
    const descending = part.startsWith('-');
    const key = descending ? part.slice(1) : part;
    const field = resolve(key);
    if (!field || field.type === 'jsonb' || isArrayType(field.type)) {
      throw new QueryError([
        { path: `sort[${index}]`, message: `"${key}" is not a field that can be sorted` },
      ]);
    }
    return { key, field, descending };
  });
}

export function orderBy(keys: SortKey[], idSql: string): string {
  const parts = keys.map(
    ({ field, descending }) =>
      `${field.sql} ${descending ? 'DESC' : 'ASC'} NULLS ${descending ? 'FIRST' : 'LAST'}`,
  );
  return [...parts, `${idSql} ASC`].join(', ');
}

/**
 * Keyset pagination: the cursor holds the last row's sort values and id; the next page is every row after
 * it in the ORDER BY above (nulls last ascending, first descending), so pages stay stable under inserts.
 */
export function afterCursor(keys: SortKey[], idSql: string, cursor: string, params: SqlParams): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new QueryError([{ path: 'cursor', message: 'is not a cursor this server issued' }]);
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== keys.length + 1 ||
    typeof decoded[keys.length] !== 'string'
  ) {
    throw new QueryError([{ path: 'cursor', message: 'does not match the sort order' }]);
  }
  const lastId = decoded[keys.length] as string;
  if (!isUuid(lastId))
    throw new QueryError([{ path: 'cursor', message: 'is not a cursor this server issued' }]);

  const levels: string[] = [];
  const equalities: string[] = [];
  keys.forEach(({ field, descending }, index) => {
    const raw = decoded[index] as unknown;
    const placeholder = raw === null ? 'NULL' : `${params.add(raw)}::${field.type}`;
    if (raw === null) {
      // Nulls come last ascending / first descending: after a null come only (descending) non-nulls.
      if (descending) levels.push(`(${[...equalities, `${field.sql} IS NOT NULL`].join(' AND ')})`);
    } else {
      const strictlyAfter = `${field.sql} ${descending ? '<' : '>'} ${placeholder}`;
      const nullsAfter = descending ? '' : ` OR ${field.sql} IS NULL`;
      levels.push(`(${[...equalities, `(${strictlyAfter}${nullsAfter})`].join(' AND ')})`);
    }
    equalities.push(`${field.sql} IS NOT DISTINCT FROM ${placeholder}`);
  });
  levels.push(`(${[...equalities, `${idSql} > ${params.add(lastId)}::uuid`].join(' AND ')})`);
  return `(${levels.join(' OR ')})`;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}
