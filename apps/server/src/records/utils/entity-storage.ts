import { createHash } from 'node:crypto';
import {
  type EntityDefinition,
  type FieldDefinition,
  type LookupField,
  type RollupField,
} from '@lowcode/app-model';
import { handlerFor } from '@lowcode/form-engine';
import { quoteIdent } from './sql';

/**
 * How an entity's records are stored: one table per entity in the app's own schema, one typed column per
 * stored field, and system columns that start with `_` (a field key cannot, so they never collide).
 */
export type FieldStorage = ColumnStorage | SystemStorage | LookupStorage | RollupStorage;

export interface ColumnStorage {
  kind: 'column';
  field: FieldDefinition;
  column: string;
  sqlType: SqlType;
  indexable: boolean;
  searchable: boolean;
}
export interface SystemStorage {
  kind: 'system';
  field: FieldDefinition;
  column: SystemColumn;
  sqlType: SqlType;
}
export interface LookupStorage {
  kind: 'lookup';
  field: LookupField;
}
export interface RollupStorage {
  kind: 'rollup';
  field: RollupField;
}

export type SqlType =
  'text' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb' | 'uuid' | 'uuid[]' | 'text[]';
export type SystemColumn = '_id' | '_created_at' | '_created_by' | '_updated_at' | '_updated_by';

const SYSTEM_FIELD_COLUMNS: Partial<
  Record<FieldDefinition['type'], { column: SystemColumn; sqlType: SqlType }>
> = {
  createdAt: { column: '_created_at', sqlType: 'timestamptz' },
  createdBy: { column: '_created_by', sqlType: 'uuid' },
  updatedAt: { column: '_updated_at', sqlType: 'timestamptz' },
  updatedBy: { column: '_updated_by', sqlType: 'uuid' },
};

export function fieldStorage(field: FieldDefinition): FieldStorage {
  const system = SYSTEM_FIELD_COLUMNS[field.type];
  if (system) return { kind: 'system', field, ...system };
  if (field.type === 'lookup') return { kind: 'lookup', field };
  if (field.type === 'rollup') return { kind: 'rollup', field };
  const spec = handlerFor(field).storage(field as never);
  return {
    kind: 'column',
    field,
    column: field.key,
    sqlType: spec.column,
    indexable: spec.indexable,
    searchable: spec.searchable,
  };
}

export const columnFields = (entity: EntityDefinition): ColumnStorage[] =>
  entity.fields.map(fieldStorage).filter((storage): storage is ColumnStorage => storage.kind === 'column');

export function storageSchemaName(appId: string): string {
  return `app_${appId.replace(/-/g, '')}`;
}

export function tableName(schema: string, entityKey: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(entityKey)}`;
}

/** Index and constraint names must fit PostgreSQL's 63 bytes; a short hash of what they cover does. */
function objectName(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`;
}

const SYSTEM_COLUMNS_DDL = [
  '_id uuid PRIMARY KEY DEFAULT gen_random_uuid()',
  '_version integer NOT NULL DEFAULT 1',
  '_created_at timestamptz NOT NULL DEFAULT now()',
  '_created_by uuid',
  '_updated_at timestamptz NOT NULL DEFAULT now()',
  '_updated_by uuid',
  '_deleted_at timestamptz',
  // Text of the searchable fields, kept by the writer, searched with a trigram index (works for Chinese).
  "_search text NOT NULL DEFAULT ''",
];

export interface StoragePlanOptions {
  schema: string;
  /** pg_trgm is installed: search gets a trigram index. */
  trigram: boolean;
}

/**
 * The DDL that brings an app's storage from `before` to `after`. Nothing is ever dropped: a removed field
 * or entity keeps its column or table, so its data is still there if it comes back; a column whose type
 * changes is kept under an archive name and the values that convert cleanly are copied over.
 */
export function planStorage(
  before: readonly EntityDefinition[],
  after: readonly EntityDefinition[],
  options: StoragePlanOptions,
  archiveSuffix: string,
): string[] {
  const statements = [`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(options.schema)}`];
  const previous = new Map(before.map((entity) => [entity.key, entity]));
  const foreignKeys: string[] = [];

  for (const entity of after) {
    const table = tableName(options.schema, entity.key);
    const old = previous.get(entity.key);
    const oldColumns = new Map(old ? columnFields(old).map((column) => [column.column, column]) : []);
    if (!old) {
      const columns = [
        ...SYSTEM_COLUMNS_DDL,
        ...columnFields(entity).map((c) => `${quoteIdent(c.column)} ${c.sqlType}`),
      ];
      statements.push(`CREATE TABLE IF NOT EXISTS ${table} (\n  ${columns.join(',\n  ')}\n)`);
      statements.push(
        `CREATE INDEX IF NOT EXISTS ${objectName('i', table, '_updated_at')} ON ${table} (_updated_at)`,
      );
      if (options.trigram) {
        statements.push(
          `CREATE INDEX IF NOT EXISTS ${objectName('s', table)} ON ${table} USING gin (_search gin_trgm_ops)`,
        );
      }
    }
    for (const column of columnFields(entity)) {
      const oldColumn = oldColumns.get(column.column);
      if (old && !oldColumn) {
        statements.push(
          `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${quoteIdent(column.column)} ${column.sqlType}`,
        );
      } else if (oldColumn && oldColumn.sqlType !== column.sqlType) {
        statements.push(...changeColumnType(options.schema, table, column, oldColumn, archiveSuffix));
      }
      statements.push(...indexStatements(options.schema, table, column, oldColumn));
      foreignKeys.push(...foreignKeyStatements(options.schema, table, column, oldColumn));
    }
  }
  // Last, so that every referenced table exists.
  return [...statements, ...foreignKeys];
}

