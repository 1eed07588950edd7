import type { AppDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import smallApp from '../../../../../packages/app-model/examples/small-app.json';
import { outlineDefinition } from './definitionOutline';

const example = smallApp as unknown as AppDefinition;

describe('outlineDefinition', () => {
  it('lists entities with their fields, localized', () => {
    const entities = outlineDefinition(example, 'en').find((s) => s.key === 'entities');
    expect(entities?.items.length).toBe(example.entities.length);
    const first = example.entities[0]!;
    expect(entities?.items[0]).toMatchObject({ key: first.key, label: first.label.en });
    expect(entities?.items[0]?.children[0]).toEqual({
      key: first.fields[0]!.key,
      label: first.fields[0]!.label.en,
      detail: first.fields[0]!.type,
    });
  });

  it('counts the edges of flows and names the other parts', () => {
    const sections = outlineDefinition(example, 'zh-CN');
    const flow = example.flows[0]!;
    expect(sections.find((s) => s.key === 'flows')?.items[0]).toMatchObject({
      key: flow.key,
      label: flow.label['zh-CN'],
      extraCounts: { edges: flow.edges.length },
    });
    expect(sections.find((s) => s.key === 'roles')?.items.map((i) => i.key)).toEqual(
      example.roles.map((r) => r.key),
    );
  });
});
