import { Injectable } from '@nestjs/common';
import { type AppDefinition, type Locale } from '@lowcode/app-model';
import { isComputedField, stableStringify } from '@lowcode/form-engine';
import { type EntityManager } from 'typeorm';
import { buildResolvedEntity } from './entity-catalog.service';
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
    const impacts: StorageImpact[] = [];
    for (const entity of after.entities) {
      const old = before.entities.find((candidate) => candidate.key === entity.key);
      if (!old || stableStringify(old) === stableStringify(entity)) continue;
      // Read with the old definition (its columns exist), validate with the new one.
      const reader = buildResolvedEntity(
        app.workspaceId,
        app.id,
        app.key,
        app.revision,
        app.storageSchema,
        before,
        old,
      );
      const candidate = buildResolvedEntity(
        app.workspaceId,
        app.id,
        app.key,
        app.revision,
        app.storageSchema,
        after,
        entity,
      );
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
        const storedInput = Object.fromEntries(
          Object.entries(stored).filter(([key]) => {
            const field = candidate.entity.fields.find((candidateField) => candidateField.key === key);
            return field && !isComputedField(field);
          }),
        );
        const result = candidate.compiled.validate(storedInput, { locale, mode: 'create' });
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
