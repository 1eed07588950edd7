import type { EntityDefinition } from '@lowcode/app-model';

export const DEFAULT_VISIBLE_COLUMNS = 8;

/** Sub-tables do not fit in a cell; everything else can be a column. */
export const columnFields = (entity: EntityDefinition) => entity.fields.filter((f) => f.type !== 'subTable');

/** The first few fields are shown until the user picks others. */
export const defaultColumnKeys = (entity: EntityDefinition) =>
  columnFields(entity)
    .slice(0, DEFAULT_VISIBLE_COLUMNS)
    .map((f) => f.key);

/** antd's sorter state → the API's `sort` parameter (`-rent`); newest changes first by default. */
export function sortParam(field: string | undefined, order: 'ascend' | 'descend' | null | undefined): string {
  if (!field || !order) return '-updatedAt';
  return order === 'descend' ? `-${field}` : field;
}
