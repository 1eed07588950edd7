// One command's worth of work on a private copy of the state: runs active tokens node by node, applies
// handler decisions (the only place tokens move and edges are taken), and collects the effects.
import { type FlowEdge, type FlowNode, type FlowNodeType } from '@lowcode/app-model';
import { type ActionEffect, type Decision, type HandlerContext, type NodeOfType } from '../handlers/contract';
import { handlerFor } from '../handlers/registry';
import { isTruthy } from '../logic';
import {
  type Effect,
  type FlowInstanceState,
  type InstanceOutcome,
  type InstanceStatus,
  type Token,
  type Transition,
} from '../types';
import { branchOf, samePrefix } from './branches';
import { type CompiledFlow, type RuntimeSetup } from './setup';
import { createTask } from './tasks';

/** Where dates without a time begin when the host names no zone. */
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DEFAULT_MAX_STEPS = 1000;

/** Actor recorded for steps no user caused: timers, and what the engine does after a user's act. */
export const SYSTEM_ACTOR = 'system';

export class Execution {
  readonly effects: Effect[] = [];
  /** The transitions this command recorded: they leave with its result, not in the state. */
  readonly transitions: Transition[] = [];
  private steps = 0;

  constructor(
    readonly setup: RuntimeSetup,
    readonly state: FlowInstanceState,
    readonly actor: string,
  ) {}

  get flow(): CompiledFlow {
    return this.setup.flow;
  }

