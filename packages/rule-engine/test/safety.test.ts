// Safety: conditions read only the data given; prototype access, `method`, computed paths, deep or large
// expressions and huge lists are refused with typed errors, fast.
import jsonLogic from 'json-logic-js';
import {
  OP_PREFIX,
  RuleCompileError,
  RuleEvaluationError,
  compileRule,
  evaluateLogic,
  prepareRuleData,
} from '../src';
import { NOW, propertyApp, rule } from './fixtures';

function compileError(logic: unknown): RuleCompileError {
  try {
    evaluateLogic(logic, {});
  } catch (error) {
    if (error instanceof RuleCompileError) return error;
    throw error;
  }
  throw new Error('expected a RuleCompileError');
}

function evaluationError(run: () => unknown): RuleEvaluationError {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleEvaluationError) return error;
    throw error;
  }
  throw new Error('expected a RuleEvaluationError');
}

const nest = (levels: number): unknown => {
  let logic: unknown = true;
  for (let i = 0; i < levels; i += 1) logic = { '!': logic };
  return logic;
};

describe('expressions are checked before they run', () => {
  it.each([
    ['method', { method: ['abc', 'toUpperCase'] }, 'logicForbiddenOperation'],
    ['log', { log: 'x' }, 'logicForbiddenOperation'],
    ['an engine-private name', { [`${OP_PREFIX}var`]: 'a' }, 'logicForbiddenOperation'],
    ['a literal object', { a: 1, b: 2 }, 'logicForbiddenOperation'],
    ['__proto__ in var', { var: 'record.__proto__.polluted' }, 'logicForbiddenPath'],
    ['constructor in var', { var: 'record.name.constructor' }, 'logicForbiddenPath'],
    ['prototype in var', { var: ['a.prototype', 1] }, 'logicForbiddenPath'],
    ['__proto__ in missing', { missing: ['__proto__'] }, 'logicForbiddenPath'],
    ['constructor in missing_some', { missing_some: [1, ['constructor']] }, 'logicForbiddenPath'],
    ['a computed var path', { var: { cat: ['__pro', 'to__'] } }, 'logicDynamicVar'],
    ['depth 33', nest(33), 'logicTooDeep'],
    ['depth 100,000', nest(100_000), 'logicTooDeep'],
    ['2,500 nodes', { '+': new Array(2500).fill(1) }, 'logicTooLarge'],
    ['a wrong arity', { daysBetween: ['2026-01-01'] }, 'logicArity'],
    ['an aggregate outside a rule', { aggregate: { name: 'x' } }, 'logicForbiddenOperation'],
  ])('refuses %s', (_name, logic, code) => {
    expect(compileError(logic).code).toBe(code);
  });

  it('accepts depth 32', () => {
    expect(evaluateLogic(nest(32), {}).result).toBe(true);
  });

  it('gives the message in both languages', () => {
    const error = compileError({ method: ['abc', 'toUpperCase'] });
    expect(error).toBeInstanceOf(RuleCompileError);
    expect(error.render('en')).toBe('Operation "method" is not allowed');
    expect(error.render('zh-CN')).toBe('不允许使用运算 "method"');
  });
});

describe('evaluation reads only the data given', () => {
  it('finds no inherited properties', () => {
    expect(evaluateLogic({ var: 'toString' }, { a: 1 }).result).toBeNull();
    expect(evaluateLogic({ var: 'record.name.valueOf' }, { record: { name: 'x' } }).result).toBeNull();
    expect(evaluateLogic({ var: 'a.hasOwnProperty' }, { a: [1] }).result).toBeNull();
    // plain json-logic-js hands out the inherited function
    expect(typeof jsonLogic.apply({ var: 'toString' }, { a: 1 })).toBe('function');
  });

  it('drops __proto__ keys from data and pollutes nothing', () => {
    const data = JSON.parse('{"record": {"__proto__": {"polluted": 1}, "a": 2}}') as unknown;
    expect(evaluateLogic({ var: 'record.a' }, data).result).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('evaluates on a frozen null-prototype copy and leaves the caller’s data alone', () => {
    const input = { record: { list: [3, 1, 2] }, now: NOW };
    const prepared = prepareRuleData(input);
    expect(Object.getPrototypeOf(prepared.record)).toBeNull();
    expect(Object.isFrozen(prepared.record)).toBe(true);
    expect(prepareRuleData(prepared)).toBe(prepared);
    expect(input.record.list).toEqual([3, 1, 2]);
  });

  it('does not add the engine’s operations under their plain names to the shared json-logic-js', () => {
    expect(() => jsonLogic.apply({ daysBetween: ['2026-01-01', '2026-01-02'] })).toThrow(
      'Unrecognized operation',
    );
  });
});

describe('list and data limits', () => {
  it('refuses map over 1,000,000 items in well under 100 ms', () => {
    const data = { items: new Array(1_000_000).fill(1) };
    const started = Date.now();
    const error = evaluationError(() =>
      evaluateLogic({ map: [{ var: 'items' }, { '+': [{ var: '' }, 1] }] }, data),
    );
    expect(Date.now() - started).toBeLessThan(50);
    expect(error.code).toBe('arrayTooLong');
    expect(error.render('en')).toBe('A list of 1000000 items exceeds the limit of 10000');
  });

  it('refuses a million-item list in a compiled rule’s data', () => {
    const definition = rule({
      trigger: { type: 'recordUpdated', entity: 'sparePart' },
      condition: { some: [{ var: 'aggregates.big' }, { '>': [{ var: '' }, 0] }] },
    });
    expect(() => compileRule(definition, propertyApp())).toThrow(RuleCompileError); // big is not declared
    const compiled = compileRule(
      { ...definition, condition: { some: [{ var: 'record.name' }, true] } },
      propertyApp(),
    );
    const record = { name: new Array(1_000_000).fill(0) };
    const started = Date.now();
    expect(evaluationError(() => compiled.evaluate({ record, now: NOW })).code).toBe('arrayTooLong');
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('refuses lists that grow past the cap inside the expression', () => {
    const half = new Array(6000).fill(1);
    const logic = { all: [{ merge: [{ var: 'a' }, { var: 'b' }] }, true] };
    expect(evaluationError(() => evaluateLogic(logic, { a: half, b: half })).code).toBe('arrayTooLong');
    expect(evaluateLogic(logic, { a: half, b: [] }).result).toBe(true);
  });

  it('refuses data nested deeper than 64 levels', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i += 1) deep = { a: deep };
    expect(evaluationError(() => evaluateLogic({ var: 'a' }, deep)).code).toBe('dataTooDeep');
  });

  it('wraps json-logic failures in a typed error', () => {
    const error = evaluationError(() => evaluateLogic({ today: [] }, {}));
    expect(error.code).toBe('evaluationFailed');
  });
});
