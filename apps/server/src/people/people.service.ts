import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { isUuid } from '../common/ids';
import { EntityAccess } from '../records/access/entity-access';
import { type ResolvedEntity } from '../records/entity-catalog.service';
import { sqlParams } from '../records/utils/sql';

/**
 * Who is who in a workspace: members by id or user name, by the app role they hold, by department (a
 * member attribute). Only members of the workspace are ever returned, so an id from another workspace
 * in a definition or a record cannot reach anyone outside it.
 */
@Injectable()
export class PeopleService {
  /** Members named by id or user name; unknown names are dropped. */
  async members(manager: EntityManager, workspaceId: string, idsOrNames: unknown[]): Promise<string[]> {
    const values = idsOrNames.filter((value): value is string => typeof value === 'string' && value !== '');
    if (values.length === 0) return [];
    const ids = values.filter(isUuid);
    // User names are unique regardless of case, so they match regardless of case.
    const rows = (await manager.query(
      `SELECT DISTINCT m.user_id FROM workspace_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.workspace_id = $1 AND (m.user_id = ANY($2::uuid[]) OR lower(u.username) = ANY($3::text[]))
        ORDER BY m.user_id`,
      [workspaceId, ids, values.map((value) => value.toLowerCase())],
    )) as { user_id: string }[];
    return rows.map((row) => row.user_id);
  }

  /**
   * Whether the caller is outside the company: a member (not an admin, not an API key) all of whose app roles
   * an app of the workspace marks `external` (tenants, owners). Such a member does not browse the user and
   * department directories and hands no task to anyone.
   */
  async isExternal(
    manager: EntityManager,
    caller: { workspaceId: string; role: string; appRoles: readonly string[]; apiKey?: unknown },
  ): Promise<boolean> {
    if (caller.role === 'admin' || caller.apiKey || caller.appRoles.length === 0) return false;
    const rows = (await manager.query(
      `SELECT DISTINCT role->>'key' AS key
         FROM app a, jsonb_array_elements(coalesce(a.definition->'roles', '[]'::jsonb)) AS role
        WHERE a.workspace_id = $1 AND role->>'key' = ANY($2::text[]) AND role->>'external' = 'true'`,
      [caller.workspaceId, caller.appRoles],
    )) as { key: string }[];
    const external = new Set(rows.map((row) => row.key));
    return caller.appRoles.every((role) => external.has(role));
  }

  async withAppRole(manager: EntityManager, workspaceId: string, role: string): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT user_id FROM workspace_member WHERE workspace_id = $1 AND $2 = ANY(app_roles) ORDER BY user_id`,
      [workspaceId, role],
    )) as { user_id: string }[];
    return rows.map((row) => row.user_id);
  }

  /**
   * The manager `level` steps above a member: the manager of their department — or, where that is
   * themself or nobody, of the department above, and so on up. Level 2 is that manager's manager. None (an
   * empty list) when the chain ends first, so the task falls back or the instance fails with a clear error.
   */
  async managerOf(
    manager: EntityManager,
    workspaceId: string,
    userId: string,
    level: number,
  ): Promise<string[]> {
    const departments = (await manager.query(
      'SELECT key, parent_key, manager_id FROM department WHERE workspace_id = $1',
      [workspaceId],
    )) as { key: string; parent_key: string | null; manager_id: string | null }[];
    const byKey = new Map(departments.map((department) => [department.key, department]));
    const departmentOf = async (person: string): Promise<string | undefined> => {
      const [row] = (await manager.query(
        "SELECT attributes->>'department' AS department FROM workspace_member WHERE workspace_id = $1 AND user_id = $2",
        [workspaceId, person],
      )) as { department: string | null }[];
      return row?.department ?? undefined;
    };
    let person = userId;
    for (let step = 0; step < level; step += 1) {
      let department = byKey.get((await departmentOf(person)) ?? '');
      const seen = new Set<string>();
      while (department && (!department.manager_id || department.manager_id === person)) {
        if (seen.has(department.key)) return [];
        seen.add(department.key);
        department = department.parent_key ? byKey.get(department.parent_key) : undefined;
      }
      if (!department?.manager_id) return [];
      person = department.manager_id;
    }
    return this.members(manager, workspaceId, [person]);
  }

  /** The members of a department and of the departments under it (a task for 工程部 reaches its 水电组). */
  async inDepartment(manager: EntityManager, workspaceId: string, department: string): Promise<string[]> {
    const rows = (await manager.query(
      `WITH RECURSIVE unit (key) AS (
         SELECT $2::text
         UNION
         SELECT d.key FROM department d JOIN unit ON d.workspace_id = $1 AND d.parent_key = unit.key
       )
       SELECT DISTINCT m.user_id FROM workspace_member m, unit
        WHERE m.workspace_id = $1 AND (m.attributes->>'department' = unit.key OR m.attributes->'departments' ? unit.key)
        ORDER BY m.user_id`,
      [workspaceId, department],
    )) as { user_id: string }[];
    return rows.map((row) => row.user_id);
  }

  /**
   * Those of `userIds` who may read the record: their app roles grant reading the entity and its row scope
   * holds the record (a project manager sees his own project's owners, not the others'). A message about a
   * record goes to a role or department only through here, so it never tells anyone what they cannot see.
   */
  async whoCanRead(
    manager: EntityManager,
    resolved: ResolvedEntity,
    recordId: string,
    userIds: string[],
  ): Promise<string[]> {
    if (userIds.length === 0) return [];
    const members = (await manager.query(
      `SELECT user_id, role, app_roles, attributes FROM workspace_member
        WHERE workspace_id = $1 AND user_id = ANY($2::uuid[]) ORDER BY user_id`,
      [resolved.workspaceId, userIds],
    )) as {
      user_id: string;
      role: 'admin' | 'member';
      app_roles: string[];
      attributes: Record<string, unknown>;
    }[];
    const readers: string[] = [];
    for (const member of members) {
      const access = EntityAccess.of(
        {
          workspaceId: resolved.workspaceId,
          userId: member.user_id,
          role: member.role,
          appRoles: member.app_roles,
          attributes: member.attributes ?? {},
        },
        resolved.app,
        resolved.entity,
        resolved.schema,
      );
      if (!access.can('read')) continue;
      const params = sqlParams([recordId]);
      const scope = access.scopeSql('read', params);
      if (scope === undefined) {
        readers.push(member.user_id);
        continue;
      }
      const rows = (await manager.query(
        `SELECT 1 FROM ${resolved.table} r WHERE r._id = $1 AND r._deleted_at IS NULL AND ${scope}`,
        params.values,
      )) as unknown[];
      if (rows.length > 0) readers.push(member.user_id);
    }
    return readers;
  }

  /** E-mail addresses of members (users without one are skipped). */
  async emails(manager: EntityManager, workspaceId: string, userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = (await manager.query(
      `SELECT DISTINCT u.email FROM app_user u JOIN workspace_member m ON m.user_id = u.id
        WHERE m.workspace_id = $1 AND u.id = ANY($2::uuid[]) AND u.email IS NOT NULL AND u.email <> ''`,
      [workspaceId, userIds],
    )) as { email: string }[];
    return rows.map((row) => row.email);
  }
}
