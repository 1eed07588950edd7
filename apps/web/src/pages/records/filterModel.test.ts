import { describe, expect, it } from 'vitest';
import { buildFilter, operatorsFor, type FilterRow } from './filterModel';

const row = (field: string, operator: FilterRow['operator'], value?: unknown, id = 1): FilterRow => ({
  id,
  field,
  operator,
  value,
});

describe('buildFilter', () => {
  it('returns nothing for no complete row', () => {
    expect(buildFilter([], 'and')).toBeUndefined();
    expect(buildFilter([row('rent', 'gt'), row('', 'eq', 1)], 'and')).toBeUndefined();
    expect(buildFilter([row('status', 'in', [])], 'and')).toBeUndefined();
    expect(buildFilter([row('rent', 'between', [1000, null])], 'and')).toBeUndefined();
  });

  it('builds one expression without a wrapper for a single row', () => {
    expect(buildFilter([row('rent', 'gte', 1000)], 'and')).toEqual({ '>=': [{ var: 'rent' }, 1000] });
  });

  it('builds every operator in the server language', () => {
    expect(buildFilter([row('status', 'in', ['open', 'closed'])], 'and')).toEqual({
      in: [{ var: 'status' }, ['open', 'closed']],
    });
    expect(buildFilter([row('rent', 'between', [1000, 5000])], 'and')).toEqual({
      between: [{ var: 'rent' }, 1000, 5000],
    });
    expect(buildFilter([row('phone', 'empty')], 'and')).toEqual({ empty: [{ var: 'phone' }] });
    expect(buildFilter([row('phone', 'notEmpty')], 'and')).toEqual({ '!': { empty: [{ var: 'phone' }] } });
    expect(buildFilter([row('name', 'contains', 'acme')], 'and')).toEqual({
      contains: [{ var: 'name' }, 'acme'],
    });
    expect(buildFilter([row('name', 'startsWith', 'A')], 'and')).toEqual({
      startsWith: [{ var: 'name' }, 'A'],
    });
    expect(buildFilter([row('kind', 'ne', 'person')], 'and')).toEqual({ '!=': [{ var: 'kind' }, 'person'] });
    expect(buildFilter([row('createdAt', 'lt', '2026-01-01')], 'and')).toEqual({
      '<': [{ var: 'createdAt' }, '2026-01-01'],
    });
  });

  it('joins complete rows with AND or OR and skips incomplete ones', () => {
    const rows = [
      row('rent', 'gt', 1000, 1),
      row('name', 'contains', '', 2),
      row('kind', 'eq', 'company', 3),
    ];
    expect(buildFilter(rows, 'or')).toEqual({
      or: [{ '>': [{ var: 'rent' }, 1000] }, { '==': [{ var: 'kind' }, 'company'] }],
    });
    expect(buildFilter(rows, 'and')).toMatchObject({ and: expect.any(Array) });
  });
});

describe('operatorsFor', () => {
  it('offers text operators for text and ranges for numbers', () => {
    expect(operatorsFor('phone')).toContain('contains');
    expect(operatorsFor('money')).toContain('between');
    expect(operatorsFor('money')).not.toContain('contains');
    expect(operatorsFor('image')).toEqual(['empty', 'notEmpty']);
  });
});
