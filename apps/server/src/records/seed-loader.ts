import { type AppDefinition, type EntityDefinition, type Locale } from '@lowcode/app-model';
import { type EntityManager } from 'typeorm';
import { buildResolvedEntity } from './entity-catalog.service';
import { type RecordsService } from './records.service';

export type SeedRecords = Record<string, Record<string, unknown>[]>;

/**
 * Inserts seed or demo records through the same write path as the API (validation, history, outbox).
 * A relation value names another seed record by its `_key`; entities are inserted so that targets come
 * first, and `_key`s become the new ids.
 */
export async function loadSeedRecords(
  manager: EntityManager,
  records: RecordsService,
  target: {
    workspaceId: string;
    appId: string;
    appKey: string;
    revision: number;
    schema: string;
    app: AppDefinition;
  },
  seed: SeedRecords,
  context: { userId: string | null; locale: Locale; source: string },
): Promise<Record<string, number>> {
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
    for (const [index, raw] of (seed[entity.key] ?? []).entries()) {
      const { _key: seedKey, ...values } = raw;
      for (const field of entity.fields) {
        if (field.type !== 'relation' || values[field.key] === undefined || values[field.key] === null)
          continue;
        const refer = (key: unknown) => ids.get(`${field.relation.entity}:${String(key)}`) ?? key;
        const value = values[field.key];
        values[field.key] = Array.isArray(value) ? value.map(refer) : refer(value);
      }
      const created = await records
        .insert(manager, resolved, { ...context, workspaceId: target.workspaceId }, values)
        .catch((error: unknown) => {
          throw Object.assign(error as object, { seedPath: `seed.${entity.key}[${index}]` });
        });
      if (typeof seedKey === 'string') ids.set(`${entity.key}:${seedKey}`, created.id);
    }
    counts[entity.key] = seed[entity.key]?.length ?? 0;
  }
  return counts;
}

/** Targets of relations before the records that point at them (cycles keep definition order). */
function insertionOrder(entities: EntityDefinition[], seed: SeedRecords): EntityDefinition[] {
  const withSeed = entities.filter((entity) => (seed[entity.key]?.length ?? 0) > 0);
  const ordered: EntityDefinition[] = [];
  const visiting = new Set<string>();
  const visit = (entity: EntityDefinition) => {
    if (ordered.includes(entity) || visiting.has(entity.key)) return;
    visiting.add(entity.key);
    for (const field of entity.fields) {
      if (field.type !== 'relation') continue;
      const target = withSeed.find((candidate) => candidate.key === field.relation.entity);
      if (target && target !== entity) visit(target);
    }
    ordered.push(entity);
  };
  withSeed.forEach(visit);
  return ordered;
}
