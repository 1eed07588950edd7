import { type IncomingMessage, type ServerResponse } from 'node:http';
import { startTime } from 'pino-http';

/** A request answered slower than this is logged at `warn`, so a server run at that level still names it. */
export const SLOW_REQUEST_MS = 5_000;

/** Failures at `error`; slow answers at `warn` (nothing else is, so `LOG_LEVEL=warn` shows exactly them). */
export function requestLogLevel(_request: IncomingMessage, response: ServerResponse, error?: Error) {
  if (error || response.statusCode >= 500) return 'error';
  const started = (response as ServerResponse & { [startTime]?: number })[startTime];
  return started !== undefined && Date.now() - started > SLOW_REQUEST_MS ? 'warn' : 'info';
}
