import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request } from 'express';
import { AppError } from '../common/errors/app-error';
import { type WorkspaceRole } from '../workspaces/workspace-member.entity';
import { type AuthContext, IS_PUBLIC, REQUIRED_ROLE } from './auth-context';
import { AuthService } from './auth.service';

/** Global guard: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { auth?: AuthContext }>();
    request.auth = await this.auth.authenticateHeader(request.headers.authorization);

    const requiredRole = this.reflector.getAllAndOverride<WorkspaceRole | undefined>(REQUIRED_ROLE, targets);
    if (requiredRole === 'admin' && request.auth.role !== 'admin') throw new AppError('FORBIDDEN');
    return true;
  }
}
