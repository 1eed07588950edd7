import { pickFilterFor, lookupTarget } from './field-options';
import { type EntityDefinition } from './types';

const label = (text: string) => ({ 'zh-CN': text });
const bill = {
  key: 'bill',
  label: label('账单'),
  fields: [
    {
      key: 'charge',
      type: 'select',
      label: label('费用'),
      options: [{ value: 'propertyFee', label: label('物业费') }],
    },
  ],
} as EntityDefinition;
const payment = {
  key: 'payment',
  label: label('收款'),
  fields: [
    { key: 'bill', type: 'relation', label: label('账单'), relation: { entity: 'bill' } },
    { key: 'bills', type: 'relation', label: label('账单'), relation: { entity: 'bill', multiple: true } },
    { key: 'charge', type: 'lookup', label: label('费用'), lookup: { relation: 'bill', field: 'charge' } },
    { key: 'charges', type: 'lookup', label: label('费用'), lookup: { relation: 'bills', field: 'charge' } },
    { key: 'lost', type: 'lookup', label: label('?'), lookup: { relation: 'bill', field: 'nothing' } },
  ],
} as EntityDefinition;
const field = (key: string) => payment.fields.find((candidate) => candidate.key === key)!;

describe('lookupTarget', () => {
  it('is the linked entity’s field, and says when the lookup holds a list of its values', () => {
    expect(lookupTarget([bill, payment], payment, field('charge'))).toEqual({
      field: bill.fields[0],
      multiple: false,
    });
    expect(lookupTarget([bill, payment], payment, field('charges'))?.multiple).toBe(true);
  });

  it('is undefined for other fields and for a lookup of nothing known', () => {
    expect(lookupTarget([bill, payment], payment, field('bill'))).toBeUndefined();
    expect(lookupTarget([bill, payment], payment, field('lost'))).toBeUndefined();
    expect(lookupTarget([payment], payment, field('charge'))).toBeUndefined();
  });
});

describe('pickFilterFor', () => {
  const sameProject = { '==': [{ var: 'record.project' }, { var: 'form.project' }] };
  const toLet = { '==': [{ var: 'record.status' }, 'toLet'] };

  it('reads the offered record by its bare field keys and the form by its values', () => {
    expect(pickFilterFor({ and: [sameProject, toLet] }, { project: 'p1' })).toEqual({
      and: [{ '==': [{ var: 'project' }, 'p1'] }, { '==': [{ var: 'status' }, 'toLet'] }],
    });
  });

  it('leaves out what reads an empty form value: any project until one is chosen', () => {
    expect(pickFilterFor({ and: [sameProject, toLet] }, { project: '' })).toEqual({
      '==': [{ var: 'status' }, 'toLet'],
    });
    expect(pickFilterFor(sameProject, {})).toBeUndefined();
    expect(pickFilterFor(undefined, { project: 'p1' })).toBeUndefined();
  });

  it('binds only the form values named, never what the object inherits', () => {
    const inherited = { '==': [{ var: 'record.code' }, { var: 'form.constructor' }] };
    expect(pickFilterFor(inherited, {})).toBeUndefined();
  });
});
