import { type EntityManager } from 'typeorm';
import { type FieldDefinition, type Locale, localize } from '@lowcode/app-model';
import { autoNumberScope, evaluateFormula, formatAutoNumber } from '@lowcode/form-engine';
import { AppError, type ErrorDetail } from '../common/errors/app-error';
import { type ResolvedEntity } from './entity-catalog.service';
import { type ColumnStorage, tableName } from './utils/entity-storage';
import { searchText, toParameter } from './utils/record-values';

export type RecordEventType = 'created' | 'updated' | 'deleted' | 'restored';
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Who writes, and through which path (api, bulk, import, flow, rule …) — recorded with every event. */
export interface WriteContext {
  workspaceId: string;
  userId: string | null;
  locale: Locale;
  source: string;
}

const WORKSPACE_TIME_ZONE = 'Asia/Shanghai';

/**
 * Fills what the server owns before a write: formulas from the merged record, auto-numbers from
 * per-scope counters (UPDATE … RETURNING inside the transaction, so numbers never repeat).
 */
export async function computeServerFields(
  manager: EntityManager,
  resolved: ResolvedEntity,
  record: Record<string, unknown>,
  creating: boolean,
): Promise<Record<string, unknown>> {
  const computed: Record<string, unknown> = {};
  for (const field of resolved.entity.fields) {
    if (field.type === 'formula') computed[field.key] = evaluateFormula(field, { ...record, ...computed });
    if (field.type === 'autoNumber' && creating) {
      const today = workspaceToday();
      const scope = autoNumberScope(field.pattern, today);
      const [{ value }] = (await manager.query(
        `INSERT INTO auto_number_counter (app_id, entity_key, field_key, scope, value) VALUES ($1, $2, $3, $4, 1)
         ON CONFLICT (app_id, entity_key, field_key, scope)
         DO UPDATE SET value = auto_number_counter.value + 1
         RETURNING value`,
        [resolved.appId, resolved.entity.key, field.key, scope],
      )) as [{ value: string }];
      computed[field.key] = formatAutoNumber(field.pattern, { date: today, sequence: Number(value) });
    }
  }
  return computed;
}

/** A Date whose local calendar fields are today's date in the workspace's time zone. */
function workspaceToday(): Date {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: WORKSPACE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return new Date(part('year'), part('month') - 1, part('day'));
}

/**
 * Relations must point at live records of their target entity, and user fields at members of the
 * workspace; checked in the writing transaction so the answer names the field instead of a constraint.
 */
export async function checkReferences(
  manager: EntityManager,
  resolved: ResolvedEntity,
  values: Record<string, unknown>,
  locale: Locale,
  pathPrefix = '',
): Promise<void> {
  const details: ErrorDetail[] = [];
  for (const field of resolved.entity.fields) {
    const ids = referencedIds(field, values[field.key]);
    if (ids.length === 0) continue;
    const found = await countExisting(manager, resolved, field, ids);
    if (found < new Set(ids).size) {
      details.push({ path: `${pathPrefix}${field.key}`, message: missingReferenceMessage(field, locale) });
    }
  }
  if (details.length) throw new AppError('RECORD_INVALID', { count: details.length }, details);
}

function missingReferenceMessage(field: FieldDefinition, locale: Locale): string {
  const label = localize(field.label, locale);
  if (field.type === 'relation') {
    return locale === 'en' ? `${label} refers to a record that does not exist` : `${label}引用的记录不存在`;
  }
  return locale === 'en' ? `${label} must be a member of this workspace` : `${label}必须是本工作区的成员`;
}

function referencedIds(field: FieldDefinition, value: unknown): string[] {
  if (!['relation', 'user'].includes(field.type) || value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string');
}

async function countExisting(
  manager: EntityManager,
  resolved: ResolvedEntity,
  field: FieldDefinition,
  ids: string[],
): Promise<number> {
  const rows: { count: number }[] =
    field.type === 'relation'
      ? await manager.query(
          `SELECT count(*)::int AS count FROM ${tableName(resolved.schema, field.relation.entity)}
            WHERE _id = ANY($1::uuid[]) AND _deleted_at IS NULL`,
          [ids],
        )
      : await manager.query(
          'SELECT count(*)::int AS count FROM workspace_member WHERE workspace_id = $1 AND user_id = ANY($2::uuid[])',
          [resolved.workspaceId, ids],
        );
  return rows[0]?.count ?? 0;
}

/** Column assignments for the stored fields present in `values`. */
export function columnAssignments(
  resolved: ResolvedEntity,
  values: Record<string, unknown>,
): { column: ColumnStorage; value: unknown }[] {
  const assignments: { column: ColumnStorage; value: unknown }[] = [];
  for (const storage of resolved.storage.values()) {
    if (storage.kind !== 'column' || !(storage.field.key in values)) continue;
    assignments.push({ column: storage, value: toParameter(values[storage.field.key], storage.sqlType) });
  }
  return assignments;
}

export const recordSearchText = (resolved: ResolvedEntity, record: Record<string, unknown>) =>
  searchText(resolved.entity, record);

/** History and the outbox event of one write, in the writing transaction. */
export async function recordWrite(
  manager: EntityManager,
  resolved: ResolvedEntity,
  context: WriteContext,
  write: { recordId: string; version: number; type: RecordEventType; changes: FieldChange[] },
): Promise<void> {
  const action = { created: 'create', updated: 'update', deleted: 'delete', restored: 'restore' }[write.type];
  const changes = JSON.stringify(write.changes);
  await manager.query(
    `INSERT INTO record_history (workspace_id, app_id, entity_key, record_id, version, action, actor_id, changes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [
      context.workspaceId,
      resolved.appId,
      resolved.entity.key,
      write.recordId,
      write.version,
      action,
      context.userId,
      changes,
    ],
  );
  await manager.query(
    `INSERT INTO record_event (workspace_id, app_id, entity_key, record_id, type, actor_id, source, changes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [
      context.workspaceId,
      resolved.appId,
      resolved.entity.key,
      write.recordId,
      write.type,
      context.userId,
      context.source,
      changes,
    ],
  );
}
