import { createHash, randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { type WorkspaceRole } from '../workspaces/workspace-member.entity';
import { WorkspacesService, type WorkspaceMembership } from '../workspaces/workspaces.service';
import { type AccessTokenPayload, type AuthContext, memberContext } from './auth-context';
import { AuditService } from '../audit/audit.service';
import { ApiKeyAuthenticator, type RequestInfo } from '../api-keys/services/api-key-authenticator.service';
import { type ApiKeyRouteAccess } from '../api-keys/utils/api-key-scopes';
import { API_KEY_PREFIX } from '../api-keys/utils/api-key-secret';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './password';
import { RefreshToken } from './refresh-token.entity';

/** Who is logged in where: what /auth/me answers and every token response carries. */
export interface Session {
  user: { id: string; username: string; displayName: string; isSystemAdmin: boolean };
  workspace: { id: string; slug: string; name: string };
  role: WorkspaceRole;
}

export interface SessionTokens extends Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

// Compared against when the user does not exist, so a wrong username costs as long as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly workspaces: WorkspacesService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly audit: AuditService,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {
    this.throttle = new LoginThrottle(dataSource);
  }

  async login(
    username: string,
    password: string,
    workspaceSlug?: string,
    ip = 'unknown',
  ): Promise<SessionTokens> {
    await this.throttle.check(username, ip);
    const user = await this.users.findByUsernameWithPassword(username);
    const passwordMatches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !passwordMatches || !user.isActive) {
      await this.throttle.failed(username, ip);
      await this.audit.record({
        workspaceId: null,
        actorId: user?.id ?? null,
        action: 'auth.loginFailed',
        target: username,
        ip,
      });
      throw new AppError('AUTH_INVALID_CREDENTIALS');
    }
    await this.throttle.succeeded(username, ip);

    const memberships = await this.workspaces.membershipsOf(user.id);
    const membership = workspaceSlug
      ? memberships.find((candidate) => candidate.workspace.slug === workspaceSlug)
      : memberships[0];
    if (!membership) throw new AppError('FORBIDDEN');
    await this.audit.record({
      workspaceId: membership.workspace.id,
      actorId: user.id,
      action: 'auth.login',
      ip,
    });
    return this.issueTokens(toSession(user, membership));
  }

  /** Exchanges a refresh token for a new pair; the old one is revoked atomically, so it works once. */
  async refresh(refreshToken: string): Promise<SessionTokens> {
    // For an UPDATE … RETURNING, TypeORM's postgres driver answers [rows, affectedCount].
    const [revoked] = (await this.dataSource.query(
      `UPDATE refresh_token SET revoked_at = now()
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id AS "userId", workspace_id AS "workspaceId"`,
      [hashToken(refreshToken)],
    )) as [Pick<RefreshToken, 'userId' | 'workspaceId'>[], number];
    const previous = revoked[0];
    if (!previous) throw new AppError('AUTH_TOKEN_INVALID');
    return this.switchWorkspace(previous.userId, previous.workspaceId);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.dataSource
      .getRepository(RefreshToken)
      .update({ tokenHash: hashToken(refreshToken), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async switchWorkspace(userId: string, workspaceId: string): Promise<SessionTokens> {
    return this.issueTokens(await this.session(userId, workspaceId));
  }

  /** The user's current standing in a workspace; fails if they left it or were deactivated. */
  async session(userId: string, workspaceId: string): Promise<Session> {
    const user = await this.users.findActiveById(userId);
    const membership = (await this.workspaces.membershipsOf(userId)).find(
      (candidate) => candidate.workspace.id === workspaceId,
    );
    if (!user || !membership) throw new AppError('AUTH_TOKEN_INVALID');
    return toSession(user, membership);
  }

  /**
   * The caller a request's credentials name: `Authorization: Bearer <access token | lck_…>`, or
   * `X-API-Key: lck_…` (Authorization wins when both are sent). Also for routes that accept credentials
   * optionally (file downloads, which also take signed links).
   */
  async authenticateRequest(headers: IncomingHttpHeaders, request: RequestInfo): Promise<AuthContext> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    const apiKeyHeader = headers['x-api-key'];
    const token = bearer ?? (typeof apiKeyHeader === 'string' ? apiKeyHeader.trim() : undefined);
    if (!token) throw new AppError('AUTH_REQUIRED');
    if (token.startsWith(API_KEY_PREFIX)) return this.apiKeys.authenticate(token, request);
    if (!bearer) throw new AppError('API_KEY_INVALID');
    return this.authenticate(token);
  }

  /** For a public route that also takes credentials: what the guard does, with the route's key scopes. */
  async authenticateOptionalRoute(
    headers: IncomingHttpHeaders,
    request: RequestInfo,
    access: ApiKeyRouteAccess,
  ): Promise<AuthContext> {
    const auth = await this.authenticateRequest(headers, request);
    await this.apiKeys.authorizeRoute(auth, access, undefined, request);
    return auth;
  }

  /**
   * Verifies an access token and re-reads the membership, so a removed member or a changed role takes
   * effect at once rather than when the token expires.
   */
  async authenticate(accessToken: string): Promise<AuthContext> {
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(accessToken, { algorithms: ['HS256'] });
    } catch {
      throw new AppError('AUTH_TOKEN_INVALID');
    }
    const member = await memberContext(
      (sql, params) => this.dataSource.query(sql, params),
      payload.wid,
      payload.sub,
    );
    if (!member) throw new AppError('AUTH_TOKEN_INVALID');
    return member;
  }

  private async issueTokens(session: Session): Promise<SessionTokens> {
    const payload: AccessTokenPayload = {
      sub: session.user.id,
      wid: session.workspace.id,
      role: session.role,
      sys: session.user.isSystemAdmin,
    };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.accessTokenTtlSeconds });
    const refreshToken = randomBytes(32).toString('base64url');
    await this.dataSource.getRepository(RefreshToken).insert({
      userId: session.user.id,
      workspaceId: session.workspace.id,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
    });
    return { accessToken, refreshToken, expiresIn: this.config.accessTokenTtlSeconds, ...session };
  }
}

function toSession(user: User, membership: WorkspaceMembership): Session {
  const { id, username, displayName, isSystemAdmin } = user;
  return {
    user: { id, username, displayName, isSystemAdmin },
    workspace: membership.workspace,
    role: membership.role,
  };
}

/** Refresh tokens are random 256-bit values, so a plain SHA-256 is enough to make a stolen table useless. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
