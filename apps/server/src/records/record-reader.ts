import { type EntityManager } from 'typeorm';
import {
  type EntityDefinition,
  type FieldDefinition,
  lookupTarget,
  subTableCellKey,
} from '@lowcode/app-model';
import { type EntityAccess } from './access/entity-access';
import { type ResolvedEntity, RECORD_ALIAS } from './entity-catalog.service';
import { fieldStorage, tableName } from './utils/entity-storage';
import { type SortKey } from './utils/record-query';
import { columnSql, fromColumn, readExpression } from './utils/record-values';
import { quoteIdent, type SqlParams } from './utils/sql';

export interface RecordDto {
  id: string;
  version: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  deletedAt: string | null;
  values: Record<string, unknown>;
  /** Titles of the records and users that relation and user fields point at. */
  display: Record<string, string | string[]>;
}

type Row = Record<string, unknown>;

/** The SELECT list for an entity: system columns, one aliased expression per field, lookups and rollups. */
export function selectList(resolved: ResolvedEntity, sortKeys: SortKey[] = []): string {
  const r = RECORD_ALIAS;
  const parts = [
    `${r}._id AS "_id"`,
    `${r}._version AS "_version"`,
    `${r}._created_at AS "_created_at"`,
    `${r}._created_by AS "_created_by"`,
    `${r}._updated_at AS "_updated_at"`,
    `${r}._updated_by AS "_updated_by"`,
    `${r}._deleted_at AS "_deleted_at"`,
  ];
  resolved.entity.fields.forEach((field, index) => {
    const expression = fieldExpression(resolved, field);
    if (expression) parts.push(`${expression} AS "v${index}"`);
  });
  // Sort values as text keep full precision (microseconds, numerics) for the next page's cursor.
  sortKeys.forEach((key, index) => parts.push(`(${key.field.sql})::text AS "s${index}"`));
  return parts.join(',\n  ');
}

function fieldExpression(resolved: ResolvedEntity, field: FieldDefinition): string | undefined {
  const storage = resolved.storage.get(field.key) ?? fieldStorage(field);
  const r = RECORD_ALIAS;
  switch (storage.kind) {
    case 'column':
      return readExpression(columnSql(r, storage.column), storage.sqlType);
    case 'system':
      return `${r}.${storage.column}`;
    case 'lookup':
      return lookupExpression(resolved, storage.field.lookup);
    case 'rollup':
      return rollupExpression(resolved, storage.field.rollup);
  }
}

/** A lookup as a sub-select over the relation column of the row under alias `r`. */
export function lookupExpression(
  resolved: ResolvedEntity,
  lookup: { relation: string; field: string },
): string {
  const relation = resolved.entity.fields.find((field) => field.key === lookup.relation);
  if (relation?.type !== 'relation') return 'NULL';
  const target = resolved.app.entities.find((entity) => entity.key === relation.relation.entity);
  const targetField = target?.fields.find((field) => field.key === lookup.field);
  const targetStorage = targetField && fieldStorage(targetField);
  if (!target || !targetStorage || (targetStorage.kind !== 'column' && targetStorage.kind !== 'system'))
    return 'NULL';
  const column =
    targetStorage.kind === 'column' ? columnSql('t', targetStorage.column) : `t.${targetStorage.column}`;
  const value = readExpression(column, targetStorage.sqlType);
  const from = tableName(resolved.schema, target.key);
  const link = columnSql(RECORD_ALIAS, relation.key);
  return relation.relation.multiple
    ? `(SELECT jsonb_agg(to_jsonb(${value})) FROM ${from} t WHERE t._id = ANY(${link}))`
    : `(SELECT to_jsonb(${value}) FROM ${from} t WHERE t._id = ${link})`;
}

