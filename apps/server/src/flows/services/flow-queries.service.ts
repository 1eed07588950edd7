import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AppDefinition,
  type EntityDefinition,
  type FlowDefinition,
  type LocalizedText,
  parseSubTableCellKey,
  type TaskForm,
} from '@lowcode/app-model';
import { type CommentAudience, type FlowInstanceState, withdrawRefusal } from '@lowcode/flow-engine';
import { type DataSource } from 'typeorm';
import { type AuthContext } from '../../auth/auth-context';
import { AppError } from '../../common/errors/app-error';
import { PeopleService } from '../../people/people.service';
import { STAFF_ONLY_ACTIONS } from './flow-commands.service';
import { FileUrlSigner, withFileUrls } from '../../files/file-urls';
import { EntityAccess, maskValue } from '../../records/access/entity-access';
import { EntityCatalogService } from '../../records/entity-catalog.service';
import { recordSearchSql } from '../../records/record-reader';
import { RecordsService } from '../../records/records.service';
import { FlowDefinitions } from './flow-definitions.service';
import { isUuid } from '../../common/ids';
import { shownOnExternalTrack, trackEntryFor, type TrackViewer } from '../utils/transition-view';

export type InboxBox = 'mine' | 'group' | 'done' | 'cc';

export interface InboxQuery {
  box: InboxBox;
  app?: string;
  flow?: string;
  q?: string;
  cursor?: string;
  limit?: number;
}

interface TaskRow {
  id: string;
  app_key: string;
  instance_id: string | null;
  flow_key: string | null;
  node_key: string | null;
  kind: string;
  mode: string;
  title: LocalizedText;
  assignees: string[];
  decided_by: string[];
  candidate_role: string | null;
  claimed_by: string | null;
  status: string;
  outcome: string | null;
  priority: string;
  due_at: Date | null;
  remind_at: Date | null;
  escalated: boolean;
  entity_key: string | null;
  record_id: string | null;
  form: TaskForm | null;
  source: Record<string, unknown>;
  created_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  comment: string | null;
  started_by: string | null;
  app_revision: number | null;
  app_id: string;
}

interface InstanceRow {
  id: string;
  app_id: string;
  app_key: string;
  flow_key: string;
  app_revision: number;
  entity_key: string;
  record_id: string | null;
  status: string;
  outcome: string | null;
  error: string | null;
  state: FlowInstanceState;
  started_by: string | null;
  started_by_name: string | null;
  started_at: Date;
  ended_at: Date | null;
}

const TASK_COLUMNS = `t.id, a.key AS app_key, t.app_id, t.instance_id, t.flow_key, t.node_key, t.kind, t.mode, t.title,
  t.assignees, t.decided_by, t.candidate_role, t.claimed_by, t.status, t.outcome, t.priority, t.due_at, t.remind_at,
  t.escalated, t.entity_key, t.record_id, t.form, t.source, t.created_at, t.completed_at, t.completed_by, t.comment,
  i.started_by, i.app_revision`;

/** A task's record as its inbox row shows it: the title and the entity's list fields the caller may see. */
interface RecordPreview {
  title: string | null;
  values: Record<string, unknown>;
  display: Record<string, string | string[]>;
}

/** How many of an entity's fields an inbox row previews, besides the title. */
const PREVIEW_FIELDS = 5;

/** The fields an inbox row shows of a record: its title, then what the entity lists first. */
function previewFields(entity: EntityDefinition): string[] {
  const listed = entity.listFields ?? entity.fields.map((field) => field.key);
  const rest = listed.filter((key) => key !== entity.titleField).slice(0, PREVIEW_FIELDS);
  return entity.titleField ? [entity.titleField, ...rest] : rest;
}

const encodeCursor = (at: Date, id: string) =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))) return [at, id];
  } catch {
    // fall through to the error below
  }
  throw new AppError('VALIDATION_FAILED', {}, [
    { path: 'cursor', message: 'cursor is not one this API returned' },
  ]);
}

