// The flow engine's refusals mapped once onto the API's error codes; each names the request field at fault.
import { FlowEngineError, type FlowErrorCode } from '@lowcode/flow-engine';
import { AppError } from '../common/errors/app-error';
import { type ErrorCode } from '../common/errors/error-codes';

const ENGINE_ERRORS: { [K in FlowErrorCode]: { code: ErrorCode; path?: string } } = {
  instanceNotRunning: { code: 'FLOW_INSTANCE_CONFLICT' },
  taskNotFound: { code: 'TASK_NOT_FOUND' },
  taskClosed: { code: 'TASK_CONFLICT' },
  notAssignee: { code: 'FORBIDDEN' },
  alreadyDecided: { code: 'TASK_CONFLICT' },
  invalidDecision: { code: 'FLOW_COMMAND_INVALID', path: 'decision' },
  returnNotAllowed: { code: 'FLOW_COMMAND_INVALID', path: 'returnTo' },
  returnTargetInvalid: { code: 'FLOW_COMMAND_INVALID', path: 'returnTo' },
  transferNotAllowed: { code: 'FLOW_COMMAND_INVALID', path: 'to' },
  addSignerNotAllowed: { code: 'FLOW_COMMAND_INVALID', path: 'users' },
  fieldNotEditable: { code: 'FLOW_COMMAND_INVALID', path: 'data' },
  fieldRequired: { code: 'RECORD_INVALID', path: 'data' },
  withdrawNotAllowed: { code: 'FORBIDDEN' },
  versionMismatch: { code: 'FLOW_INSTANCE_CONFLICT' },
  invalidState: { code: 'FLOW_INSTANCE_CONFLICT' },
  invalidDefinition: { code: 'FLOW_COMMAND_INVALID' },
  bpmnUnsupported: { code: 'FLOW_COMMAND_INVALID' },
  bpmnInvalid: { code: 'FLOW_COMMAND_INVALID' },
};

/** An engine refusal as an AppError (4xx); anything else is rethrown unchanged. */
export function toFlowAppError(error: unknown): unknown {
  if (!(error instanceof FlowEngineError)) return error;
  const { code, path } = ENGINE_ERRORS[error.code];
  const fields = Array.isArray(error.details.fields) ? (error.details.fields as string[]) : undefined;
  const details = fields
    ? fields.map((field) => ({ path: `data.${field}`, message: error.message }))
    : path
      ? [{ path, message: error.message }]
      : [];
  // `count` for the messages that say how many values are at fault (RECORD_INVALID).
  return new AppError(code, { reason: error.message, count: details.length }, details);
}

/** Runs an engine command, turning its refusals into API errors. */
export async function engineCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toFlowAppError(error);
  }
}
