import { type EntityDefinition, type FieldDefinition } from '@lowcode/app-model';
import { stableStringify } from '@lowcode/form-engine';
import { type FieldStorage, type SqlType, fieldStorage } from './entity-storage';
import { quoteIdent, type SqlParams } from './sql';

/** How a column is read so that the API gets JSON values in the form-engine's shapes. */
export function readExpression(sql: string, type: SqlType): string {
  switch (type) {
    case 'numeric':
      return `(${sql})::float8`;
    case 'date':
      return `to_char(${sql}, 'YYYY-MM-DD')`;
    default:
      return sql;
  }
}

/** A value from the API made ready to bind as a parameter of the column's type. */
export function toParameter(value: unknown, type: SqlType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'jsonb') return JSON.stringify(value);
  return value;
}

/**
 * Rows as columns: each column's values travel as one array parameter and `unnest` turns the arrays back
 * into rows. Answers each column's value over them (`columns`, also as one select list) and the FROM item.
 * PostgreSQL has no arrays of arrays of varying length, so a list column travels as text[] of array literals
 * and is cast back per row.
 */
export function unnestRows(
  params: SqlParams,
  columns: { values: unknown[]; type: SqlType }[],
): { columns: string[]; select: string; from: string } {
  const list = (type: SqlType) => type.endsWith('[]');
  const arrays = columns.map(({ values, type }) =>
    list(type) ? `${params.add(values.map(arrayLiteral))}::text[]` : `${params.add(values)}::${type}[]`,
  );
  const values = columns.map(({ type }, index) => (list(type) ? `v.c${index}::${type}` : `v.c${index}`));
  return {
    columns: values,
    select: values.join(', '),
    from: `unnest(${arrays.join(', ')}) AS v (${columns.map((_, index) => `c${index}`).join(', ')})`,
  };
}

function arrayLiteral(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const quoted = value.map((item) =>
    item === null || item === undefined ? 'NULL' : `"${String(item).replace(/[\\"]/g, '\\$&')}"`,
  );
  return `{${quoted.join(',')}}`;
}

/** A value read back from PostgreSQL in the API's shape (timestamps as ISO strings). */
export function fromColumn(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** The text a record is found by: its searchable fields, joined. */
export function searchText(storage: Iterable<FieldStorage>, values: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const column of storage) {
    if (column.kind !== 'column' || !column.searchable) continue;
    const value = values[column.field.key];
    if (value === null || value === undefined || value === '') continue;
    parts.push(Array.isArray(value) ? value.join(' ') : String(value));
  }
  return parts.join(' ').slice(0, 20_000);
}

export const storageByKey = (entity: EntityDefinition): Map<string, FieldStorage> =>
  new Map(entity.fields.map((field) => [field.key, fieldStorage(field)]));

export const columnSql = (alias: string, column: string) => `${alias}.${quoteIdent(column)}`;

/** JSON-equal, for telling which fields a patch really changed. */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableStringify(a ?? null) === stableStringify(b ?? null);
}

export const isRelationField = (
  field: FieldDefinition,
): field is Extract<FieldDefinition, { type: 'relation' }> => field.type === 'relation';

/**
 * Values an automation writes: a related record handed over whole (`{"var": "record"}`, or a relation
 * expanded for a rule) means its id, in rules and flows alike.
 */
export function relationIds(
  entity: EntityDefinition,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const idOf = (value: unknown) =>
    value !== null && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string'
      ? (value as { id: string }).id
      : value;
  // Only relation fields: a file, an image or a signature is an object with an id too, and is kept whole.
  const relations = new Set(
    entity.fields.filter((field) => field.type === 'relation').map((field) => field.key),
  );
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      !relations.has(key) ? value : Array.isArray(value) ? value.map(idOf) : idOf(value),
    ]),
  );
}
