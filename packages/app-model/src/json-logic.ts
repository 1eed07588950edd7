// Static checks of JSON-logic expressions. Expressions come from app authors and are evaluated on the
// server, so operations that reach into JavaScript objects are refused here, before anything runs them.
import { type IssueSink, type PathPart } from './issues';

/** json-logic-js's `method` calls an arbitrary method on a value: a sandbox escape, never allowed. */
const FORBIDDEN_OPERATIONS = new Set(['method']);
/** Path segments that walk into an object's prototype chain. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** A `{"var": "record.room.code"}` found in an expression: root `record`, first segment `room`. */
export interface VarReference {
  root: string;
  /** The segment after the root, if any (`room` above); deeper segments are not checked. */
  field: string | undefined;
  text: string;
  path: PathPart[];
}

function checkVar(arg: unknown, path: PathPart[], sink: IssueSink, refs: VarReference[]): void {
  const name = Array.isArray(arg) ? arg[0] : arg;
  if (typeof name === 'number') return;
  if (typeof name !== 'string') {
    // A computed path could assemble "__proto__" at run time, so only literal paths are accepted.
    if (name !== undefined && name !== null) sink.error(path, 'jsonLogicDynamicVar');
    return;
  }
  if (name === '') return;
  const segments = name.split('.');
  const bad = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (bad !== undefined) {
    sink.error(path, 'jsonLogicForbiddenPath', { var: name, segment: bad });
    return;
  }
  refs.push({ root: segments[0] ?? '', field: segments[1], text: name, path });
}

function walk(value: unknown, path: PathPart[], sink: IssueSink, refs: VarReference[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, [...path, index], sink, refs));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [operation, arg] of Object.entries(value)) {
    const argPath = [...path, operation];
    if (FORBIDDEN_OPERATIONS.has(operation)) {
      // Keep walking its arguments so every problem in the expression is reported at once.
      sink.error(argPath, 'jsonLogicForbiddenOperation', { operation });
    }
    if (operation === 'var') {
      checkVar(arg, argPath, sink, refs);
      // The default value of a var may itself be an expression.
      if (Array.isArray(arg)) arg.slice(1).forEach((item, i) => walk(item, [...argPath, i + 1], sink, refs));
      continue;
    }
    walk(arg, argPath, sink, refs);
  }
}

/**
 * Guards one expression and returns the variables it reads. Forbidden operations and paths are reported
 * to the sink; the caller decides what the variables may name (fields of which entity).
 */
export function inspectJsonLogic(expression: unknown, path: PathPart[], sink: IssueSink): VarReference[] {
  const refs: VarReference[] = [];
  walk(expression, path, sink, refs);
  return refs;
}
