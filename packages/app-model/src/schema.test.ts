import {
  APP_FORMAT_VERSION,
  CHART_TYPES,
  FIELD_TYPES,
  FLOW_NODE_TYPES,
  RULE_ACTION_TYPES,
  RULE_TRIGGER_TYPES,
  appDefinitionJsonSchema,
  localize,
} from './index';

type Schema = { oneOf?: Array<{ properties: { type: { const: string } } }> };
const definitions = (appDefinitionJsonSchema as { definitions: Record<string, Schema> }).definitions;
const tags = (name: string) => (definitions[name]?.oneOf ?? []).map((branch) => branch.properties.type.const);

describe('format vocabulary and schema', () => {
  it('covers the promised vocabularies', () => {
    expect(APP_FORMAT_VERSION).toBe(1);
    expect(FIELD_TYPES).toHaveLength(35);
    expect(CHART_TYPES.length).toBeGreaterThanOrEqual(23);
    expect(FLOW_NODE_TYPES).toHaveLength(9);
  });

  it('has one schema branch per type in each vocabulary', () => {
    expect(tags('field')).toEqual([...FIELD_TYPES]);
    expect(tags('subTableColumn')).toEqual(FIELD_TYPES.filter((t) => t !== 'subTable'));
    expect(tags('flowNode')).toEqual([...FLOW_NODE_TYPES]);
    expect(tags('ruleTrigger')).toEqual([...RULE_TRIGGER_TYPES]);
    expect(tags('ruleAction')).toEqual([...RULE_ACTION_TYPES]);
  });

  it('is a plain JSON document', () => {
    expect(JSON.parse(JSON.stringify(appDefinitionJsonSchema))).toEqual(appDefinitionJsonSchema);
    expect((appDefinitionJsonSchema as { $schema: string }).$schema).toBe(
      'http://json-schema.org/draft-07/schema#',
    );
  });
});

describe('localize', () => {
  it('falls back to zh-CN', () => {
    expect(localize({ 'zh-CN': '房间', en: 'Room' }, 'en')).toBe('Room');
    expect(localize({ 'zh-CN': '房间', en: 'Room' }, 'zh-CN')).toBe('房间');
    expect(localize({ 'zh-CN': '房间' }, 'en')).toBe('房间');
    expect(localize(undefined, 'en')).toBe('');
  });
});
