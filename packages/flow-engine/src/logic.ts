// A default guarded JSON-logic evaluator for hosts and tests, and the static helpers the engine needs.
// Flow conditions come from app authors, so the guard allows json-logic-js's standard operations minus
// `method` and `log`, refuses var paths through prototypes, bounds size, and evaluates on a
// null-prototype copy of the data.
import jsonLogic from 'json-logic-js';

const ALLOWED_OPERATIONS = new Set([
  '==', '===', '!=', '!==', '>', '>=', '<', '<=', '!', '!!', 'and', 'or', 'if', '?:',
  '+', '-', '*', '/', '%', 'min', 'max', 'cat', 'substr', 'in', 'merge',
  'var', 'missing', 'missing_some', 'map', 'filter', 'reduce', 'all', 'none', 'some',
]); // prettier-ignore
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);
const MAX_NODES = 2000;
const MAX_DEPTH = 32;

function checkPath(path: unknown): void {
  if (path === undefined || path === null || typeof path === 'number') return;
  if (typeof path !== 'string') throw new Error('JSON-logic: var paths must be literal strings');
  const bad = path.split('.').find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (bad !== undefined) throw new Error(`JSON-logic: path "${path}" uses the forbidden segment "${bad}"`);
}

/** Throws unless `logic` is safe to evaluate. */
export function assertSafeLogic(logic: unknown): void {
  let nodes = 0;
  const visit = (value: unknown, depth: number): void => {
    nodes += 1;
    if (nodes > MAX_NODES || depth > MAX_DEPTH) throw new Error('JSON-logic: expression too large');
    if (Array.isArray(value)) return value.forEach((item) => visit(item, depth + 1));
    if (value === null || typeof value !== 'object') return;
    const keys = Object.keys(value);
    const operation = keys[0];
    if (keys.length !== 1 || operation === undefined || !ALLOWED_OPERATIONS.has(operation))
      throw new Error(`JSON-logic: operation "${keys.join(',')}" is not allowed`);
    const arg = (value as Record<string, unknown>)[operation];
    const args = Array.isArray(arg) ? arg : [arg];
    if (operation === 'var') checkPath(args[0]);
    if (operation === 'missing') args.forEach(checkPath);
    visit(arg, depth + 1);
  };
  visit(logic, 0);
}

function nullPrototypeCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullPrototypeCopy);
  if (value === null || typeof value !== 'object') return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) {
    if (!FORBIDDEN_SEGMENTS.has(key)) copy[key] = nullPrototypeCopy(item);
  }
  return copy;
}

/** An `evaluate` for `FlowEnvironment`: checks the expression, then runs it on a null-prototype copy. */
export function createGuardedEvaluator(): (logic: unknown, data: unknown) => unknown {
  return (logic, data) => {
    assertSafeLogic(logic);
    return jsonLogic.apply(logic, nullPrototypeCopy(data));
  };
}

/** JSON-logic truthiness (`[]` is false, `"0"` is true). */
export const isTruthy = (value: unknown): boolean => jsonLogic.truthy(value);

/** Whether an expression reads the variable `name` (`{"var": name}` or `{"var": [name, default]}`). */
export function readsVar(logic: unknown, name: string): boolean {
  if (Array.isArray(logic)) return logic.some((item) => readsVar(item, name));
  if (logic === null || typeof logic !== 'object') return false;
  return Object.entries(logic).some(([operation, arg]) => {
    if (operation === 'var') return (Array.isArray(arg) ? arg[0] : arg) === name;
    return readsVar(arg, name);
  });
}
