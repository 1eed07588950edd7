import { type EntityDefinition } from '@lowcode/app-model';
import { isUuid } from '../../common/ids';

/**
 * Replaces the relation fields an expression reads through (`record.tenant.butler` anywhere in `readsThrough`,
 * the expression's or rule's JSON) by the related record `load` returns, one hop, so conditions, action values
 * and assignee expressions can use them. Other fields stay as stored; ids that are not ids are left alone.
 */
export async function expandRelations(
  entity: EntityDefinition,
  record: Record<string, unknown>,
  readsThrough: string,
  load: (entityKey: string, id: string) => Promise<Record<string, unknown> | undefined>,
): Promise<Record<string, unknown>> {
  const expanded = { ...record };
  for (const field of entity.fields) {
    if (field.type !== 'relation' || field.relation.multiple) continue;
    if (!readsThrough.includes(`record.${field.key}.`)) continue;
    const id = record[field.key];
    if (!isUuid(id)) continue;
    const related = await load(field.relation.entity, id);
    if (related) expanded[field.key] = related;
  }
  return expanded;
}
