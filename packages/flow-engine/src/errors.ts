// The errors the runtime throws for commands it refuses. Each code maps once to an HTTP status in the
// server adapter (409 for a task or instance that moved on, 403 for the wrong user, 400 for bad input).
export const FLOW_ERROR_CODES = {
  instanceNotRunning: 409,
  taskNotFound: 404,
  taskClosed: 409,
  notAssignee: 403,
  alreadyDecided: 409,
  invalidDecision: 400,
  returnNotAllowed: 400,
  returnTargetInvalid: 400,
  transferNotAllowed: 400,
  addSignerNotAllowed: 400,
  fieldNotEditable: 400,
  fieldRequired: 400,
  withdrawNotAllowed: 403,
  versionMismatch: 409,
  invalidState: 400,
  invalidDefinition: 400,
  bpmnUnsupported: 400,
  bpmnInvalid: 400,
} as const;

export type FlowErrorCode = keyof typeof FLOW_ERROR_CODES;

export class FlowEngineError extends Error {
  override readonly name = 'FlowEngineError';

  constructor(
    readonly code: FlowErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The HTTP status the host should answer with. */
  get status(): number {
    return FLOW_ERROR_CODES[this.code];
  }
}
