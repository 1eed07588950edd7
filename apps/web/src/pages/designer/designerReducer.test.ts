import type { EntityDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import { FIELD_TYPES } from '@lowcode/app-model';
import {
  designerReducer,
  initialDesignerState,
  nextFieldKey,
  slugKey,
  type DesignerState,
} from './designerReducer';
import { FIELD_CATALOG } from './fieldCatalog';

const stored: EntityDefinition = {
  key: 'tenant',
  label: { 'zh-CN': '租户', en: 'Tenant' },
  titleField: 'name',
  fields: [
    { key: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' } },
    { key: 'phone', type: 'phone', label: { 'zh-CN': '手机', en: 'Mobile' } },
  ],
};

const keys = (state: DesignerState) => state.entity.fields.map((f) => f.key);
const run = (state: DesignerState, ...actions: Parameters<typeof designerReducer>[1][]) =>
  actions.reduce(designerReducer, state);

describe('designerReducer', () => {
  const start = initialDesignerState(stored, true, ['tenant', 'room']);

  it('adds a field at the drop position with a generated key and selects it', () => {
    const next = run(start, { type: 'add', fieldType: 'money', index: 1 });
    expect(keys(next)).toEqual(['name', 'field1', 'phone']);
    expect(next.entity.fields[1]).toMatchObject({ type: 'money', label: { 'zh-CN': '金额', en: 'Money' } });
    expect(next.selectedKey).toBe('field1');
    expect(keys(run(next, { type: 'add', fieldType: 'text', index: 99 }))).toEqual([
      'name',
      'field1',
      'phone',
      'field2',
    ]);
  });

  it('fills what a type requires so the definition stays valid', () => {
    const next = run(
      start,
      { type: 'add', fieldType: 'relation', index: 0 },
      { type: 'add', fieldType: 'select', index: 0 },
    );
    expect(next.entity.fields.find((f) => f.type === 'relation')).toMatchObject({
      relation: { entity: 'room' },
    });
    expect(next.entity.fields.find((f) => f.type === 'select')).toMatchObject({ options: expect.any(Array) });
  });

  it('moves and removes fields', () => {
    expect(keys(run(start, { type: 'move', from: 0, to: 1 }))).toEqual(['phone', 'name']);
    const removed = run(start, { type: 'remove', key: 'name' });
    expect(keys(removed)).toEqual(['phone']);
    expect(removed.entity.titleField).toBeUndefined();
  });

  it('keeps the list fields true as fields are renamed and removed, and drops them when cleared', () => {
    let next = run(
      start,
      { type: 'add', fieldType: 'money', index: 2 },
      { type: 'updateEntity', patch: { listFields: ['field1', 'name'] } },
      { type: 'setLabel', key: 'field1', label: { 'zh-CN': '月租金', en: 'Monthly rent' } },
    );
    expect(next.entity.listFields).toEqual(['monthlyRent', 'name']);
    next = run(next, { type: 'remove', key: 'monthlyRent' });
    expect(next.entity.listFields).toEqual(['name']);
    next = run(next, { type: 'remove', key: 'name' });
    expect(next.entity).not.toHaveProperty('listFields');
    expect(run(start, { type: 'updateEntity', patch: { titleField: undefined } }).entity).not.toHaveProperty(
      'titleField',
    );
  });

  it('keeps the new-record form fields true: a dropped field joins them, a renamed or removed one follows', () => {
    let next = run(start, { type: 'updateEntity', patch: { createFields: ['name'] } });
    next = run(next, { type: 'add', fieldType: 'money', index: 2 });
    expect(next.entity.createFields).toEqual(['name', 'field1']);
    next = run(next, { type: 'setLabel', key: 'field1', label: { 'zh-CN': '月租金', en: 'Monthly rent' } });
    expect(next.entity.createFields).toEqual(['name', 'monthlyRent']);
    next = run(next, { type: 'remove', key: 'name' }, { type: 'remove', key: 'monthlyRent' });
    expect(next.entity).not.toHaveProperty('createFields');
    // Without a list, every field is on the form already: adding one starts no list.
    expect(run(start, { type: 'add', fieldType: 'text', index: 0 }).entity).not.toHaveProperty(
      'createFields',
    );
  });

  it('updates options but never the key or the type through a patch', () => {
    const next = run(start, {
      type: 'update',
      key: 'name',
      patch: { required: true, key: 'x', type: 'email' } as never,
    });
    expect(next.entity.fields[0]).toMatchObject({ key: 'name', type: 'text', required: true });
  });

  it('derives a new key from the English label until the builder types one', () => {
    let next = run(start, { type: 'add', fieldType: 'money', index: 2 });
    next = run(next, { type: 'setLabel', key: 'field1', label: { 'zh-CN': '月租金', en: 'Monthly rent' } });
    expect(keys(next)).toEqual(['name', 'phone', 'monthlyRent']);
    expect(next.selectedKey).toBe('monthlyRent');
    next = run(next, { type: 'setKey', key: 'monthlyRent', newKey: 'rent' });
    next = run(next, { type: 'setLabel', key: 'rent', label: { 'zh-CN': '租金', en: 'Rent per month' } });
    expect(keys(next)).toEqual(['name', 'phone', 'rent']);
  });

  it('keeps saved keys immutable and refuses bad or duplicate keys', () => {
    expect(keys(run(start, { type: 'setKey', key: 'name', newKey: 'title' }))).toEqual(['name', 'phone']);
    expect(
      keys(run(start, { type: 'setLabel', key: 'name', label: { 'zh-CN': '标题', en: 'Title' } })),
    ).toEqual(['name', 'phone']);
    const added = run(start, { type: 'add', fieldType: 'text', index: 2 });
    expect(keys(run(added, { type: 'setKey', key: 'field1', newKey: 'Bad Key' }))).toContain('field1');
    expect(keys(run(added, { type: 'setKey', key: 'field1', newKey: 'phone' }))).toContain('field1');
  });
});

describe('key helpers', () => {
  it('generates fieldN and slugs', () => {
    expect(nextFieldKey(['field1', 'field3'])).toBe('field2');
    expect(slugKey('Contract number')).toBe('contractNumber');
    expect(slugKey('合同')).toBeNull();
    expect(slugKey('2nd phone')).toBeNull();
  });

  it('has a palette entry for each of the 35 field types', () => {
    expect(Object.keys(FIELD_CATALOG).sort()).toEqual([...FIELD_TYPES].sort());
    expect(FIELD_TYPES).toHaveLength(35);
  });
});
