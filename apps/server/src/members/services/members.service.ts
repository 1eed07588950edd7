import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type LocalizedText, type RoleDefinition } from '@lowcode/app-model';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { hashPassword } from '../../auth/password';
import { AppError } from '../../common/errors/app-error';
import { UsersService } from '../../users/users.service';
import { type WorkspaceRole } from '../../workspaces/workspace-member.entity';
import { type AddMemberDto, type ListMembersQueryDto, type UpdateMemberDto } from '../dto/member.dto';
import { MemberAttributesService } from './member-attributes.service';
import {
  attributeProblems,
  leavesNoAdmin,
  type MemberAttributes,
  normalizeAttributes,
  unknownAppRole,
} from '../utils/member-rules';

export interface MemberView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: WorkspaceRole;
  appRoles: string[];
  attributes: MemberAttributes;
  /** Titles of the records its declared relation attributes name, by id: what the members page shows. */
  titles: Record<string, string>;
  active: boolean;
  joinedAt: string;
  /** How many other workspaces the user belongs to: their name, e-mail, password are shared with those. */
  otherWorkspaces: number;
}

/** A role some app of the workspace defines, for the role picker. */
export interface AppRoleOption {
  app: string;
  appLabel: LocalizedText;
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
}

export interface Actor {
  userId: string;
  workspaceId: string;
  isSystemAdmin: boolean;
  ip?: string;
}

