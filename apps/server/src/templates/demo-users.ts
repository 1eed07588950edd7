import { type EntityManager } from 'typeorm';

export interface DemoUser {
  _key: string;
  username: string;
  name: string;
  roles?: string[];
  /** `_key`s of the project records the person serves: `user.projects` in role scopes. */
  projects?: string[];
  /** Further member attributes, e.g. a technician's `skills` and `qualifications` for auto-dispatch. */
  attributes?: Record<string, unknown>;
}

/**
 * Creates the demo company's people as workspace members holding their app roles, in one statement each.
 * They share one password (hashed once): they are demo accounts, printed at start for trying roles out.
 * Returns `_key` → user id, for the demo records' user fields.
 */
export async function createDemoUsers(
  manager: EntityManager,
  workspaceId: string,
  users: DemoUser[],
  passwordHash: string,
): Promise<Map<string, string>> {
  if (users.length === 0) return new Map();
  await manager.query(
    `INSERT INTO app_user (username, display_name, password_hash, email)
     SELECT u.username, u.name, $3, u.username || '@demo.invalid' FROM unnest($1::text[], $2::text[]) AS u (username, name)
     ON CONFLICT ((lower(username))) DO NOTHING`,
    [users.map((user) => user.username), users.map((user) => user.name), passwordHash],
  );
  const rows: { id: string; username: string }[] = await manager.query(
    'SELECT id, lower(username) AS username FROM app_user WHERE lower(username) = ANY($1::text[])',
    [users.map((user) => user.username.toLowerCase())],
  );
  const idByUsername = new Map(rows.map((row) => [row.username, row.id]));
  const members = users.filter((user) => idByUsername.has(user.username.toLowerCase()));
  await manager.query(
    `INSERT INTO workspace_member (workspace_id, user_id, role, app_roles, attributes)
     SELECT $1, m.user_id, CASE WHEN 'admin' = ANY(string_to_array(m.roles, ',')) THEN 'admin' ELSE 'member' END,
            string_to_array(m.roles, ','), m.attributes
       FROM unnest($2::uuid[], $3::text[], $4::jsonb[]) AS m (user_id, roles, attributes)
     ON CONFLICT (workspace_id, user_id) DO NOTHING`,
    [
      workspaceId,
      members.map((user) => idByUsername.get(user.username.toLowerCase())),
      members.map((user) => (user.roles ?? []).join(',')),
      members.map((user) => JSON.stringify(user.attributes ?? {})),
    ],
  );
  return new Map(members.map((user) => [user._key, idByUsername.get(user.username.toLowerCase())!]));
}

/** Once the projects exist, each member's `projects` attribute gets their record ids. */
export async function grantProjects(
  manager: EntityManager,
  workspaceId: string,
  users: DemoUser[],
  userIds: ReadonlyMap<string, string>,
  recordIds: ReadonlyMap<string, string>,
): Promise<void> {
  const withProjects = users.filter((user) => userIds.has(user._key) && user.projects?.length);
  if (withProjects.length === 0) return;
  await manager.query(
    `UPDATE workspace_member m SET attributes = m.attributes || jsonb_build_object('projects', to_jsonb(string_to_array(p.projects, ',')))
       FROM unnest($2::uuid[], $3::text[]) AS p (user_id, projects)
      WHERE m.workspace_id = $1 AND m.user_id = p.user_id`,
    [
      workspaceId,
      withProjects.map((user) => userIds.get(user._key)),
      withProjects.map((user) =>
        (user.projects ?? [])
          .map((key) => recordIds.get(`project:${key}`))
          .filter(Boolean)
          .join(','),
      ),
    ],
  );
}

export interface DemoDepartment {
  _key: string;
  name: string;
  /** The `_key` of the department it belongs to. */
  parent?: string;
  /** The `_key` of the demo user who manages it. */
  manager?: string;
  sortOrder?: number;
}

/**
 * The demo company's departments, parents first (the list is in that order), managers by their user ids.
 * A department the workspace already has (by key, or by name under the same parent) is left as it is.
 */
export async function createDemoDepartments(
  manager: EntityManager,
  workspaceId: string,
  departments: DemoDepartment[],
  userIds: ReadonlyMap<string, string>,
): Promise<void> {
  for (const department of departments)
    await manager.query(
      `INSERT INTO department (workspace_id, key, name, parent_key, manager_id, sort_order)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [
        workspaceId,
        department._key,
        department.name,
        department.parent ?? null,
        (department.manager && userIds.get(department.manager)) ?? null,
        department.sortOrder ?? 0,
      ],
    );
}
