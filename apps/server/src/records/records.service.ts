import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AppDefinition,
  type EntityDefinition,
  parseSubTableCellKey,
  PERMISSION_ACTIONS,
  type PermissionAction,
} from '@lowcode/app-model';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, type ErrorDetail } from '../common/errors/app-error';
import { EntityCatalogService, type ResolvedEntity, RECORD_ALIAS } from './entity-catalog.service';
import {
  displaysOf,
  type RecordDto,
  readsOtherRows,
  recordSearchSql,
  selectList,
  toRecordDtos,
} from './record-reader';
import { FileUrlSigner, withFileUrls } from '../files/file-urls';
import { Clock } from '../jobs/clock';
import { RealtimeService } from '../realtime/realtime.service';
import { EntityAccess, maskValue, type Viewer } from './access/entity-access';
import { scopeRollups } from './access/scoped-rollups';
import {
  type FieldChange,
  type RecordEventType,
  type WriteContext,
  checkReferences,
  computeServerFields,
  recordSearchText,
  recordWrites,
  recordWritesSql,
  WORKSPACE_TIME_ZONE,
  uniqueGuard,
  writePatch,
} from './record-writer';
import {
  afterCursor,
  compileFilter,
  encodeCursor,
  orderBy,
  parseSort,
  QueryError,
} from './utils/record-query';
import { sameValue, toParameter, unnestRows } from './utils/record-values';
import { quoteIdent, sqlParams } from './utils/sql';
import { isUuid } from '../common/ids';

export interface EntityRef {
  appKey: string;
  entityKey: string;
}

export interface ListQuery {
  filter?: unknown;
  sort?: string;
  limit?: number;
  cursor?: string;
  q?: string;
  includeDeleted?: boolean;
}

export interface EntityAccessSummary {
  actions: PermissionAction[];
  hidden: string[];
  masked: string[];
  readOnly: string[];
}

export type BulkResult = RecordDto | { id: string; version: number };

export interface HistoryEntry {
  version: number;
  at: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  actor: { id: string; displayName: string } | null;
  /** The write path: api, bulk, import, flow, rule, formula (a recomputed formula) … */
  source: string;
  changes: HistoryChange[];
}

/** A field's change; for relations and users also the titles of what it linked before and after. */
export interface HistoryChange extends FieldChange {
  display?: { from?: string | string[]; to?: string | string[] };
}

/** Relation titles as the viewer may see them: masked or hidden where the linked title field is. */
function limitTitles(
  access: EntityAccess,
  display: Record<string, string | string[]>,
): Record<string, string | string[]> {
  const limited: Record<string, string | string[]> = {};
  for (const [key, titles] of Object.entries(display)) {
    const limit = access.displayLimit(key);
    const shown = (title: string) =>
      limit === 'hidden' ? '***' : limit === 'masked' ? String(maskValue(title)) : title;
    limited[key] = Array.isArray(titles) ? titles.map(shown) : shown(titles);
  }
  return limited;
}

const r = RECORD_ALIAS;

const HISTORY_ACTIONS: Record<RecordEventType, HistoryEntry['action']> = {
  created: 'create',
  updated: 'update',
  deleted: 'delete',
  restored: 'restore',
};

/**
 * Records of app entities: validated by the form engine, stored in the entity's own table, every write
 * with its history row and outbox event in the same transaction. Workspace isolation comes from the
 * catalog: an app key resolves only inside the caller's workspace.
 */
