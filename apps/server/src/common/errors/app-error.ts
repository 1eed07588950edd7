import { type ErrorCode, ERROR_STATUS } from './error-codes';

export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * The one error type services throw. It carries a code (mapped once to an HTTP status and a localized
 * message by the exception filter) and optional per-field details.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details: ErrorDetail[] = [],
    /** The current state of a resource, returned with a conflict so the client can merge. */
    readonly current?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