const BOX_CONDITIONS: Record<Exclude<InboxBox, 'cc'>, string> = {
  // Mine: open, offered to me, not yet decided by me, and not a group task someone (or no one) has claimed.
  mine: `t.status = 'open' AND t.assignees @> ARRAY[$2::uuid] AND NOT t.decided_by @> ARRAY[$2::uuid]
    AND (t.claimed_by = $2 OR (t.claimed_by IS NULL AND NOT (t.mode = 'single' AND cardinality(t.assignees) > 1)))`,
  group: `t.status = 'open' AND t.assignees @> ARRAY[$2::uuid] AND t.mode = 'single'
    AND cardinality(t.assignees) > 1 AND t.claimed_by IS NULL`,
  done: `(t.decided_by @> ARRAY[$2::uuid] OR t.completed_by = $2)`,
};

/** Inboxes, task pages and instance tracks: reads, with the caller's right to see each checked. */
@Injectable()
export class FlowQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly definitions: FlowDefinitions,
    private readonly catalog: EntityCatalogService,
    private readonly records: RecordsService,
    private readonly fileUrls: FileUrlSigner,
    private readonly people: PeopleService,
  ) {}

  async inbox(auth: AuthContext, query: InboxQuery) {
    const limit = query.limit ?? 50;
    const params: unknown[] = [auth.workspaceId, auth.userId];
    const add = (value: unknown) => `$${params.push(value)}`;
    if (query.box === 'cc') return this.ccBox(auth, query, limit);
    const conditions = ['t.workspace_id = $1', BOX_CONDITIONS[query.box]];
    if (query.app) conditions.push(`a.key = ${add(query.app)}`);
    if (query.flow) conditions.push(`t.flow_key = ${add(query.flow)}`);
    if (query.q) {
      const pattern = add(`%${query.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
      const matches = [`t.title->>'zh-CN' ILIKE ${pattern}`, `t.title->>'en' ILIKE ${pattern}`];
      matches.push(...(await this.recordMatches(auth, query.box, pattern, add)));
      conditions.push(`(${matches.join(' OR ')})`);
    }
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor);
      conditions.push(`(t.created_at, t.id) < (${add(at)}::timestamptz, ${add(id)}::uuid)`);
    }
    const rows = (await this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM flow_task t JOIN app a ON a.id = t.app_id
         LEFT JOIN flow_instance i ON i.id = t.instance_id
        WHERE ${conditions.join(' AND ')} ORDER BY t.created_at DESC, t.id DESC LIMIT ${add(limit + 1)}`,
      params,
    )) as TaskRow[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const previews = await this.recordPreviews(auth, page);
    return {
      items: page.map((row) => {
        const preview = row.record_id ? previews.get(row.record_id) : undefined;
        return {
          ...taskSummary(row),
          recordTitle: preview?.title ?? null,
          record: preview ? { values: preview.values, display: preview.display } : null,
        };
      }),
      nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  /**
   * Conditions matching tasks whose record's text holds the search (a work order's number, title or room):
   * one per entity the caller's tasks in the box are about, through the record's search text and its links'
   * titles, as his role may search them — a hidden field's text finds nothing.
   */
  private async recordMatches(
    auth: AuthContext,
    box: Exclude<InboxBox, 'cc'>,
    pattern: string,
    add: (value: unknown) => string,
  ): Promise<string[]> {
    const entities = (await this.dataSource.query(
      `SELECT DISTINCT a.key AS app_key, t.entity_key FROM flow_task t JOIN app a ON a.id = t.app_id
        WHERE t.workspace_id = $1 AND ${BOX_CONDITIONS[box]} AND t.record_id IS NOT NULL`,
      [auth.workspaceId, auth.userId],
    )) as { app_key: string; entity_key: string }[];
    const matches: string[] = [];
    for (const { app_key: appKey, entity_key: entityKey } of entities) {
      const resolved = await this.catalog.resolve(auth.workspaceId, appKey, entityKey).catch(() => undefined);
      if (!resolved) continue;
      const access = EntityAccess.of(auth, resolved.app, resolved.entity, resolved.schema);
      const search = recordSearchSql(resolved, access, 's', pattern, { add });
      matches.push(
        `(a.key = ${add(appKey)} AND t.entity_key = ${add(entityKey)} AND EXISTS (SELECT 1 FROM ${resolved.table} s
           WHERE s._id = t.record_id AND ${search}))`,
      );
    }
    return matches;
  }

  /**
   * What a page of tasks is about: each record's title and the fields its entity lists first (a work
   * order's title, type, category and room), so a technician knows the job before opening it. A task's
   * assignee sees this even where his role's row scope does not reach the record yet (before he accepts
   * the order); the field rules still apply — hidden fields are left out, masked ones stay masked.
   */
  private async recordPreviews(auth: AuthContext, rows: TaskRow[]): Promise<Map<string, RecordPreview>> {
    const previews = new Map<string, RecordPreview>();
    const groups = new Map<string, { app: string; entity: string; ids: Set<string> }>();
    for (const row of rows) {
      if (!row.record_id || !row.entity_key) continue;
      const key = `${row.app_key}/${row.entity_key}`;
      const group = groups.get(key) ?? { app: row.app_key, entity: row.entity_key, ids: new Set() };
      group.ids.add(row.record_id);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      const resolved = await this.catalog
        .resolve(auth.workspaceId, group.app, group.entity)
        .catch(() => undefined);
      if (!resolved) continue;
      const access = EntityAccess.of(auth, resolved.app, resolved.entity, resolved.schema);
      const keys = previewFields(resolved.entity).filter((key) => !access.hidden(key));
      const found = await this.records.findMany(this.dataSource.manager, resolved, [...group.ids]);
      for (const record of found) {
        if (!record || record.deletedAt) continue;
        const preview: RecordPreview = { title: null, values: {}, display: {} };
        for (const key of keys) {
          const value = record.values[key];
          if (value === undefined || value === null) continue;
          preview.values[key] = access.masked(key) ? maskValue(value) : value;
          if (!access.masked(key) && record.display[key] !== undefined)
            preview.display[key] = record.display[key];
        }
        const titleField = resolved.entity.titleField;
        const title = titleField ? (preview.display[titleField] ?? preview.values[titleField]) : undefined;
        preview.title = typeof title === 'string' || typeof title === 'number' ? String(title) : null;
        previews.set(record.id, preview);
      }
    }
    return previews;
  }

  private async ccBox(auth: AuthContext, query: InboxQuery, limit: number) {
    const params: unknown[] = [auth.workspaceId, auth.userId];
    const add = (value: unknown) => `$${params.push(value)}`;
    const conditions = ['c.workspace_id = $1', 'c.user_id = $2'];
    if (query.app) conditions.push(`a.key = ${add(query.app)}`);
    if (query.flow) conditions.push(`i.flow_key = ${add(query.flow)}`);
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor);
      if (!/^\d+$/.test(id)) decodeCursor('');
      conditions.push(`(c.created_at, c.id) < (${add(at)}::timestamptz, ${add(id)}::bigint)`);
    }
    const rows = (await this.dataSource.query(
      `SELECT c.id::text AS id, c.node_key, c.created_at, c.read_at, a.key AS app_key, i.app_id, i.app_revision,
              i.id AS instance_id, i.flow_key, i.status, i.entity_key, i.record_id
         FROM flow_task_cc c JOIN flow_instance i ON i.id = c.instance_id JOIN app a ON a.id = c.app_id
        WHERE ${conditions.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ${add(limit + 1)}`,
      params,
    )) as {
      id: string;
      node_key: string;
      created_at: Date;
      read_at: Date | null;
      app_key: string;
      app_id: string;
      app_revision: number;
      instance_id: string;
      flow_key: string;
      status: string;
      entity_key: string;
      record_id: string | null;
    }[];
    const page = rows.slice(0, limit);
    const items = [];
    for (const row of page) {
      const flow = await this.flowAt(row.app_id, row.app_revision, row.flow_key);
      const title = flow?.nodes.find((node) => node.key === row.node_key)?.label ?? { 'zh-CN': row.node_key };
      if (query.q && !JSON.stringify(title).toLowerCase().includes(query.q.toLowerCase())) continue;
      items.push({
        id: row.id,
        kind: 'cc',
        title,
        app: row.app_key,
        flow: row.flow_key,
        nodeKey: row.node_key,
        instanceId: row.instance_id,
        instanceStatus: row.status,
        entity: row.entity_key,
        recordId: row.record_id,
        createdAt: row.created_at.toISOString(),
        readAt: row.read_at?.toISOString() ?? null,
      });
    }
    const last = page.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null };
  }

  /** A task with what the assignee needs to act: the record (as the form shows it), the form, the actions. */
  async task(auth: AuthContext, taskId: string) {
    if (!isUuid(taskId)) throw new AppError('TASK_NOT_FOUND');
    const [row] = (await this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM flow_task t JOIN app a ON a.id = t.app_id
         LEFT JOIN flow_instance i ON i.id = t.instance_id
        WHERE t.id = $1 AND t.workspace_id = $2`,
      [taskId, auth.workspaceId],
    )) as TaskRow[];
    if (!row) throw new AppError('TASK_NOT_FOUND');
    const involved = [...row.assignees, ...row.decided_by, row.claimed_by, row.completed_by, row.started_by];
    if (
      auth.role !== 'admin' &&
      !involved.includes(auth.userId) &&
      !(await this.isCopied(auth, row.instance_id))
    )
      throw new AppError('FORBIDDEN');
    const flow = row.instance_id
      ? await this.flowAt(row.app_id, row.app_revision!, row.flow_key!)
      : undefined;
    const node = flow?.nodes.find((candidate) => candidate.key === row.node_key);
    const record = row.record_id && row.entity_key ? await this.presentRecord(auth, row) : null;
    const form = row.form ? await this.formSpec(auth, row) : null;
    const actions: string[] = [];
    if (
      row.status === 'open' &&
      row.assignees.includes(auth.userId) &&
      !row.decided_by.includes(auth.userId)
    ) {
      const group = row.mode === 'single' && row.assignees.length > 1;
      if (group) actions.push(row.claimed_by === auth.userId ? 'release' : row.claimed_by ? '' : 'claim');
      if (!group || !row.claimed_by || row.claimed_by === auth.userId) {
        if (node?.type === 'approval') {
          actions.push('approve', 'reject', 'add-signer');
          if (node.allowReturn) actions.push('return');
          if (node.allowTransfer) actions.push('transfer');
        } else {
          actions.push('complete');
          if (row.kind === 'userTask') actions.push('return', 'transfer');
        }
      }
    }
    // Someone outside the company hands no task to anyone (nor could they pick a person: see PeopleService),
    // and leaves no internal note.
    const deciding = actions.some((action) => action && action !== 'claim' && action !== 'release');
    const external = deciding ? await this.people.isExternal(this.dataSource.manager, auth) : false;
    const commentAudiences: CommentAudience[] = !deciding
      ? []
      : external
        ? ['everyone']
        : ['everyone', 'internal'];
    return {
      ...taskSummary(row),
      record,
      form,
      actions: actions.filter((action) => action && !(external && STAFF_ONLY_ACTIONS.has(action))),
      commentAudiences,
    };
  }

  async instance(auth: AuthContext, instanceId: string) {
    const [row] = await this.instances(auth, 'i.id = $2', [isUuid(instanceId) ? instanceId : null]);
    if (!row) throw new AppError('FLOW_INSTANCE_NOT_FOUND');
    if (!(await this.maySeeInstance(auth, row))) throw new AppError('FORBIDDEN');
    return this.presentInstance(auth, row, await this.trackViewer(auth, row.app_key, row.entity_key));
  }

  /** The requester's view of his record: every instance that ran on it, with its track. */
  async recordInstances(auth: AuthContext, appKey: string, entityKey: string, recordId: string) {
    await this.records.get(auth, { appKey, entityKey }, recordId);
    const rows = await this.instances(auth, 'a.key = $2 AND i.entity_key = $3 AND i.record_id = $4', [
      appKey,
      entityKey,
      recordId,
    ]);
    const viewer = await this.trackViewer(auth, appKey, entityKey);
    return { items: await Promise.all(rows.map((row) => this.presentInstance(auth, row, viewer))) };
  }

  /** How the track is limited for this viewer: the field rules of the flow's entity, internal notes. */
  private async trackViewer(auth: AuthContext, appKey: string, entityKey: string): Promise<TrackViewer> {
    const external = await this.people.isExternal(this.dataSource.manager, auth);
    const resolved = await this.catalog.resolve(auth.workspaceId, appKey, entityKey).catch(() => undefined);
    // An entity the app no longer has: its fields' rules are gone with it, so none of its values are shown.
    if (!resolved) return { hidden: () => true, masked: () => true, external };
    const access = EntityAccess.of(auth, resolved.app, resolved.entity, resolved.schema);
    return { hidden: access.hidden, masked: access.masked, external };
  }

  private instances(auth: AuthContext, where: string, params: unknown[]): Promise<InstanceRow[]> {
    return this.dataSource.query(
      `SELECT i.id, i.app_id, a.key AS app_key, i.flow_key, i.app_revision, i.entity_key, i.record_id, i.status,
              i.outcome, i.error, i.state, i.started_by, u.display_name AS started_by_name, i.started_at, i.ended_at
         FROM flow_instance i JOIN app a ON a.id = i.app_id LEFT JOIN app_user u ON u.id = i.started_by
        WHERE i.workspace_id = $1 AND ${where} ORDER BY i.started_at DESC, i.id`,
      [auth.workspaceId, ...params],
    ) as Promise<InstanceRow[]>;
  }

  private async maySeeInstance(auth: AuthContext, row: InstanceRow): Promise<boolean> {
    if (auth.role === 'admin' || row.started_by === auth.userId) return true;
    const [participant] = (await this.dataSource.query(
      `SELECT 1 FROM flow_task WHERE instance_id = $1
          AND (assignees @> ARRAY[$2::uuid] OR decided_by @> ARRAY[$2::uuid] OR completed_by = $2)
       UNION ALL SELECT 1 FROM flow_task_cc WHERE instance_id = $1 AND user_id = $2 LIMIT 1`,
      [row.id, auth.userId],
    )) as unknown[];
    if (participant) return true;
    if (!row.record_id) return false;
    return this.records
      .get(auth, { appKey: row.app_key, entityKey: row.entity_key }, row.record_id)
      .then(() => true)
      .catch(() => false);
  }

  private async isCopied(auth: AuthContext, instanceId: string | null): Promise<boolean> {
    if (!instanceId) return false;
    const rows = (await this.dataSource.query(
      'SELECT 1 FROM flow_task_cc WHERE instance_id = $1 AND user_id = $2',
      [instanceId, auth.userId],
    )) as unknown[];
    return rows.length > 0;
  }

  private async presentInstance(auth: AuthContext, row: InstanceRow, viewer: TrackViewer) {
    const flow = await this.flowAt(row.app_id, row.app_revision, row.flow_key);
    const label = (key: string | null) =>
      key ? { key, label: flow?.nodes.find((node) => node.key === key)?.label ?? { 'zh-CN': key } } : null;
    const nodeType = (key: string) => flow?.nodes.find((node) => node.key === key)?.type;
    const transitions = (await this.dataSource.query(
      `SELECT t.seq, t.at, t.actor_id, u.display_name, t.from_node, t.to_node, t.action, t.data, t.comment
         FROM flow_transition t LEFT JOIN app_user u ON u.id = t.actor_id WHERE t.instance_id = $1 ORDER BY t.seq`,
      [row.id],
    )) as {
      seq: number;
      at: Date;
      actor_id: string | null;
      display_name: string | null;
      from_node: string | null;
      to_node: string | null;
      action: string;
      data: Record<string, unknown>;
      comment: string | null;
    }[];
    const openTasks = row.state.tasks
      .filter((task) => task.status === 'open')
      .map((task) => ({
        id: task.id,
        nodeKey: task.nodeKey,
        assignees: task.assignees,
        dueAt: task.dueAt ?? null,
        priority: task.priority,
      }));
    return {
      id: row.id,
      app: row.app_key,
      flow: { key: row.flow_key, label: flow?.label ?? { 'zh-CN': row.flow_key } },
      revision: row.app_revision,
      status: row.status,
      outcome: row.outcome,
      error: row.error,
      entity: row.entity_key,
      recordId: row.record_id,
      startedBy: row.started_by ? { id: row.started_by, displayName: row.started_by_name ?? '' } : null,
      startedAt: row.started_at.toISOString(),
      endedAt: row.ended_at?.toISOString() ?? null,
      // The withdraw button shows only when withdrawing will work (the engine's own rule).
      withdrawable: row.status === 'running' && withdrawRefusal(row.state, auth.userId) === undefined,
      openTasks,
      transitions: transitions
        .filter((entry) => !viewer.external || shownOnExternalTrack(entry, nodeType))
        .map((entry) => {
          const { data, comment } = trackEntryFor(entry, viewer, maskValue);
          return {
            seq: entry.seq,
            at: entry.at.toISOString(),
            actor: entry.actor_id ? { id: entry.actor_id, displayName: entry.display_name ?? '' } : null,
            action: entry.action,
            from: label(entry.from_node),
            to: label(entry.to_node),
            comment,
            ...(data.commentAudience === 'internal' && { commentAudience: 'internal' }),
            data,
          };
        }),
    };
  }

  private async flowAt(
    appId: string,
    revision: number,
    flowKey: string,
  ): Promise<FlowDefinition | undefined> {
    const definition: AppDefinition = await this.definitions.definition(
      this.dataSource.manager,
      appId,
      revision,
    );
    return (definition.flows ?? []).find((flow) => flow.key === flowKey);
  }

  /**
   * The record as the task shows it: a task form lists what its assignee sees (visible and editable),
   * whatever their role would show elsewhere — that is how a technician sees the order he is offered.
   * Without a form, the caller's role decides (hidden fields left out, masked ones masked).
   */
  private async presentRecord(auth: AuthContext, row: TaskRow) {
    const resolved = await this.catalog.resolve(auth.workspaceId, row.app_key, row.entity_key!);
    const [record] = await this.records.findMany(this.dataSource.manager, resolved, [row.record_id!]);
    if (!record || record.deletedAt) return null;
    const { values } = record;
    const shown: Record<string, unknown> = {};
    let shownWhole = (_key: string) => true;
    const formFields = row.form ? [...(row.form.visible ?? []), ...(row.form.editable ?? [])] : [];
    if (formFields.length > 0) {
      for (const key of formFields) if (key in values) shown[key] = values[key];
    } else {
      const access = EntityAccess.of(auth, resolved.app, resolved.entity, resolved.schema);
      for (const [key, value] of Object.entries(values)) {
        if (access.hidden(key)) continue;
        shown[key] = access.masked(key) ? maskValue(value) : value;
      }
      shownWhole = (key) => !access.masked(key);
    }
    withFileUrls(resolved.entity, shown, (fileId) => this.fileUrls.url(auth.workspaceId, fileId));
    // The titles of the records and people it links, so a requester shows as a name, not an id — also in
    // a shown sub-table's rows (`partsUsed[0].part`).
    const display = Object.fromEntries(
      Object.entries(record.display).filter(([key]) => {
        const field = parseSubTableCellKey(key)?.table ?? key;
        return field in shown && shownWhole(field);
      }),
    );
    return { id: row.record_id, entity: row.entity_key, values: shown, display };
  }

  /** The form spec: which fields the task shows and lets the assignee change, with their definitions. */
  private async formSpec(auth: AuthContext, row: TaskRow) {
    const resolved = await this.catalog.resolve(auth.workspaceId, row.app_key, row.entity_key!);
    const visible = row.form?.visible ?? [];
    const editable = row.form?.editable ?? [];
    const required = row.form?.required ?? [];
    const keys = new Set([...visible, ...editable]);
    return {
      visible,
      editable,
      required,
      fields: resolved.entity.fields.filter((field) => keys.has(field.key)),
    };
  }
}

function taskSummary(row: TaskRow) {
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode,
    title: row.title,
    app: row.app_key,
    flow: row.flow_key,
    nodeKey: row.node_key,
    instanceId: row.instance_id,
    status: row.status,
    outcome: row.outcome,
    priority: row.priority,
    dueAt: row.due_at?.toISOString() ?? null,
    remindAt: row.remind_at?.toISOString() ?? null,
    escalated: row.escalated,
    assignees: row.assignees,
    decidedBy: row.decided_by,
    claimedBy: row.claimed_by,
    candidateRole: row.candidate_role,
    entity: row.entity_key,
    recordId: row.record_id,
    source: row.source,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    completedBy: row.completed_by,
    comment: row.comment,
  };
}
