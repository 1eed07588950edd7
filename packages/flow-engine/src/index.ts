// Public API of @lowcode/flow-engine: the framework-free interpreter of app-definition flows. It performs
// no I/O: the host passes an environment in and executes the effects that come out, in one transaction.
export { SYSTEM_ACTOR } from './runtime/execution';
export { createFlowRuntime, withdrawRefusal, type FlowRuntime } from './runtime/runtime';
export type {
  AddSignerInput,
  AssigneeContext,
  AssigneeDecision,
  CommentAudience,
  CompleteTaskInput,
  Effect,
  EffectType,
  FlowEnvironment,
  FlowInstanceState,
  InstanceOutcome,
  InstanceStatus,
  NotifyReason,
  RuntimeOptions,
  SplitFrame,
  StartInput,
  StepResult,
  TaskDecision,
  TaskKind,
  TaskMode,
  TaskState,
  TimerKind,
  TimerState,
  Token,
  TransferTaskInput,
  Transition,
  Visit,
} from './types';
export type {
  ActionEffect,
  Decision,
  HandlerContext,
  NodeHandler,
  NodeHandlers,
  NodeOfType,
  ResumeEvent,
  TaskRequest,
} from './handlers/contract';
export { NODE_HANDLERS, handlerFor } from './handlers/registry';
export { validateFlow } from './validate';
export { type Problem, type ProblemCode, type ProblemSeverity } from './problems';
export { FlowEngineError, FLOW_ERROR_CODES, type FlowErrorCode } from './errors';
export { createGuardedEvaluator, assertSafeLogic, isTruthy } from './logic';
export { addDuration, parseDuration, isDuration, type ParsedDuration } from './duration';
export { toBpmnXml } from './bpmn/to-bpmn';
export { fromBpmnXml } from './bpmn/from-bpmn';
