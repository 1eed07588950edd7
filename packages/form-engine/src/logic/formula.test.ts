import { type FieldDefinition, type FormulaField, type SubTableColumn } from '@lowcode/app-model';
import { computeFormulas, evaluateFormula } from './formula';

const formula = (expression: unknown, resultType: FormulaField['resultType'], key = 'f'): FormulaField => ({
  key,
  type: 'formula',
  label: { 'zh-CN': '公式' },
  expression,
  resultType,
});

describe('evaluateFormula', () => {
  it.each([
    [{ '*': [{ var: 'record.rent' }, 12] }, 'number', { rent: 4500 }, 54000],
    [{ '*': [{ var: 'record.rent' }, 12] }, 'number', {}, null], // missing input → empty, not 0
    [{ '*': [{ var: 'record.price' }, 3] }, 'money', { price: 12.333 }, 37], // money is kept to the fen
    [{ '-': [{ var: 'record.due' }, { var: 'record.paid' }] }, 'money', { due: 0.3, paid: 0.1 }, 0.2],
    [{ '*': [{ var: 'record.price' }, 3] }, 'money', { price: 'abc' }, null],
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

  it('reads the row of a sub-table column beside the record', () => {
    const amount = formula({ '*': [{ var: 'row.quantity' }, { var: 'record.rate' }] }, 'number');
    expect(evaluateFormula(amount, { rate: 2 }, { quantity: 3 })).toBe(6);
    expect(evaluateFormula(amount, { rate: 2 })).toBeNull();
  });
});

describe('computeFormulas', () => {
  const number = (key: string): SubTableColumn => ({ key, type: 'number', label: { 'zh-CN': key } });
  const lines: FieldDefinition = {
    key: 'lines',
    type: 'subTable',
    label: { 'zh-CN': '明细' },
    fields: [
      number('quantity'),
      number('unitPrice'),
      formula({ '*': [{ var: 'row.quantity' }, { var: ['row.unitPrice', 0] }] }, 'number', 'amount'),
    ],
  };
  // A total after the sub-table reads the rows' amounts; a formula before it does not see them yet.
  const fields: FieldDefinition[] = [
    number('discount'),
    formula({ var: 'record.lines.0.amount' }, 'number', 'firstBefore'),
    lines,
    formula(
      {
        '-': [
          {
            reduce: [
              { var: 'record.lines' },
              { '+': [{ var: 'accumulator' }, { var: 'current.amount' }] },
              0,
            ],
          },
          { var: ['record.discount', 0] },
        ],
      },
      'number',
      'total',
    ),
    formula({ '>': [{ var: 'record.total' }, 100] }, 'boolean', 'large'),
  ];

  it('fills row formulas, then the formulas that read them, in field order', () => {
    const record = { discount: 5, lines: [{ quantity: 2, unitPrice: 30 }, { quantity: 1 }] };
    expect(computeFormulas(fields, record)).toEqual({
      firstBefore: null,
      lines: [
        { quantity: 2, unitPrice: 30, amount: 60 },
        { quantity: 1, amount: 0 },
      ],
      total: 55,
      large: false,
    });
    // The record itself is left as it was: the caller decides what to store.
    expect(record.lines[0]).toEqual({ quantity: 2, unitPrice: 30 });
  });

  it('recomputes a stale stored value instead of keeping it', () => {
    const stored = { lines: [{ quantity: 4, unitPrice: 50, amount: 1 }], total: 1 };
    expect(computeFormulas(fields, stored)).toMatchObject({
      lines: [{ amount: 200 }],
      total: 200,
      large: true,
    });
  });

  it('leaves a row that is no object as it is (validation refuses it, with its own message)', () => {
    expect(computeFormulas([lines], { lines: ['not a row'] })).toEqual({ lines: ['not a row'] });
  });

  it('answers nothing for a sub-table without formula columns or rows', () => {
    const plain: FieldDefinition = { ...lines, fields: [number('quantity')] } as FieldDefinition;
    expect(computeFormulas([plain], { lines: [{ quantity: 1 }] })).toEqual({});
    expect(computeFormulas([lines], {})).toEqual({});
  });
});
