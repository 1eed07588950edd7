import { Injectable } from '@nestjs/common';
import {
  type AppDefinition,
  type EntityDefinition,
  type FieldDefinition,
  type Locale,
} from '@lowcode/app-model';
import { inputValues, stableStringify } from '@lowcode/form-engine';
import { type EntityManager } from 'typeorm';
import { buildResolvedEntity } from './entity-catalog.service';
import { formulaColumns, hasFormulas, outOfDate, storeRecomputed } from './formula-recompute';
import { selectList, toRecordDtos } from './record-reader';
import { convertStoredValue, planStorage, storageSchemaName, tableName } from './utils/entity-storage';

export interface StorageImpact {
  entity: string;
  /** Live records checked against the new definition (all of them, up to the sample limit). */
  checked: number;
  total: number;
  invalidCount: number;
  samples: { id: string; field: string; message: string }[];
}

const IMPACT_SAMPLE_LIMIT = 5000;
/** Rows read, recomputed and written back at a time when an upgrade changes an entity's formulas. */
const RECOMPUTE_BATCH = 500;

/** Formulas recomputed over an entity's stored records by an upgrade. */
export interface FormulaRecompute {
  entity: string;
  /** Records read (deleted ones too: a restored record shows what its formulas give now). */
  checked: number;
  /** Records whose stored formula values differed and were rewritten. */
  changed: number;
}

/** Keeps each app's tables in step with its definition, inside the import's transaction. */
@Injectable()
export class RecordStorageService {
  /** Creates or alters the app's schema and tables; returns the schema name. */
  async sync(
    manager: EntityManager,
    app: { id: string; storageSchema: string | null; revision: number },
    before: AppDefinition | null,
    after: AppDefinition,
  ): Promise<string> {
    const schema = app.storageSchema ?? storageSchemaName(app.id);
    const [{ trigram }] = (await manager.query(
      "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS trigram",
    )) as [{ trigram: boolean }];
    const statements = planStorage(
      before?.entities ?? [],
      after.entities,
      { schema, trigram },
      `r${app.revision}`,
    );
    for (const statement of statements) await manager.query(statement);
    return schema;
  }

  /**
   * After an upgrade changed what an entity's formulas are or read (a formula added or rewritten, a field
   * it may read retyped), stores what they give for every existing record, in the import's transaction:
   * otherwise old records would show the old results, or none, until someone edits them. The values are
   * derived, so this writes no history row, raises no record event and keeps each record's version.
   */
  async recomputeFormulas(
    manager: EntityManager,
    app: { id: string; storageSchema: string; workspaceId: string; key: string; revision: number },
    before: AppDefinition,
    after: AppDefinition,
  ): Promise<FormulaRecompute[]> {
    const recomputed: FormulaRecompute[] = [];
    for (const entity of after.entities) {
      const old = before.entities.find((candidate) => candidate.key === entity.key);
      if (!old || !hasFormulas(entity.fields)) continue;
      if (formulaInputs(old.fields) === formulaInputs(entity.fields)) continue;
      const resolved = resolvedIn(app, after, entity);
      const columns = formulaColumns(resolved);
      const tally: FormulaRecompute = { entity: entity.key, checked: 0, changed: 0 };
      for (let cursor: string | null = null; ;) {
        const rows: Record<string, unknown>[] = await manager.query(
          `SELECT ${selectList(resolved)} FROM ${resolved.table} r
            WHERE $1::uuid IS NULL OR r._id > $1::uuid ORDER BY r._id LIMIT ${RECOMPUTE_BATCH}`,
          [cursor],
        );
        if (rows.length === 0) break;
        cursor = rows.at(-1)!._id as string;
        const records = await toRecordDtos(manager, resolved, rows, false);
        tally.checked += records.length;
        const changed = outOfDate(resolved, columns, records);
        tally.changed += changed.length;
        await storeRecomputed(manager, resolved, columns, changed);
      }
      recomputed.push(tally);
    }
    return recomputed;
  }

