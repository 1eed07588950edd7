import { type FieldDefinition, type SelectOption } from './types';

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