  now(): Date {
    return this.setup.env.now();
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  /** What the command's actor did: started, decided, returned, transferred, withdrew, cancelled. */
  recordAct(entry: Omit<Transition, 'seq' | 'at' | 'actor'>): Transition {
    return this.record(entry, this.actor);
  }

  /**
   * What the engine did in consequence — entered a node, assigned a task, joined, ended, reminded, escalated:
   * recorded as the system's, so a timeline does not credit the dispatch that followed a tenant's request
   * to the tenant.
   */
  record(entry: Omit<Transition, 'seq' | 'at' | 'actor'>, actor = SYSTEM_ACTOR): Transition {
    this.state.seq += 1;
    const transition: Transition = { seq: this.state.seq, at: this.nowIso(), actor, ...entry };
    this.transitions.push(transition);
    if (entry.action === 'enter' && entry.toNode) this.visit(entry.toNode, entry.branch ?? []);
    return transition;
  }

  /** Notes a task node entered on `branch` as the most recent visit there (`return` looks for it). */
  private visit(node: string, branch: string[]): void {
    const { type } = this.flow.node(node);
    if (type !== 'userTask' && type !== 'approval') return;
    const key = branch.join('/');
    this.state.visits = this.state.visits.filter(
      (visit) => visit.node !== node || visit.branch.join('/') !== key,
    );
    this.state.visits.push({ node, branch });
  }

  /** Drops the visits no live token can return to any more: their branch was joined or ended. */
  forgetClosedBranches(): void {
    const branches = this.liveTokens().map(branchOf);
    this.state.visits = this.state.visits.filter((visit) =>
      branches.some((branch) => samePrefix(visit.branch, branch)),
    );
  }

  context<K extends FlowNodeType>(node: NodeOfType<K>, token: Token): HandlerContext<K> {
    const data = (extra?: Record<string, unknown>) => ({
      ...this.state.variables,
      variables: this.state.variables,
      record: this.state.record,
      // Who caused this step: action values like `technician: {"var": "actor"}` record the person who acted.
      actor: this.actor,
      // The step's instant (ISO), so actions can stamp times: `completedAt: {"var": "now"}`.
      now: this.now().toISOString(),
      ...extra,
    });
    const { env, definition } = this.setup;
    return {
      node,
      flow: definition,
      state: this.state,
      token,
      outgoing: this.flow.outgoing(node.key),
      actor: this.actor,
      now: this.now(),
      timeZone: env.timeZone ?? DEFAULT_TIME_ZONE,
      evaluate: (logic, extra) => env.evaluate(logic, data(extra)),
      test: (logic, extra) => isTruthy(env.evaluate(logic, data(extra))),
      resolveAssignees: async (rule, overdue) =>
        env.resolveAssignees(rule, {
          flow: definition,
          nodeKey: node.key,
          record: this.state.record,
          variables: this.state.variables,
          actor: this.actor,
          starter: this.state.startedBy,
          ...(overdue ? { assignees: overdue.assignees } : {}),
        }),
    };
  }

  /** Runs every active token until all wait, end, or the instance stops. */
  async run(): Promise<void> {
    for (let token = this.nextActive(); token; token = this.nextActive()) {
      this.steps += 1;
      if (this.steps > (this.setup.options.maxSteps ?? DEFAULT_MAX_STEPS)) {
        return this.finish(
          'failed',
          undefined,
          `More than ${this.steps - 1} steps in one command: a loop without a wait state?`,
        );
      }
      await this.step(token);
    }
    if (this.state.status === 'running' && this.liveTokens().length === 0) this.finish('completed');
  }

  private nextActive(): Token | undefined {
    if (this.state.status !== 'running') return undefined;
    return this.state.tokens.find((token) => token.status === 'active');
  }

  liveTokens(): Token[] {
    return this.state.tokens.filter((token) => token.status !== 'done');
  }

  private async step(token: Token): Promise<void> {
    const node = this.flow.node(token.nodeKey);
    const handler = handlerFor(node.type);
    if (handler.joins && this.flow.incoming(node.key).length > 1 && !this.join(token, node)) return;
    const decision = await this.decide(() => handler.enter(this.context(node, token) as never));
    await this.apply(decision, token, node);
  }

  /** Runs a handler call, turning a thrown error (say, a refused expression) into an error decision. */
  async decide(call: () => Decision | Promise<Decision>): Promise<Decision> {
    try {
      return await call();
    } catch (error) {
      return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Parks `token` at a join; true when all tokens of its split have arrived and it may go on. */
  private join(token: Token, node: FlowNode): boolean {
    const frame = token.splits.at(-1);
    if (!frame) {
      this.finish('failed', undefined, `Join "${node.key}" reached by a token that was never split`);
      return false;
    }
    token.status = 'waiting';
    const arrived = this.state.tokens.filter(
      (other) =>
        other.status === 'waiting' &&
        other.nodeKey === node.key &&
        other.splits.at(-1)?.splitId === frame.splitId,
    );
    if (arrived.length < frame.branches) return false;
    for (const other of arrived) other.status = 'done';
    token.status = 'active';
    token.splits = token.splits.slice(0, -1);
    this.record({
      tokenId: token.id,
      toNode: node.key,
      action: 'join',
      data: { splitId: frame.splitId, tokens: arrived.length },
    });
    return true;
  }

  async apply(decision: Decision, token: Token, node: FlowNode): Promise<void> {
    switch (decision.kind) {
      case 'error':
        this.record({
          tokenId: token.id,
          fromNode: node.key,
          action: 'error',
          data: { message: decision.message },
        });
        return this.finish('failed', undefined, `${node.key}: ${decision.message}`);
      case 'wait':
        token.status = 'waiting';
        this.emitActions(decision.effects, node.key);
        if (decision.task) await createTask(this, token, node, decision.task);
        if (decision.timer)
          this.scheduleTimer({ kind: 'node', nodeKey: node.key, tokenId: token.id }, decision.timer.fireAt);
        return;
      case 'continue':
        Object.assign(this.state.variables, decision.variables);
        this.emitActions(decision.effects, node.key);
        return this.leave(token, node, decision);
    }
  }

  private leave(token: Token, node: FlowNode, decision: Extract<Decision, { kind: 'continue' }>): void {
    const outgoing = this.flow.outgoing(node.key);
    const edges: FlowEdge[] = decision.edges
      ? decision.edges.map((key) => outgoing.find((edge) => edge.key === key) ?? this.flow.edge(key))
      : [...outgoing];
    if (edges.length === 0) {
      token.status = 'done';
      if (decision.outcome === 'rejected') return this.finish('completed', 'rejected');
      if (node.type !== 'end') return this.finish('failed', undefined, `Node "${node.key}" has no way out`);
      this.record({ tokenId: token.id, fromNode: node.key, action: 'end' });
      return;
    }
    // A split gateway opens a frame even when it takes one edge, so its join knows to wait for just one.
    const splits = edges.length > 1 || (handlerFor(node.type).joins === true && outgoing.length > 1);
    if (!splits) return this.move(token, node.key, edges[0] as FlowEdge);
    token.status = 'done';
    const splitId = this.setup.env.newId();
    edges.forEach((edge, branch) => {
      const frame = { splitId, gateway: node.key, branches: edges.length, branch };
      const child: Token = { ...token, id: this.setup.env.newId(), splits: [...token.splits, frame] };
      this.state.tokens.push(child);
      this.move(child, node.key, edge);
    });
  }

  move(token: Token, from: string, edge: FlowEdge): void {
    token.nodeKey = edge.to;
    token.status = 'active';
    token.arrivedAt = this.nowIso();
    const branch = branchOf(token);
    this.record({
      tokenId: token.id,
      fromNode: from,
      toNode: edge.to,
      action: 'enter',
      branch,
      data: { edge: edge.key },
    });
  }

  emitActions(actions: ActionEffect[] | undefined, nodeKey: string): void {
    const keyed = (action: ActionEffect) =>
      ({
        ...action,
        idempotencyKey: `${this.state.id}:${this.state.seq}:${nodeKey}:${this.effects.length}`,
      }) as Effect;
    for (const action of actions ?? []) {
      if (action.type === 'createRecord') {
        // The id is chosen here so the record field that receives it — and every node after — names it
        // before the host has written anything.
        const { resultField, ...create } = action;
        const id = this.setup.env.newId();
        this.effects.push({ ...keyed(create), id } as Effect);
        if (resultField) this.emitActions([{ type: 'updateRecord', values: { [resultField]: id } }], nodeKey);
        continue;
      }
      const effect = keyed(action);
      if (effect.type === 'updateRecord') Object.assign(this.state.record, effect.values);
      this.effects.push(effect);
    }
  }

  scheduleTimer(
    timer: { kind: 'node' | 'remind' | 'overdue'; nodeKey: string; tokenId: string; taskId?: string },
    fireAt: Date,
  ): void {
    const id = this.setup.env.newId();
    this.state.timers.push({ id, ...timer, fireAt: fireAt.toISOString() });
    this.effects.push({ type: 'scheduleTimer', timerId: id, kind: timer.kind, fireAt: fireAt.toISOString() });
  }

  cancelTimers(match: (timer: FlowInstanceState['timers'][number]) => boolean): void {
    for (const timer of this.state.timers.filter(match))
      this.effects.push({ type: 'cancelTimer', timerId: timer.id });
    this.state.timers = this.state.timers.filter((timer) => !match(timer));
  }

  cancelTasks(match: (task: FlowInstanceState['tasks'][number]) => boolean, reason: string): void {
    for (const task of this.state.tasks) {
      if (task.status !== 'open' || !match(task)) continue;
      task.status = 'cancelled';
      this.effects.push({ type: 'cancelTask', taskId: task.id, reason });
      this.cancelTimers((timer) => timer.taskId === task.id);
    }
  }

  /** Ends the instance: open tasks and timers are cancelled, every token is consumed. */
  finish(status: Exclude<InstanceStatus, 'running'>, outcome?: InstanceOutcome, error?: string): void {
    if (this.state.status !== 'running') return;
    this.cancelTasks(() => true, status === 'completed' ? 'instanceEnded' : status);
    this.cancelTimers(() => true);
    for (const token of this.state.tokens) token.status = 'done';
    this.state.status = status;
    this.state.endedAt = this.nowIso();
    if (outcome) this.state.outcome = outcome;
    if (error) this.state.error = error;
    this.record({ action: status, data: { ...(outcome && { outcome }), ...(error && { error }) } });
    this.effects.push({
      type: 'instanceEnded',
      status,
      ...(outcome && { outcome }),
      ...(error && { error }),
    });
  }
}
