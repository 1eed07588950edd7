// Wire types of the server API (docs: apps/web/README.md). App definitions are typed by @lowcode/app-model;
// only the fields the web reads are typed here.
import type { AppDefinition, LocalizedText, RuleTrigger } from '@lowcode/app-model';

export type {
  AppDefinition,
  EntityDefinition,
  FieldDefinition,
  Locale,
  LocalizedText,
  RuleAction,
  RuleDefinition,
  RuleTrigger,
} from '@lowcode/app-model';

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

/** The stored definition was validated by the server on import, so it is read as a valid AppDefinition. */
export interface AppDetail extends AppSummary {
  definition: AppDefinition;
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
  'memberAttribute',
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

/** Existing records of one entity that would no longer validate under the new definition. */
export interface ImportImpact {
  entity: string;
  /** Live records checked (all of them, up to the server's sample limit) of `total`. */
  checked: number;
  total: number;
  invalidCount: number;
  samples: { id: string; field: string; message: string }[];
}

/** An upgrade's formulas recomputed over an entity's stored records. */
export interface FormulaRecompute {
  entity: string;
  checked: number;
  changed: number;
}

export interface ImportPreview {
  dryRun: true;
  appKey: string;
  action: ImportAction;
  changes: ImportChange[];
  impact?: ImportImpact[];
}

export interface ImportResult {
  dryRun: false;
  appKey: string;
  action: ImportAction;
  changes: ImportChange[];
  formulasRecomputed?: FormulaRecompute[];
  app: AppSummary;
}

export interface ErrorDetail {
  path: string;
  message: string;
}

/** Every 4xx/5xx body of the server. `current` is the stored record on a version conflict. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[]; current?: unknown };
}

// ---------------------------------------------------------------- records

export interface RecordDto {
  id: string;
  version: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  deletedAt: string | null;
  values: Record<string, unknown>;
  /** Title text of relation/user targets, by field key. */
  display: Record<string, string | string[]>;
}

export interface RecordPage {
  items: RecordDto[];
  nextCursor: string | null;
}

export interface RecordQuery {
  /** JSON-logic filter (see records/filterModel.ts). */
  filter?: unknown;
  /** Comma-separated keys, `-` for descending: `-updatedAt,rent`. */
  sort?: string;
  limit?: number;
  cursor?: string | null;
  q?: string;
  includeDeleted?: boolean;
}

export interface RecordChange {
  field: string;
  from: unknown;
  to: unknown;
  /** For relations and users: the titles of what was linked before and after. */
  display?: { from?: string | string[]; to?: string | string[] };
}

export interface RecordHistoryEntry {
  version: number;
  at: string;
  actor: { id: string; displayName: string } | null;
  /** The write path: api, bulk, import, flow, rule, formula (a formula recomputed after what it reads changed) … */
  source: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  changes: RecordChange[];
}

/** A stored file, as returned by `POST /api/files`; attachment, image and signature values hold these. */
export interface StoredFile {
  id: string;
  name: string;
  size: number;
  mimeType: string;
  url?: string;
}

export interface MemberUser {
  id: string;
  username: string;
  displayName: string;
}

export type AppChangedEvent = { key: string; action: 'imported' | 'deleted' };

/** A template of the gallery (GET /api/templates). */
export interface TemplateSummary {
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  version: string;
  counts: {
    entities: number;
    flows: number;
    rules: number;
    reports: number;
    dashboards: number;
    roles: number;
  };
  demo: { records: number; users: number } | null;
  installed: { revision: number; version: string } | null;
}

export interface TemplateInstallResult {
  dryRun: boolean;
  appKey: string;
  action: ImportAction;
  changes: ImportChange[];
  demo?: { users: number; records: Record<string, number> };
}

/** The entities of an app the signed-in user may use, and what they may do with each (GET /api/apps/:app/access). */
export interface AppAccessSummary {
  /** `scoped`: the user's roles narrow which of its records they read (a tenant's own rooms). */
  entities: { key: string; actions: EntityAccessSummary['actions']; scoped: boolean }[];
}

/** What the signed-in user may do with an entity (GET /api/apps/:app/entities/:entity/access). */
export interface EntityAccessSummary {
  actions: ('read' | 'create' | 'update' | 'delete' | 'export' | 'import')[];
  hidden: string[];
  masked: string[];
  readOnly: string[];
}

// ---------------------------------------------------------------- rules and notifications

/** One rule of an app as the rule pages list it (GET /api/apps/:app/rules). */
export interface RuleSummary {
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  trigger: RuleTrigger;
  enabled: boolean;
  /** The admin's switch overrides the definition's `enabled`. */
  overridden: boolean;
  logMisses: boolean;
  /** Why the rule does not compile against the current app version. */
  broken?: string;
  nextRuns?: string[];
  lastRunAt?: string;
  runs24h: number;
  failures24h: number;
}

export type RuleActionStatus = 'done' | 'queued' | 'skipped' | 'failed';

export interface RuleRunAction {
  key: string;
  type: string;
  status: RuleActionStatus;
  detail?: unknown;
}

/** One evaluation in a rule's log. */
export interface RuleRun {
  id: string;
  at: string;
  revision: number;
  trigger: string;
  entityKey: string | null;
  recordId: string | null;
  scheduledFor: string | null;
  matched: boolean;
  result: unknown;
  read: Record<string, unknown>;
  actions: RuleRunAction[];
  error: string | null;
}

/** An action the rule would take, as data (nothing was done). */
export interface PlannedRuleAction {
  actionKey: string;
  type: string;
  [key: string]: unknown;
}

export interface RuleTestResult {
  matched: boolean;
  result: unknown;
  read: Record<string, unknown>;
  actions: PlannedRuleAction[];
  explanation: string[];
  error?: string;
}

/** One entry of the workspace's audit log (`GET /api/audit`). */
export interface AuditEvent {
  id: number;
  at: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export interface NotificationDto {
  id: string;
  title: LocalizedText;
  body: LocalizedText | null;
  link: { kind: 'record'; entity: string; id: string } | { kind: string; [key: string]: unknown } | null;
  appId: string | null;
  createdAt: string;
  readAt: string | null;
}
