import { type EntityManager } from 'typeorm';
import {
  type AppDefinition,
  type FieldDefinition,
  type Locale,
  localize,
  wallTime,
} from '@lowcode/app-model';
import { autoNumberScope, computeFormulas, formatAutoNumber } from '@lowcode/form-engine';
import { AppError, type ErrorDetail } from '../common/errors/app-error';
import { EntityAccess, type Viewer } from './access/entity-access';
import { withFileUrls } from '../files/file-urls';
import { RECORD_ALIAS, type ResolvedEntity } from './entity-catalog.service';
import { lookupExpression, type RecordDto, readsOtherRows, selectList } from './record-reader';
import { liveFieldsReadByFormulas } from './utils/formula-dependencies';
import { type ColumnStorage, tableName } from './utils/entity-storage';
import { fromColumn, sameValue, searchText, toParameter, unnestRows } from './utils/record-values';
import { quoteIdent, type SqlParams, sqlParams } from './utils/sql';

export type RecordEventType = 'created' | 'updated' | 'deleted' | 'restored';
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Who writes, and through which path (api, bulk, import, flow, rule …) — recorded with every event. */
export interface WriteContext extends Viewer {
  locale: Locale;
  source: string;
  /** Set when a rule's action writes: the firings that led here, so rules cannot loop (rule engine chain guard). */
  ruleChain?: { ruleKey: string; recordId: string }[];
}

export const WORKSPACE_TIME_ZONE = 'Asia/Shanghai';

/**
 * Fills what the server owns before a write, for a batch of records: when they are being created
 * (`numbering`), auto-numbers from a counter per scope (the pattern's date part), each advanced once for
 * the batch (UPDATE … RETURNING inside the transaction, so numbers never repeat, also across concurrent
 * writers); then formulas over each merged record and its numbers (a sub-table is answered whole, its rows
 * with their formula columns filled).
 */
export async function computeServerFields(
  manager: EntityManager,
  resolved: ResolvedEntity,
  records: Record<string, unknown>[],
  numbering?: { now: Date },
): Promise<Record<string, unknown>[]> {
  const computed = records.map(() => ({}) as Record<string, unknown>);
  for (const field of resolved.entity.fields) {
    if (field.type !== 'autoNumber' || !numbering || records.length === 0) continue;
    const days = records.map((record) =>
      numberingDay(field.dateField === undefined ? undefined : record[field.dateField], numbering.now),
    );
    const byScope = new Map<string, number[]>();
    days.forEach((day, index) => {
      const scope = autoNumberScope(field.pattern, day);
      const indexes = byScope.get(scope);
      if (indexes) indexes.push(index);
      else byScope.set(scope, [index]);
    });
    // A batch dated over many days (an import of last month's orders) advances one counter per day, all in
    // one statement, in one order for every writer, so two concurrent batches cannot deadlock on them.
    const scopes = [...byScope.keys()].sort();
    const advanced = (await manager.query(
      `INSERT INTO auto_number_counter (app_id, entity_key, field_key, scope, value)
       SELECT $1, $2, $3, s.scope, s.count FROM unnest($4::text[], $5::bigint[]) WITH ORDINALITY AS s (scope, count, n)
        ORDER BY s.n
       ON CONFLICT (app_id, entity_key, field_key, scope)
       DO UPDATE SET value = auto_number_counter.value + EXCLUDED.value
       RETURNING scope, value`,
      [
        resolved.appId,
        resolved.entity.key,
        field.key,
        scopes,
        scopes.map((scope) => byScope.get(scope)!.length),
      ],
    )) as { scope: string; value: string }[];
    for (const { scope, value } of advanced) {
      const indexes = byScope.get(scope)!;
      const first = Number(value) - indexes.length + 1;
      indexes.forEach((index, offset) => {
        computed[index]![field.key] = formatAutoNumber(field.pattern, {
          date: days[index]!,
          sequence: first + offset,
        });
      });
    }
  }
  const lookups = await lookupsForFormulas(manager, resolved, records);
  return computed.map((numbers, index) => ({
    ...numbers,
    ...computeFormulas(resolved.entity.fields, { ...records[index], ...lookups[index], ...numbers }),
  }));
}

