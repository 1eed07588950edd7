// Wire types of the server API (docs: apps/web/README.md). Kept local until @lowcode/app-model is published to the
// workspace; only the fields the web reads are typed.

export type Locale = 'zh-CN' | 'en';

/** Text in the default language, optionally translated. */
export type LocalizedText = { 'zh-CN': string; en?: string };

export type WorkspaceRole = 'admin' | 'member';

export interface User {
  id: string;
  username: string;
  displayName: string;
  isSystemAdmin: boolean;
}

export interface Workspace {
  id: string;
  slug: string;
  name: string;
}

export interface MyWorkspace extends Workspace {
  role: WorkspaceRole;
}

/** Who is signed in and in which workspace: the body of `GET /api/auth/me`. */
export interface SessionInfo {
  user: User;
  workspace: Workspace;
  role: WorkspaceRole;
}

/** Body of login, refresh and workspace switch. */
export interface AuthResponse extends SessionInfo {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface AppCounts {
  entities: number;
  flows: number;
  rules: number;
  reports: number;
  dashboards: number;
  roles: number;
}

export interface AppSummary {
  key: string;
  label: LocalizedText;
  version: string;
  formatVersion: string | number;
  revision: number;
  updatedAt: string;
  counts: AppCounts;
}

/** The definition is owned by @lowcode/app-model; the web only reads it for display, so it stays opaque here. */
export interface AppDetail extends AppSummary {
  definition: unknown;
}

export type ChangeType = 'add' | 'change' | 'remove';

export const CHANGE_KINDS = [
  'app',
  'entity',
  'field',
  'flow',
  'node',
  'edge',
  'rule',
  'report',
  'dashboard',
  'role',
  'seed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface ImportChange {
  change: ChangeType;
  kind: ChangeKind;
  path: string;
  key: string;
  label?: LocalizedText | string;
}

export type ImportAction = 'create' | 'update' | 'unchanged';

export interface ImportPreview {
  dryRun: true;
  appKey: string;
  action: ImportAction;
  changes: ImportChange[];
}

export interface ImportResult {
  dryRun: false;
  appKey: string;
  action: ImportAction;
  changes: ImportChange[];
  app: AppSummary;
}

export interface ErrorDetail {
  path: string;
  message: string;
}

/** Every 4xx/5xx body of the server. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
}

export type AppChangedEvent = { key: string; action: 'imported' | 'deleted' };