@Injectable()
export class RecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: EntityCatalogService,
    private readonly fileUrls: FileUrlSigner,
    private readonly realtime: RealtimeService,
    private readonly clock: Clock,
  ) {}

  /** After the commit: open pages of the entity refresh themselves (ids only; they fetch what they may see). */
  private announce(workspaceId: string, ref: EntityRef, ids: string[], type: RecordEventType): void {
    if (ids.length === 0) return;
    this.realtime.toWorkspace(workspaceId, 'record.changed', {
      app: ref.appKey,
      entity: ref.entityKey,
      ids,
      type,
    });
  }

  /** Resolves the entity and the viewer's access to it; refuses an action no role of the viewer grants. */
  private async open(viewer: Viewer, ref: EntityRef, action: PermissionAction, manager?: EntityManager) {
    const resolved = await this.catalog.resolve(viewer.workspaceId, ref.appKey, ref.entityKey, manager);
    const access = EntityAccess.of(viewer, resolved.app, resolved.entity, resolved.schema);
    if (!access.can(action)) throw new AppError('FORBIDDEN');
    return { resolved, access };
  }

  /** Whether a record is among the rows an action may touch (its role scope); a record outside it is a 404. */
  private async requireInScope(
    manager: EntityManager,
    resolved: ResolvedEntity,
    access: EntityAccess,
    action: PermissionAction,
    id: string,
  ): Promise<void> {
    const params = sqlParams([id]);
    const scope = access.scopeSql(action, params);
    if (!scope) return;
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM ${resolved.table} ${r} WHERE ${r}._id = $1::uuid AND ${scope}`,
      params.values,
    );
    if (rows.length === 0) throw new AppError('RECORD_NOT_FOUND');
  }

  /**
   * Fields a role may not change are refused by name, before anything is validated or written. A create
   * (`entity` given) may leave such a field at its default — what a form sends untouched — but not choose
   * another value: a tenant filing a request does not set its status, technician or priority.
   */
  private refuseReadOnly(
    access: EntityAccess,
    values: unknown,
    prefix = '',
    entity?: EntityDefinition,
  ): void {
    const input = values && typeof values === 'object' ? (values as Record<string, unknown>) : {};
    const details = Object.keys(input)
      .filter((key) => access.readOnly(key) || access.hidden(key))
      .filter(
        (key) =>
          !entity || !sameValue(input[key], entity.fields.find((field) => field.key === key)?.defaultValue),
      )
      .map((key) => ({ path: `${prefix}${key}`, message: 'your role may not change this field' }));
    if (details.length) throw new AppError('FORBIDDEN', {}, details);
  }

  /**
   * What the API answers: fields the viewer's roles hide are left out, masked ones shortened, and file
   * values carry freshly signed download links.
   */
  private present<T extends RecordDto>(resolved: ResolvedEntity, access: EntityAccess, record: T): T {
    for (const key of Object.keys(record.values)) {
      if (access.hidden(key)) {
        delete record.values[key];
        delete record.display[key];
      } else if (access.masked(key)) {
        record.values[key] = maskValue(record.values[key]);
      }
    }
    // The titles in a hidden sub-table's rows go with it.
    for (const key of Object.keys(record.display)) {
      const cell = parseSubTableCellKey(key);
      if (cell && access.hidden(cell.table)) delete record.display[key];
    }
    record.display = limitTitles(access, record.display);
    withFileUrls(resolved.entity, record.values, (fileId) => this.fileUrls.url(resolved.workspaceId, fileId));
    return record;
  }

  /** `present` for what a viewer reads, after limiting rollups to the rows the viewer may read. */
  private async presentAll<T extends RecordDto>(
    manager: EntityManager,
    viewer: Viewer,
    resolved: ResolvedEntity,
    access: EntityAccess,
    records: T[],
  ): Promise<T[]> {
    await scopeRollups(manager, resolved, viewer, records);
    return records.map((record) => this.present(resolved, access, record));
  }

  private async presentOne<T extends RecordDto>(
    manager: EntityManager,
    viewer: Viewer,
    resolved: ResolvedEntity,
    access: EntityAccess,
    record: T,
  ): Promise<T> {
    const [presented] = await this.presentAll(manager, viewer, resolved, access, [record]);
    return presented!;
  }

  async list(
    viewer: Viewer,
    ref: EntityRef,
    query: ListQuery,
  ): Promise<{ items: RecordDto[]; nextCursor: string | null }> {
    const { resolved, access } = await this.open(viewer, ref, 'read');
    const limit = query.limit ?? 50;
    const params = sqlParams();
    const conditions: string[] = query.includeDeleted ? [] : [`${r}._deleted_at IS NULL`];
    const scope = access.scopeSql('read', params);
    if (scope) conditions.push(scope);
    const sortKeys = asQueryError(() => {
      if (query.filter !== undefined)
        conditions.push(
          compileFilter(query.filter, access.guardResolver(resolved.resolve, 'filter'), params),
        );
      return parseSort(query.sort, access.guardResolver(resolved.resolve, 'sort'));
    });
    if (query.q) {
      const escaped = query.q.replace(/[\\%_]/g, (character) => `\\${character}`);
      const pattern = params.add(`%${escaped}%`);
      conditions.push(recordSearchSql(resolved, access, r, pattern, params));
    }
    if (query.cursor) {
      const cursor = query.cursor;
      conditions.push(asQueryError(() => afterCursor(sortKeys, `${r}._id`, cursor, params)));
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${selectList(resolved, sortKeys)} FROM ${resolved.table} ${r} ${where}
        ORDER BY ${orderBy(sortKeys, `${r}._id`)} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor([...sortKeys.map((_key, index) => last[`s${index}`] ?? null), last._id])
        : null;
    const items = await toRecordDtos(this.dataSource.manager, resolved, page);
    const presented = await this.presentAll(this.dataSource.manager, viewer, resolved, access, items);
    return { items: presented, nextCursor };
  }

  /** What the viewer may do with an entity, so pages offer only the buttons that will work. */
  async describeAccess(viewer: Viewer, ref: EntityRef): Promise<EntityAccessSummary> {
    const { resolved, access } = await this.open(viewer, ref, 'read');
    const fields = resolved.entity.fields.map((field) => field.key);
    return {
      actions: PERMISSION_ACTIONS.filter((action) => access.can(action)),
      hidden: fields.filter((key) => access.hidden(key)),
      masked: fields.filter((key) => access.masked(key)),
      readOnly: fields.filter((key) => access.readOnly(key)),
    };
  }

  /**
   * The entities of an app the viewer may do anything with, and what: an end user's home lists these (a
   * tenant sees their work orders and bills, not the 25 entities a builder works on).
   */
  async describeAppAccess(
    viewer: Viewer,
    appKey: string,
  ): Promise<{ entities: { key: string; actions: PermissionAction[]; scoped: boolean }[] }> {
    const [stored] = (await this.dataSource.query(
      'SELECT definition, storage_schema FROM app WHERE workspace_id = $1 AND key = $2',
      [viewer.workspaceId, appKey],
    )) as { definition: AppDefinition; storage_schema: string | null }[];
    if (!stored?.storage_schema) throw new AppError('APP_NOT_FOUND', { key: appKey });
    const entities = stored.definition.entities.map((entity) => {
      const access = EntityAccess.of(viewer, stored.definition, entity, stored.storage_schema!);
      return {
        key: entity.key,
        actions: PERMISSION_ACTIONS.filter((action) => access.can(action)),
        // Whether the viewer reads only some of its records (a tenant, their own rooms): a form may start
        // a relation with the one record left to choose.
        scoped: access.scopeSql('read', sqlParams()) !== undefined,
      };
    });
    return { entities: entities.filter((entity) => entity.actions.length > 0) };
  }

  /** Refuses an action a viewer's roles do not grant on an entity (export, import …). */
  async requireAction(viewer: Viewer, ref: EntityRef, action: PermissionAction): Promise<void> {
    await this.open(viewer, ref, action);
  }

  /**
   * Refuses an action on a resolved entity a viewer's roles do not grant (403) and, given a record, a record
   * that is not there or outside the action's scope (404) — what `get` checks for `read`, in one query at
   * most, in the caller's transaction.
   */
  async requireAllowed(
    manager: EntityManager,
    viewer: Viewer,
    resolved: ResolvedEntity,
    action: PermissionAction,
    id?: string,
  ): Promise<void> {
    const access = EntityAccess.of(viewer, resolved.app, resolved.entity, resolved.schema);
    if (!access.can(action)) throw new AppError('FORBIDDEN');
    if (id === undefined) return;
    if (!isUuid(id)) throw new AppError('RECORD_NOT_FOUND');
    const params = sqlParams([id]);
    const scope = access.scopeSql(action, params);
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM ${resolved.table} ${r} WHERE ${r}._id = $1::uuid${scope ? ` AND ${scope}` : ''}`,
      params.values,
    );
    if (rows.length === 0) throw new AppError('RECORD_NOT_FOUND');
  }

  async get(viewer: Viewer, ref: EntityRef, id: string): Promise<RecordDto> {
    const { resolved, access } = await this.open(viewer, ref, 'read');
    const record = await this.findById(this.dataSource.manager, resolved, id, false);
    if (!record) throw new AppError('RECORD_NOT_FOUND');
    await this.requireInScope(this.dataSource.manager, resolved, access, 'read', id);
    return this.presentOne(this.dataSource.manager, viewer, resolved, access, record);
  }

  async create(context: WriteContext, ref: EntityRef, input: unknown): Promise<RecordDto> {
    const record = await this.dataSource.transaction(async (manager) => {
      const { resolved, access } = await this.open(context, ref, 'create', manager);
      this.refuseReadOnly(access, input, '', resolved.entity);
      const record = await this.insert(manager, resolved, context, input);
      // A role may only create what it could then see (a tenant: requests of their own).
      await this.requireInScope(manager, resolved, access, 'create', record.id).catch(() => {
        throw new AppError('FORBIDDEN');
      });
      return this.presentOne(manager, context, resolved, access, record);
    });
    this.announce(context.workspaceId, ref, [record.id], 'created');
    return record;
  }

  async update(
    context: WriteContext,
    ref: EntityRef,
    id: string,
    version: number,
    patch: unknown,
  ): Promise<RecordDto> {
    const record = await this.dataSource.transaction(async (manager) => {
      const { resolved, access } = await this.open(context, ref, 'update', manager);
      const record = await this.guardedPatch(manager, resolved, access, context, id, version, patch);
      return this.presentOne(manager, context, resolved, access, record);
    });
    this.announce(context.workspaceId, ref, [record.id], 'updated');
    return record;
  }

  /** The update path with the viewer's limits: the row in scope before and after, no read-only field. */
  private async guardedPatch(
    manager: EntityManager,
    resolved: ResolvedEntity,
    access: EntityAccess,
    context: WriteContext,
    id: string,
    version: number,
    patch: unknown,
    prefix = '',
  ): Promise<RecordDto> {
    await this.requireInScope(manager, resolved, access, 'update', id);
    this.refuseReadOnly(access, patch, prefix);
    const record = await this.patch(manager, resolved, context, id, version, patch);
    await this.requireInScope(manager, resolved, access, 'update', id).catch(() => {
      throw new AppError('FORBIDDEN');
    });
    return record;
  }

  /**
   * Creates and updates in one transaction: all succeed or nothing changes; errors name the item. Answers
   * ids and versions; whole records only when asked, since reading a thousand back costs more than writing.
   */
  async bulk(
    context: WriteContext,
    ref: EntityRef,
    input: { create?: unknown[]; update?: { id: string; version: number; values: unknown }[] },
    returnRecords = false,
  ): Promise<{ created: BulkResult[]; updated: BulkResult[] }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const creates = input.create ?? [];
      const updates = input.update ?? [];
      const { resolved, access } = await this.open(
        context,
        ref,
        creates.length ? 'create' : 'update',
        manager,
      );
      if (updates.length && !access.can('update')) throw new AppError('FORBIDDEN');
      creates.forEach((values, index) =>
        this.refuseReadOnly(access, values, `create[${index}].`, resolved.entity),
      );
      // Creates first, as one batch; then updates one by one (each has its own version to check).
      const createdIds = await this.insertMany(
        manager,
        resolved,
        context,
        creates,
        (index, field) => `create[${index}].${field}`,
      );
      for (const id of createdIds) {
        await this.requireInScope(manager, resolved, access, 'create', id).catch(() => {
          throw new AppError('FORBIDDEN');
        });
      }
      const created: BulkResult[] =
        returnRecords && createdIds.length
          ? await this.presentAll(
              manager,
              context,
              resolved,
              access,
              await this.findMany(manager, resolved, createdIds),
            )
          : createdIds.map((id) => ({ id, version: 1 }));
      const updated: BulkResult[] = [];
      for (const [index, item] of updates.entries()) {
        const record = await prefixErrors(`update[${index}].`, () =>
          this.guardedPatch(manager, resolved, access, context, item.id, item.version, item.values),
        );
        updated.push(
          returnRecords
            ? await this.presentOne(manager, context, resolved, access, record)
            : { id: record.id, version: record.version },
        );
      }
      return { created, updated };
    });
    this.announce(
      context.workspaceId,
      ref,
      result.created.map((item) => item.id),
      'created',
    );
    this.announce(
      context.workspaceId,
      ref,
      result.updated.map((item) => item.id),
      'updated',
    );
    return result;
  }

  async remove(context: WriteContext, ref: EntityRef, id: string): Promise<void> {
    await this.setDeleted(context, ref, id, true);
  }

  async restore(context: WriteContext, ref: EntityRef, id: string): Promise<RecordDto> {
    return this.setDeleted(context, ref, id, false);
  }

  async history(viewer: Viewer, ref: EntityRef, id: string): Promise<HistoryEntry[]> {
    const { resolved, access } = await this.open(viewer, ref, 'read');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('RECORD_NOT_FOUND');
    await this.requireInScope(this.dataSource.manager, resolved, access, 'read', id);
    const rows: {
      version: number;
      type: RecordEventType;
      at: Date;
      changes: FieldChange[];
      actor_id: string | null;
      actor_name: string | null;
      source: string;
    }[] = await this.dataSource.query(
      `SELECT c.version, c.type, c.at, c.changes, c.actor_id, u.display_name AS actor_name, c.source
         FROM record_change c LEFT JOIN app_user u ON u.id = c.actor_id
        WHERE c.app_id = $1 AND c.entity_key = $2 AND c.record_id = $3
        ORDER BY c.version, c.id`,
      [resolved.appId, resolved.entity.key, id],
    );
    if (rows.length === 0) throw new AppError('RECORD_NOT_FOUND');
    // The same field rules as the record itself: hidden fields are left out, masked ones stay masked.
    const visible = rows.map((row) => row.changes.filter((change) => !access.hidden(change.field)));
    // A change of a relation or user field reads by the titles of what it linked, then and now.
    const changes = visible.flat();
    const titles = (
      await displaysOf(
        this.dataSource.manager,
        resolved,
        changes.flatMap((change) => [{ [change.field]: change.from }, { [change.field]: change.to }]),
      )
    ).map((display) => limitTitles(access, display));
    const titlesOf = new Map(
      changes.map((change, index) => [
        change,
        { from: titles[2 * index]![change.field], to: titles[2 * index + 1]![change.field] },
      ]),
    );
    return rows.map((row, index) => ({
      version: row.version,
      action: HISTORY_ACTIONS[row.type],
      at: row.at.toISOString(),
      actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? '' } : null,
      source: row.source,
      changes: visible[index]!.map((change) => {
        const { from, to } = titlesOf.get(change)!;
        const shown: HistoryChange = access.masked(change.field)
          ? { ...change, from: maskValue(change.from), to: maskValue(change.to) }
          : { ...change };
        if (from !== undefined || to !== undefined) shown.display = { from, to };
        return shown;
      }),
    }));
  }

  async insert(
    manager: EntityManager,
    resolved: ResolvedEntity,
    context: WriteContext,
    input: unknown,
    /** The new record's id when the caller has chosen it (a flow names it before writing). */
    chosenId?: string,
  ): Promise<RecordDto> {
    const [id] = await this.insertMany(
      manager,
      resolved,
      context,
      [input],
      undefined,
      chosenId === undefined ? undefined : [chosenId],
    );
    return (await this.findById(manager, resolved, id!, false))!;
  }

  /**
   * The one create path (API, bulk, seed, import): validates every record first, then writes them with
   * batched statements — rows, history and outbox events — in the caller's transaction. Errors name the
   * record through `pathOf` (`create[3].phone` in a bulk request, the field alone for one record).
   */
  async insertMany(
    manager: EntityManager,
    resolved: ResolvedEntity,
    context: WriteContext,
    inputs: unknown[],
    pathOf: (index: number, field: string) => string = (index, field) =>
      inputs.length === 1 ? field : `create[${index}].${field}`,
    chosenIds?: string[],
  ): Promise<string[]> {
    const values: Record<string, unknown>[] = [];
    const errors: ErrorDetail[] = [];
    inputs.forEach((input, index) => {
      const validation = resolved.compiled.validate(input, {
        locale: context.locale,
        mode: 'create',
        actor: context.userId,
        // `$now` defaults read the server's clock, as flows and rules stamping times on the record do.
        now: this.clock.now(),
        timeZone: WORKSPACE_TIME_ZONE,
      });
      // Links are issued on every read; a stored value keeps only the file's id, name, size and type.
      if (validation.ok) values.push(withFileUrls(resolved.entity, validation.value, () => undefined));
      else
        errors.push(
          ...validation.errors.map(({ path, message }) => ({ path: pathOf(index, path), message })),
        );
    });
    if (errors.length) throw new AppError('RECORD_INVALID', { count: errors.length }, errors);
    await checkReferences(manager, resolved, context, values, context.locale, pathOf);
    const computed = await computeServerFields(manager, resolved, values, { now: this.clock.now() });
    const records = values.map((value, index) => ({ ...value, ...computed[index] }));
    const ids = records.map((_, index) => chosenIds?.[index] ?? randomUUID());

    // One statement writes the rows and their change-log rows, the rows column by column (`unnestRows`):
    // PostgreSQL parses and plans a handful of parameters instead of one per value, with no 65,535 limit.
    const columns = [...resolved.storage.values()].filter((storage) => storage.kind === 'column');
    const params = sqlParams();
    const rows = unnestRows(params, [
      { values: ids, type: 'uuid' },
      ...columns.map((column) => ({
        values: records.map((record) => toParameter(record[column.field.key], column.sqlType)),
        type: column.sqlType,
      })),
      { values: records.map((record) => recordSearchText(resolved, record)), type: 'text' },
    ]);
    const names = ['_id', ...columns.map((column) => quoteIdent(column.column)), '_search'];
    const actor = `${params.add(context.userId)}::uuid`;
    const history = recordWritesSql(
      resolved,
      context,
      records.map((record, index) => ({
        recordId: ids[index]!,
        version: 1,
        type: 'created' as const,
        changes: Object.entries(record)
          .filter(([, value]) => value !== null && value !== undefined)
          .map(([field, to]) => ({ field, from: null, to })),
      })),
      params,
    );
    await uniqueGuard(() =>
      manager.query(
        `WITH inserted AS (
           INSERT INTO ${resolved.table} (${names.join(', ')}, _created_by, _updated_by)
           SELECT ${rows.select}, ${actor}, ${actor} FROM ${rows.from}
         ) ${history}`,
        params.values,
      ),
    );
    return ids;
  }

  /**
   * Records by id, in the order asked (undefined where there is none). `display: false` leaves out the
   * titles of referenced records and users, for callers that only read values (flow steps).
   */
  async findMany(
    manager: EntityManager,
    resolved: ResolvedEntity,
    ids: string[],
    options: { display?: boolean } = {},
  ): Promise<RecordDto[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${selectList(resolved)} FROM ${resolved.table} ${r} WHERE ${r}._id = ANY($1::uuid[])`,
      [ids],
    );
    const records = await toRecordDtos(manager, resolved, rows, options.display ?? true);
    const byId = new Map(records.map((record) => [record.id, record]));
    return ids.map((id) => byId.get(id)!);
  }

  /** One record read under its row lock, values only (for `patchCurrent`); undefined when there is none. */
  readForUpdate(
    manager: EntityManager,
    resolved: ResolvedEntity,
    id: string,
  ): Promise<RecordDto | undefined> {
    return this.findById(manager, resolved, id, true, false);
  }

  /** The update path inside a caller's transaction (bulk, seed); `update` wraps it in its own. */
  async patch(
    manager: EntityManager,
    resolved: ResolvedEntity,
    context: WriteContext,
    id: string,
    version: number,
    patch: unknown,
  ): Promise<RecordDto> {
    const current = await this.findById(manager, resolved, id, true);
    if (!current || current.deletedAt) throw new AppError('RECORD_NOT_FOUND');
    if (current.version !== version) {
      throw new AppError(
        'RECORD_VERSION_CONFLICT',
        { current: current.version, expected: version },
        [],
        current,
      );
    }
    const written = await writePatch(manager, resolved, context, current, patch);
    if (!written.changed) return current;
    if (written.row) return (await toRecordDtos(manager, resolved, [written.row]))[0]!;
    return (await this.findById(manager, resolved, id, false))!;
  }

  /**
   * Patches the record as it stands, under its row lock, for a writer that holds no version of its own (a
   * flow step's `updateRecord`); the same validation, history and outbox as `patch`. Answers the record as
   * it now stands (values only) when that is known without reading it again, else undefined — also when
   * the record is gone or deleted. `current` skips the read: the record as this transaction's last
   * `patchCurrent` answered it, with nothing written to it since (the row lock is still held).
   */
  async patchCurrent(
    manager: EntityManager,
    resolved: ResolvedEntity,
    context: WriteContext,
    id: string,
    patch: unknown,
    current?: RecordDto,
  ): Promise<RecordDto | undefined> {
    const before = current ?? (await this.findById(manager, resolved, id, true, false));
    if (!before || before.deletedAt) return undefined;
    const written = await writePatch(manager, resolved, context, before, patch);
    if (!written.changed) return before;
    return written.row && (await toRecordDtos(manager, resolved, [written.row], false))[0];
  }

  private async setDeleted(
    context: WriteContext,
    ref: EntityRef,
    id: string,
    deleted: boolean,
  ): Promise<RecordDto> {
    const record = await this.dataSource.transaction(async (manager) => {
      const { resolved, access } = await this.open(context, ref, 'delete', manager);
      const current = await this.findById(manager, resolved, id, true);
      if (!current || Boolean(current.deletedAt) === deleted) throw new AppError('RECORD_NOT_FOUND');
      await this.requireInScope(manager, resolved, access, 'delete', id);
      await uniqueGuard(() =>
        manager.query(
          `UPDATE ${resolved.table}
              SET _deleted_at = ${deleted ? 'now()' : 'NULL'}, _version = _version + 1, _updated_at = now(),
                  _updated_by = $2::uuid
            WHERE _id = $1::uuid`,
          [id, context.userId],
        ),
      );
      await recordWrites(manager, resolved, context, [
        { recordId: id, version: current.version + 1, type: deleted ? 'deleted' : 'restored', changes: [] },
      ]);
      const record = (await this.findById(manager, resolved, id, false))!;
      return this.presentOne(manager, context, resolved, access, record);
    });
    this.announce(context.workspaceId, ref, [id], deleted ? 'deleted' : 'restored');
    return record;
  }

  private async findById(
    manager: EntityManager,
    resolved: ResolvedEntity,
    id: string,
    lock: boolean,
    display = true,
  ): Promise<RecordDto | undefined> {
    if (!isUuid(id)) return undefined;
    const select = `SELECT ${selectList(resolved)} FROM ${resolved.table} ${r} WHERE ${r}._id = $1`;
    let rows: Record<string, unknown>[];
    if (lock && !readsOtherRows(resolved)) {
      // One statement: after waiting for the lock it answers the row's newest version.
      rows = await manager.query(`${select} FOR UPDATE OF ${r}`, [id]);
    } else {
      // Lookups and rollups read other tables: lock first, so they are read as of after the wait too.
      if (lock) await manager.query(`SELECT 1 FROM ${resolved.table} WHERE _id = $1 FOR UPDATE`, [id]);
      rows = await manager.query(select, [id]);
    }
    return (await toRecordDtos(manager, resolved, rows, display))[0];
  }
}

function asQueryError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof QueryError) throw new AppError('FILTER_INVALID', {}, error.details);
    throw error;
  }
}

async function prefixErrors<T>(prefix: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) {
      throw new AppError(
        error.code,
        error.params,
        error.details.map((detail) => ({ ...detail, path: `${prefix}${detail.path}` })),
        error.current,
      );
    }
    throw error;
  }
}