function rollupExpression(
  resolved: ResolvedEntity,
  rollup: { entity: string; relation: string; aggregate: string; field?: string },
): string {
  const source = resolved.app.entities.find((entity) => entity.key === rollup.entity);
  const relation = source?.fields.find((field) => field.key === rollup.relation);
  if (!source || relation?.type !== 'relation') return 'NULL';
  const aggregate = rollupAggregate(source, rollup, 's');
  if (!aggregate) return 'NULL';
  const from = tableName(resolved.schema, source.key);
  const link = relation.relation.multiple
    ? `${RECORD_ALIAS}._id = ANY(${columnSql('s', relation.key)})`
    : `${columnSql('s', relation.key)} = ${RECORD_ALIAS}._id`;
  return `(SELECT ${aggregate} FROM ${from} s WHERE s._deleted_at IS NULL AND ${link})`;
}

/** A rollup's aggregate over rows of its source entity under `alias`, as the API reads it; undefined if unknown. */
export function rollupAggregate(
  source: EntityDefinition,
  rollup: { aggregate: string; field?: string },
  alias: string,
): string | undefined {
  if (rollup.aggregate === 'count') return 'count(*)::float8';
  const sourceField = source.fields.find((field) => field.key === rollup.field);
  const sourceStorage = sourceField && fieldStorage(sourceField);
  if (!sourceStorage || sourceStorage.kind !== 'column') return undefined;
  const column = columnSql(alias, sourceStorage.column);
  const aggregate = { sum: 'sum', avg: 'avg', min: 'min', max: 'max' }[rollup.aggregate];
  if (!aggregate) return undefined;
  return aggregate === 'min' || aggregate === 'max'
    ? `to_jsonb(${readExpression(`${aggregate}(${column})`, sourceStorage.sqlType)})`
    : `${aggregate}(${column})::float8`;
}

/**
 * Turns selected rows into DTOs and fills `display` with one query per referenced entity and for users;
 * `display: false` leaves it empty (for callers that read values only).
 */
export async function toRecordDtos(
  manager: EntityManager,
  resolved: ResolvedEntity,
  rows: Row[],
  display = true,
): Promise<RecordDto[]> {
  const records = rows.map((row) => {
    const values: Record<string, unknown> = {};
    resolved.entity.fields.forEach((field, index) => {
      if (`v${index}` in row) values[field.key] = fromColumn(row[`v${index}`]);
    });
    return {
      id: row._id as string,
      version: row._version as number,
      createdAt: fromColumn(row._created_at) as string,
      createdBy: (row._created_by as string | null) ?? null,
      updatedAt: fromColumn(row._updated_at) as string,
      updatedBy: (row._updated_by as string | null) ?? null,
      deletedAt: (fromColumn(row._deleted_at) as string | null) ?? null,
      values,
      display: {} as Record<string, string | string[]>,
    };
  });
  if (display) {
    const displays = await displaysOf(
      manager,
      resolved,
      records.map((record) => record.values),
    );
    records.forEach((record, index) => (record.display = displays[index]!));
  }
  return records;
}

/** Where values link to records (an entity key), users (`@user`) or departments (`@department`): a field, or a column of a sub-table's rows. */
interface Reference {
  field: FieldDefinition;
  target: string;
  /** The sub-table whose rows hold `field` as a column. */
  table?: string;
}

const targetOf = (field: FieldDefinition): string | undefined =>
  field.type === 'relation'
    ? field.relation.entity
    : ['user', 'createdBy', 'updatedBy'].includes(field.type)
      ? '@user'
      : field.type === 'department'
        ? '@department'
        : undefined;

/**
 * Where an entity's values link: its relation, user and department fields, their sub-table columns, and the
 * lookups of such fields on a linked record (a meter reading's building, read through its meter), which hold
 * the same ids.
 */
function referencesOf(entity: EntityDefinition, entities: readonly EntityDefinition[]): Reference[] {
  return entity.fields.flatMap((field): Reference[] => {
    if (field.type === 'subTable')
      return field.fields.flatMap((column) => {
        const target = targetOf(column);
        return target ? [{ field: column, target, table: field.key }] : [];
      });
    const looked = lookupTarget(entities, entity, field);
    const target = targetOf(looked ? looked.field : field);
    return target ? [{ field, target }] : [];
  });
}

