// Evaluating a lone JSON-logic expression with the engine's guard and operations: used for "test this
// expression" screens and to check the engine agrees with json-logic-js.
import { runLogic, DEFAULT_TIME_ZONE } from './compile/compile-rule';
import { compileLogic } from './logic/compile-logic';
import { safeCopy } from './logic/data';

export interface LogicResult {
  result: unknown;
  read: Record<string, unknown>;
}

/** Checks and evaluates `logic` on a null-prototype copy of `data`. Aggregates are not allowed here. */
export function evaluateLogic(
  logic: unknown,
  data: unknown,
  options: { now?: string; timeZone?: string } = {},
): LogicResult {
  const compiled = compileLogic(logic, 'logic');
  const read = Object.create(null) as Record<string, unknown>;
  const now = options.now ?? '';
  const result = runLogic(compiled, safeCopy(data), read, options.timeZone ?? DEFAULT_TIME_ZONE, now);
  return { result, read: { ...read } };
}
