import {
  lookupTarget,
  singleValueOptions,
  type EntityDefinition,
  type FieldDefinition,
} from '@lowcode/app-model';

/**
 * The field a value of `field` is shown as. A lookup holds values of the field it looks up on the linked
 * record, so it shows them as that field does — a select's label (物业费, not `propertyFee`), money with its
 * sign, a date-time in the reader's zone, a relation by the title the server sends — under its own key and
 * label. Through a multiple relation it holds a list: of options, shown as a multiple select's. Any other
 * field, and a lookup whose target is unknown (`entities` absent), is shown as itself.
 */
export function shownField(
  entities: readonly EntityDefinition[] | undefined,
  entity: EntityDefinition,
  field: FieldDefinition,
): FieldDefinition {
  const looked = entities ? lookupTarget(entities, entity, field) : undefined;
  if (!looked) return field;
  const own = { key: field.key, label: field.label };
  if (!looked.multiple) return { ...looked.field, ...own } as FieldDefinition;
  const options = singleValueOptions(looked.field);
  return options ? { ...own, type: 'multiSelect', options: [...options] } : field;
}
