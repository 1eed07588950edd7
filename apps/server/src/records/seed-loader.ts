import { type AppDefinition, type EntityDefinition, type Locale } from '@lowcode/app-model';
import { type EntityManager } from 'typeorm';
import { buildResolvedEntity } from './entity-catalog.service';
import { systemViewer } from './access/entity-access';
import { type RecordsService } from './records.service';

export type SeedRecords = Record<string, Record<string, unknown>[]>;

export interface SeedTarget {
  workspaceId: string;
  appId: string;
  appKey: string;
  revision: number;
  schema: string;
  app: AppDefinition;
}

const BATCH = 1000;

/**
 * `ids` maps `<entity>:<_key>` to the new record ids.
 *
 * Inserts seed or demo records through the same create path as the API (validation, change log), a
 * thousand at a time. A relation value names another seed record by its `_key`, a user field a key of
 * `users`; entities are inserted so that targets come first, and `_key`s become the new ids.
 */
export async function loadSeedRecords(
  manager: EntityManager,
  records: RecordsService,
  target: SeedTarget,
  seed: SeedRecords,
  context: { userId: string | null; locale: Locale; source: string },
  users: ReadonlyMap<string, string> = new Map(),
): Promise<{ counts: Record<string, number>; ids: ReadonlyMap<string, string> }> {
  const ids = new Map<string, string>(); // `${entity}:${_key}` → id
  const counts: Record<string, number> = {};
  for (const entity of insertionOrder(target.app.entities, seed)) {
    const resolved = buildResolvedEntity(
      target.workspaceId,
      target.appId,
      target.appKey,
      target.revision,
      target.schema,
      target.app,
      entity,
    );
    const rows = seed[entity.key] ?? [];
    // A record pointing at another record of its own entity gets that value once both exist.
    const selfFields = entity.fields.filter(
      (field) => field.type === 'relation' && field.relation.entity === entity.key,
    );
    const deferred: { row: Record<string, unknown>; values: Record<string, unknown> }[] = [];
    for (let start = 0; start < rows.length; start += BATCH) {
      const chunk = rows.slice(start, start + BATCH);
      const values = chunk.map(({ _key: _ignored, ...value }, index) => {
        const later = selfFields.filter(
          (field) => value[field.key] !== undefined && value[field.key] !== null,
        );
        if (later.length) {
          deferred.push({
            row: chunk[index]!,
            values: Object.fromEntries(later.map((f) => [f.key, value[f.key]])),
          });
        }
        selfFields.forEach((field) => delete value[field.key]);
        return resolveReferences(entity, value, ids, users);
      });
      const created = await records.insertMany(
        manager,
        resolved,
        { ...systemViewer(target.workspaceId, context.userId), ...context },
        values,
        (index, field) => `seed.${entity.key}[${start + index}].${field}`,
      );
      chunk.forEach((row, index) => {
        if (typeof row._key === 'string') ids.set(`${entity.key}:${row._key}`, created[index]!);
      });
    }
    for (const { row, values } of deferred) {
      const id = ids.get(`${entity.key}:${String(row._key)}`);
      if (!id) continue;
      const patch = resolveReferences(entity, values, ids, users);
      await records.patch(
        manager,
        resolved,
        { ...systemViewer(target.workspaceId, context.userId), ...context },
        id,
        1,
        patch,
      );
    }
    counts[entity.key] = rows.length;
  }
  return { counts, ids };
}

function resolveReferences(
  entity: { fields: readonly { key: string; type: string }[] },
  values: Record<string, unknown>,
  ids: ReadonlyMap<string, string>,
  users: ReadonlyMap<string, string>,
): Record<string, unknown> {
  for (const field of entity.fields as EntityDefinition['fields']) {
    const value = values[field.key];
    if (value === undefined || value === null) continue;
    if (field.type === 'subTable' && Array.isArray(value)) {
      // Line items reference records too (the spare part of each row).
      values[field.key] = value.map((row: Record<string, unknown>) =>
        resolveReferences(field, { ...row }, ids, users),
      );
      continue;
    }
    let refer: ((key: unknown) => unknown) | undefined;
    if (field.type === 'relation') refer = (key) => ids.get(`${field.relation.entity}:${String(key)}`) ?? key;
    if (field.type === 'user') refer = (key) => users.get(String(key)) ?? key;
    if (refer) values[field.key] = Array.isArray(value) ? value.map(refer) : refer(value);
  }
  return values;
}

/** Targets of relations (also from line items) before the records that point at them; cycles keep definition order. */
function insertionOrder(entities: EntityDefinition[], seed: SeedRecords): EntityDefinition[] {
  const withSeed = entities.filter((entity) => (seed[entity.key]?.length ?? 0) > 0);
  const ordered: EntityDefinition[] = [];
  const visiting = new Set<string>();
  const visit = (entity: EntityDefinition) => {
    if (ordered.includes(entity) || visiting.has(entity.key)) return;
    visiting.add(entity.key);
    const fields = entity.fields.flatMap((field) =>
      field.type === 'subTable' ? [field, ...field.fields] : [field],
    );
    for (const field of fields) {
      if (field.type !== 'relation') continue;
      const target = withSeed.find((candidate) => candidate.key === field.relation.entity);
      if (target && target !== entity) visit(target);
    }
    ordered.push(entity);
  };
  withSeed.forEach(visit);
  return ordered;
}
