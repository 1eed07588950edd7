import type { EntityDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import { formatFieldText } from './formatFieldText';
import { shownField } from './shownField';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const bill = {
  key: 'bill',
  label: label('账单', 'Bill'),
  fields: [
    {
      key: 'feeType',
      type: 'select',
      label: label('费用类型', 'Fee type'),
      options: [{ value: 'propertyFee', label: label('物业费', 'Property fee') }],
    },
    { key: 'outstanding', type: 'money', label: label('未缴', 'Outstanding') },
    { key: 'period', type: 'text', label: label('账期', 'Period') },
  ],
} as EntityDefinition;
const payment = {
  key: 'payment',
  label: label('收款', 'Payment'),
  fields: [
    { key: 'bill', type: 'relation', label: label('账单', 'Bill'), relation: { entity: 'bill' } },
    {
      key: 'bills',
      type: 'relation',
      label: label('账单', 'Bills'),
      relation: { entity: 'bill', multiple: true },
    },
    {
      key: 'billFeeType',
      type: 'lookup',
      label: label('费用', 'Charge'),
      lookup: { relation: 'bill', field: 'feeType' },
    },
    {
      key: 'billsFeeType',
      type: 'lookup',
      label: label('费用', 'Charges'),
      lookup: { relation: 'bills', field: 'feeType' },
    },
    {
      key: 'billOutstanding',
      type: 'lookup',
      label: label('未缴', 'Outstanding'),
      lookup: { relation: 'bill', field: 'outstanding' },
    },
  ],
} as EntityDefinition;
const entities = [bill, payment];
const field = (key: string) => payment.fields.find((candidate) => candidate.key === key)!;
const text = (key: string, value: unknown) =>
  formatFieldText(shownField(entities, payment, field(key)), value, 'zh-CN');

describe('shownField', () => {
  it('shows a lookup of a select by the option’s label, under the lookup’s own key and label', () => {
    const shown = shownField(entities, payment, field('billFeeType'));
    expect(shown).toMatchObject({ key: 'billFeeType', type: 'select', label: field('billFeeType').label });
    expect(text('billFeeType', 'propertyFee')).toBe('物业费');
  });

  it('shows a lookup of money with its sign, and a list through a multiple relation by labels', () => {
    expect(text('billOutstanding', 1280)).toBe('¥1,280.00');
    expect(text('billsFeeType', ['propertyFee', 'propertyFee'])).toBe('物业费, 物业费');
  });

  it('leaves other fields, and lookups it cannot follow, as they are', () => {
    expect(shownField(entities, payment, field('bill'))).toBe(field('bill'));
    expect(shownField(undefined, payment, field('billFeeType'))).toBe(field('billFeeType'));
    expect(shownField([payment], payment, field('billFeeType'))).toBe(field('billFeeType'));
  });
});