/**
 * The lookups the entity's formulas read, as they are for the records' relations now — a new record's room,
 * a record moved to another room — so its formulas are right when written (a rent of the room's area × the
 * price); what changes later on the other rows, FormulaPropagation carries over. Rollups are read with the
 * record (none yet for a new one).
 */
async function lookupsForFormulas(
  manager: EntityManager,
  resolved: ResolvedEntity,
  records: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const found = records.map(() => ({}) as Record<string, unknown>);
  const lookups = liveFieldsReadByFormulas(resolved.entity).filter((field) => field.type === 'lookup');
  for (const field of lookups) {
    const relation = resolved.storage.get(field.lookup.relation);
    if (relation?.kind !== 'column') continue;
    const params = sqlParams();
    const rows = unnestRows(params, [
      { values: records.map((_, index) => index), type: 'numeric' },
      { values: records.map((record) => record[relation.field.key] ?? null), type: relation.sqlType },
    ]);
    const [index, link] = rows.columns;
    // The lookup's own sub-select, over rows that have only the relation column.
    const values = (await manager.query(
      `SELECT r.n::int AS n, ${lookupExpression(resolved, field.lookup)} AS value
         FROM (SELECT ${index} AS n, ${link} AS ${quoteIdent(relation.column)} FROM ${rows.from}) ${RECORD_ALIAS}`,
      params.values,
    )) as { n: number; value: unknown }[];
    for (const { n, value } of values) found[n]![field.key] = fromColumn(value);
  }
  return found;
}

/**
 * The day an auto-number's date tokens read, as a Date whose local calendar fields are that day: a date
 * field's own day, a time's day in the workspace's zone, else today's there.
 */
function numberingDay(value: unknown, now: Date): Date {
  const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  const instant = typeof value === 'string' ? new Date(value) : now;
  const {
    year,
    month,
    day: date,
  } = wallTime(Number.isNaN(instant.getTime()) ? now : instant, WORKSPACE_TIME_ZONE);
  return new Date(year, month - 1, date);
}

/**
 * Relations must point at live records of their target entity that the writer may read — a tenant cannot
 * pay another tenant's bill by naming it — and user fields at members of the workspace; checked in the
 * writing transaction so the answer names the field instead of a constraint. A record out of the writer's
 * sight is answered as one that does not exist, so the answer tells nothing about it.
 */
export async function checkReferences(
  manager: EntityManager,
  resolved: ResolvedEntity,
  writer: Viewer,
  records: Record<string, unknown>[],
  locale: Locale,
  pathOf: (index: number, field: string) => string = (_index, field) => field,
): Promise<void> {
  const details: ErrorDetail[] = [];
  for (const field of resolved.entity.fields) {
    const wanted = new Set(records.flatMap((record) => referencedIds(field, record[field.key])));
    if (wanted.size === 0) continue;
    const existing = await existingIds(manager, resolved, writer, field, [...wanted]);
    records.forEach((record, index) => {
      if (referencedIds(field, record[field.key]).some((id) => !existing.has(id))) {
        details.push({
          path: pathOf(index, field.key),
          message: missingReferenceMessage(field, locale, resolved.app),
        });
      }
    });
  }
  if (details.length) throw new AppError('RECORD_INVALID', { count: details.length }, details);
}

function missingReferenceMessage(field: FieldDefinition, locale: Locale, app: AppDefinition): string {
  const label = localize(field.label, locale);
  if (field.type === 'relation') {
    return locale === 'en' ? `${label} refers to a record that does not exist` : `${label}引用的记录不存在`;
  }
  if (field.type === 'department')
    return locale === 'en'
      ? `${label} must be a department of this workspace`
      : `${label}必须是本工作区的部门`;
  if (field.type === 'user' && field.roles?.length) {
    const roles = field.roles.map((key) => {
      const role = app.roles.find((candidate) => candidate.key === key);
      return role ? localize(role.label, locale) : key;
    });
    return locale === 'en'
      ? `${label} must be a member of this workspace with the role ${roles.join(' or ')}`
      : `${label}必须是本工作区中具有「${roles.join('」或「')}」角色的成员`;
  }
  return locale === 'en' ? `${label} must be a member of this workspace` : `${label}必须是本工作区的成员`;
}

