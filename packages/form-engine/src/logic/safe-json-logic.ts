// JSON-logic from app definitions runs on the server and in browsers, so it is checked before it runs
// (allow-listed operations, literal var paths without prototype segments, bounded size) and evaluated on
// a null-prototype copy of the data: even a path that slipped through finds no inherited properties.
import jsonLogic from 'json-logic-js';
import { FormDefinitionError } from '../errors';

export const MAX_LOGIC_DEPTH = 32;
export const MAX_LOGIC_NODES = 2000;

/** json-logic-js's standard operations minus `method` (calls any JS method) and `log` (writes to console). */
const ALLOWED_OPERATIONS = new Set([
  '==', '===', '!=', '!==', '>', '>=', '<', '<=', '!', '!!', 'and', 'or', 'if', '?:',
  '+', '-', '*', '/', '%', 'min', 'max', 'cat', 'substr', 'in', 'merge',
  'var', 'missing', 'missing_some', 'map', 'filter', 'reduce', 'all', 'none', 'some',
]); // prettier-ignore
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

function checkPath(name: unknown, where: string): void {
  if (typeof name === 'number' || name === undefined || name === null) return;
  if (typeof name !== 'string') throw new FormDefinitionError('logicDynamicVar', where);
  const bad = name.split('.').find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (bad !== undefined)
    throw new FormDefinitionError('logicForbiddenPath', where, { var: name, segment: bad });
}

function checkPathOperation(operation: string, arg: unknown, where: string): void {
  const args = Array.isArray(arg) ? arg : [arg];
  if (operation === 'var') return checkPath(args[0], where);
  // missing takes paths; missing_some takes [count, [paths]].
  const paths = operation === 'missing_some' ? args[1] : args;
  for (const path of Array.isArray(paths) ? paths : [paths]) checkPath(path, where);
}

/**
 * Throws FormDefinitionError (codes `logic*`) unless `logic` is safe to evaluate. `where` names the
 * expression's place in the definition for the error.
 */
export function assertSafeJsonLogic(logic: unknown, where: string): void {
  let nodes = 0;
  const visit = (value: unknown, depth: number): void => {
    nodes += 1;
    if (nodes > MAX_LOGIC_NODES)
      throw new FormDefinitionError('logicTooLarge', where, { limit: MAX_LOGIC_NODES });
    if (depth > MAX_LOGIC_DEPTH)
      throw new FormDefinitionError('logicTooDeep', where, { limit: MAX_LOGIC_DEPTH });
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const keys = Object.keys(value);
    // json-logic treats only single-key objects as operations; anything else is data it returns untouched,
    // but a literal object has no use in a condition, so refuse it rather than reason about it.
    const operation = keys[0];
    if (keys.length !== 1 || operation === undefined || !ALLOWED_OPERATIONS.has(operation)) {
      throw new FormDefinitionError('logicForbiddenOperation', where, { operation: keys.join(',') });
    }
    const arg = (value as Record<string, unknown>)[operation];
    if (operation === 'var' || operation === 'missing' || operation === 'missing_some') {
      checkPathOperation(operation, arg, where);
    }
    visit(arg, depth + 1);
  };
  visit(logic, 0);
}

/**
 * The fields an expression reads through `{"var": "record.<field>…"}` (and `missing`) — or, with `root`
 * `row`, the columns a sub-table formula reads of its row.
 */
export function recordFieldsRead(logic: unknown, root: 'record' | 'row' = 'record'): Set<string> {
  const fields = new Set<string>();
  const prefix = `${root}.`;
  const addPath = (path: unknown): void => {
    const field =
      typeof path === 'string' && path.startsWith(prefix) ? path.slice(prefix.length).split('.')[0] : '';
    if (field) fields.add(field);
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [operation, arg] of Object.entries(value)) {
      const args = Array.isArray(arg) ? arg : [arg];
      if (operation === 'var') addPath(args[0]);
      else if (operation === 'missing') args.forEach(addPath);
      visit(arg);
    }
  };
  visit(logic);
  return fields;
}

/** A deep copy of JSON-like data where every object has a null prototype. */
export function nullPrototypeCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullPrototypeCopy);
  if (value === null || typeof value !== 'object') return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN_SEGMENTS.has(key)) continue;
    copy[key] = nullPrototypeCopy(item);
  }
  return copy;
}

/** Evaluates checked logic against a null-prototype copy of `data`. May throw on malformed arguments. */
export function evaluateCheckedLogic(logic: unknown, data: unknown): unknown {
  return jsonLogic.apply(logic, nullPrototypeCopy(data));
}

export const isTruthy = (value: unknown): boolean => jsonLogic.truthy(value);
