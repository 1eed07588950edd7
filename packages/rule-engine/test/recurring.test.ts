// Rules that generate and adjust many records: the periods of a term, a rate stepping up on anniversaries,
// `forEach` over a list, and updates of another record by increments.
import { compileRule, RuleCompileError, RuleEvaluationError } from '../src';
import { addMonthsToDate, periodsOf, steppedRate } from '../src/logic/recurring';
import { NOW, propertyApp, rule } from './fixtures';

const app = propertyApp();
const none = { type: 'none', value: 0, everyMonths: 12, basis: 'compound', min: null, max: null } as const;

describe('calendar months and periods', () => {
  it('adds months and keeps to the end of shorter months', () => {
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsToDate('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsToDate('2026-03-15', -3)).toBe('2025-12-15');
    expect(addMonthsToDate('2026-11-30', 14)).toBe('2028-01-30');
    expect(addMonthsToDate('2026-02-30', 1)).toBeNull();
  });

  it('cuts a term into periods from its start, the last one short, counted in months', () => {
    // 2026-03-01 … 2026-08-15 quarterly: a full quarter, then 03 06-01 … 08-15 (2 months and 15 of 31 days).
    expect(periodsOf('2026-03-01', '2026-08-15', 3)).toEqual([
      { index: 0, start: '2026-03-01', end: '2026-05-31', days: 92, months: 3, fraction: 1 },
      {
        index: 1,
        start: '2026-06-01',
        end: '2026-08-15',
        days: 76,
        months: 2.483871, // 2 + 15/31
        fraction: 0.827957,
      },
    ]);
  });

  it('steps from the start without drifting at month ends', () => {
    const starts = periodsOf('2026-01-31', '2026-04-20', 1)!.map((period) => period.start);
    expect(starts).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(periodsOf('2026-01-31', '2026-04-20', 1)!.at(-1)).toMatchObject({
      end: '2026-04-20',
      months: 0.677419, // 21 of March's 31 days
    });
  });

  it('refuses what is not a term', () => {
    expect(periodsOf('2026-05-01', '2026-04-01', 1)).toBeNull();
    expect(periodsOf('2026-05-01', '2026-06-01', 0)).toBeNull();
    expect(periodsOf('2026-05-01', 'later', 1)).toBeNull();
    expect(periodsOf('1900-01-01', '2100-01-01', 1)).toBeNull(); // over the period limit
  });
});

describe('a rate stepping up on anniversaries', () => {
  const percent = {
    type: 'percent',
    value: 5,
    everyMonths: 12,
    basis: 'compound',
    min: null,
    max: null,
  } as const;

  it('compounds a percent, adds it on the base, or adds a fixed amount, each step bounded', () => {
    expect(steppedRate(10_000, '2024-03-01', '2026-02-28', percent)).toBe(10_500);
    expect(steppedRate(10_000, '2024-03-01', '2026-03-01', percent)).toBe(11_025);
    expect(steppedRate(10_000, '2024-03-01', '2026-03-01', { ...percent, basis: 'base' })).toBe(11_000);
    expect(steppedRate(10_000, '2024-03-01', '2026-03-01', { ...percent, max: 300 })).toBe(10_600);
    expect(steppedRate(1_000, '2024-03-01', '2026-03-01', { ...percent, min: 100 })).toBe(1_200);
    expect(steppedRate(8_000, '2024-03-01', '2026-03-01', { ...percent, type: 'fixed', value: 200 })).toBe(
      8_400,
    );
    expect(steppedRate(8_000, '2024-03-01', '2030-03-01', none)).toBe(8_000);
  });
});

describe('forEach and updates of other records', () => {
  const contractBills = rule({
    trigger: { type: 'recordCreated', entity: 'tenant' },
    actions: [
      {
        key: 'bills',
        type: 'createRecord',
        entity: 'bill',
        forEach: { periods: ['2026-01-01', '2026-12-31', 3] },
        values: {
          tenant: { var: 'record.id' },
          dueDate: { var: 'item.start' },
          amount: {
            round: [
              {
                '*': [
                  {
                    steppedRate: [
                      3000,
                      '2025-07-01',
                      { var: 'item.start' },
                      12,
                      'percent',
                      5,
                      'compound',
                      null,
                      null,
                    ],
                  },
                  { var: 'item.months' },
                ],
              },
              2,
            ],
          },
          status: { if: [{ '==': [{ var: 'index' }, 0] }, 'partial', 'unpaid'] },
        },
      },
    ],
  });

  it('creates one record per period with the rate in force, each action keyed by its item', () => {
    const verdict = compileRule(contractBills, app).evaluate({ record: { id: 't1' }, now: NOW });
    expect(
      verdict.actions.map((action) => [action.actionKey, action.type === 'createRecord' && action.values]),
    ).toEqual([
      ['bills[0]', { tenant: 't1', dueDate: '2026-01-01', amount: 9000, status: 'partial' }],
      ['bills[1]', { tenant: 't1', dueDate: '2026-04-01', amount: 9000, status: 'unpaid' }],
      // 2026-07-01 is the lease's first anniversary: 3,150 a month from then.
      ['bills[2]', { tenant: 't1', dueDate: '2026-07-01', amount: 9450, status: 'unpaid' }],
      ['bills[3]', { tenant: 't1', dueDate: '2026-10-01', amount: 9450, status: 'unpaid' }],
    ]);
  });

  const deduct = rule({
    trigger: { type: 'recordUpdated', entity: 'tenant' },
    actions: [
      {
        key: 'deduct',
        type: 'updateRecord',
        entity: 'sparePart',
        forEach: { var: 'record.parts' },
        record: { var: 'item.part' },
        increments: { stock: { '-': [0, { var: 'item.quantity' }] } },
      },
    ],
  });

  it('updates the record each item names, by increments', () => {
    const verdict = compileRule(deduct, app).evaluate({
      record: {
        id: 't1',
        parts: [
          { part: 'p1', quantity: 2 },
          { part: 'p2', quantity: 0.5 },
        ],
      },
      now: NOW,
    });
    expect(verdict.actions).toEqual([
      expect.objectContaining({
        actionKey: 'deduct[0]',
        entity: 'sparePart',
        recordId: 'p1',
        values: {},
        increments: { stock: -2 },
      }),
      expect.objectContaining({
        actionKey: 'deduct[1]',
        entity: 'sparePart',
        recordId: 'p2',
        values: {},
        increments: { stock: -0.5 },
      }),
    ]);
    // No list (no parts recorded) plans nothing.
    expect(compileRule(deduct, app).evaluate({ record: { id: 't1' }, now: NOW }).actions).toEqual([]);
  });

  it('refuses lists that are not lists or too long, ids that are not ids, increments that are not numbers', () => {
    const compiled = compileRule(deduct, app);
    const run = (parts: unknown) => () => compiled.evaluate({ record: { id: 't1', parts }, now: NOW });
    expect(run('p1')).toThrow(RuleEvaluationError);
    expect(run(Array.from({ length: 501 }, () => ({ part: 'p', quantity: 1 })))).toThrow(/at most 500/);
    expect(run([{ quantity: 1 }])).toThrow(/not a record id/);
    expect(run([{ part: 'p1', quantity: 'two' }])).toThrow(/not a number/);
  });

  it('refuses at compile time increments of fields that are not numbers, and item outside forEach', () => {
    const bad = (action: Record<string, unknown>) => () =>
      compileRule(
        rule({ trigger: { type: 'recordUpdated', entity: 'tenant' }, actions: [action as never] }),
        app,
      );
    expect(
      bad({ key: 'a', type: 'updateRecord', entity: 'sparePart', record: 'p1', increments: { name: 1 } }),
    ).toThrow(RuleCompileError);
    expect(bad({ key: 'a', type: 'updateRecord', entity: 'sparePart', increments: { stock: 1 } })).toThrow(
      RuleCompileError,
    );
    expect(
      bad({ key: 'a', type: 'createRecord', entity: 'bill', values: { amount: { var: 'item.x' } } }),
    ).toThrow(RuleCompileError);
  });
});
