import { type FieldDefinition } from '@lowcode/app-model';
import { computeFormulas } from '@lowcode/form-engine';
import { type EntityManager } from 'typeorm';
import { type ResolvedEntity } from './entity-catalog.service';
import { type RecordDto } from './record-reader';
import { type FieldChange, recordSearchText, recordWritesSql, type WriteContext } from './record-writer';
import { type ColumnStorage } from './utils/entity-storage';
import { sameValue, toParameter, unnestRows } from './utils/record-values';
import { quoteIdent, sqlParams } from './utils/sql';

export const hasFormulas = (fields: readonly FieldDefinition[]): boolean =>
  fields.some(
    (field) => field.type === 'formula' || (field.type === 'subTable' && hasFormulas(field.fields)),
  );

/** The columns an entity's formulas fill: formula fields, and sub-tables with formula columns (stored whole). */
export const formulaColumns = (resolved: ResolvedEntity): ColumnStorage[] =>
  resolved.entity.fields
    .filter((field) => field.type === 'formula' || (field.type === 'subTable' && hasFormulas(field.fields)))
    .map((field) => resolved.storage.get(field.key))
    .filter((storage): storage is ColumnStorage => storage?.kind === 'column');

/** A stored record whose formulas give other values now than it holds. */
export interface RecomputedRecord {
  id: string;
  version: number;
  /** The record's values with the formulas as they compute now. */
  values: Record<string, unknown>;
  changes: FieldChange[];
}

/** Of records as read (lookups and rollups included), those whose stored formula values are out of date. */
export function outOfDate(
  resolved: ResolvedEntity,
  columns: ColumnStorage[],
  records: RecordDto[],
): RecomputedRecord[] {
  return records.flatMap((record) => {
    const values = { ...record.values, ...computeFormulas(resolved.entity.fields, record.values) };
    const changes = columns
      .map(({ field }) => ({
        field: field.key,
        from: record.values[field.key] ?? null,
        to: values[field.key] ?? null,
      }))
      .filter((change) => !sameValue(change.from, change.to));
    return changes.length === 0 ? [] : [{ id: record.id, version: record.version, values, changes }];
  });
}

/**
 * Stores recomputed formula values and the search text that may show them, in one statement. The values are
 * derived: the record keeps its version (nobody edited it, and an open form must not be refused for it).
 * With `history`, each record also gets its change-log row (history and outbox, so rules, the report cache
 * and further formulas see the change); an upgrade's recompute has none.
 */
export async function storeRecomputed(
  manager: EntityManager,
  resolved: ResolvedEntity,
  columns: ColumnStorage[],
  records: RecomputedRecord[],
  history?: WriteContext,
): Promise<void> {
  if (records.length === 0) return;
  const params = sqlParams();
  const rows = unnestRows(params, [
    { values: records.map(({ id }) => id), type: 'uuid' },
    { values: records.map(({ values }) => recordSearchText(resolved, values)), type: 'text' },
    ...columns.map((column) => ({
      values: records.map(({ values }) => toParameter(values[column.field.key], column.sqlType)),
      type: column.sqlType,
    })),
  ]);
  const [id, search, ...formulas] = rows.columns;
  const sets = columns.map(({ column }, index) => `${quoteIdent(column)} = ${formulas[index]}`);
  const update = `UPDATE ${resolved.table} r SET _search = ${search}, ${sets.join(', ')} FROM ${rows.from} WHERE r._id = ${id}`;
  if (!history) {
    await manager.query(update, params.values);
    return;
  }
  const writes = records.map(({ id, version, changes }) => ({
    recordId: id,
    version,
    type: 'updated' as const,
    changes,
  }));
  await manager.query(
    `WITH updated AS (${update}) ${recordWritesSql(resolved, history, writes, params)}`,
    params.values,
  );
}
