import { type EntityDefinition } from '@lowcode/app-model';
import { isUuid } from '../../common/ids';

/** How far `record.a.b.c.field` may reach: three relations, each one record read. */
export const MAX_RELATION_HOPS = 3;

/**
 * Replaces the single relation fields an expression reads through (`record.tenant.butler`, or two hops
 * on, `record.meter.room.currentTenant`, anywhere in `readsThrough`, the expression's or rule's JSON) by the
 * related record `load` returns, so conditions, action values and assignee expressions can use them. At
 * most MAX_RELATION_HOPS deep; other fields stay as stored; ids that are not ids are left alone.
 */
export async function expandRelations(
  entities: readonly EntityDefinition[],
  entity: EntityDefinition,
  record: Record<string, unknown>,
  readsThrough: string,
  load: (entityKey: string, id: string) => Promise<Record<string, unknown> | undefined>,
  path = 'record',
  hopsLeft = MAX_RELATION_HOPS,
): Promise<Record<string, unknown>> {
  const expanded = { ...record };
  if (hopsLeft === 0) return expanded;
  for (const field of entity.fields) {
    if (field.type !== 'relation' || field.relation.multiple) continue;
    const through = `${path}.${field.key}`;
    if (!readsThrough.includes(`${through}.`)) continue;
    const id = record[field.key];
    if (!isUuid(id)) continue;
    const related = await load(field.relation.entity, id);
    if (!related) continue;
    const target = entities.find((candidate) => candidate.key === field.relation.entity);
    expanded[field.key] = target
      ? await expandRelations(entities, target, related, readsThrough, load, through, hopsLeft - 1)
      : related;
  }
  return expanded;
}
