import type { EntityDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import { groupByEntity } from './entityGroups';

const entity = (key: string, group?: string): EntityDefinition => ({
  key,
  label: { 'zh-CN': key },
  fields: [],
  ...(group ? { group: { 'zh-CN': group, en: `${group}-en` } } : {}),
});

describe('entity sections', () => {
  it('lists entities under their sections, in first-seen order, the ungrouped last', () => {
    const entities = [
      entity('room', '房产'),
      entity('log'),
      entity('bill', '收费'),
      entity('tenant', '房产'),
    ];
    expect(
      groupByEntity(entities, (item) => item, 'zh-CN').map((group) => [
        group.label,
        group.items.map((item) => item.key),
      ]),
    ).toEqual([
      ['房产', ['room', 'tenant']],
      ['收费', ['bill']],
      [undefined, ['log']],
    ]);
    expect(groupByEntity(entities, (item) => item, 'en')[0]!.label).toBe('房产-en');
    expect(groupByEntity([entity('a'), entity('b')], (item) => item, 'zh-CN')).toEqual([
      { label: undefined, items: [entity('a'), entity('b')] },
    ]);
  });
});
