import { localize } from './localize';
import { type EntityDefinition, type FieldDefinition, type Locale, type SelectOption } from './types';

/**
 * The labelled codes a single value of the field is one of: a select's or status's options, or those a text
 * formula names its results with. Undefined for any other field. Whatever shows a value (a list cell, a
 * filter, a chart, a sheet) shows the option's label instead of its code.
 */
export function singleValueOptions(field: FieldDefinition | undefined): readonly SelectOption[] | undefined {
  if (field?.type === 'select' || field?.type === 'status') return field.options;
  if (field?.type === 'formula') return field.options;
  return undefined;
}

/** The label in `locale` of the option whose code is `code`; undefined for a code no option has. */
export function optionLabel(
  options: readonly SelectOption[] | undefined,
  code: unknown,
  locale: Locale,
): string | undefined {
  const option = options?.find((candidate) => candidate.value === code);
  return option ? localize(option.label, locale) : undefined;
}

/**
 * The field of the linked entity a lookup shows, whose values it holds: they read as that field's do (a
 * select's labels, money, a relation's titles). `multiple` when the relation links several records, so the
 * lookup holds a list of such values. Undefined for any other field, or a lookup whose relation or target
 * is unknown.
 */
export function lookupTarget(
  entities: readonly EntityDefinition[],
  entity: EntityDefinition,
  field: FieldDefinition,
): { field: FieldDefinition; multiple: boolean } | undefined {
  if (field.type !== 'lookup') return undefined;
  const relation = entity.fields.find((candidate) => candidate.key === field.lookup.relation);
  if (relation?.type !== 'relation') return undefined;
  const target = entities
    .find((candidate) => candidate.key === relation.relation.entity)
    ?.fields.find((candidate) => candidate.key === field.lookup.field);
  return target ? { field: target, multiple: relation.relation.multiple === true } : undefined;
}
