import { type AppDefinition, type FieldDefinition } from '@lowcode/app-model';
import { type ColumnMeta, type ResultRow } from '@lowcode/report-engine';
import { type EntityManager } from 'typeorm';
import { isUuid } from '../../common/ids';

const USER_TYPES = new Set<FieldDefinition['type']>(['user', 'createdBy', 'updatedBy']);

/** The field at a report path (`technician`, `room.butler`) from the report's entity, through relations. */
function fieldAt(app: AppDefinition, entityKey: string, path: string): FieldDefinition | undefined {
  let entity = app.entities.find((candidate) => candidate.key === entityKey);
  let field: FieldDefinition | undefined;
  for (const step of path.split('.')) {
    if (!entity) return undefined;
    field = entity.fields.find((candidate) => candidate.key === step);
    if (field?.type === 'relation') {
      const target = field.relation.entity;
      entity = app.entities.find((candidate) => candidate.key === target);
    } else entity = undefined;
  }
  return field;
}

/**
 * A dimension that is a person (a technician, a butler) reads by name: each such column gets a label
 * column of display names, found with one query for the ids in the result, as relations get their titles.
 */
export async function withUserNames<
  R extends { columns: ColumnMeta[]; rows: ResultRow[]; previousRows?: ResultRow[] },
>(manager: EntityManager, app: AppDefinition, entityKey: string, result: R): Promise<R> {
  const people = result.columns.filter(
    (column) =>
      column.role === 'dimension' &&
      !column.labelKey &&
      USER_TYPES.has(fieldAt(app, entityKey, column.key)?.type as FieldDefinition['type']),
  );
  if (people.length === 0) return result;
  const allRows = [...result.rows, ...(result.previousRows ?? [])];
  const ids = [...new Set(people.flatMap((column) => allRows.map((row) => row[column.key]).filter(isUuid)))];
  const names = new Map<string, string>(
    ids.length === 0
      ? []
      : (
          (await manager.query('SELECT id, display_name AS name FROM app_user WHERE id = ANY($1::uuid[])', [
            ids,
          ])) as { id: string; name: string }[]
        ).map((user) => [user.id, user.name]),
  );
  const columns: ColumnMeta[] = [];
  for (const column of result.columns) {
    if (!people.includes(column)) {
      columns.push(column);
      continue;
    }
    const labelKey = `${column.key}#label`;
    columns.push({ ...column, labelKey }, { key: labelKey, role: 'label', kind: 'text' });
  }
  // Rows may be the report cache's: they are copied, never changed in place.
  const named = (rows: ResultRow[]) =>
    rows.map((row) => {
      const copy = { ...row };
      for (const column of people) {
        const id = row[column.key];
        copy[`${column.key}#label`] = typeof id === 'string' ? (names.get(id) ?? id) : null;
      }
      return copy;
    });
  return {
    ...result,
    columns,
    rows: named(result.rows),
    ...(result.previousRows ? { previousRows: named(result.previousRows) } : {}),
  };
}
