import { describe, expect, it } from 'vitest';
import { outlineDefinition } from './definitionOutline';

describe('outlineDefinition', () => {
  it('reads arrays of keyed items, localizing labels', () => {
    const sections = outlineDefinition(
      {
        entities: [
          {
            key: 'room',
            label: { 'zh-CN': '房间', en: 'Room' },
            fields: [{ key: 'no', label: { 'zh-CN': '房号' }, type: 'string' }],
          },
        ],
        flows: [
          { key: 'repair', nodes: [{ key: 'start', type: 'start' }], edges: [{ from: 'start', to: 'end' }] },
        ],
      },
      'en',
    );
    const entities = sections.find((s) => s.key === 'entities');
    expect(entities?.items).toEqual([
      {
        key: 'room',
        label: 'Room',
        children: [{ key: 'no', label: '房号', detail: 'string' }],
        extraCounts: {},
      },
    ]);
    const flows = sections.find((s) => s.key === 'flows');
    expect(flows?.items[0]).toMatchObject({ key: 'repair', extraCounts: { edges: 1 } });
    expect(flows?.items[0]?.children).toEqual([{ key: 'start', label: 'start', detail: 'start' }]);
  });

  it('reads collections keyed by object and tolerates junk', () => {
    const sections = outlineDefinition(
      { roles: { manager: { label: '经理' }, broken: 42 }, rules: 'nope' },
      'zh-CN',
    );
    expect(sections.find((s) => s.key === 'roles')?.items.map((i) => i.label)).toEqual(['经理']);
    expect(sections.find((s) => s.key === 'rules')?.items).toEqual([]);
    expect(outlineDefinition(null, 'zh-CN').every((s) => s.items.length === 0)).toBe(true);
  });
});
