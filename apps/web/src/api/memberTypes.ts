import type { LocalizedText } from '@lowcode/app-model';
import type { WorkspaceRole } from './types';

/** A member of the workspace as `/api/members` answers (workspace admins only). */
export interface MemberDto {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: WorkspaceRole;
  appRoles: string[];
  attributes: Record<string, unknown>;
  active: boolean;
  joinedAt: string;
  /** Other workspaces the user belongs to: their name, e-mail and password are shared with those. */
  otherWorkspaces: number;
}

export interface MemberPage {
  items: MemberDto[];
  total: number;
}

export interface MemberQuery {
  q?: string;
  role?: WorkspaceRole;
  appRole?: string;
  offset?: number;
  limit?: number;
}

/** A role some app of the workspace defines. */
export interface AppRoleOption {
  app: string;
  appLabel: LocalizedText;
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
}

export interface NewMember {
  username: string;
  /** Creates the user; without it an existing user is added. */
  password?: string;
  displayName?: string;
  email?: string;
  role?: WorkspaceRole;
  appRoles?: string[];
  attributes?: Record<string, unknown>;
}

export interface MemberChange {
  role?: WorkspaceRole;
  appRoles?: string[];
  attributes?: Record<string, unknown>;
  displayName?: string;
  email?: string | null;
  active?: boolean;
}