function referencedIds(field: FieldDefinition, value: unknown): string[] {
  if (!['relation', 'user', 'department'].includes(field.type) || value === null || value === undefined)
    return [];
  return (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string');
}

async function existingIds(
  manager: EntityManager,
  resolved: ResolvedEntity,
  writer: Viewer,
  field: FieldDefinition,
  ids: string[],
): Promise<Set<string>> {
  if (field.type === 'relation') {
    const params = sqlParams();
    const wanted = params.add(ids);
    const target = resolved.app.entities.find((entity) => entity.key === field.relation.entity);
    // An API key acts with its creator's access (an admin's), cut down to actions, not rows.
    const scope =
      target && !writer.apiKey
        ? EntityAccess.of(writer, resolved.app, target, resolved.schema).scopeSql('read', params)
        : undefined;
    const rows: { id: string }[] = await manager.query(
      `SELECT r._id AS id FROM ${tableName(resolved.schema, field.relation.entity)} r
        WHERE r._id = ANY(${wanted}::uuid[]) AND r._deleted_at IS NULL${scope ? ` AND ${scope}` : ''}`,
      params.values,
    );
    return new Set(rows.map((row) => row.id));
  }
  if (field.type === 'department') {
    const departments: { id: string }[] = await manager.query(
      // Read FOR SHARE: a department being deleted now is either gone or sees this record (its in-use check).
      'SELECT key AS id FROM department WHERE workspace_id = $1 AND key = ANY($2::text[]) FOR SHARE',
      [resolved.workspaceId, ids],
    );
    return new Set(departments.map((row) => row.id));
  }
  // A user field limited to roles (a lease's 管家 among the butlers) takes only members holding one.
  const roles = field.type === 'user' && field.roles?.length ? field.roles : null;
  const rows: { id: string }[] = await manager.query(
    `SELECT user_id AS id FROM workspace_member WHERE workspace_id = $1 AND user_id = ANY($2::uuid[])
        AND ($3::text[] IS NULL OR app_roles && $3::text[])`,
    [resolved.workspaceId, ids, roles],
  );
  return new Set(rows.map((row) => row.id));
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
  searchText(resolved.storage.values(), record);

export interface RecordWrite {
  recordId: string;
  version: number;
  type: RecordEventType;
  changes: FieldChange[];
}

/** One change-log row per write (history and outbox at once), in the writing transaction. */
export async function recordWrites(
  manager: EntityManager,
  resolved: ResolvedEntity,
  context: WriteContext,
  writes: RecordWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  const params = sqlParams();
  await manager.query(recordWritesSql(resolved, context, writes, params), params.values);
}

/**
 * The INSERT of the change-log rows, its values added to `params`: run alone by `recordWrites`, or as the
 * last part of the statement that makes the write (`WITH updated AS (UPDATE …) INSERT …`), one round trip.
 */
export function recordWritesSql(
  resolved: ResolvedEntity,
  context: WriteContext,
  writes: RecordWrite[],
  params: SqlParams,
): string {
  const [workspace, app, entity, actor, source, ids, versions, types, changes, chain] = [
    context.workspaceId,
    resolved.appId,
    resolved.entity.key,
    context.userId,
    context.source,
    writes.map((write) => write.recordId),
    writes.map((write) => write.version),
    writes.map((write) => write.type),
    writes.map((write) => JSON.stringify(write.changes)),
    JSON.stringify(context.ruleChain ?? []),
  ].map((value) => params.add(value));
  return `INSERT INTO record_change (workspace_id, app_id, entity_key, actor_id, source, record_id, version, type, changes, rule_chain)
     SELECT ${workspace}::uuid, ${app}::uuid, ${entity}, ${actor}::uuid, ${source}, w.id, w.version, w.type, w.changes, ${chain}::jsonb
       FROM unnest(${ids}::uuid[], ${versions}::int[], ${types}::text[], ${changes}::jsonb[]) AS w (id, version, type, changes)`;
}

/**
 * Validates and writes a patch over `current` (read under its row lock). Answers whether it changed
 * anything and, unless the entity's row reads other rows (lookups, rollups), the row as now stored.
 */
export async function writePatch(
  manager: EntityManager,
  resolved: ResolvedEntity,
  context: WriteContext,
  current: RecordDto,
  patch: unknown,
): Promise<{ changed: boolean; row?: Record<string, unknown> }> {
  const validation = resolved.compiled.validate(patch, {
    locale: context.locale,
    mode: 'update',
    current: current.values,
  });
  if (!validation.ok) throw invalid(validation.errors);
  withFileUrls(resolved.entity, validation.value, () => undefined);
  // References the patch sets anew: one it leaves as it was was checked when it was written, and a record
  // whose technician has since left the workspace can still have its other fields changed.
  const introduced = Object.fromEntries(
    Object.entries(validation.value).filter(([field, value]) => !sameValue(current.values[field], value)),
  );
  await checkReferences(manager, resolved, context, [introduced], context.locale);
  const merged = { ...current.values, ...validation.value };
  const [serverFields] = await computeServerFields(manager, resolved, [merged]);
  const record = { ...merged, ...serverFields };
  const changes: FieldChange[] = Object.keys(record)
    .filter(
      (field) =>
        resolved.storage.get(field)?.kind === 'column' && !sameValue(current.values[field], record[field]),
    )
    .map((field) => ({ field, from: current.values[field] ?? null, to: record[field] ?? null }));
  if (changes.length === 0) return { changed: false };

  const params = sqlParams();
  const changed = Object.fromEntries(changes.map((change) => [change.field, change.to]));
  const sets = columnAssignments(resolved, changed).map(
    ({ column, value }) => `${quoteIdent(column.column)} = ${params.add(value)}::${column.sqlType}`,
  );
  sets.push(`_search = ${params.add(recordSearchText(resolved, record))}`);
  sets.push(
    `_updated_by = ${params.add(context.userId)}::uuid`,
    '_updated_at = now()',
    '_version = _version + 1',
  );
  const update = `UPDATE ${resolved.table} ${RECORD_ALIAS} SET ${sets.join(', ')} WHERE ${RECORD_ALIAS}._id = ${params.add(current.id)}::uuid`;
  const history = recordWritesSql(
    resolved,
    context,
    [{ recordId: current.id, version: current.version + 1, type: 'updated', changes }],
    params,
  );
  // The row and its change-log row in one statement, answering the row as a read after it would.
  if (readsOtherRows(resolved)) {
    await uniqueGuard(() => manager.query(`WITH updated AS (${update}) ${history}`, params.values));
    return { changed: true };
  }
  const [row] = (await uniqueGuard(() =>
    manager.query(
      `WITH updated AS (${update} RETURNING ${selectList(resolved)}), history AS (${history})
       SELECT * FROM updated`,
      params.values,
    ),
  )) as Record<string, unknown>[];
  return { changed: true, row };
}

function invalid(errors: { path: string; message: string }[]): AppError {
  return new AppError(
    'RECORD_INVALID',
    { count: errors.length },
    errors.map(({ path, message }) => ({ path, message })),
  );
}

/** A unique index refusing a value becomes a 409 naming the field, not a 500. */
export async function uniqueGuard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const { code, detail } = error as { code?: string; detail?: string };
    if (code !== '23505') throw error;
    const field = /Key \("?([^")]+)"?\)/.exec(detail ?? '')?.[1] ?? '';
    throw new AppError('RECORD_UNIQUE_CONFLICT', {}, [{ path: field, message: detail ?? '' }]);
  }
}
