import { type FormulaField } from '@lowcode/app-model';
import { evaluateFormula } from './formula';
import {
  assertSafeJsonLogic,
  evaluateCheckedLogic,
  nullPrototypeCopy,
  recordFieldsRead,
} from './safe-json-logic';

const deep = (levels: number): unknown => {
  let logic: unknown = { var: 'record.a' };
  for (let i = 0; i < levels; i += 1) logic = { '!': [logic] };
  return logic;
};

describe('assertSafeJsonLogic', () => {
  it.each([
    [{ '>': [{ var: 'record.endDate' }, { var: 'record.startDate' }] }],
    [{ and: [{ '==': [{ var: 'record.kind' }, 'repair'] }, { missing: ['record.room'] }] }],
    [{ some: [{ var: 'record.lines' }, { '>': [{ var: 'qty' }, 0] }] }],
    [{ var: ['record.rent', 0] }],
    [true],
  ])('accepts %j', (logic) => expect(() => assertSafeJsonLogic(logic, 'x')).not.toThrow());

  it.each([
    [{ method: [{ var: 'record.name' }, 'toUpperCase'] }, 'logicForbiddenOperation'],
    [{ log: 'x' }, 'logicForbiddenOperation'],
    [{ 'Math.max': [1, 2] }, 'logicForbiddenOperation'],
    [{ a: 1, b: 2 }, 'logicForbiddenOperation'],
    [JSON.parse('{"__proto__": [1]}') as unknown, 'logicForbiddenOperation'],
    [{ var: 'record.__proto__' }, 'logicForbiddenPath'],
    [{ var: 'record.constructor.prototype' }, 'logicForbiddenPath'],
    [{ var: ['prototype', null] }, 'logicForbiddenPath'],
    [{ missing: ['record.__proto__'] }, 'logicForbiddenPath'],
    [{ missing_some: [1, ['record.a', 'constructor']] }, 'logicForbiddenPath'],
    [{ var: { cat: ['__pro', 'to__'] } }, 'logicDynamicVar'],
    [deep(40), 'logicTooDeep'],
    [{ and: Array.from({ length: 2100 }, () => true) }, 'logicTooLarge'],
  ])('refuses %j with %s', (logic, code) => {
    expect(() => assertSafeJsonLogic(logic, 'where')).toThrow(
      expect.objectContaining({ code, path: 'where' }),
    );
  });
});

describe('evaluation data', () => {
  it('is a null-prototype deep copy without prototype keys', () => {
    const copy = nullPrototypeCopy({ a: { b: [{ c: 1 }] } }) as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(Object.getPrototypeOf(copy.a)).toBeNull();
    expect(evaluateCheckedLogic({ var: 'record.toString' }, { record: {} })).toBeNull();
  });

  it('compares ISO dates as text', () => {
    const endAfterStart = { '>': [{ var: 'record.end' }, { var: 'record.start' }] };
    expect(evaluateCheckedLogic(endAfterStart, { record: { start: '2026-03-01', end: '2026-12-01' } })).toBe(
      true,
    );
    expect(evaluateCheckedLogic(endAfterStart, { record: { start: '2026-03-01', end: '2026-02-28' } })).toBe(
      false,
    );
  });

  it('lists the record fields an expression reads', () => {
    const logic = { if: [{ missing: ['record.a'] }, { var: 'record.b.c' }, { var: 'other' }] };
    expect([...recordFieldsRead(logic)].sort()).toEqual(['a', 'b']);
  });
});

describe('evaluateFormula', () => {
  const formula = (expression: unknown, resultType: FormulaField['resultType']): FormulaField => ({
    key: 'f',
    type: 'formula',
    label: { 'zh-CN': '公式' },
    expression,
    resultType,
  });

  it.each([
    [{ '*': [{ var: 'record.rent' }, 12] }, 'number', { rent: 4500 }, 54000],
    [{ '*': [{ var: 'record.rent' }, 12] }, 'number', {}, null], // missing input → empty, not 0
    [{ '/': [{ var: 'record.rent' }, 0] }, 'number', { rent: 1 }, null],
    [
      { cat: [{ var: 'record.building' }, '-', { var: 'record.room' }] },
      'text',
      { building: 'A', room: 101 },
      'A-101',
    ],
    [{ var: 'record.signedAt' }, 'date', { signedAt: '2026-03-01T09:00:00+08:00' }, '2026-03-01'],
    [{ var: 'record.signedAt' }, 'date', { signedAt: 'soon' }, null],
    [{ '>': [{ var: 'record.arrears' }, 5000] }, 'boolean', { arrears: 6000 }, true],
    [{ var: 'record.lines' }, 'boolean', { lines: [] }, false],
    [{ method: [{ var: 'record.a' }, 'toString'] }, 'text', { a: 1 }, null],
    [{ var: 'record.__proto__' }, 'text', { a: 1 }, null],
    [{ nope: [1] }, 'number', {}, null],
  ] as const)('%j as %s over %j → %p', (expression, resultType, record, expected) => {
    expect(evaluateFormula(formula(expression, resultType), record)).toEqual(expected);
  });
});