const MEMBER_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.email, m.role,
  m.app_roles AS "appRoles", m.attributes, u.is_active AS active, m.created_at AS "joinedAt",
  (SELECT count(*)::int FROM workspace_member o WHERE o.user_id = u.id AND o.workspace_id <> m.workspace_id)
    AS "otherWorkspaces"`;

type MemberRow = Omit<MemberView, 'joinedAt' | 'titles'> & { joinedAt: Date };

/** What the audit log keeps of a membership, before and after a change. */
const ACCESS_KEYS = ['role', 'appRoles', 'attributes', 'displayName', 'email', 'active'] as const;
type AccessSnapshot = Pick<MemberView, (typeof ACCESS_KEYS)[number]>;

/**
 * Workspace members: who they are, their workspace role, the app roles and attributes that app
 * permissions read. The auth guard re-reads all of it on every request, so a change applies at once.
 */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly memberAttributes: MemberAttributesService,
  ) {}

  async list(
    workspaceId: string,
    query: ListMembersQueryDto,
  ): Promise<{ items: MemberView[]; total: number }> {
    const conditions = ['m.workspace_id = $1'];
    const params: unknown[] = [workspaceId];
    const add = (condition: string, value: unknown) => {
      params.push(value);
      conditions.push(condition.replaceAll('?', `$${params.length}`));
    };
    const q = query.q?.trim();
    if (q)
      add(
        '(u.username ILIKE ? OR u.display_name ILIKE ? OR u.email ILIKE ?)',
        `%${q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`,
      );
    if (query.role) add('m.role = ?', query.role);
    if (query.appRole) add('? = ANY(m.app_roles)', query.appRole);
    const where = conditions.join(' AND ');
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM workspace_member m JOIN app_user u ON u.id = m.user_id WHERE ${where}`,
      params,
    )) as [{ total: number }];
    const rows: MemberRow[] = await this.dataSource.query(
      `SELECT ${MEMBER_COLUMNS} FROM workspace_member m JOIN app_user u ON u.id = m.user_id
        WHERE ${where} ORDER BY lower(u.display_name), lower(u.username)
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit ?? 100, query.offset ?? 0],
    );
    return { items: await this.toViews(this.dataSource.manager, workspaceId, rows), total };
  }

  async get(workspaceId: string, userId: string, manager: EntityManager = this.dataSource.manager) {
    const [row] = (await manager.query(
      `SELECT ${MEMBER_COLUMNS} FROM workspace_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.workspace_id = $1 AND m.user_id = $2`,
      [workspaceId, userId],
    )) as MemberRow[];
    // A user of another workspace answers as if they did not exist, so ids cannot be probed.
    if (!row) throw new AppError('MEMBER_NOT_FOUND');
    const [view] = await this.toViews(manager, workspaceId, [row]);
    return view!;
  }

  /** The member attributes the workspace's apps declare, for the members page. */
  attributes(workspaceId: string) {
    return this.memberAttributes.list(workspaceId);
  }

  /** Views of member rows, each with the titles of the records its relation attributes name. */
  private async toViews(
    manager: EntityManager,
    workspaceId: string,
    rows: MemberRow[],
  ): Promise<MemberView[]> {
    const titles = await this.memberAttributes.titles(
      manager,
      workspaceId,
      rows.map((row) => row.attributes),
    );
    return rows.map((row) => ({
      ...row,
      titles: Object.fromEntries(
        Object.values(row.attributes)
          .flat()
          .filter((value): value is string => typeof value === 'string' && titles.has(value))
          .map((id) => [id, titles.get(id)!]),
      ),
      joinedAt: row.joinedAt.toISOString(),
    }));
  }

  /** Every role the workspace's apps define, app by app. */
  async appRoles(
    workspaceId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AppRoleOption[]> {
    const apps = (await manager.query(
      `SELECT key, label, definition->'roles' AS roles FROM app WHERE workspace_id = $1 ORDER BY key`,
      [workspaceId],
    )) as { key: string; label: LocalizedText; roles: RoleDefinition[] | null }[];
    return apps.flatMap((app) =>
      (app.roles ?? []).map((role) => ({
        app: app.key,
        appLabel: app.label,
        key: role.key,
        label: role.label,
        ...(role.description ? { description: role.description } : {}),
      })),
    );
  }

  async add(actor: Actor, input: AddMemberDto): Promise<MemberView> {
    return this.dataSource.transaction(async (manager) => {
      const appRoles = await this.checkAppRoles(manager, actor.workspaceId, input.appRoles ?? []);
      const attributes = await this.checkAttributes(manager, actor.workspaceId, input.attributes ?? {});
      const role = input.role ?? 'member';
      let userId: string;
      const created = input.password !== undefined;
      if (created) {
        const user = await this.users.create(
          {
            username: input.username,
            password: input.password!,
            displayName: input.displayName?.trim(),
            email: input.email,
          },
          manager,
        );
        userId = user.id;
      } else {
        const [existing] = (await manager.query(`SELECT id FROM app_user WHERE lower(username) = lower($1)`, [
          input.username,
        ])) as { id: string }[];
        if (!existing) throw new AppError('MEMBER_USER_NOT_FOUND', { username: input.username });
        userId = existing.id;
      }
      const [inserted] = (await manager.query(
        `INSERT INTO workspace_member (workspace_id, user_id, role, app_roles, attributes)
         VALUES ($1, $2, $3, $4::text[], $5::jsonb) ON CONFLICT DO NOTHING RETURNING user_id`,
        [actor.workspaceId, userId, role, appRoles, JSON.stringify(attributes)],
      )) as unknown[];
      if (!inserted) throw new AppError('MEMBER_EXISTS', { username: input.username });
      const member = await this.get(actor.workspaceId, userId, manager);
      await this.audit.record(
        {
          workspaceId: actor.workspaceId,
          actorId: actor.userId,
          action: 'member.added',
          target: member.username,
          details: { userId, created, role, appRoles, attributes },
          ip: actor.ip,
        },
        manager,
      );
      return member;
    });
  }

  async update(actor: Actor, userId: string, input: UpdateMemberDto): Promise<MemberView> {
    return this.dataSource.transaction(async (manager) => {
      const activeAdmins = await this.lockAdmins(manager, actor.workspaceId);
      const before = await this.get(actor.workspaceId, userId, manager);
      const after: AccessSnapshot = {
        role: input.role ?? before.role,
        appRoles:
          input.appRoles === undefined
            ? before.appRoles
            : await this.checkAppRoles(manager, actor.workspaceId, input.appRoles),
        attributes:
          input.attributes === undefined
            ? before.attributes
            : await this.checkAttributes(manager, actor.workspaceId, input.attributes),
        displayName: input.displayName?.trim() ?? before.displayName,
        email: input.email === undefined ? before.email : input.email || null,
        active: input.active ?? before.active,
      };
      const changed = ACCESS_KEYS.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
      if (changed.length === 0) return before;
      if (changed.some((key) => key === 'displayName' || key === 'email' || key === 'active'))
        this.checkIdentityEditable(actor, before);
      if (leavesNoAdmin(before, after, activeAdmins)) throw new AppError('MEMBER_LAST_ADMIN');

      if (changed.some((key) => key === 'role' || key === 'appRoles' || key === 'attributes'))
        await manager.query(
          `UPDATE workspace_member SET role = $3, app_roles = $4::text[], attributes = $5::jsonb
            WHERE workspace_id = $1 AND user_id = $2`,
          [actor.workspaceId, userId, after.role, after.appRoles, JSON.stringify(after.attributes)],
        );
      if (changed.some((key) => key === 'displayName' || key === 'email' || key === 'active'))
        await manager.query(
          `UPDATE app_user SET display_name = $2, email = $3, is_active = $4, updated_at = now() WHERE id = $1`,
          [userId, after.displayName, after.email, after.active],
        );
      await this.audit.record(
        {
          workspaceId: actor.workspaceId,
          actorId: actor.userId,
          action: 'member.updated',
          target: before.username,
          details: {
            userId,
            changed,
            before: Object.fromEntries(changed.map((key) => [key, before[key]])),
            after: Object.fromEntries(changed.map((key) => [key, after[key]])),
          },
          ip: actor.ip,
        },
        manager,
      );
      return this.get(actor.workspaceId, userId, manager);
    });
  }

  async remove(actor: Actor, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const activeAdmins = await this.lockAdmins(manager, actor.workspaceId);
      const member = await this.get(actor.workspaceId, userId, manager);
      if (leavesNoAdmin(member, 'removed', activeAdmins)) throw new AppError('MEMBER_LAST_ADMIN');
      await manager.query(`DELETE FROM workspace_member WHERE workspace_id = $1 AND user_id = $2`, [
        actor.workspaceId,
        userId,
      ]);
      // Their refresh tokens for this workspace stop working too (access tokens already do: the guard re-reads).
      await manager.query(
        `UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND workspace_id = $2 AND revoked_at IS NULL`,
        [userId, actor.workspaceId],
      );
      await this.audit.record(
        {
          workspaceId: actor.workspaceId,
          actorId: actor.userId,
          action: 'member.removed',
          target: member.username,
          details: { userId, role: member.role, appRoles: member.appRoles, attributes: member.attributes },
          ip: actor.ip,
        },
        manager,
      );
    });
  }

  async resetPassword(actor: Actor, userId: string, password: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.get(actor.workspaceId, userId, manager);
      this.checkIdentityEditable(actor, member);
      await manager.query(`UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1`, [
        userId,
        await hashPassword(password),
      ]);
      // Whoever held the old password is signed out when their access token runs out.
      if (userId !== actor.userId)
        await manager.query(
          `UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
          [userId],
        );
      await this.audit.record(
        {
          workspaceId: actor.workspaceId,
          actorId: actor.userId,
          action: 'member.password_reset',
          target: member.username,
          details: { userId },
          ip: actor.ip,
        },
        manager,
      );
    });
  }

  /** Locks the workspace's admin memberships (so two admins cannot demote each other at once) and counts the active ones. */
  private async lockAdmins(manager: EntityManager, workspaceId: string): Promise<number> {
    const admins = (await manager.query(
      `SELECT u.is_active AS active FROM workspace_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.workspace_id = $1 AND m.role = 'admin' FOR UPDATE OF m`,
      [workspaceId],
    )) as { active: boolean }[];
    return admins.filter((admin) => admin.active).length;
  }

  private async checkAppRoles(
    manager: EntityManager,
    workspaceId: string,
    appRoles: string[],
  ): Promise<string[]> {
    const unique = [...new Set(appRoles)];
    if (unique.length === 0) return unique;
    const defined = new Set((await this.appRoles(workspaceId, manager)).map((role) => role.key));
    const unknown = unknownAppRole(unique, defined);
    if (unknown)
      throw new AppError('APP_ROLE_UNKNOWN', { role: unknown }, [
        {
          path: `appRoles[${appRoles.indexOf(unknown)}]`,
          message: `no app of this workspace defines "${unknown}"`,
        },
      ]);
    return unique;
  }

  /**
   * A member's attributes as stored: flat and normalized (member-rules), departments of the workspace,
   * declared attributes fitting their declarations. Every problem is a 400 naming its path.
   */
  private async checkAttributes(
    manager: EntityManager,
    workspaceId: string,
    input: Record<string, unknown>,
  ): Promise<MemberAttributes> {
    const attributes = await this.checkDepartments(manager, workspaceId, flatAttributes(input));
    await this.memberAttributes.check(manager, workspaceId, attributes);
    return attributes;
  }

  /**
   * The departments a member's `department` and `departments` attributes name must be the workspace's
   * (flows, rules and row scopes match them by key): an unknown key is that attribute's error. The rows are
   * locked as read, so a department is not deleted while a member joins it.
   */
  private async checkDepartments(
    manager: EntityManager,
    workspaceId: string,
    attributes: MemberAttributes,
  ): Promise<MemberAttributes> {
    const named: Array<{ path: string; key: string }> = [];
    if (attributes.department !== undefined)
      named.push({ path: 'attributes.department', key: String(attributes.department) });
    if (Array.isArray(attributes.departments))
      attributes.departments.forEach((key, index) =>
        named.push({ path: `attributes.departments[${index}]`, key: String(key) }),
      );
    if (named.length === 0) return attributes;
    const rows = (await manager.query(
      'SELECT key FROM department WHERE workspace_id = $1 AND key = ANY($2::text[]) FOR SHARE',
      [workspaceId, named.map((entry) => entry.key)],
    )) as { key: string }[];
    const known = new Set(rows.map((row) => row.key));
    const problems = named
      .filter((entry) => !known.has(entry.key))
      .map((entry) => ({
        path: entry.path,
        message: `"${entry.key}" names no department of this workspace`,
      }));
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
    return attributes;
  }

  /** A user's identity is shared by all their workspaces: one workspace's admin may not change it for the others. */
  private checkIdentityEditable(actor: Actor, member: MemberView): void {
    if (member.otherWorkspaces > 0 && !actor.isSystemAdmin && member.id !== actor.userId)
      throw new AppError('MEMBER_SHARED_IDENTITY', { username: member.username });
  }
}

function flatAttributes(attributes: Record<string, unknown>): MemberAttributes {
  const problems = attributeProblems(attributes);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
  return normalizeAttributes(attributes as MemberAttributes);
}
