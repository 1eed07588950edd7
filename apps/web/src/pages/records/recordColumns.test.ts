import type { EntityDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import { columnFields, defaultColumnKeys } from './recordColumns';

const field = (key: string, type = 'text') => ({ key, type, label: { 'zh-CN': key } }) as const;
const order: EntityDefinition = {
  key: 'workOrder',
  label: { 'zh-CN': '工单' },
  titleField: 'no',
  fields: [
    field('no', 'autoNumber'),
    field('type', 'select'),
    field('parts', 'subTable'),
    field('title'),
    field('status', 'status'),
  ] as EntityDefinition['fields'],
};

describe('record list columns', () => {
  it("shows the entity's listFields, in their order, before the other fields", () => {
    const listed = { ...order, listFields: ['no', 'status', 'title', 'parts'] };
    expect(defaultColumnKeys(listed)).toEqual(['no', 'status', 'title']);
    expect(columnFields(listed).map((f) => f.key)).toEqual(['no', 'status', 'title', 'type']);
  });

  it('shows the first fields of an entity without listFields', () => {
    expect(defaultColumnKeys(order)).toEqual(['no', 'type', 'title', 'status']);
    expect(columnFields(order).map((f) => f.key)).toEqual(['no', 'type', 'title', 'status']);
  });
});
