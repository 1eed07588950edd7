import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AppDefinition } from '@lowcode/app-model';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { type AuditAction, AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { tableName } from '../records/utils/entity-storage';
import { columnSql } from '../records/utils/record-values';
import { type CreateDepartmentDto, type UpdateDepartmentDto } from './dto/department.dto';

export interface DepartmentView {
  key: string;
  name: string;
  parentKey: string | null;
  manager: { id: string; displayName: string } | null;
  sortOrder: number;
  version: number;
  /** Members whose `department` or `departments` attribute names it (not counting sub-departments). */
  memberCount: number;
}

export interface DepartmentActor {
  userId: string;
  workspaceId: string;
  ip?: string;
}

interface DepartmentRow {
  key: string;
  name: string;
  parent_key: string | null;
  manager_id: string | null;
  manager_name: string | null;
  sort_order: number;
  version: number;
  member_count: number;
}

/** Paths (by keys where items have them) of the `{ type: 'department', department: key }` in a definition. */
function departmentReferences(definition: unknown, key: string): string[] {
  const found: string[] = [];
  const visit = (value: unknown, path: string[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const itemKey = (item as { key?: unknown } | null)?.key;
        visit(item, [...path, typeof itemKey === 'string' ? itemKey : String(index)]);
      });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    if (object.type === 'department' && object.department === key) found.push(path.join('.'));
    for (const [name, child] of Object.entries(object)) visit(child, [...path, name]);
  };
  visit(definition, []);
  return found;
}

/** Members of a department by the attributes that name it; `$1` is the workspace, `$2` the key. */
const MEMBER_OF_DEPARTMENT = `m.workspace_id = $1 AND (m.attributes->>'department' = $2 OR m.attributes->'departments' ? $2)`;

const SELECT_DEPARTMENTS = `SELECT d.key, d.name, d.parent_key, d.manager_id, u.display_name AS manager_name, d.sort_order,
    d.version, (SELECT count(*)::int FROM workspace_member m
                 WHERE m.workspace_id = d.workspace_id
                   AND (m.attributes->>'department' = d.key OR m.attributes->'departments' ? d.key)) AS member_count
  FROM department d LEFT JOIN app_user u ON u.id = d.manager_id`;

/**
 * The workspace's organisation (组织架构): departments in a tree, each with a manager. Everyone in the
 * workspace reads it (pickers show names); admins change it, every change audited, concurrent edits
 * refused by version, and a department is deleted only once nothing is under it.
 */
