import type { AppDefinition, EntityDefinition, Locale } from '@lowcode/app-model';
import { localize } from '@lowcode/app-model';

export interface ScopeField {
  /** `field` or `relation.field` (one hop), as `record.<path>` in a scope. */
  path: string;
  label: string;
  /** Holds a user (compare with the current user) rather than a value (compare with an attribute). */
  isUser: boolean;
}

const USER_TYPES = new Set(['user', 'createdBy', 'updatedBy']);
const SKIPPED = new Set([
  'richText',
  'image',
  'file',
  'subTable',
  'rollup',
  'formula',
  'json',
  'location',
  'signature',
]);

/** The fields a scope condition may test: the entity's own, and those of the records its relations point to. */
export function scopeFields(app: AppDefinition, entity: EntityDefinition, locale: Locale): ScopeField[] {
  const own = entity.fields.filter((field) => !SKIPPED.has(field.type));
  const direct = own.map((field) => ({
    path: field.key,
    label: localize(field.label, locale),
    isUser: USER_TYPES.has(field.type),
  }));
  const hops = own.flatMap((field) => {
    if (field.type !== 'relation' || !('relation' in field)) return [];
    const target = app.entities.find((candidate) => candidate.key === field.relation.entity);
    if (!target || field.relation.multiple) return [];
    return target.fields
      .filter(
        (hop) =>
          USER_TYPES.has(hop.type) || hop.type === 'relation' || hop.type === 'select' || hop.type === 'text',
      )
      .map((hop) => ({
        path: `${field.key}.${hop.key}`,
        label: `${localize(field.label, locale)} → ${localize(hop.label, locale)}`,
        isUser: USER_TYPES.has(hop.type),
      }));
  });
  return [...direct, ...hops];
}
