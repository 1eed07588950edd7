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

/**
 * The demo's `<role>1` login (technician1, printed at start) goes to the member of that role with the most
 * open tasks once the demo's flows have run: who the flows dispatched to is known only then, and someone
 * trying the product as a technician should find orders to accept. Swaps the two logins (names stay); does
 * nothing when `<role>1` is already the busiest or no one of the role has a task.
 */
export async function showcaseBusiest(
  manager: EntityManager,
  workspaceId: string,
  role: string,
): Promise<void> {
  const [busiest] = (await manager.query(
    `SELECT u.id, u.username FROM workspace_member m JOIN app_user u ON u.id = m.user_id
       JOIN flow_task t ON t.workspace_id = m.workspace_id AND t.status = 'open' AND m.user_id = ANY(t.assignees)
      WHERE m.workspace_id = $1 AND $2 = ANY(m.app_roles)
      GROUP BY u.id, u.username ORDER BY count(*) DESC, u.username LIMIT 1`,
    [workspaceId, role],
  )) as { id: string; username: string }[];
  const showcase = `${role}1`;
  if (!busiest || busiest.username === showcase) return;
  const [holder] = (await manager.query(
    `SELECT u.id FROM app_user u JOIN workspace_member m ON m.user_id = u.id
      WHERE lower(u.username) = lower($1) AND m.workspace_id = $2 AND $3 = ANY(m.app_roles)`,
    [showcase, workspaceId, role],
  )) as { id: string }[];
  if (!holder) return;
  // In three steps: a login is unique at every moment, and the index on it is checked row by row.
  const rename = (id: string, username: string) =>
    manager.query('UPDATE app_user SET username = $2 WHERE id = $1', [id, username]);
  await rename(busiest.id, `${showcase}-${busiest.id}`);
  await rename(holder.id, busiest.username);
  await rename(busiest.id, showcase);
}
