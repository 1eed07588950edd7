import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { AppError, type ErrorDetail } from '../errors/app-error';
import { type ErrorCode, errorMessage } from '../errors/error-codes';
import { bodyRefusalOf } from './json-body';
import { localeFromHeader } from './locale';

interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[]; current?: unknown };
}

/**
 * Maps every error to the one response shape `{ error: { code, message, details } }`, localized by the
 * request's Accept-Language. Unknown errors become a 500 without internals; they are logged instead.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const locale = localeFromHeader(request.headers['accept-language']);
    const appError = toAppError(exception);
    if (appError.code === 'INTERNAL') this.logger.error(exception);

    const body: ErrorBody = {
      error: {
        code: appError.code,
        message: errorMessage(appError.code, locale, appError.params),
        details: appError.details,
      },
    };
    if (appError.current !== undefined) body.error.current = appError.current;
    response.status(appError.status).json(body);
  }
}

function toAppError(exception: unknown): AppError {
  if (exception instanceof AppError) return exception;
  const bodyParserType = (exception as { type?: unknown } | null)?.type;
  const refusal = bodyRefusalOf(exception);
  if (refusal) return refusal;
  if (bodyParserType === 'entity.parse.failed') return new AppError('MALFORMED_JSON');
  if (bodyParserType === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE');
  if (exception instanceof HttpException) return fromHttpException(exception);
  return new AppError('INTERNAL');
}

/** Nest's own exceptions (unknown route, body-parser errors it wraps) mapped onto our codes. */
function fromHttpException(exception: HttpException): AppError {
  const status = exception.getStatus();
  const cause = exception.cause as { type?: unknown } | undefined;
  if (cause?.type === 'entity.parse.failed' || exception.message.includes('JSON')) {
    if (status === 400) return new AppError('MALFORMED_JSON');
  }
  const byStatus: Partial<Record<number, ErrorCode>> = {
    400: 'VALIDATION_FAILED',
    401: 'AUTH_REQUIRED',
    403: 'FORBIDDEN',
    404: 'ROUTE_NOT_FOUND',
    413: 'PAYLOAD_TOO_LARGE',
    429: 'TOO_MANY_REQUESTS',
  };
  const code = byStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
  const details = status === 400 ? [{ path: '', message: exception.message }] : [];
  return new AppError(code, {}, details);
}
