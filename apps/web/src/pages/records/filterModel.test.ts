import { describe, expect, it } from 'vitest';
import type { EntityDefinition } from '@lowcode/app-model';
import { buildFilter, instantFieldsOf, operatorsFor, type FilterRow } from './filterModel';

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

describe('a day picked for a date-time', () => {
  const order = {
    key: 'workOrder',
    label: { 'zh-CN': '工单' },
    fields: [
      { key: 'reportedAt', type: 'datetime', label: { 'zh-CN': '报修时间' } },
      { key: 'dueDate', type: 'date', label: { 'zh-CN': '期限' } },
    ],
  } as EntityDefinition;
  const shanghai = { isInstant: instantFieldsOf(order), timeZone: 'Asia/Shanghai' };
  const at = { var: 'reportedAt' };
  // 2026-03-01 in Shanghai runs from 2026-02-28T16:00Z until 2026-03-01T16:00Z.
  const start = '2026-02-28T16:00:00.000Z';
  const next = '2026-03-01T16:00:00.000Z';
  const filter = (operator: FilterRow['operator'], value: unknown, field = 'reportedAt') =>
    buildFilter([row(field, operator, value)], 'and', shanghai);

  it('is that whole day in the user’s zone, not midnight UTC', () => {
    expect(filter('eq', '2026-03-01')).toEqual({ and: [{ '>=': [at, start] }, { '<': [at, next] }] });
    expect(filter('ne', '2026-03-01')).toEqual({
      or: [{ '<': [at, start] }, { '>=': [at, next] }, { empty: [at] }],
    });
  });

  it('compares before and after with the day’s span', () => {
    expect(filter('lt', '2026-03-01')).toEqual({ '<': [at, start] });
    expect(filter('lte', '2026-03-01')).toEqual({ '<': [at, next] });
    expect(filter('gt', '2026-03-01')).toEqual({ '>=': [at, next] });
    expect(filter('gte', '2026-03-01')).toEqual({ '>=': [at, start] });
    expect(filter('between', ['2026-03-01', '2026-03-31'])).toEqual({
      and: [{ '>=': [at, start] }, { '<': [at, '2026-03-31T16:00:00.000Z'] }],
    });
  });

  it('reads the record’s timestamps the same way, and a DST day in its own length', () => {
    expect(filter('eq', '2026-03-01', 'createdAt')).toEqual({
      and: [{ '>=': [{ var: 'createdAt' }, start] }, { '<': [{ var: 'createdAt' }, next] }],
    });
    expect(
      buildFilter([row('reportedAt', 'eq', '2025-03-09')], 'and', {
        isInstant: instantFieldsOf(order),
        timeZone: 'America/New_York',
      }),
    ).toEqual({
      and: [{ '>=': [at, '2025-03-09T05:00:00.000Z'] }, { '<': [at, '2025-03-10T04:00:00.000Z'] }],
    });
  });

  it('leaves a date field, and instants a dashboard link brought, as they are', () => {
    expect(filter('eq', '2026-03-01', 'dueDate')).toEqual({ '==': [{ var: 'dueDate' }, '2026-03-01'] });
    expect(filter('between', [start, '2026-03-31T15:59:59.999Z'])).toEqual({
      between: [at, start, '2026-03-31T15:59:59.999Z'],
    });
  });
});
