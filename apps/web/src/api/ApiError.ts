import type { ErrorBody, ErrorDetail } from './types';

/** Codes the client makes up itself when the server never answered with its error shape. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR',
  unexpectedResponse: 'UNEXPECTED_RESPONSE',
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** The stored state on a conflict (409), e.g. the current record for RECORD_VERSION_CONFLICT. */
    readonly current?: unknown,
  ) {
    super(message);
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/**
 * Builds the ApiError for a failed response. A proxy or a crashed server may answer with HTML or nothing at all;
 * that still becomes an ApiError so callers handle one type.
 */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) {
    const { code, message, details, current } = body.error;
    return new ApiError(response.status, code, message, Array.isArray(details) ? details : [], current);
  }
  return new ApiError(
    response.status,
    CLIENT_ERROR_CODES.unexpectedResponse,
    `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
  );
}