  /**
   * What an upgrade would do to existing records: for every entity whose definition changes, the live
   * records that would no longer validate, so the builder sees it before importing.
   */
  async impact(
    manager: EntityManager,
    app: { id: string; storageSchema: string | null; workspaceId: string; key: string; revision: number },
    before: AppDefinition,
    after: AppDefinition,
    locale: Locale,
  ): Promise<StorageImpact[]> {
    if (!app.storageSchema) return [];
    const storedApp = { ...app, storageSchema: app.storageSchema };
    const impacts: StorageImpact[] = [];
    for (const entity of after.entities) {
      const old = before.entities.find((candidate) => candidate.key === entity.key);
      if (!old || stableStringify(old) === stableStringify(entity)) continue;
      // Read with the old definition (its columns exist), validate with the new one.
      const reader = resolvedIn(storedApp, before, old);
      const candidate = resolvedIn(storedApp, after, entity);
      const [{ total }] = (await manager.query(
        `SELECT count(*)::int AS total FROM ${tableName(app.storageSchema, entity.key)} WHERE _deleted_at IS NULL`,
      )) as [{ total: number }];
      const rows: Record<string, unknown>[] = await manager.query(
        `SELECT ${selectList(reader)} FROM ${reader.table} r WHERE r._deleted_at IS NULL ORDER BY r._id LIMIT $1`,
        [IMPACT_SAMPLE_LIMIT],
      );
      const records = await toRecordDtos(manager, reader, rows);
      const impact: StorageImpact = {
        entity: entity.key,
        checked: records.length,
        total,
        invalidCount: 0,
        samples: [],
      };
      for (const record of records) {
        const stored = Object.fromEntries(
          Object.entries(record.values)
            .filter(([key]) => candidate.storage.get(key)?.kind === 'column')
            .map(([key, value]) => [key, afterTypeChange(reader, candidate, key, value)]),
        );
        const result = candidate.compiled.validate(inputValues(candidate.entity.fields, stored), {
          locale,
          mode: 'create',
        });
        if (result.ok) continue;
        impact.invalidCount += 1;
        if (impact.samples.length < 20) {
          impact.samples.push({
            id: record.id,
            field: result.errors[0]!.path,
            message: result.errors[0]!.message,
          });
        }
      }
      if (impact.invalidCount > 0) impacts.push(impact);
    }
    return impacts;
  }
}

function afterTypeChange(
  before: ReturnType<typeof buildResolvedEntity>,
  after: ReturnType<typeof buildResolvedEntity>,
  key: string,
  value: unknown,
): unknown {
  const from = before.storage.get(key);
  const to = after.storage.get(key);
  if (from?.kind !== 'column' || to?.kind !== 'column') return value;
  return convertStoredValue(value, from.sqlType, to.sqlType);
}

/** An entity of an app's stored schema as a definition describes it. */
const resolvedIn = (
  app: { id: string; storageSchema: string; workspaceId: string; key: string; revision: number },
  definition: AppDefinition,
  entity: EntityDefinition,
) =>
  buildResolvedEntity(app.workspaceId, app.id, app.key, app.revision, app.storageSchema, definition, entity);

/**
 * What an entity's formulas compute from: each field's key and type and whatever shapes its value (a
 * formula's expression and result type, a list's `multiple`, a lookup or rollup, a sub-table's columns) —
 * not labels, options or layout, whose changes leave every result as it was.
 */
function formulaInputs(fields: readonly FieldDefinition[]): string {
  const shape = (field: FieldDefinition): unknown => {
    const { key, type } = field;
    const value = field as unknown as Partial<Record<string, unknown>>;
    return {
      key,
      type,
      expression: value.expression,
      resultType: value.resultType,
      multiple: value.multiple ?? (value.relation as { multiple?: boolean } | undefined)?.multiple,
      lookup: value.lookup,
      rollup: value.rollup,
      fields: field.type === 'subTable' ? field.fields.map(shape) : undefined,
    };
  };
  return stableStringify(fields.map(shape));
}