/** The values a reference holds in one value set, by their `display` key: one, or one per sub-table row. */
function cellsOf(
  values: Record<string, unknown>,
  reference: Reference,
): Array<[key: string, value: unknown]> {
  const { field, table } = reference;
  if (!table) return [[field.key, values[field.key]]];
  const rows = Array.isArray(values[table]) ? (values[table] as unknown[]) : [];
  return rows.map((row, index) => [
    subTableCellKey(table, index, field.key),
    row && typeof row === 'object' ? (row as Record<string, unknown>)[field.key] : undefined,
  ]);
}

/**
 * The titles of the records and users that each set of values links to, by field — and by cell for the
 * relation and user columns of sub-tables (`partsUsed[0].part`): one query per linked entity and one for
 * users, however many value sets. An id with no row keeps the id as its title.
 */
export async function displaysOf(
  manager: EntityManager,
  resolved: ResolvedEntity,
  valueSets: Record<string, unknown>[],
): Promise<Record<string, string | string[]>[]> {
  const references = referencesOf(resolved.entity, resolved.app.entities);
  const wanted = new Map<string, Set<string>>(); // target entity key or '@user' → ids
  for (const reference of references) {
    const ids = wanted.get(reference.target) ?? new Set<string>();
    for (const values of valueSets)
      for (const [, value] of cellsOf(values, reference)) idsOf(value).forEach((id) => ids.add(id));
    wanted.set(reference.target, ids);
  }
  const titles = new Map<string, Map<string, string>>();
  for (const [target, ids] of wanted) {
    if (ids.size === 0) continue;
    titles.set(target, await loadTitles(manager, resolved, target, [...ids]));
  }
  return valueSets.map((values) => {
    const display: Record<string, string | string[]> = {};
    for (const reference of references) {
      const names = titles.get(reference.target);
      if (!names) continue;
      for (const [key, value] of cellsOf(values, reference)) {
        if (value === null || value === undefined) continue;
        display[key] = Array.isArray(value)
          ? idsOf(value).map((id) => names.get(id) ?? id)
          : (names.get(value as string) ?? (value as string));
      }
    }
    return display;
  });
}

const idsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string');

