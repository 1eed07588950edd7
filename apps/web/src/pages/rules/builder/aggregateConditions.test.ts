import type { EntityDefinition } from '@lowcode/app-model';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  aggregateRowToLogic,
  joinCondition,
  linkFields,
  newAggregateRow,
  splitCondition,
  type AggregateRow,
} from './aggregateConditions';

const PROPERTY = resolve(__dirname, '../../../../../../templates/property/app');
const read = <T>(file: string) => JSON.parse(readFileSync(resolve(PROPERTY, file), 'utf8')) as T;
const rating = read<EntityDefinition>('entities/rating.json');
const tenant = read<EntityDefinition>('entities/tenant.json');
const thirdBadRating = read<{ condition: unknown }>('rules/consecutiveBadRatings.json').condition;

const lastThree: AggregateRow = {
  name: 'lastRatings',
  entity: 'rating',
  by: 'tenant',
  fn: 'values',
  field: 'csat',
  where: [{ field: 'status', value: 'answered' }],
  orderBy: { field: 'answeredAt', descending: true },
  limit: 3,
  quantifier: 'all',
  comparison: '<=',
  value: 2,
  requireFull: true,
};

describe('related-record rows ↔ aggregate JSON-logic', () => {
  it("reads the template's third-bad-rating condition into the record's own part and one row", () => {
    const split = splitCondition(thirdBadRating);
    expect(split).toEqual({
      ok: true,
      own: { '<=': [{ var: 'record.csat' }, 2] },
      rows: [lastThree],
    });
  });

  it('writes that row back to exactly the JSON the template holds', () => {
    expect(joinCondition({ '<=': [{ var: 'record.csat' }, 2] }, [lastThree])).toEqual(thirdBadRating);
  });

  it('writes a count comparison with several filters and no order', () => {
    const row: AggregateRow = {
      ...newAggregateRow([]),
      entity: 'complaint',
      by: 'tenant',
      fn: 'count',
      where: [
        { field: 'status', value: 'open' },
        { field: 'escalated', value: true },
      ],
      comparison: '>',
      value: 2,
    };
    const logic = aggregateRowToLogic(row);
    expect(logic).toEqual([
      {
        '>': [
          {
            aggregate: {
              name: 'related1',
              entity: 'complaint',
              by: 'tenant',
              fn: 'count',
              where: {
                and: [{ '==': [{ var: 'status' }, 'open'] }, { '==': [{ var: 'escalated' }, true] }],
              },
            },
          },
          2,
        ],
      },
    ]);
    expect(splitCondition(logic[0])).toEqual({ ok: true, own: undefined, rows: [row] });
  });

  it('keeps a nested or-group of the own part beside the rows', () => {
    const own = {
      or: [{ '==': [{ var: 'record.status' }, 'a'] }, { '==': [{ var: 'record.status' }, 'b'] }],
    };
    const joined = joinCondition(own, [lastThree]);
    expect(splitCondition(joined)).toEqual({ ok: true, own, rows: [lastThree] });
  });

  it('leaves conditions it cannot show in full to the JSON tab', () => {
    for (const condition of [
      // an aggregate inside arithmetic
      { '>': [{ '+': [{ aggregate: { name: 'n', entity: 'rating', by: 'tenant', fn: 'count' } }, 1] }, 2] },
      // a where the rows cannot hold (a range)
      {
        '>': [
          {
            aggregate: {
              name: 'n',
              entity: 'rating',
              by: 'tenant',
              fn: 'count',
              where: { '<': [{ var: 'csat' }, 3] },
            },
          },
          2,
        ],
      },
      // a length check of another aggregate's size
      { and: [{ '==': [{ length: [{ var: 'aggregates.other' }] }, 3] }] },
    ])
      expect(splitCondition(condition).ok).toBe(false);
  });

  it('leaves conditions without aggregates to the builder untouched', () => {
    const own = { '<=': [{ var: 'record.csat' }, 2] };
    expect(splitCondition(own)).toEqual({ ok: true, own, rows: [] });
    expect(splitCondition(undefined)).toEqual({ ok: true, own: undefined, rows: [] });
  });

  it('offers as links the relations to the trigger entity and the relations both entities share', () => {
    // Rating → rating: a rating has no relation to ratings, but shares tenant, project and work order.
    expect(linkFields(rating, rating).map((field) => field.key)).toEqual(
      expect.arrayContaining(['tenant', 'project', 'workOrder']),
    );
    // Rating → tenant: a rating's tenant points at the tenant itself; both belong to a project.
    expect(linkFields(rating, tenant).map((field) => field.key)).toEqual(['tenant', 'project']);
  });

  it('names new rows so they do not collide', () => {
    expect(newAggregateRow(['related1', 'related2']).name).toBe('related3');
  });
});
