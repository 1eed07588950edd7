// The runtime API. Each command works on a copy of the state and commits it only when it succeeds, so a
// refused command (a typed FlowEngineError) leaves the instance as it was. Commands are queued one at a
// time per runtime; across processes the host serializes them (a row lock on the instance).
//
// That copy is the only one a command makes: the state given to `recover` and the state a command answers
// are the runtime's own from then on, read but never changed (a host stores them, compares them).
import { type FlowDefinition } from '@lowcode/app-model';
import { FlowEngineError } from '../errors';
import {
  type AddSignerInput,
  type CompleteTaskInput,
  type FlowEnvironment,
  type FlowInstanceState,
  type RuntimeOptions,
  type StartInput,
  type StepResult,
  type TransferTaskInput,
} from '../types';
import { addSigner, completeTask, fireTimer, transferTask } from './commands';
import { Execution, SYSTEM_ACTOR } from './execution';
import { compileFlow, type RuntimeSetup } from './setup';

export interface FlowRuntime {
  readonly definition: FlowDefinition;
  start(input: StartInput): Promise<StepResult>;
  completeTask(taskId: string, input: CompleteTaskInput): Promise<StepResult>;
  transferTask(taskId: string, input: TransferTaskInput): Promise<StepResult>;
  addSigner(taskId: string, input: AddSignerInput): Promise<StepResult>;
  fireTimer(timerId: string): Promise<StepResult>;
  /** The starter takes the request back while nobody has acted on it yet. */
  withdraw(actor: string): Promise<StepResult>;
  /** An administrator stops the instance (the host checks the permission). */
  cancel(actor: string, reason?: string): Promise<StepResult>;
  /** A copy of the current state, the caller's to change. */
  getState(): FlowInstanceState;
  /** Continues from a stored state, which the runtime keeps and reads: not to be changed afterwards. */
  recover(state: FlowInstanceState): void;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function createFlowRuntime(
  definition: FlowDefinition,
  env: FlowEnvironment,
  options: RuntimeOptions = {},
): FlowRuntime {
  const setup: RuntimeSetup = {
    definition,
    flow: compileFlow(definition),
    env,
    options,
    version: options.version ?? 1,
  };
  let current: FlowInstanceState | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const running = (): FlowInstanceState => {
    if (!current) throw new FlowEngineError('instanceNotRunning', 'No instance: call start or recover first');
    if (current.status !== 'running')
      throw new FlowEngineError('instanceNotRunning', `The instance is ${current.status}`, {
        status: current.status,
      });
    return current;
  };

  /** Runs one command on a copy of the state; commits state and returns effects only if it succeeds. */
  function command(
    actor: string,
    body: (exec: Execution) => Promise<void>,
    from?: () => FlowInstanceState,
  ): Promise<StepResult> {
    const next = queue.then(async () => {
      const exec = new Execution(setup, copy(from ? from() : running()), actor);
      await body(exec);
      await exec.run();
      exec.state.tokens = exec.state.tokens.filter((token) => token.status !== 'done');
      exec.forgetClosedBranches();
      current = exec.state;
      return { state: current, effects: exec.effects, transitions: exec.transitions };
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    definition,
    start(input) {
      const fresh = (): FlowInstanceState => {
        const now = env.now().toISOString();
        return {
          id: input.instanceId ?? env.newId(),
          flowKey: definition.key,
          flowVersion: setup.version,
          status: 'running',
          startedBy: input.actor,
          startedAt: now,
          record: copy(input.record),
          variables: copy(input.variables ?? {}),
          tokens: [
            { id: env.newId(), nodeKey: setup.flow.start.key, status: 'active', arrivedAt: now, splits: [] },
          ],
          tasks: [],
          timers: [],
          seq: 0,
          visits: [],
        };
      };
      return command(
        input.actor,
        async (exec) => {
          exec.recordAct({
            tokenId: exec.state.tokens[0]?.id,
            toNode: setup.flow.start.key,
            action: 'start',
            branch: [],
          });
        },
        fresh,
      );
    },
    completeTask: (taskId, input) => command(input.actor, (exec) => completeTask(exec, taskId, input)),
    transferTask: (taskId, input) => command(input.actor, async (exec) => transferTask(exec, taskId, input)),
    addSigner: (taskId, input) => command(input.actor, async (exec) => addSigner(exec, taskId, input)),
    fireTimer(timerId) {
      // A job queue may deliver a timer after the instance ended: nothing to do, and not an error.
      if (current && current.status !== 'running')
        return Promise.resolve({ state: current, effects: [], transitions: [] });
      return command(SYSTEM_ACTOR, (exec) => fireTimer(exec, timerId));
    },
    withdraw: (actor) =>
      command(actor, async (exec) => {
        const refusal = withdrawRefusal(exec.state, actor);
        if (refusal) throw new FlowEngineError('withdrawNotAllowed', refusal);
        exec.recordAct({ action: 'withdraw' });
        exec.finish('cancelled', 'withdrawn');
      }),
    cancel: (actor, reason) =>
      command(actor, async (exec) => {
        exec.recordAct({ action: 'cancel', ...(reason && { data: { reason } }) });
        exec.finish('cancelled');
      }),
    getState: () => {
      if (!current)
        throw new FlowEngineError('instanceNotRunning', 'No instance: call start or recover first');
      return copy(current);
    },
    recover(state) {
      if (state.flowKey !== definition.key || state.flowVersion !== setup.version)
        throw new FlowEngineError(
          'versionMismatch',
          `State of ${state.flowKey}@${state.flowVersion} given to ${definition.key}@${setup.version}`,
        );
      if (
        !Array.isArray(state.tokens) ||
        !Array.isArray(state.tasks) ||
        !Array.isArray(state.timers) ||
        !Number.isInteger(state.seq) ||
        !Array.isArray(state.visits)
      )
        throw new FlowEngineError('invalidState', 'Not a flow instance state');
      for (const token of state.tokens)
        if (!setup.flow.hasNode(token.nodeKey))
          throw new FlowEngineError('invalidState', `Token at unknown node "${token.nodeKey}"`);
      current = state;
    },
  };
}

/**
 * Why `actor` may not withdraw the instance, or undefined when they may: only its starter, and only while
 * nobody has acted on any of its tasks. Hosts ask it to show the withdraw button only when it will work.
 */
export function withdrawRefusal(state: FlowInstanceState, actor: string): string | undefined {
  if (state.status !== 'running') return 'The instance is no longer running';
  if (state.startedBy !== actor) return 'Only the starter may withdraw the instance';
  if (state.tasks.some((task) => Object.keys(task.decisions).length > 0))
    return 'Someone has already acted on this instance';
  return undefined;
}
