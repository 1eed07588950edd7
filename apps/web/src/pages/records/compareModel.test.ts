import type { EntityDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import type { RecordDto } from '../../api/types';
import { compareRecords, comparisonField } from './compareModel';

const label = (zh: string) => ({ 'zh-CN': zh });
const inspection = {
  key: 'inspection',
  label: label('验房'),
  fields: [
    { key: 'no', type: 'autoNumber', label: label('编号'), format: 'YF-{seq:5}' },
    {
      key: 'kind',
      type: 'select',
      label: label('类型'),
      options: [
        { value: 'moveIn', label: label('入住') },
        { value: 'moveOut', label: label('退租') },
      ],
    },
    { key: 'compareWith', type: 'relation', label: label('对比'), relation: { entity: 'inspection' } },
    { key: 'keysHanded', type: 'number', label: label('钥匙') },
    { key: 'note', type: 'text', label: label('备注') },
    {
      key: 'items',
      type: 'subTable',
      label: label('查验项'),
      fields: [
        {
          key: 'space',
          type: 'select',
          label: label('空间'),
          options: [
            { value: 'bath', label: label('卫生间') },
            { value: 'bed', label: label('卧室') },
          ],
        },
        { key: 'item', type: 'text', label: label('项目') },
        {
          key: 'condition',
          type: 'select',
          label: label('状况'),
          options: [
            { value: 'good', label: label('完好') },
            { value: 'damaged', label: label('损坏') },
          ],
        },
        { key: 'deduction', type: 'money', label: label('扣款') },
      ],
    },
  ],
} as unknown as EntityDefinition;

const record = (id: string, values: Record<string, unknown>): RecordDto => ({
  id,
  version: 1,
  createdAt: '',
  createdBy: null,
  updatedAt: '',
  updatedBy: null,
  deletedAt: null,
  values,
  display: {},
});

describe('comparing two records of an entity', () => {
  it('finds the relation from an entity to itself', () => {
    expect(comparisonField(inspection)?.key).toBe('compareWith');
    expect(comparisonField({ ...inspection, fields: inspection.fields.slice(0, 2) })).toBeUndefined();
  });

  it('lines up fields and sub-table rows by what names them, marking what changed', () => {
    const moveIn = record('a', {
      no: 'YF-00001',
      kind: 'moveIn',
      keysHanded: 2,
      items: [
        { space: 'bath', item: '地漏', condition: 'good' },
        { space: 'bed', item: '窗', condition: 'good' },
        { space: 'bed', item: '窗', condition: 'good' },
        { space: 'bed', item: '门锁', condition: 'good' },
      ],
    });
    const moveOut = record('b', {
      no: 'YF-00002',
      kind: 'moveOut',
      compareWith: 'a',
      keysHanded: 2,
      items: [
        { space: 'bed', item: '窗', condition: 'good' },
        { space: 'bed', item: '窗', condition: 'damaged', deduction: 300 },
        { space: 'bath', item: '地漏', condition: 'good' },
        { space: 'bath', item: '热水器', condition: 'damaged', deduction: 800 },
      ],
    });
    const { fields, tables } = compareRecords(inspection, moveOut, moveIn, 'zh-CN');
    expect(fields.map(({ field, differs }) => [field.key, differs])).toEqual([
      ['kind', true],
      ['keysHanded', false],
    ]);
    const [items] = tables;
    expect(items!.naming.map((column) => column.key)).toEqual(['space', 'item']);
    expect(items!.rows.map((row) => [row.name, Boolean(row.theirs), Boolean(row.mine), row.changed])).toEqual(
      [
        ['卫生间 · 地漏', true, true, []],
        ['卧室 · 窗', true, true, []],
        ['卧室 · 窗 (2)', true, true, ['condition', 'deduction']],
        ['卧室 · 门锁', true, false, []],
        ['卫生间 · 热水器', false, true, []],
      ],
    );
  });
});
