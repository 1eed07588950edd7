// Flows (nodes, edges, assignees) and rules (triggers, actions).
import {
  type APPROVAL_MODES,
  type BATCH_MODES,
  type CATCH_UP_POLICIES,
  type DISPATCH_STRATEGIES,
  type MANAGER_OF,
  type SLA_CALENDARS,
} from '../constants';
import {
  type Duration,
  type FlowEvent,
  type FlowNodeType,
  type FlowTriggerType,
  type HttpMethod,
  type JsonLogic,
  type LocalizedText,
  type NotifyChannel,
  type RuleActionType,
} from './base';

// ---------------------------------------------------------------- flows

export type Assignee =
  | { type: 'user'; users: string[] }
  | { type: 'role'; role: string }
  | { type: 'department'; department: string }
  /**
   * The manager of the starter's (or the last actor's) department — or, when that is them, of the department
   * above; `level` 2 is that manager's manager, and so on (逐级审批).
   */
  | { type: 'manager'; of?: (typeof MANAGER_OF)[number]; level?: number }
  | { type: 'field'; field: string }
  | { type: 'expression'; expression: JsonLogic }
  | {
      type: 'autoDispatch';
      match: { area?: string; category?: string; skill?: string };
      strategy: (typeof DISPATCH_STRATEGIES)[number];
    };

export interface TaskForm {
  editable?: string[];
  visible?: string[];
  /**
   * Editable fields the assignee must fill to complete or approve the task (a rating, a resolution), though
   * the entity leaves them optional: they are empty until this step. Rejecting or returning needs none.
   */
  required?: string[];
}

export interface Sla {
  due: Duration;
  calendar?: (typeof SLA_CALENDARS)[number];
  remindBefore?: Duration;
  escalate?: { to: Assignee; after?: Duration };
}

export type RecordValues = Record<string, JsonLogic>;

export type FlowAction =
  | {
      type: 'createRecord';
      entity: string;
      values: RecordValues;
      /** A relation field of the flow's record that receives the new record, for the nodes after it. */
      resultField?: string;
    }
  | { type: 'updateRecord'; values: RecordValues }
  | { type: 'notify'; to: Assignee; template: LocalizedText }
  | { type: 'webhook'; url: string; method: HttpMethod }
  | { type: 'subFlow'; flow: string };

interface NodeBase<T extends FlowNodeType> {
  key: string;
  type: T;
  label: LocalizedText;
  description?: LocalizedText;
  /** Designer layout only. */
  position?: { x: number; y: number };
}

export type StartNode = NodeBase<'start'>;
export type EndNode = NodeBase<'end'>;
/** What user tasks and approvals share: who does them, what they see and fill, and by when. */
interface TaskSettings {
  assignee: Assignee;
  /**
   * Who gets the task when `assignee` finds no one: a tenant without an account rates by phone through
   * customer service instead of the flow stopping with an error.
   */
  assigneeFallback?: Assignee;
  form?: TaskForm;
  sla?: Sla;
}

export type UserTaskNode = NodeBase<'userTask'> & TaskSettings;
export type ApprovalNode = NodeBase<'approval'> &
  TaskSettings & {
    mode: (typeof APPROVAL_MODES)[number];
    allowReturn?: boolean;
    allowTransfer?: boolean;
    cc?: Assignee[];
  };
export type ExclusiveGatewayNode = NodeBase<'exclusiveGateway'>;
export type ParallelGatewayNode = NodeBase<'parallelGateway'>;
export type InclusiveGatewayNode = NodeBase<'inclusiveGateway'>;
export type ActionNode = NodeBase<'action'> & { action: FlowAction };
/** Waits either a fixed `duration` or until the date in `untilField` (plus optional `offset`). */
export type TimerNode = NodeBase<'timer'> &
  ({ duration: Duration; untilField?: never } | { untilField: string; offset?: Duration; duration?: never });

export type FlowNode =
  | StartNode
  | EndNode
  | UserTaskNode
  | ApprovalNode
  | ExclusiveGatewayNode
  | ParallelGatewayNode
  | InclusiveGatewayNode
  | ActionNode
  | TimerNode;

export interface FlowEdge {
  key: string;
  from: string;
  to: string;
  label?: LocalizedText;
  /** Only on edges leaving an exclusive or inclusive gateway. */
  condition?: JsonLogic;
  default?: boolean;
}

export interface FlowDefinition {
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  entity: string;
  trigger: { type: FlowTriggerType };
  nodes: FlowNode[];
  edges: FlowEdge[];
}

// ---------------------------------------------------------------- rules

export type RuleTrigger =
  | { type: 'recordCreated'; entity: string; batch?: BatchMode }
  | { type: 'recordUpdated'; entity: string; batch?: BatchMode }
  | { type: 'recordDeleted'; entity: string; batch?: BatchMode }
  | { type: 'fieldChanged'; entity: string; fields: string[]; batch?: BatchMode }
  | { type: 'flowEvent'; flow: string; event: FlowEvent }
  | { type: 'schedule'; cron: string; timezone?: string; catchUp?: CatchUpPolicy }
  | {
      type: 'dateRelative';
      entity: string;
      field: string;
      offsetDays: number;
      at?: string;
      catchUp?: CatchUpPolicy;
    };

/** A bulk write fires a record rule per record (default) or once per batch. */
export type BatchMode = (typeof BATCH_MODES)[number];

/** Runs missed during downtime: each once (default), only the latest, or none. */
export type CatchUpPolicy = (typeof CATCH_UP_POLICIES)[number];

interface ActionBase<T extends RuleActionType> {
  key: string;
  type: T;
  label?: LocalizedText;
}

export type RuleAction =
  | (ActionBase<'notify'> & { to: Assignee; channel: NotifyChannel; template: LocalizedText })
  | (ActionBase<'createRecord'> & { entity: string; values: RecordValues; forEach?: JsonLogic })
  | (ActionBase<'updateRecord'> & {
      /** Another record to update: its entity and an expression giving its id. Absent: the rule's record. */
      entity?: string;
      record?: JsonLogic;
      values?: RecordValues;
      /** Numbers added to the record's current values under a row lock (stock -2), so no update is lost. */
      increments?: RecordValues;
      forEach?: JsonLogic;
    })
  | (ActionBase<'createTask'> & { assignee: Assignee; title: LocalizedText; due?: Duration })
  | (ActionBase<'startFlow'> & { flow: string })
  | (ActionBase<'webhook'> & { url: string; method?: HttpMethod; headers?: Record<string, string> });

export interface RuleDefinition {
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  enabled?: boolean;
  trigger: RuleTrigger;
  condition?: JsonLogic;
  actions: RuleAction[];
}
