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
    expect(
      [
        ...recordFieldsRead(
          { '*': [{ var: 'row.qty' }, { var: ['row.price', 0] }, { var: 'record.a' }] },
          'row',
        ),
      ].sort(),
    ).toEqual(['price', 'qty']);
  });
});
