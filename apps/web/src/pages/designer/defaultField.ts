import type { EntityDefinition, FieldDefinition, FieldType, SelectOption } from '@lowcode/app-model';
import { FIELD_CATALOG } from './fieldCatalog';

interface DefaultsContext {
  entity: EntityDefinition;
  otherEntities: readonly string[];
}

const option = (value: string, zh: string, en: string, color: string): SelectOption => ({
  value,
  label: { 'zh-CN': zh, en },
  color,
});

/**
 * A new field of a type, with the options its type requires already filled in so the definition stays valid
 * (a select needs options, a relation a target, an auto-number a pattern). The builder edits them after.
 */
export function defaultField(
  type: FieldType,
  key: string,
  { entity, otherEntities }: DefaultsContext,
): FieldDefinition {
  const label = { ...FIELD_CATALOG[type].name };
  const base = { key, label };
  switch (type) {
    case 'select':
    case 'multiSelect':
      return {
        ...base,
        type,
        options: [
          option('option1', '选项 1', 'Option 1', 'blue'),
          option('option2', '选项 2', 'Option 2', 'green'),
        ],
      };
    case 'status':
      return {
        ...base,
        type,
        options: [option('open', '待处理', 'Open', 'orange'), option('done', '已完成', 'Done', 'green')],
      };
    case 'relation':
      return {
        ...base,
        type,
        relation: { entity: otherEntities.find((k) => k !== entity.key) ?? entity.key },
      };
    case 'subTable':
      return {
        ...base,
        type,
        fields: [{ key: 'item', type: 'text', label: { 'zh-CN': '项目', en: 'Item' } }],
      };
    case 'autoNumber':
      return { ...base, type, pattern: 'NO-{YYYY}{MM}-{seq:4}' };
    case 'formula':
      return { ...base, type, expression: { '+': [0, 0] }, resultType: 'number' };
    case 'lookup': {
      const relation = entity.fields.find((f) => f.type === 'relation');
      return { ...base, type, lookup: { relation: relation?.key ?? '', field: '' } };
    }
    case 'rollup':
      return { ...base, type, rollup: { entity: otherEntities[0] ?? '', relation: '', aggregate: 'count' } };
    default:
      return { ...base, type } as FieldDefinition;
  }
}
