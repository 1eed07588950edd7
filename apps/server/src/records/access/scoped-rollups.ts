import { type EntityManager } from 'typeorm';
import { type ResolvedEntity } from '../entity-catalog.service';
import { type RecordDto, rollupAggregate } from '../record-reader';
import { tableName } from '../utils/entity-storage';
import { columnSql } from '../utils/record-values';
import { sqlParams } from '../utils/sql';
import { EntityAccess, type Viewer } from './entity-access';

/**
 * A rollup aggregates the rows of another entity that point at a record. For a viewer whose access to that
 * entity is limited it covers only the rows the viewer may read — otherwise the aggregate leaks rows outside
 * the viewer's scope (a tenant learns how many rooms a project has, a butler how many payments settle bills he
 * may not see) — and it is null when the viewer may not read the source rows or the rolled-up field at all.
 * Viewers who read every source row keep what the SELECT computed; for the others one grouped query per such
 * rollup recomputes the page's values.
 */
export async function scopeRollups(
  manager: EntityManager,
  resolved: ResolvedEntity,
  viewer: Viewer,
  records: RecordDto[],
): Promise<void> {
  if (records.length === 0) return;
  for (const field of resolved.entity.fields) {
    if (field.type !== 'rollup') continue;
    const rollup = field.rollup;
    const source = resolved.app.entities.find((entity) => entity.key === rollup.entity);
    const relation = source?.fields.find((candidate) => candidate.key === rollup.relation);
    if (!source || relation?.type !== 'relation') continue; // the SELECT answers NULL already
    const access = EntityAccess.of(viewer, resolved.app, source, resolved.schema);
    const params = sqlParams([records.map((record) => record.id)]);
    const scope = access.scopeSql('read', params);
    const readable =
      access.can('read') &&
      access.seesWhole(relation.key) &&
      (rollup.field === undefined || access.seesWhole(rollup.field));
    if (readable && scope === undefined) continue;
    const aggregate = rollupAggregate(source, rollup, 'r');
    const byId = new Map<string, unknown>();
    if (readable && aggregate) {
      // The scope is SQL over alias `r`, so the source rows go by that name here.
      const link = columnSql('r', relation.key);
      const rows: { id: string; value: unknown }[] = await manager.query(
        `SELECT l.id, ${aggregate} AS value FROM ${tableName(resolved.schema, source.key)} r
           CROSS JOIN LATERAL unnest(${relation.relation.multiple ? link : `ARRAY[${link}]`}) AS l (id)
          WHERE r._deleted_at IS NULL AND l.id = ANY($1::uuid[]) AND ${scope ?? 'TRUE'}
          GROUP BY l.id`,
        params.values,
      );
      for (const row of rows) byId.set(row.id, row.value);
    }
    const none = readable && rollup.aggregate === 'count' ? 0 : null;
    for (const record of records) record.values[field.key] = byId.get(record.id) ?? none;
  }
}
