import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
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
}

export interface AccessTokenPayload {
  sub: string;
  wid: string;
  role: WorkspaceRole;
  sys: boolean;
}

export const IS_PUBLIC = 'auth:isPublic';
export const REQUIRED_ROLE = 'auth:requiredRole';

/** The route needs no login (login, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller must hold this workspace role. */
export const RequireWorkspaceRole = (role: WorkspaceRole) => SetMetadata(REQUIRED_ROLE, role);

export const CurrentAuth = createParamDecorator((_data: unknown, context: ExecutionContext): AuthContext => {
  const request = context.switchToHttp().getRequest<{ auth?: AuthContext }>();
  if (!request.auth) throw new Error('CurrentAuth used on a public route');
  return request.auth;
});
