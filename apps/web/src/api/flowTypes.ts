// Wire types of the flow routes (tasks, instances); the server's shapes are in
// apps/server/src/flows/services/flow-queries.service.ts.
import type { FieldDefinition, LocalizedText } from '@lowcode/app-model';

export type InboxBox = 'mine' | 'group' | 'done' | 'cc';

export type TaskAction =
  'complete' | 'approve' | 'reject' | 'return' | 'transfer' | 'add-signer' | 'claim' | 'release';

/** A row of the mine / group / done boxes. */
export interface TaskSummary {
  id: string;
  /** The title of the task's record, for its assignee even before his role's scope reaches the record. */
  recordTitle?: string | null;
  /** The record's title and the fields its entity lists first, as the assignee may see them. */
  record?: { values: Record<string, unknown>; display?: Record<string, string | string[]> } | null;
  kind: string;
  mode: string;
  title: LocalizedText;
  app: string;
  flow: string | null;
  nodeKey: string | null;
  instanceId: string | null;
  status: string;
  outcome: string | null;
  priority: string;
  dueAt: string | null;
  remindAt: string | null;
  escalated: boolean;
  assignees: string[];
  decidedBy: string[];
  claimedBy: string | null;
  candidateRole: string | null;
  entity: string | null;
  recordId: string | null;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  comment: string | null;
  /** Where the task came from; `fallback`: the node's assignee rule found no one, its fallback gave it. */
  source?: { fallback?: boolean } & Record<string, unknown>;
}

/** A row of the cc box: an instance the caller was copied on. */
export interface CcItem {
  id: string;
  kind: 'cc';
  title: LocalizedText;
  app: string;
  flow: string;
  nodeKey: string;
  instanceId: string;
  instanceStatus: string;
  entity: string;
  recordId: string | null;
  createdAt: string;
  readAt: string | null;
}

export type InboxItem = TaskSummary | CcItem;

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

export interface InboxQuery {
  box: InboxBox;
  app?: string;
  flow?: string;
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface TaskDetail extends TaskSummary {
  /** `display`: titles of the records and people the shown fields link, by field. */
  record: {
    id: string;
    entity: string;
    values: Record<string, unknown>;
    display?: Record<string, string | string[]>;
  } | null;
  /** `required`: editable fields the task needs filled before it can be completed or approved. */
  form: { visible: string[]; editable: string[]; required?: string[]; fields: FieldDefinition[] } | null;
  actions: TaskAction[];
  /** Who the caller's comment may be for: `internal` (内部备注) only for the company's own people. */
  commentAudiences: CommentAudience[];
}

export interface NodeRef {
  key: string;
  label: LocalizedText;
}

export interface FlowTransition {
  seq: number;
  at: string;
  actor: { id: string; displayName: string } | null;
  action: string;
  from: NodeRef | null;
  to: NodeRef | null;
  comment: string | null;
  /** Set on an internal note; such notes reach members of the company only. */
  commentAudience?: 'internal';
  data: Record<string, unknown>;
}

export interface FlowInstance {
  id: string;
  app: string;
  flow: { key: string; label: LocalizedText };
  revision: number;
  status: string;
  outcome: string | null;
  error: string | null;
  entity: string;
  recordId: string | null;
  startedBy: { id: string; displayName: string } | null;
  startedAt: string;
  endedAt: string | null;
  /** Whether the caller may withdraw it now: its starter, while nobody has acted on it. */
  withdrawable: boolean;
  openTasks: { id: string; nodeKey: string; assignees: string[]; dueAt: string | null; priority: string }[];
  transitions: FlowTransition[];
}

export interface InstanceSummary {
  id: string;
  status: string;
  outcome: string | null;
}

/** Pushed to the assignee's room when a task is offered. */
export interface TaskCreatedEvent {
  id: string;
  app: string;
  flow: string;
  instanceId: string;
  title: LocalizedText;
  dueAt: string | null;
}

/** Pushed to old and new assignees when a task is decided, transferred, claimed or released. */
export interface TaskChangedEvent {
  id: string;
  instanceId?: string | null;
  status: string;
  assignees: string[];
}

/** Body of the task actions; the server takes the fields each action needs. */
export type CommentAudience = 'everyone' | 'internal';

export interface TaskActionBody {
  data?: Record<string, unknown>;
  comment?: string;
  commentAudience?: CommentAudience;
  returnTo?: string;
  to?: string;
  users?: string[];
}