@Injectable()
export class DepartmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(workspaceId: string): Promise<DepartmentView[]> {
    const rows = (await this.dataSource.query(
      `${SELECT_DEPARTMENTS} WHERE d.workspace_id = $1 ORDER BY d.sort_order, d.name, d.key`,
      [workspaceId],
    )) as DepartmentRow[];
    return rows.map(toView);
  }

  async create(actor: DepartmentActor, input: CreateDepartmentDto): Promise<DepartmentView> {
    return this.dataSource.transaction(async (manager) => {
      const name = checkName(input.name);
      if (input.parentKey)
        await this.existing(manager, actor.workspaceId, input.parentKey, { path: 'parentKey' });
      if (input.managerId) await this.checkManager(manager, actor.workspaceId, input.managerId);
      await this.guard({ key: input.key, name }, () =>
        manager.query(
          `INSERT INTO department (workspace_id, key, name, parent_key, manager_id, sort_order)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            actor.workspaceId,
            input.key,
            name,
            input.parentKey ?? null,
            input.managerId ?? null,
            input.sortOrder ?? 0,
          ],
        ),
      );
      const created = await this.existing(manager, actor.workspaceId, input.key);
      await this.record(manager, actor, 'department.created', created, { after: created });
      return created;
    });
  }

  async update(actor: DepartmentActor, key: string, input: UpdateDepartmentDto): Promise<DepartmentView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.existing(manager, actor.workspaceId, key, { lock: true });
      if (before.version !== input.version) throw new AppError('DEPARTMENT_VERSION_CONFLICT');
      const name = input.name === undefined ? before.name : checkName(input.name);
      const parentKey = input.parentKey === undefined ? before.parentKey : input.parentKey;
      if (parentKey && parentKey !== before.parentKey) {
        await this.existing(manager, actor.workspaceId, parentKey, { path: 'parentKey' });
        if (await this.isWithin(manager, actor.workspaceId, parentKey, key))
          throw invalid('parentKey', `"${parentKey}" is ${key} itself or one of its sub-departments`);
      }
      const managerId = input.managerId === undefined ? (before.manager?.id ?? null) : input.managerId;
      if (managerId && managerId !== before.manager?.id)
        await this.checkManager(manager, actor.workspaceId, managerId);
      await this.guard({ key, name }, () =>
        manager.query(
          `UPDATE department SET name = $3, parent_key = $4, manager_id = $5, sort_order = $6,
                  version = version + 1, updated_at = now()
            WHERE workspace_id = $1 AND key = $2`,
          [actor.workspaceId, key, name, parentKey, managerId, input.sortOrder ?? before.sortOrder],
        ),
      );
      const after = await this.existing(manager, actor.workspaceId, key);
      await this.record(manager, actor, 'department.updated', after, { before, after });
      return after;
    });
  }

  async remove(actor: DepartmentActor, key: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const department = await this.existing(manager, actor.workspaceId, key, { lock: true });
      const [{ children }] = (await manager.query(
        'SELECT count(*)::int AS children FROM department WHERE workspace_id = $1 AND parent_key = $2',
        [actor.workspaceId, key],
      )) as [{ children: number }];
      // Members are locked as read: a member joining the department now waits, then finds it gone.
      const members = (await manager.query(
        `SELECT m.user_id FROM workspace_member m WHERE ${MEMBER_OF_DEPARTMENT} FOR SHARE`,
        [actor.workspaceId, key],
      )) as unknown[];
      const uses = await this.usesInApps(manager, actor.workspaceId, key);
      const records = uses.reduce((sum, use) => sum + (use.records ?? 0), 0);
      const references = uses.filter((use) => use.records === undefined).length;
      if (children > 0 || members.length > 0 || uses.length > 0)
        throw new AppError(
          'DEPARTMENT_IN_USE',
          { key, children, members: members.length, records, references },
          uses.map((use) => ({
            path: use.path,
            message:
              use.records === undefined
                ? 'assigns to this department'
                : `${use.records} record(s) name this department`,
          })),
        );
      await manager.query('DELETE FROM department WHERE workspace_id = $1 AND key = $2', [
        actor.workspaceId,
        key,
      ]);
      await this.record(manager, actor, 'department.deleted', department, { before: department });
    });
  }

  /**
   * Where the apps of the workspace still name a department: live records whose department fields hold it
   * (by app, entity and field, with their count; the record writer reads the department FOR SHARE, so a
   * record naming it now is either counted or refused) and definitions that assign or notify it (a flow's
   * assignee, a rule's recipient, by their path in the app). A deleted department would leave the records
   * showing a bare key and those tasks with nobody to go to.
   */
  private async usesInApps(
    manager: EntityManager,
    workspaceId: string,
    key: string,
  ): Promise<{ path: string; records?: number }[]> {
    const apps = (await manager.query(
      'SELECT key, storage_schema, definition FROM app WHERE workspace_id = $1 ORDER BY key',
      [workspaceId],
    )) as { key: string; storage_schema: string | null; definition: AppDefinition }[];
    const uses: { path: string; records?: number }[] = [];
    for (const app of apps) {
      for (const entity of app.storage_schema ? app.definition.entities : []) {
        for (const field of entity.fields) {
          if (field.type !== 'department') continue;
          const column = columnSql('r', field.key);
          const [{ count }] = (await manager.query(
            `SELECT count(*)::int AS count FROM ${tableName(app.storage_schema!, entity.key)} r
              WHERE r._deleted_at IS NULL AND ${field.multiple ? `$1 = ANY(${column})` : `${column} = $1`}`,
            [key],
          )) as [{ count: number }];
          if (count > 0) uses.push({ path: `${app.key}.${entity.key}.${field.key}`, records: count });
        }
      }
      for (const path of departmentReferences(app.definition, key)) uses.push({ path: `${app.key}.${path}` });
    }
    return uses;
  }

  /** The department, or 404 — or, when `path` names the input that referred to it, a 400 on that field. */
  private async existing(
    manager: EntityManager,
    workspaceId: string,
    key: string,
    { path, lock = false }: { path?: string; lock?: boolean } = {},
  ): Promise<DepartmentView> {
    const [row] = (await manager.query(
      `${SELECT_DEPARTMENTS} WHERE d.workspace_id = $1 AND d.key = $2${lock ? ' FOR UPDATE OF d' : ''}`,
      [workspaceId, key],
    )) as DepartmentRow[];
    if (row) return toView(row);
    if (path) throw invalid(path, `"${key}" names no department of this workspace`);
    throw new AppError('DEPARTMENT_NOT_FOUND', { key });
  }

  /** Whether `candidate` is `key` or lies under it (moving `key` there would make a cycle). */
  private async isWithin(manager: EntityManager, workspaceId: string, candidate: string, key: string) {
    const [{ within }] = (await manager.query(
      `WITH RECURSIVE up (key, parent_key) AS (
         SELECT key, parent_key FROM department WHERE workspace_id = $1 AND key = $2
         UNION
         SELECT d.key, d.parent_key FROM department d JOIN up ON d.workspace_id = $1 AND d.key = up.parent_key
       )
       SELECT EXISTS (SELECT 1 FROM up WHERE key = $3) AS within`,
      [workspaceId, candidate, key],
    )) as [{ within: boolean }];
    return within;
  }

  private async checkManager(manager: EntityManager, workspaceId: string, userId: string) {
    const rows = (await manager.query(
      'SELECT 1 FROM workspace_member WHERE workspace_id = $1 AND user_id = $2',
      [workspaceId, userId],
    )) as unknown[];
    if (rows.length === 0) throw invalid('managerId', 'the manager must be a member of this workspace');
  }

  /** Runs a write, turning the unique keys' violations into the conflicts they mean. */
  private async guard(names: { key: string; name: string }, write: () => Promise<unknown>) {
    try {
      await write();
    } catch (error) {
      const constraint = (error as { constraint?: string }).constraint;
      if (error instanceof QueryFailedError && constraint === 'department_pkey')
        throw new AppError('DEPARTMENT_EXISTS', { key: names.key });
      if (error instanceof QueryFailedError && constraint === 'department_sibling_name_key')
        throw new AppError('DEPARTMENT_NAME_TAKEN', { name: names.name });
      throw error;
    }
  }

  private record(
    manager: EntityManager,
    actor: DepartmentActor,
    action: AuditAction,
    department: DepartmentView,
    details: Record<string, unknown>,
  ) {
    return this.audit.record(
      {
        workspaceId: actor.workspaceId,
        actorId: actor.userId,
        action,
        target: department.key,
        details,
        ip: actor.ip,
      },
      manager,
    );
  }
}

function toView(row: DepartmentRow): DepartmentView {
  return {
    key: row.key,
    name: row.name,
    parentKey: row.parent_key,
    manager: row.manager_id ? { id: row.manager_id, displayName: row.manager_name ?? '' } : null,
    sortOrder: row.sort_order,
    version: row.version,
    memberCount: row.member_count,
  };
}

function checkName(raw: string): string {
  const name = raw.trim();
  if (!name) throw invalid('name', 'name must not be empty');
  return name;
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', {}, [{ path, message }]);
}
