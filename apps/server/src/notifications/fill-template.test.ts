import { type EntityDefinition } from '@lowcode/app-model';
import { fillTemplate } from './fill-template';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const bill = {
  key: 'bill',
  label: label('账单', 'Bill'),
  fields: [
    {
      key: 'charge',
      type: 'select',
      label: label('费用', 'Charge'),
      options: [{ value: 'propertyFee', label: label('物业费', 'Property fee') }],
    },
    { key: 'room', type: 'relation', label: label('房间', 'Room'), relation: { entity: 'room' } },
    { key: 'amount', type: 'money', label: label('金额', 'Amount') },
    { key: 'issuedAt', type: 'datetime', label: label('开出', 'Issued') },
    { key: 'paid', type: 'checkbox', label: label('已付', 'Paid') },
  ],
} as EntityDefinition;
const payment = {
  key: 'payment',
  label: label('收款', 'Payment'),
  fields: [
    { key: 'bill', type: 'relation', label: label('账单', 'Bill'), relation: { entity: 'bill' } },
    {
      key: 'charge',
      type: 'lookup',
      label: label('费用', 'Charge'),
      lookup: { relation: 'bill', field: 'charge' },
    },
  ],
} as EntityDefinition;

describe('fillTemplate', () => {
  const template = {
    'zh-CN': '{{record.room}} {{record.charge}} {{record.amount}} {{record.issuedAt}} {{record.paid}}',
    en: '{{record.room}} {{record.charge}} {{record.amount}} {{record.issuedAt}} {{record.paid}}',
  };
  const record = {
    room: '7d1c6f5e-0000-4000-8000-000000000001',
    charge: 'propertyFee',
    amount: 1280,
    issuedAt: '2026-03-01T01:30:00.000Z',
    paid: false,
  };

  it('reads values as a person does: titles, option labels in the text’s language, money, wall time', () => {
    expect(
      fillTemplate(
        template,
        { record },
        { titles: { room: '1-1203' }, entity: bill, entities: [bill, payment] },
      ),
    ).toEqual({
      'zh-CN': '1-1203 物业费 ¥1,280.00 2026-03-01 09:30 否',
      en: '1-1203 Property fee ¥1,280.00 2026-03-01 09:30 no',
    });
  });

  it('reads a lookup as the field it shows', () => {
    const text = { 'zh-CN': '{{record.charge}}' };
    expect(
      fillTemplate(
        text,
        { record: { charge: 'propertyFee' } },
        { entity: payment, entities: [bill, payment] },
      ),
    ).toEqual({ 'zh-CN': '物业费' });
  });

  it('without the entity, keeps the stored values; unknown and nested placeholders read as empty', () => {
    expect(fillTemplate(template, { record })['zh-CN']).toBe(
      '7d1c6f5e-0000-4000-8000-000000000001 propertyFee 1280 2026-03-01T01:30:00.000Z false',
    );
    expect(
      fillTemplate(
        { 'zh-CN': '[{{record.nope}}][{{record.constructor}}][{{batch.count}}]' },
        { record, batch: { count: 3 } },
      ),
    ).toEqual({ 'zh-CN': '[][][3]' });
  });
});
