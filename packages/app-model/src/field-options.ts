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

/**
 * A relation's `pickFilter` as the records list reads it (`GET …/records?filter=`, whose variables are bare
 * field keys): `record.<field>` becomes `<field>`, `form.<field>` the value being edited (`values`). A clause
 * of a top-level `and` — or the whole filter — that reads an empty form value is left out: rooms of the
 * chosen project, any room until one is chosen. Undefined when nothing is left to filter by.
 */
export function pickFilterFor(filter: unknown, values: Record<string, unknown>): unknown {
  if (filter === undefined || filter === null) return undefined;
  const clauses =
    isLogicObject(filter) && Object.keys(filter).length === 1 && Array.isArray(filter.and)
      ? (filter.and as unknown[])
      : [filter];
  const kept = clauses
    .filter((clause) => !readsEmptyFormValue(clause, values))
    .map((clause) => bind(clause, values));
  if (kept.length === 0) return undefined;
  return kept.length === 1 ? kept[0] : { and: kept };
}

const isLogicObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `form.<field>` names a field of the record being edited (a literal path; the app model refuses others). */
const formField = (node: Record<string, unknown>): string | undefined => {
  const name = Object.keys(node).length === 1 && typeof node.var === 'string' ? node.var : undefined;
  return name?.startsWith('form.') ? name.slice('form.'.length) : undefined;
};

function readsEmptyFormValue(node: unknown, values: Record<string, unknown>): boolean {
  if (Array.isArray(node)) return node.some((item) => readsEmptyFormValue(item, values));
  if (!isLogicObject(node)) return false;
  const field = formField(node);
  if (field !== undefined) {
    const value = Object.prototype.hasOwnProperty.call(values, field) ? values[field] : undefined;
    return (
      value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
    );
  }
  return Object.values(node).some((item) => readsEmptyFormValue(item, values));
}

function bind(node: unknown, values: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => bind(item, values));
  if (!isLogicObject(node)) return node;
  const field = formField(node);
  if (field !== undefined) return Object.prototype.hasOwnProperty.call(values, field) ? values[field] : null;
  if (Object.keys(node).length === 1 && typeof node.var === 'string' && node.var.startsWith('record.'))
    return { var: node.var.slice('record.'.length) };
  return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, bind(item, values)]));
}
