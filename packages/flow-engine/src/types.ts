// The data the engine reads and writes: instance state (plain JSON that round-trips through getState /
// recover), the environment it needs from the host, the effects it asks the host to execute, and the
// command inputs of the runtime API.
import { type Assignee, type FlowDefinition, type LocalizedText, type TaskForm } from '@lowcode/app-model';

export type InstanceStatus = 'running' | 'completed' | 'cancelled' | 'failed';
/** Why an instance ended the way it did, beyond its status. */
export type InstanceOutcome = 'rejected' | 'withdrawn';
export type TaskKind = 'userTask' | 'approval';
export type TaskMode = 'single' | 'all' | 'any';
export type TaskDecision = 'approve' | 'reject' | 'return' | 'complete';

/** One branch a token took at a split (parallel, inclusive, or any node leaving on several edges). */
export interface SplitFrame {
  /** Id of the split occurrence; every token of one split carries the same id. */
  splitId: string;
  /** The node that split. */
  gateway: string;
  /** How many tokens left the split: the join waits for exactly this many. */
  branches: number;
  /** Which of those branches this token took (0-based, in edge order). */
  branch: number;
}

export interface Token {
  id: string;
  nodeKey: string;
  /** `active`: at a node being executed; `waiting`: at a task, timer or join; `done`: consumed. */
  status: 'active' | 'waiting' | 'done';
  /** ISO time the token arrived at `nodeKey`. */
  arrivedAt: string;
  /** Open splits, outermost first; a join pops the innermost. */
  splits: SplitFrame[];
}

export interface AssigneeDecision {
  decision: TaskDecision;
  at: string;
  comment?: string;
  commentAudience?: CommentAudience;
}

/**
 * Who may read a comment: everyone who sees the instance (the requester too), or only the company's own
 * people — an internal note (内部备注) a technician leaves for his colleagues. The host decides who is inside.
 */
export type CommentAudience = 'everyone' | 'internal';

export interface TaskState {
  id: string;
  nodeKey: string;
  tokenId: string;
  kind: TaskKind;
  /** Resolved user ids. */
  assignees: string[];
  mode: TaskMode;
  decisions: Record<string, AssigneeDecision>;
  status: 'open' | 'completed' | 'cancelled';
  /** `approved` / `rejected` for approvals, `completed` for user tasks, `returned` when sent back. */
  outcome?: 'approved' | 'rejected' | 'completed' | 'returned';
  createdAt: string;
  dueAt?: string;
  remindAt?: string;
  escalated: boolean;
  priority: 'normal' | 'urgent';
}

export type TimerKind = 'node' | 'remind' | 'overdue';

export interface TimerState {
  id: string;
  kind: TimerKind;
  nodeKey: string;
  tokenId: string;
  /** The task a `remind` / `overdue` timer belongs to. */
  taskId?: string;
  fireAt: string;
}

export interface Transition {
  seq: number;
  at: string;
  actor: string;
  tokenId?: string;
  fromNode?: string;
  toNode?: string;
  /** `start`, `enter`, `approve`, `reject`, `return`, `complete`, `transfer`, `addSigner`, `timer`, … */
  action: string;
  /** Branch path of the token (`splitId:branch` per open split), so `return` can check the target. */
  branch?: string[];
  data?: Record<string, unknown>;
}

/** A task node a token entered, and on which branch (`splitId:branch` per open split): a `return` target. */
export interface Visit {
  node: string;
  branch: string[];
}

export interface FlowInstanceState {
  id: string;
  flowKey: string;
  flowVersion: number;
  status: InstanceStatus;
  outcome?: InstanceOutcome;
  error?: string;
  startedBy: string;
  startedAt: string;
  endedAt?: string;
  /** Snapshot of the flow's record; refreshed by commands that pass `record`, and by the engine's own updates. */
  record: Record<string, unknown>;
  variables: Record<string, unknown>;
  tokens: Token[];
  tasks: TaskState[];
  timers: TimerState[];
  /** How many transitions the instance has recorded: the `seq` of its last one. */
  seq: number;
  /**
   * The task nodes entered on branches still open, most recent last: what `return` may send a token back
   * to. The transitions themselves leave with each command's result (the host keeps the timeline), so the
   * state stays the size of the open work however long the instance runs.
   */
  visits: Visit[];
}

// ---------------------------------------------------------------- environment