async function loadTitles(
  manager: EntityManager,
  resolved: ResolvedEntity,
  target: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (target === '@department') {
    const departments: { id: string; title: string }[] = await manager.query(
      'SELECT key AS id, name AS title FROM department WHERE workspace_id = $1 AND key = ANY($2::text[])',
      [resolved.workspaceId, ids],
    );
    return new Map(departments.map((department) => [department.id, department.title]));
  }
  if (target === '@user') {
    const users: { id: string; title: string }[] = await manager.query(
      'SELECT id, display_name AS title FROM app_user WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(users.map((user) => [user.id, user.title]));
  }
  const title = titleColumn(resolved, target) ?? '_id::text';
  const rows: { id: string; title: string | null }[] = await manager.query(
    `SELECT _id AS id, ${title} AS title FROM ${tableName(resolved.schema, target)} WHERE _id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row.title ?? row.id]));
}

/** Whether reading the entity's row also reads other rows (lookup and rollup fields). */
export const readsOtherRows = (resolved: ResolvedEntity): boolean =>
  [...resolved.storage.values()].some((storage) => storage.kind === 'lookup' || storage.kind === 'rollup');

/** An entity's title field as a text expression over its table (unaliased), if the title is a stored column. */
function titleColumn(resolved: ResolvedEntity, target: string): string | undefined {
  const entity = resolved.app.entities.find((candidate) => candidate.key === target);
  const titleField = entity?.fields.find(
    (field) => field.key === (entity.titleField ?? entity.fields[0]?.key),
  );
  const storage = titleField && fieldStorage(titleField);
  return storage?.kind === 'column' ? `${quoteIdent(storage.column)}::text` : undefined;
}

/** The ids of a target's records (`@user`s, `@department`s) whose title matches the ILIKE `pattern`. */
function titleMatches(
  resolved: ResolvedEntity,
  target: string,
  pattern: string,
  params: Pick<SqlParams, 'add'>,
): string | undefined {
  if (target === '@user') return `SELECT id FROM app_user WHERE display_name ILIKE ${pattern}`;
  if (target === '@department')
    return `SELECT key FROM department WHERE workspace_id = ${params.add(resolved.workspaceId)} AND name ILIKE ${pattern}`;
  const title = titleColumn(resolved, target);
  return title && `SELECT _id FROM ${tableName(resolved.schema, target)} WHERE ${title} ILIKE ${pattern}`;
}

/**
 * The text search (`pattern`, an ILIKE parameter) over the row under `alias`, as `access`'s viewer may search:
 * the record's own searchable fields he sees whole, or the titles he sees of the records it links to.
 */
export function recordSearchSql(
  resolved: ResolvedEntity,
  access: EntityAccess,
  alias: string,
  pattern: string,
  params: Pick<SqlParams, 'add'>,
): string {
  const visible = access.visibleSearchSql(resolved.entity, alias, pattern);
  const own = `${alias}._search ILIKE ${pattern}${visible ? ` AND ${visible}` : ''}`;
  const shown = (key: string) => access.seesWhole(key) && access.titleLimit(key) === undefined;
  const linked = linkedTitleSearchSql(resolved, shown, alias, pattern, params);
  return `((${own})${linked.map((condition) => ` OR ${condition}`).join('')})`;
}

/**
 * Text search through links, as SQL over the row under `alias`: a bill is found by its tenant's name, a work
 * order by its technician's, a payment by the tenant its bill names (a lookup of a relation) — by the titles
 * the list shows beside the record. Only links `shown` whole to the viewer count (the field and, for a
 * relation, the linked entity's title field), so a search reveals nothing the list would not.
 */
function linkedTitleSearchSql(
  resolved: ResolvedEntity,
  shown: (field: string) => boolean,
  alias: string,
  pattern: string,
  params: Pick<SqlParams, 'add'>,
): string[] {
  const { entity, app } = resolved;
  return referencesOf(entity, app.entities).flatMap((reference): string[] => {
    const { field, target } = reference;
    if (reference.table || field.type === 'createdBy' || field.type === 'updatedBy' || !shown(field.key))
      return [];
    const matches = titleMatches(resolved, target, pattern, params);
    if (!matches) return [];
    if (field.type !== 'lookup') {
      const column = columnOf(field, alias);
      return column ? [linkedTo(column, matches)] : [];
    }
    // A lookup holds the far ids through the relation it reads: match the middle records that name them.
    const relation = entity.fields.find((candidate) => candidate.key === field.lookup.relation);
    const middle = relation?.type === 'relation' ? relation.relation.entity : undefined;
    const looked = middle && lookupTarget(app.entities, entity, field)?.field;
    const lookedColumn = looked && columnOf(looked, 'm');
    const link = relation && columnOf(relation, alias);
    if (!middle || !lookedColumn || !link) return [];
    const middles = `SELECT m._id FROM ${tableName(resolved.schema, middle)} m WHERE ${linkedTo(lookedColumn, matches)}`;
    return [linkedTo(link, middles)];
  });
}

/** A stored link column under `alias` with whether it holds several ids. */
function columnOf(field: FieldDefinition, alias: string): { sql: string; multiple: boolean } | undefined {
  const storage = fieldStorage(field);
  if (storage.kind !== 'column') return undefined;
  return { sql: columnSql(alias, storage.column), multiple: storage.sqlType.endsWith('[]') };
}

/** The link column names one of the ids `ids` (a sub-select) selects. */
function linkedTo(column: { sql: string; multiple: boolean }, ids: string): string {
  return column.multiple ? `${column.sql} && ARRAY(${ids})` : `${column.sql} IN (${ids})`;
}