function indexStatements(
  schema: string,
  table: string,
  column: ColumnStorage,
  old: ColumnStorage | undefined,
): string[] {
  const statements: string[] = [];
  const name = quoteIdent(column.column);
  const arrayColumn = column.sqlType.endsWith('[]');
  if (column.indexable) {
    const method = arrayColumn ? ' USING gin' : '';
    statements.push(
      `CREATE INDEX IF NOT EXISTS ${objectName('i', table, column.column)} ON ${table}${method} (${name})`,
    );
  }
  const uniqueIndex = objectName('u', table, column.column);
  if (column.field.unique && !arrayColumn) {
    // Deleted records keep their number, but a live record may reuse it only after they are gone for good.
    statements.push(
      `CREATE UNIQUE INDEX IF NOT EXISTS ${uniqueIndex} ON ${table} (${name}) WHERE _deleted_at IS NULL`,
    );
  } else if (old?.field.unique) {
    statements.push(`DROP INDEX IF EXISTS ${quoteIdent(schema)}.${uniqueIndex}`);
  }
  return statements;
}

function relationTarget(column: ColumnStorage): string | undefined {
  const field = column.field;
  return field.type === 'relation' && !field.relation.multiple ? field.relation.entity : undefined;
}

function foreignKeyStatements(
  schema: string,
  table: string,
  column: ColumnStorage,
  old: ColumnStorage | undefined,
): string[] {
  const target = relationTarget(column);
  const oldTarget = old && relationTarget(old);
  if (target === oldTarget) return [];
  const constraint = objectName('f', table, column.column);
  const statements = [`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${constraint}`];
  if (target) {
    statements.push(
      `ALTER TABLE ${table} ADD CONSTRAINT ${constraint} FOREIGN KEY (${quoteIdent(column.column)}) ` +
        `REFERENCES ${tableName(schema, target)} (_id)`,
    );
  }
  return statements;
}

/** Values that read as the new type are copied; the old column stays, renamed, with everything it held. */
const CONVERTIBLE: Partial<Record<SqlType, string>> = {
  numeric: `^\\s*-?\\d+(\\.\\d+)?\\s*$`,
  date: `^\\d{4}-\\d{2}-\\d{2}`,
  timestamptz: `^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}`,
  boolean: `^(true|false)$`,
  uuid: `^[0-9a-fA-F-]{36}$`,
};

function changeColumnType(
  schema: string,
  table: string,
  column: ColumnStorage,
  old: ColumnStorage,
  archiveSuffix: string,
): string[] {
  const current = quoteIdent(column.column);
  const archived = quoteIdent(`_archived_${archiveSuffix}_${column.column}`.slice(0, 63));
  const asText = old.sqlType.endsWith('[]') ? `array_to_string(${archived}, ',')` : `${archived}::text`;
  const pattern = CONVERTIBLE[column.sqlType];
  const converted =
    column.sqlType === 'text'
      ? asText
      : column.sqlType === 'text[]'
        ? `string_to_array(${asText}, ',')`
        : column.sqlType === 'jsonb'
          ? `to_jsonb(${archived})`
          : pattern
            ? `CASE WHEN ${asText} ~ '${pattern}' THEN (${asText})::${column.sqlType} END`
            : 'NULL';
  return [
    // The indexes are named after the field; the new column gets its own.
    `DROP INDEX IF EXISTS ${quoteIdent(schema)}.${objectName('i', table, column.column)}`,
    `DROP INDEX IF EXISTS ${quoteIdent(schema)}.${objectName('u', table, column.column)}`,
    `ALTER TABLE ${table} RENAME COLUMN ${current} TO ${archived}`,
    `ALTER TABLE ${table} ADD COLUMN ${current} ${column.sqlType}`,
    `UPDATE ${table} SET ${current} = ${converted} WHERE ${archived} IS NOT NULL`,
  ];
}

/**
 * What a value becomes when its column changes type (the same rules as the UPDATE above), so a dry run
 * judges the records as they will be after the import, not as they were.
 */
export function convertStoredValue(value: unknown, from: SqlType, to: SqlType): unknown {
  if (value === null || value === undefined || from === to) return value ?? null;
  const text = Array.isArray(value)
    ? value.join(',')
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
  if (to === 'text') return text;
  if (to === 'text[]') return text.split(',');
  if (to === 'jsonb') return value;
  const pattern = CONVERTIBLE[to];
  if (!pattern || !new RegExp(pattern).test(text)) return null;
  if (to === 'numeric') return Number(text);
  if (to === 'boolean') return text === 'true';
  if (to === 'date') return text.slice(0, 10);
  return text;
}
