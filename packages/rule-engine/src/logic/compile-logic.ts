// Turns an author's JSON-logic into the form the engine runs, and checks it on the way: custom operations
// get their private names and arity checks, aggregates become reads of `aggregates.<name>`, every `var`
// reads own properties only, and list operations get a length cap. The standard part is then checked by
// form-engine's guard (allow-list, literal var paths without prototype segments, depth and size).
import {
  FormDefinitionError,
  MAX_LOGIC_DEPTH,
  MAX_LOGIC_NODES,
  assertSafeJsonLogic,
} from '@lowcode/form-engine';
import { RuleCompileError } from '../errors';
import { type RuleMessageCode } from '../messages';
import { CUSTOM_OPERATIONS, OP_PREFIX, isCustomOperation } from './operations';

const SCOPED_OPERATIONS = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);
const RENAMED_OPERATIONS = new Set(['var', 'missing', 'missing_some', 'merge']);

export interface LogicHooks {
  /** Called for `{"aggregate": {...}}`; returns the aggregate's name. Absent: aggregates are refused. */
  aggregate?(spec: unknown, path: string): string;
  /** Called for each literal variable path outside map/filter/… scopes. */
  variable?(path: string, where: string): void;
}

interface Compiled {
  run: unknown;
  /** The same expression with engine operations replaced by standard ones, for the shared guard. */
  check: unknown;
}

export function compileLogic(logic: unknown, where: string, hooks: LogicHooks = {}): unknown {
  let nodes = 0;
  const variables: string[] = [];
  const fail = (code: RuleMessageCode, params: Record<string, string | number>): never => {
    throw new RuleCompileError(code, where, params);
  };

  const visit = (value: unknown, depth: number, scoped: boolean): Compiled => {
    nodes += 1;
    if (nodes > MAX_LOGIC_NODES) fail('logicTooLarge', { limit: MAX_LOGIC_NODES });
    if (depth > MAX_LOGIC_DEPTH) fail('logicTooDeep', { limit: MAX_LOGIC_DEPTH });
    if (Array.isArray(value)) {
      const items = value.map((item) => visit(item, depth + 1, scoped));
      return { run: items.map((item) => item.run), check: items.map((item) => item.check) };
    }
    if (value === null || typeof value !== 'object') return { run: value, check: value };
    const keys = Object.keys(value);
    const operation = keys[0];
    // Not an operation: the guard refuses it with the right message.
    if (keys.length !== 1 || operation === undefined) return { run: value, check: value };
    const arg = (value as Record<string, unknown>)[operation];

    if (operation === 'aggregate') {
      if (!hooks.aggregate || scoped) return fail('logicForbiddenOperation', { operation });
      const name = hooks.aggregate(arg, `${where}.aggregate`);
      return { run: { [`${OP_PREFIX}var`]: `aggregates.${name}` }, check: null };
    }
    const args = Array.isArray(arg) ? arg : [arg];
    if (isCustomOperation(operation)) {
      const given =
        operation === 'today' && (arg === null || (Array.isArray(arg) && !arg.length)) ? 0 : args.length;
      const expected = CUSTOM_OPERATIONS[operation].arity;
      if (given !== expected) fail('logicArity', { operation, expected, actual: given });
      const inner = visit(expected === 0 ? [] : args, depth + 1, scoped);
      return { run: { [OP_PREFIX + operation]: inner.run }, check: { merge: inner.check } };
    }
    if (operation === 'var' && typeof args[0] === 'string' && !scoped) variables.push(args[0]);
    if (SCOPED_OPERATIONS.has(operation)) {
      const [list, ...rest] = args;
      const first = visit(list, depth + 1, scoped);
      const others = rest.map((item) => visit(item, depth + 1, true));
      // reduce's initial value is evaluated in the outer scope; the guard only needs the shape.
      return {
        run: { [operation]: [{ [`${OP_PREFIX}cap`]: [first.run] }, ...others.map((item) => item.run)] },
        check: { [operation]: [first.check, ...others.map((item) => item.check)] },
      };
    }
    const inner = visit(arg, depth + 1, scoped);
    const name = RENAMED_OPERATIONS.has(operation) ? OP_PREFIX + operation : operation;
    return { run: { [name]: inner.run }, check: { [operation]: inner.check } };
  };

  const compiled = visit(logic, 0, false);
  try {
    assertSafeJsonLogic(compiled.check, where);
  } catch (error) {
    if (error instanceof FormDefinitionError)
      throw new RuleCompileError(
        error.code as RuleMessageCode,
        where,
        error.params as Record<string, string>,
      );
    throw error;
  }
  for (const path of variables) hooks.variable?.(path, where);
  return compiled.run;
}