export interface AssigneeContext {
  flow: FlowDefinition;
  nodeKey: string;
  record: Record<string, unknown>;
  variables: Record<string, unknown>;
  /** The user who caused the step (the starter on start). */
  actor: string;
  /** Who started the instance: a `manager` assignee is by default their manager. */
  starter: string;
  /** On an SLA escalation: the overdue task's assignees who have not acted (`manager` of `assignee`). */
  assignees?: string[];
}

export interface FlowEnvironment {
  now(): Date;
  /** Where a date without a time (a timer until `dueDate`) begins: its midnight there. Default Asia/Shanghai. */
  timeZone?: string;
  newId(): string;
  /** Evaluates JSON-logic behind a guard (see `createGuardedEvaluator`). */
  evaluate(logic: unknown, data: unknown): unknown;
  /** Role, department, field, expression and auto-dispatch lookups are the host's business. */
  resolveAssignees(rule: Assignee, context: AssigneeContext): string[] | Promise<string[]>;
  /** Adds an ISO-8601 duration in working time; used for SLAs whose calendar is `business`. */
  businessCalendar?: (start: Date, durationIso: string) => Date;
}

export interface RuntimeOptions {
  /** Version of the published flow definition; recorded in the state and checked by `recover`. */
  version?: number;
  /** What an overdue task's escalation does, besides notifying `sla.escalate.to`. */
  escalation?: { reassign?: boolean; raisePriority?: boolean };
  /** Upper bound on nodes executed by one command (guards against loops without a wait state). */
  maxSteps?: number;
}

// ---------------------------------------------------------------- effects

export type NotifyReason = 'action' | 'cc' | 'reminder' | 'overdue' | 'escalation' | 'returned';

export type Effect =
  | {
      type: 'createTask';
      taskId: string;
      nodeKey: string;
      kind: TaskKind;
      label: LocalizedText;
      assignees: string[];
      mode: TaskMode;
      form?: TaskForm;
      dueAt?: string;
      remindAt?: string;
      /** Given by the node's `assigneeFallback`: its `assignee` found no one. */
      fallback?: true;
    }
  | { type: 'updateTask'; taskId: string; assignees?: string[]; priority?: 'urgent'; escalated?: boolean }
  | { type: 'closeTask'; taskId: string; outcome: NonNullable<TaskState['outcome']> }
  | { type: 'cancelTask'; taskId: string; reason: string }
  | { type: 'scheduleTimer'; timerId: string; kind: TimerKind; fireAt: string }
  | { type: 'cancelTimer'; timerId: string }
  | {
      type: 'notify';
      to: string[];
      reason: NotifyReason;
      template?: LocalizedText;
      nodeKey: string;
      taskId?: string;
      idempotencyKey: string;
    }
  | {
      type: 'createRecord';
      /** Chosen by the interpreter, so later nodes of the same step can already name the new record. */
      id: string;
      entity: string;
      values: Record<string, unknown>;
      idempotencyKey: string;
    }
  | { type: 'updateRecord'; values: Record<string, unknown>; idempotencyKey: string }
  | { type: 'callWebhook'; url: string; method: string; body: unknown; idempotencyKey: string }
  | { type: 'startSubFlow'; flow: string; record: Record<string, unknown>; idempotencyKey: string }
  | { type: 'instanceEnded'; status: InstanceStatus; outcome?: InstanceOutcome; error?: string };

export type EffectType = Effect['type'];

export interface StepResult {
  /** The state after the command, shared with the runtime: read it, store it, do not change it. */
  state: FlowInstanceState;
  effects: Effect[];
  /** What the command did, in order (`seq` continues the instance's count): the host appends them to its timeline. */
  transitions: Transition[];
}

// ---------------------------------------------------------------- commands

export interface StartInput {
  record: Record<string, unknown>;
  variables?: Record<string, unknown>;
  actor: string;
  /** Instance id chosen by the host; `env.newId()` otherwise. */
  instanceId?: string;
}

export interface CompleteTaskInput {
  actor: string;
  decision?: TaskDecision;
  returnTo?: string;
  /** Form values; only the node's `form.editable` fields are accepted (any field when none are listed). */
  data?: Record<string, unknown>;
  comment?: string;
  /** `everyone` when omitted. */
  commentAudience?: CommentAudience;
  /** The record as the host loaded it in this transaction; the state's snapshot otherwise. */
  record?: Record<string, unknown>;
}

export interface TransferTaskInput {
  actor: string;
  to: string;
  comment?: string;
  /** `everyone` when omitted. */
  commentAudience?: CommentAudience;
}

export interface AddSignerInput {
  actor: string;
  users: string[];
  comment?: string;
  /** `everyone` when omitted. */
  commentAudience?: CommentAudience;
}
