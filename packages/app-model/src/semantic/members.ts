// Semantic checks of the member attributes an app declares: unique keys, the reserved `id`, and what each
// type needs (options for a select, an entity of this app for a relation) or cannot take.
import { MULTIPLE_MEMBER_ATTRIBUTE_TYPES } from '../constants';
import { type PathPart } from '../issues';
import { type Context, type Obj, checkDuplicateKeys, entityRef, items, owner, str } from './context';

/** `user.id` is the member's id in every scope; an attribute may not shadow it. */
const RESERVED_KEYS = new Set(['id']);

/** Which types a property belongs to; on any other type it is an error. */
const ONLY_FOR: Record<'options' | 'entity' | 'multiple' | 'defaultValue', readonly string[]> = {
  options: ['select'],
  entity: ['relation'],
  multiple: MULTIPLE_MEMBER_ATTRIBUTE_TYPES,
  defaultValue: ['boolean', 'number'],
};

export function checkMemberAttributes(ctx: Context, app: Obj) {
  checkDuplicateKeys(ctx, app.memberAttributes, ['memberAttributes'], 'attribute');
  for (const [index, attribute] of items(app.memberAttributes)) {
    const path: PathPart[] = ['memberAttributes', index];
    const key = str(attribute.key);
    const who = owner(['attribute', key ?? index]);
    if (key !== undefined && RESERVED_KEYS.has(key))
      ctx.sink.error([...path, 'key'], 'reservedAttributeKey', { owner: who, key });
    const type = str(attribute.type);
    if (type === undefined) continue;
    for (const [property, allowed] of Object.entries(ONLY_FOR)) {
      // `multiple: false` says nothing and is harmless on any type.
      const given = property === 'multiple' ? attribute.multiple === true : attribute[property] !== undefined;
      if (given && !allowed.includes(type))
        ctx.sink.error([...path, property], 'attributeNotAllowed', {
          owner: who,
          type,
          property,
          allowed: allowed.join(', '),
        });
    }
    // A default of the other kind (`onDuty: 1`) would read as what the apps do not assume.
    if (
      attribute.defaultValue !== undefined &&
      ['boolean', 'number'].includes(type) &&
      typeof attribute.defaultValue !== type
    )
      ctx.sink.error([...path, 'defaultValue'], 'attributeDefaultType', { owner: who, type });
    if (type === 'select') {
      if (!Array.isArray(attribute.options) || attribute.options.length === 0)
        ctx.sink.error([...path, 'options'], 'attributeOptionsRequired', { owner: who });
      const seen = new Set<string>();
      for (const [optionIndex, option] of items(attribute.options)) {
        const value = str(option.value);
        if (value === undefined) continue;
        if (seen.has(value))
          ctx.sink.error([...path, 'options', optionIndex, 'value'], 'duplicateOption', {
            owner: who,
            value,
          });
        seen.add(value);
      }
    }
    if (type === 'relation') {
      if (attribute.entity === undefined)
        ctx.sink.error([...path, 'entity'], 'attributeEntityRequired', { owner: who });
      else entityRef(ctx, attribute.entity, [...path, 'entity'], who);
    }
  }
}
