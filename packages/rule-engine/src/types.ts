// The engine's data contracts: events in, rule data in, verdicts and planned actions out. Everything here is
// plain data so the server can log it, queue it and replay it.
import {
  type Assignee,
  type Duration,
  type FlowEvent as FlowEventName,
  type HttpMethod,
  type JsonLogic,
  type LocalizedText,
  type NotifyChannel,
  type RuleDefinition,
  type RuleTrigger,
} from '@lowcode/app-model';

/** One rule firing in a chain of rules that caused an event. */
export interface RuleChainLink {
  ruleKey: string;
  recordId: string;
}

/** Who caused an event. Events caused by a rule's action carry the chain of firings that led to them. */
export type EventSource =
  | { kind: 'user' | 'api' | 'import' | 'flow' | 'system'; userId?: string }
  | { kind: 'rule'; chain: RuleChainLink[] };

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface RecordEvent {
  type: 'created' | 'updated' | 'deleted' | 'restored';
  entity: string;
  recordId: string;
  record: Record<string, unknown>;
  old?: Record<string, unknown>;
  /** On `created`, the server lists the initial non-empty values (from `null`). */
  changes: FieldChange[];
  source: EventSource;
  /** Length of the rule chain that caused this event (0 for a user's change). */
  depth: number;
}

export interface FlowEvent {
  type: 'flow';
  flow: string;
  event: FlowEventName;
  instanceId: string;
  entity: string;
  recordId: string;
  record: Record<string, unknown>;
  taskKey?: string;
  source: EventSource;
  depth: number;
}

/** A scheduler tick for one scheduled rule (`schedule` or `dateRelative`), at its planned instant. */
export interface ScheduleTick {
  type: 'tick';
  ruleKey: string;
  at: Date;
}

export type RuleEvent = RecordEvent | FlowEvent | ScheduleTick;

/** Everything a condition may read. `now` is an ISO instant from the server's clock. */
export interface RuleData {
  record?: Record<string, unknown> | null;
  old?: Record<string, unknown> | null;
  changes?: FieldChange[];
  aggregates?: Record<string, unknown>;
  now: string;
}

export type AggregateFn = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'values';

/**
 * An aggregate over related records that a condition declared. The server resolves it with one
 * parameterized query before evaluation and passes the value in `data.aggregates[name]`.
 */
export interface AggregateNeed {
  name: string;
  entity: string;
  /** Records-filter JSON-logic over the related record's fields (literal values only). */
  where?: JsonLogic;
  /** Related records whose `field` equals the value at `valuePath` in the rule data (a relation's id). */
  match?: { field: string; valuePath: string };
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  limit?: number;
  fn: AggregateFn;
  /** The aggregated field; absent only for `count`. */
  field?: string;
}

/** Where an assignee points, with `field`/`expression` assignees resolved against the rule data. */
export type PlannedAssignee = Assignee & { value?: unknown };

interface PlannedBase<T extends string> {
  type: T;
  ruleKey: string;
  actionKey: string;
  /** Put this chain into the `source` of every event the action causes (loop detection). */
  chain: RuleChainLink[];
}

export type PlannedAction =
  | (PlannedBase<'notify'> & { to: PlannedAssignee; channel: NotifyChannel; template: LocalizedText })
  | (PlannedBase<'createRecord'> & { entity: string; values: Record<string, unknown> })
  | (PlannedBase<'updateRecord'> & {
      entity: string;
      recordId: string;
      values: Record<string, unknown>;
      /** Added to the record's current values by the server, under a row lock. */
      increments?: Record<string, number>;
    })
  | (PlannedBase<'createTask'> & {
      assignee: PlannedAssignee;
      title: LocalizedText;
      due?: Duration;
      /** `now` plus `due`, as an ISO instant. */
      dueAt?: string;
    })
  | (PlannedBase<'startFlow'> & { flow: string; entity?: string; recordId?: string })
  | (PlannedBase<'webhook'> & {
      url: string;
      method: HttpMethod;
      headers: Record<string, string>;
      body: { rule: string; action: string; now: string; record: unknown; changes: FieldChange[] };
    });

export interface RuleVerdict {
  ruleKey: string;
  ruleLabel: LocalizedText;
  matched: boolean;
  result: unknown;
  /** Every variable path the condition read at the top level, with the value it found. */
  read: Record<string, unknown>;
  actions: PlannedAction[];
}

export interface CompiledRule {
  rule: RuleDefinition;
  trigger: RuleTrigger;
  /** The entity whose records `record` means, if any. */
  entity: string | undefined;
  matches(event: RuleEvent): boolean;
  dataNeeds: AggregateNeed[];
  /** Throws RuleEvaluationError for data over the limits; never performs I/O. */
  evaluate(data: RuleData, options?: { chain?: RuleChainLink[]; recordId?: string }): RuleVerdict;
}

export interface CompileOptions {
  /** The workspace's IANA time zone for `today`/`dateOf`/`daysBetween`. Default `Asia/Shanghai`. */
  timeZone?: string;
}
