import type { EntityDefinition, FieldDefinition } from '@lowcode/app-model';

export const DEFAULT_VISIBLE_COLUMNS = 8;

/**
 * The fields that can be columns — sub-tables do not fit in a cell — in the order lists show them: the
 * entity's `listFields` first, then the others in form order.
 */
export function columnFields(entity: EntityDefinition): FieldDefinition[] {
  const columns = entity.fields.filter((f) => f.type !== 'subTable');
  const listed = (entity.listFields ?? []).flatMap((key) => columns.filter((field) => field.key === key));
  return [...listed, ...columns.filter((field) => !listed.includes(field))];
}

/** The entity's `listFields` are shown until the user picks others; the first few fields without them. */
export function defaultColumnKeys(entity: EntityDefinition): string[] {
  const columns = entity.fields.filter((f) => f.type !== 'subTable').map((f) => f.key);
  const listed = (entity.listFields ?? []).filter((key) => columns.includes(key));
  return listed.length > 0 ? listed : columns.slice(0, DEFAULT_VISIBLE_COLUMNS);
}

/** antd's sorter state → the API's `sort` parameter (`-rent`); newest changes first by default. */
export function sortParam(field: string | undefined, order: 'ascend' | 'descend' | null | undefined): string {
  if (!field || !order) return '-updatedAt';
  return order === 'descend' ? `-${field}` : field;
}
