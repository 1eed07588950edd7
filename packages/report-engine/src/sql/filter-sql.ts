// Report filters (JSON-logic, the operators of the records filter) compiled to a parameterized condition.
// Field names resolve through the plan and the joins; every value becomes a typed parameter. A comparison
// with an empty value is false (never SQL's unknown), so NOT and the in-memory runner agree on every row.
import { fail } from '../errors';
import { stripRecord, type ResolvedPath } from '../plan';
import { type ColumnType } from '../types';
import { checkValue, isDateOnly, isListType, scalarType } from '../values';
import { type ParamList } from './params';

const MAX_NODES = 300;
const MAX_DEPTH = 12;
const MAX_LIST = 1000;
const ORDERED = new Set<ColumnType>(['numeric', 'date', 'timestamptz', 'text']);
const COMPARISONS: Record<string, string> = { '==': '=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

export interface SqlField {
  sql: string;
  path: ResolvedPath;
}

export interface FilterContext {
  field: (path: string, at: string) => SqlField;
  params: ParamList;
  /** Placeholder of the report's time zone, for date-only bounds on timestamp columns. */
  timeZone: () => string;
}

/** A typed value placeholder; a date alone against a timestamp is that day's start in the report's zone. */
export function valueSql(context: FilterContext, type: ColumnType, value: string | number | boolean): string {
  const scalar = scalarType(type);
  if (scalar === 'timestamptz' && isDateOnly(value))
    return `(${context.params.add(value, 'date')}::timestamp AT TIME ZONE ${context.timeZone()})`;
  return context.params.add(value, scalar);
}

/** JSON-logic truthiness of a field: false, 0, '' and empty lists are false; so is an empty value. */
export function truthySql(field: SqlField): string {
  switch (field.path.type) {
    case 'boolean':
      return `coalesce(${field.sql}, false)`;
    case 'numeric':
      return `coalesce(${field.sql} <> 0, false)`;
    case 'text':
      return `coalesce(${field.sql} <> '', false)`;
    case 'uuid[]':
    case 'text[]':
      return `coalesce(cardinality(${field.sql}) > 0, false)`;
    default:
      return `(${field.sql} IS NOT NULL)`;
  }
}

export function compileFilterSql(filter: unknown, context: FilterContext): string {
  let nodes = 0;
  const isVar = (node: unknown): node is { var: string } =>
    node !== null &&
    typeof node === 'object' &&
    !Array.isArray(node) &&
    Object.keys(node).length === 1 &&
    'var' in node;
  const fieldOf = (node: { var: unknown }, at: string): SqlField => {
    if (typeof node.var !== 'string')
      return fail('invalidFilter', at, 'must name a field: {"var": "record.<field>"}');
    return context.field(stripRecord(node.var), `${at}.var`);
  };

  const walk = (node: unknown, at: string, depth: number): string => {
    if (++nodes > MAX_NODES) fail('invalidFilter', 'filter', `has more than ${MAX_NODES} conditions`);
    if (depth > MAX_DEPTH) fail('invalidFilter', at, `nests deeper than ${MAX_DEPTH} levels`);
    if (node === true) return 'TRUE';
    if (node === false) return 'FALSE';
    if (node === null || typeof node !== 'object' || Array.isArray(node))
      return fail(
        'invalidFilter',
        at,
        'must be a condition such as {"==": [{"var": "record.status"}, "open"]}',
      );
    const entries = Object.entries(node);
    if (entries.length !== 1) fail('invalidFilter', at, 'must have exactly one operator');
    const [operator, raw] = entries[0]!;
    const args = Array.isArray(raw) ? raw : [raw];
    const here = `${at}.${operator}`;
    switch (operator) {
      case 'var':
        return truthySql(fieldOf(node as { var: unknown }, at));
      case 'and':
      case 'or': {
        if (args.length === 0) return operator === 'and' ? 'TRUE' : 'FALSE';
        const parts = args.map((arg, index) => walk(arg, `${here}[${index}]`, depth + 1));
        return `(${parts.join(operator === 'and' ? ' AND ' : ' OR ')})`;
      }
      case '!':
      case '!!': {
        if (args.length !== 1) fail('invalidFilter', here, 'takes one condition');
        const inner = isVar(args[0])
          ? truthySql(fieldOf(args[0], `${here}[0]`))
          : walk(args[0], `${here}[0]`, depth + 1);
        return operator === '!' ? `(NOT ${inner})` : inner;
      }
      case '==':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return comparison(operator, args, here);
      case 'in':
        return membership(args, here);
      default:
        return fail('invalidFilter', here, `unknown operator; use and, or, !, !!, ==, !=, <, <=, >, >=, in`);
    }
  };

  const comparison = (operator: string, args: unknown[], at: string): string => {
    if (args.length !== 2) fail('invalidFilter', at, 'takes two operands');
    let [left, right] = args;
    let flipped = false;
    if (!isVar(left)) {
      [left, right] = [right, left];
      flipped = true;
    }
    if (!isVar(left)) return fail('invalidFilter', at, 'compares a field with a value or another field');
    const field = fieldOf(left, `${at}[${flipped ? 1 : 0}]`);
    const valueAt = `${at}[${flipped ? 0 : 1}]`;
    const sqlOperator = flipped ? flip(operator) : operator;
    const type = field.path.type;
    if (right === null) {
      if (operator !== '==' && operator !== '!=')
        fail('invalidFilter', valueAt, 'only == and != compare with null');
      return `(${field.sql} IS ${operator === '==' ? '' : 'NOT '}NULL)`;
    }
    if (type === 'jsonb')
      fail('invalidFilter', at, `"${field.path.text}" is a jsonb field and cannot be compared`);
    if (operator !== '==' && operator !== '!=' && !ORDERED.has(type))
      fail('invalidFilter', at, `a ${type} field can only be compared with == or !=`);
    let other: string;
    if (isVar(right)) {
      const second = fieldOf(right, valueAt);
      if (
        scalarType(second.path.type) !== scalarType(type) ||
        isListType(second.path.type) !== isListType(type)
      )
        fail('invalidFilter', at, `"${field.path.text}" and "${second.path.text}" are of different types`);
      other = second.sql;
    } else {
      other = valueSql(context, type, checkValue(type, right, valueAt));
    }
    if (isListType(type)) {
      if (operator !== '==' && operator !== '!=')
        fail('invalidFilter', at, 'a list field can only be compared with == or !=');
      if (isVar(right)) fail('invalidFilter', at, 'a list field is compared with one value');
      const contains = `coalesce(${other} = ANY(${field.sql}), false)`;
      return operator === '==' ? contains : `(NOT ${contains})`;
    }
    const collate = type === 'text' && operator !== '==' && operator !== '!=' ? ' COLLATE "C"' : '';
    if (sqlOperator === '!=') return `(${field.sql} IS DISTINCT FROM ${other})`;
    return `coalesce(${field.sql}${collate} ${COMPARISONS[sqlOperator]} ${other}${collate}, false)`;
  };

  const membership = (args: unknown[], at: string): string => {
    if (args.length !== 2) fail('invalidFilter', at, 'takes a field and a list, or a value and a list field');
    const [needle, haystack] = args;
    if (isVar(needle) && Array.isArray(haystack)) {
      const field = fieldOf(needle, `${at}[0]`);
      if (field.path.type === 'jsonb') fail('invalidFilter', at, 'a jsonb field cannot be matched');
      if (haystack.length > MAX_LIST) fail('invalidFilter', `${at}[1]`, `has more than ${MAX_LIST} values`);
      const scalar = scalarType(field.path.type);
      const values = haystack.map((item, index) => checkValue(field.path.type, item, `${at}[1][${index}]`));
      const list = context.params.add(values, `${scalar}[]`);
      return isListType(field.path.type)
        ? `coalesce(${field.sql} && ${list}, false)`
        : `coalesce(${field.sql} = ANY(${list}), false)`;
    }
    if (!isVar(needle) && isVar(haystack)) {
      const field = fieldOf(haystack, `${at}[1]`);
      if (!isListType(field.path.type)) fail('invalidFilter', at, `"${field.path.text}" is not a list field`);
      const value = valueSql(context, field.path.type, checkValue(field.path.type, needle, `${at}[0]`));
      return `coalesce(${value} = ANY(${field.sql}), false)`;
    }
    return fail(
      'invalidFilter',
      at,
      'takes a field and a list of values: {"in": [{"var": "record.status"}, ["a", "b"]]}',
    );
  };

  return walk(filter, 'filter', 0);
}

function flip(operator: string): string {
  return ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[operator] ?? operator;
}
