import type { EntityDefinition, LocalizedText, MemberAttributeDefinition } from '@lowcode/app-model';
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
  /** Titles of the records its declared relation attributes name, by id. */
  titles: Record<string, string>;
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

/** A member attribute some app of the workspace declares (`GET /api/members/attributes`). */
export type DeclaredAttribute = MemberAttributeDefinition & {
  app: string;
  appLabel: LocalizedText;
  /** `relation`: the entity whose records the values name. */
  target?: EntityDefinition;
};

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

/** A department of the workspace (`/api/departments`): known by its key, shown by its name. */
export interface DepartmentDto {
  key: string;
  name: string;
  parentKey: string | null;
  manager: { id: string; displayName: string } | null;
  sortOrder: number;
  version: number;
  /** Members whose `department` / `departments` attribute names it (not counting sub-departments). */
  memberCount: number;
}

export interface NewDepartment {
  key: string;
  name: string;
  parentKey?: string;
  managerId?: string;
  sortOrder?: number;
}

/** `version` is the one read: a newer one on the server is a 409. `null` clears the parent or manager. */
export interface DepartmentChange {
  version: number;
  name?: string;
  parentKey?: string | null;
  managerId?: string | null;
  sortOrder?: number;
}
