import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { startTime } from 'pino-http';
import { requestLogLevel, SLOW_REQUEST_MS } from './request-log-level';

/** A real response object, answered `status`, whose request pino-http saw start `ageMs` ago. */
function answered(status: number, ageMs: number): [IncomingMessage, ServerResponse] {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  response.statusCode = status;
  (response as unknown as Record<symbol, number>)[startTime] = Date.now() - ageMs;
  return [request, response];
}

describe('requestLogLevel', () => {
  it('logs ordinary answers, refusals included, at info', () => {
    expect(requestLogLevel(...answered(200, 20))).toBe('info');
    expect(requestLogLevel(...answered(409, 20))).toBe('info');
  });

  it('logs an answer slower than the limit at warn, so a server run at warn names it', () => {
    expect(requestLogLevel(...answered(200, SLOW_REQUEST_MS + 1_000))).toBe('warn');
    expect(requestLogLevel(...answered(200, SLOW_REQUEST_MS - 1_000))).toBe('info');
  });

  it('logs failures at error, however fast', () => {
    expect(requestLogLevel(...answered(500, 5))).toBe('error');
    expect(requestLogLevel(...answered(200, 5), new Error('socket hang up'))).toBe('error');
  });
});
