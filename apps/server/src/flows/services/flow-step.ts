// What one step of an instance knows about where it runs, shared by the runner and the effect executor.
import { type FlowDefinition } from '@lowcode/app-model';
import { type Effect } from '@lowcode/flow-engine';
import { type EntityManager } from 'typeorm';
import { type AssigneeScope } from './flow-assignees.service';

/** A socket push, made only once the step's transaction has committed. */
export type Push = () => void;

export interface StepScope extends AssigneeScope {
  instanceId: string;
  revision: number;
  flow: FlowDefinition;
  recordId: string | null;
  /** The user id behind the step, or `system` for timers and triggers without a person. */
  actor: string;
  /** The clock's time for the whole step. */
  now: Date;
  /** The app's current revision, when the step read the app's row (and the app has its storage). */
  currentRevision?: number;
}

/** Starts a sub-flow from inside a step (the runner provides it; effects cannot depend on the runner). */
export type SubFlowStarter = (
  manager: EntityManager,
  scope: StepScope,
  effect: Extract<Effect, { type: 'startSubFlow' }>,
) => Promise<Push[]>;

export const TIMER_QUEUE = 'flow.timer';
export const WEBHOOK_QUEUE = 'flow.webhook';
export const START_QUEUE = 'flow.start';
export const timerJobKey = (instanceId: string, timerId: string) => `${instanceId}:${timerId}`;
