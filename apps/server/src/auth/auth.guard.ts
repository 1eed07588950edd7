import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request, type Response } from 'express';
import { ApiKeyAuthenticator, type RequestInfo } from '../api-keys/services/api-key-authenticator.service';
import { type ApiKeyRouteAccess } from '../api-keys/utils/api-key-scopes';
import { AppError } from '../common/errors/app-error';
import { type RateLimitSubject } from '../config/server-config';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { type WorkspaceRole } from '../workspaces/workspace-member.entity';
import { API_KEY_ACCESS, type AuthContext, IS_PUBLIC, REQUIRED_ROLE, SKIP_RATE_LIMIT } from './auth-context';
import { AuthService } from './auth.service';

/**
 * Global guard: every route needs a valid access token or API key unless marked @Public(). Then, in this
 * order: the caller's rate limit (per key, per user, or per address without valid credentials), the API
 * key's scopes for the route, and the workspace role the route requires — one path for people and keys.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request & { auth?: AuthContext }>();
    const response = context.switchToHttp().getResponse<Response>();
    const limit = this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT, targets)
      ? async () => undefined
      : (subject: RateLimitSubject, id: string) => this.limit(response, subject, id);
    const info: RequestInfo = { ip: request.ip ?? 'unknown', method: request.method, path: request.path };

    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      await limit('anonymous', info.ip);
      return true;
    }
    try {
      request.auth = await this.auth.authenticateRequest(request.headers, info);
    } catch (error) {
      // Failed credentials count against the address, so guessing keys or tokens is throttled too.
      await limit('anonymous', info.ip);
      throw error;
    }
    const auth = request.auth;
    await (auth.apiKey ? limit('apiKey', auth.apiKey.id) : limit('user', auth.userId));

    if (auth.apiKey) {
      const access = this.reflector.getAllAndOverride<ApiKeyRouteAccess | undefined>(API_KEY_ACCESS, targets);
      const appParam = access && access !== 'never' ? access.appParam : 'app';
      const app = (request.params as Record<string, string | undefined>)[appParam];
      await this.apiKeys.authorizeRoute(auth, access, app, info);
    }

    const requiredRole = this.reflector.getAllAndOverride<WorkspaceRole | undefined>(REQUIRED_ROLE, targets);
    if (requiredRole === 'admin' && auth.role !== 'admin') throw new AppError('FORBIDDEN');
    return true;
  }

  private async limit(response: Response, subject: RateLimitSubject, id: string): Promise<void> {
    const decision = await this.rateLimiter.take(subject, id);
    if (decision.allowed) return;
    response.setHeader('Retry-After', String(decision.retryAfterSeconds));
    throw new AppError('RATE_LIMITED', { retryAfter: decision.retryAfterSeconds });
  }
}
