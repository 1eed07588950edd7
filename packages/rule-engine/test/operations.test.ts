// The custom operations: dates in the workspace time zone (from the data's `now`, never the system clock)
// and strings.
import { evaluateLogic } from '../src';

const NOW = '2026-03-15T17:00:00.000Z'; // already 2026-03-16 01:00 in Shanghai
const run = (logic: unknown, data: unknown = {}, timeZone?: string) =>
  evaluateLogic(logic, data, { now: NOW, ...(timeZone ? { timeZone } : {}) }).result;

beforeAll(() => jest.useFakeTimers({ now: new Date('2001-01-01T00:00:00Z') }));
afterAll(() => jest.useRealTimers());

describe('date operations', () => {
  it.each<[string, unknown, unknown]>([
    ['today in Shanghai', { today: [] }, '2026-03-16'],
    ['today written as null', { today: null }, '2026-03-16'],
    ['daysBetween dates', { daysBetween: ['2026-02-28', '2026-03-01'] }, 1],
    ['daysBetween backwards', { daysBetween: ['2026-03-01', '2026-02-28'] }, -1],
    ['daysBetween a leap day', { daysBetween: ['2024-02-28', '2024-03-01'] }, 2],
    ['daysBetween an instant and today', { daysBetween: ['2026-03-15T16:30:00Z', { today: [] }] }, 0],
    ['daysBetween with nothing', { daysBetween: [null, '2026-03-01'] }, null],
    ['daysBetween a non-date', { daysBetween: ['2026-02-30', '2026-03-01'] }, null],
    ['addDays', { addDays: ['2026-02-27', 2] }, '2026-03-01'],
    ['addDays negative', { addDays: ['2026-03-01', -1] }, '2026-02-28'],
    ['addDays to today', { addDays: [{ today: [] }, 7] }, '2026-03-23'],
    ['addDays nonsense', { addDays: ['2026-03-01', 'x'] }, null],
    ['dateOf an instant', { dateOf: ['2026-03-15T17:00:00Z'] }, '2026-03-16'],
    ['dateOf an offset instant', { dateOf: ['2026-03-15T23:00:00-08:00'] }, '2026-03-16'],
    ['dateOf a wall time', { dateOf: ['2026-03-15 23:00'] }, '2026-03-15'],
    ['dateOf a date', { dateOf: ['2026-03-15'] }, '2026-03-15'],
    ['dateOf junk', { dateOf: ['soon'] }, null],
  ])('%s', (_name, logic, expected) => {
    expect(run(logic)).toEqual(expected);
  });

  it('uses the time zone it is given', () => {
    expect(run({ today: [] }, {}, 'UTC')).toBe('2026-03-15');
    expect(run({ dateOf: ['2026-03-15T17:00:00Z'] }, {}, 'UTC')).toBe('2026-03-15');
  });
});

describe('string operations', () => {
  it.each<[string, unknown, unknown]>([
    ['lower', { lower: ['ABC'] }, 'abc'],
    ['upper', { upper: ['abc'] }, 'ABC'],
    ['lower of null', { lower: [null] }, null],
    ['startsWith (case-insensitive)', { startsWith: ['Hello', 'he'] }, true],
    ['startsWith no', { startsWith: ['Hello', 'lo'] }, false],
    ['endsWith', { endsWith: ['报修单', '修单'] }, true],
    ['contains', { contains: ['厨房漏水严重', '漏水'] }, true],
    ['contains null', { contains: [null, 'x'] }, false],
    ['contains a number', { contains: [12345, 23] }, true],
    ['length of text in characters', { length: ['漏水😀'] }, 3],
    ['length of a list', { length: [{ var: 'a' }] }, 2],
    ['length of nothing', { length: [null] }, 0],
  ])('%s', (_name, logic, expected) => {
    expect(run(logic, { a: [1, 2] })).toEqual(expected);
  });

  it('works inside map scopes', () => {
    expect(run({ map: [{ var: 'names' }, { upper: [{ var: '' }] }] }, { names: ['a', 'b'] })).toEqual([
      'A',
      'B',
    ]);
  });

  it('records top-level reads only', () => {
    const { read } = evaluateLogic(
      { some: [{ var: 'items' }, { '>': [{ var: 'qty' }, 1] }] },
      { items: [{ qty: 2 }], other: 1 },
    );
    expect(read).toEqual({ items: [{ qty: 2 }] });
  });
});

describe('list positions', () => {
  it('reads the item at a position, from either end, and nothing past them', () => {
    const data = { areas: [88.5, 65, 120] };
    expect(run({ at: [{ var: 'areas' }, 0] }, data)).toBe(88.5);
    expect(run({ at: [{ var: 'areas' }, 2] }, data)).toBe(120);
    expect(run({ at: [{ var: 'areas' }, -1] }, data)).toBe(120);
    expect(run({ at: [{ var: 'areas' }, 3] }, data)).toBeNull();
    expect(run({ at: [{ var: 'areas' }, 'x'] }, data)).toBeNull();
    expect(run({ at: ['not a list', 0] }, data)).toBeNull();
  });
});
