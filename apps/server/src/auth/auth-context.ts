import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { type ApiKeyPermission, type ApiKeyRouteAccess } from '../api-keys/utils/api-key-scopes';
import { type WorkspaceRole } from '../workspaces/workspace-member.entity';

/** Who is calling, taken from a verified access token; the workspace never comes from the URL. */
export interface AuthContext {
  userId: string;
  workspaceId: string;
  role: WorkspaceRole;
  isSystemAdmin: boolean;
  /** Roles the member holds in the workspace's apps (butler, technician …), read fresh on every request. */
  appRoles: string[];
  /** What role scopes may read as `user.<name>` besides `user.id` (e.g. `projects`). */
  attributes: Record<string, unknown>;
  /**
   * Set when an API key calls: `userId` is then the key's own principal, and the scopes limit every route
   * and record access (docs/security.md).
   */
  apiKey?: { id: string; name: string; scopes: string[] };
}

/**
 * The member as their requests are authenticated — workspace role, app roles, attributes, read fresh; none
 * when they are not an active member of the workspace.
 */
export async function memberContext(
  query: (sql: string, params: unknown[]) => Promise<unknown[]>,
  workspaceId: string,
  userId: string,
): Promise<AuthContext | undefined> {
  const [row] = (await query(
    `SELECT m.role, u.is_system_admin AS "isSystemAdmin", m.app_roles AS "appRoles", m.attributes
       FROM workspace_member m JOIN app_user u ON u.id = m.user_id
      WHERE m.user_id = $1 AND m.workspace_id = $2 AND u.is_active`,
    [userId, workspaceId],
  )) as Omit<AuthContext, 'userId' | 'workspaceId'>[];
  return row ? { userId, workspaceId, ...row } : undefined;
}

export interface AccessTokenPayload {
  sub: string;
  wid: string;
  role: WorkspaceRole;
  sys: boolean;
}

export const IS_PUBLIC = 'auth:isPublic';
export const REQUIRED_ROLE = 'auth:requiredRole';
export const API_KEY_ACCESS = 'auth:apiKeyAccess';
export const SKIP_RATE_LIMIT = 'auth:skipRateLimit';

/** The route needs no login (login, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller must hold this workspace role. */
export const RequireWorkspaceRole = (role: WorkspaceRole) => SetMetadata(REQUIRED_ROLE, role);

/**
 * API keys holding one of these scopes may call the route — on the app named by route parameter `appParam`
 * (`app` by default), or on any app when the route names none. Routes without this are for people and
 * `admin`-scoped keys only.
 */
export const ApiKeyScope = (scopes: ApiKeyPermission | ApiKeyPermission[], appParam = 'app') =>
  SetMetadata(API_KEY_ACCESS, { scopes: [scopes].flat(), appParam } satisfies ApiKeyRouteAccess);

/** Never with an API key, whatever its scopes: managing keys, and a person's own session and workspaces. */
export const NoApiKey = () => SetMetadata(API_KEY_ACCESS, 'never' satisfies ApiKeyRouteAccess);

/** Not counted against any rate limit (health checks from load balancers). */
export const SkipRateLimit = () => SetMetadata(SKIP_RATE_LIMIT, true);

export const CurrentAuth = createParamDecorator((_data: unknown, context: ExecutionContext): AuthContext => {
  const request = context.switchToHttp().getRequest<{ auth?: AuthContext }>();
  if (!request.auth) throw new Error('CurrentAuth used on a public route');
  return request.auth;
});
