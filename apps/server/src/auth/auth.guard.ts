import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request } from 'express';
import { ApiKeyAuthenticator, type RequestInfo } from '../api-keys/services/api-key-authenticator.service';
import { type ApiKeyRouteAccess } from '../api-keys/utils/api-key-scopes';
import { AppError } from '../common/errors/app-error';
import { type WorkspaceRole } from '../workspaces/workspace-member.entity';
import { API_KEY_ACCESS, type AuthContext, IS_PUBLIC, REQUIRED_ROLE } from './auth-context';
import { AuthService } from './auth.service';

/**
 * Global guard: every route needs a valid access token or API key unless marked @Public(). Then, in this
 * order: the API key's scopes for the route, and the workspace role the route requires — one path for
 * people and keys.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { auth?: AuthContext }>();
    const info: RequestInfo = { ip: request.ip ?? 'unknown', method: request.method, path: request.path };
    const auth = await this.auth.authenticateRequest(request.headers, info);
    request.auth = auth;

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
}
