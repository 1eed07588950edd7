// The one contract every node type implements. A handler looks at its node and the instance and returns
// a Decision; it never moves tokens, creates ids or touches state. The interpreter applies decisions.
import {
  type Assignee,
  type FlowDefinition,
  type FlowEdge,
  type FlowNode,
  type FlowNodeType,
  type LocalizedText,
  type Sla,
  type TaskForm,
} from '@lowcode/app-model';
import { type Problem } from '../problems';
import {
  type Effect,
  type FlowInstanceState,
  type TaskKind,
  type TaskMode,
  type TaskState,
  type TimerState,
  type Token,
} from '../types';

export type NodeOfType<K extends FlowNodeType> = Extract<FlowNode, { type: K }>;

type WithKey = Extract<Effect, { idempotencyKey: string }>;
/** An effect a handler asks for; the interpreter adds the idempotency key. */
export type ActionEffect = WithKey extends infer E ? (E extends WithKey ? Requested<E> : never) : never;

/** A record to create gets its id from the interpreter, and may name the field that receives it. */
type Requested<E> = E extends { type: 'createRecord' }
  ? Omit<E, 'idempotencyKey' | 'id'> & { resultField?: string }
  : Omit<E, 'idempotencyKey'>;

export interface TaskRequest {
  kind: TaskKind;
  assignees: string[];
  mode: TaskMode;
  label: LocalizedText;
  form?: TaskForm;
  sla?: Sla;
  /** The assignees are the node's `assigneeFallback`'s: its `assignee` found no one. */
  fallback?: true;
}

export type Decision =
  | {
      kind: 'continue';
      /** Edge keys to leave on; all outgoing edges when omitted. Several edges split the token. */
      edges?: string[];
      effects?: ActionEffect[];
      /** Merged into the instance variables before the edges are taken. */
      variables?: Record<string, unknown>;
      /** With no edges: end the whole instance with this outcome. */
      outcome?: 'rejected';
    }
  | { kind: 'wait'; task?: TaskRequest; timer?: { fireAt: Date }; effects?: ActionEffect[] }
  | { kind: 'error'; message: string };

export type ResumeEvent =
  { type: 'taskDecided'; task: Readonly<TaskState> } | { type: 'timerFired'; timer: Readonly<TimerState> };

export interface HandlerContext<K extends FlowNodeType> {
  node: NodeOfType<K>;
  flow: FlowDefinition;
  state: Readonly<FlowInstanceState>;
  token: Readonly<Token>;
  outgoing: readonly FlowEdge[];
  actor: string;
  now: Date;
  /** The IANA zone a date without a time is read in. */
  timeZone: string;
  /** Evaluates JSON-logic over `{ ...variables, variables, record, ...extra }`. */
  evaluate(logic: unknown, extra?: Record<string, unknown>): unknown;
  /** Truthiness of a condition, by the same rules. */
  test(logic: unknown, extra?: Record<string, unknown>): boolean;
  /** `overdue`: on an escalation, the task's assignees who have not acted (whose manager `of: 'assignee'` is). */
  resolveAssignees(rule: Assignee, overdue?: { assignees: string[] }): Promise<string[]>;
}

export interface NodeHandler<K extends FlowNodeType> {
  /** Several incoming edges mean a join: the interpreter gathers the split's tokens before `enter`. */
  joins?: boolean;
  /** Tokens rest here (a task or timer); a loop needs one such node. */
  waits?: boolean;
  validate(node: NodeOfType<K>, flow: FlowDefinition): Problem[];
  enter(ctx: HandlerContext<K>): Decision | Promise<Decision>;
  resume?(ctx: HandlerContext<K>, event: ResumeEvent): Decision | Promise<Decision>;
}

export type NodeHandlers = { [K in FlowNodeType]: NodeHandler<K> };
