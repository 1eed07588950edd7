import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { type AuthContext } from '../../auth/auth-context';
import { AppError } from '../../common/errors/app-error';
import { type ApiKeyRouteAccess, hasAdminScope, routeRefusal } from '../utils/api-key-scopes';
import { parseApiKey, secretMatches } from '../utils/api-key-secret';

/** Where a request came from, for the audit entry of a refused key (never its headers). */
export interface RequestInfo {
  ip: string;
  method: string;
  path: string;
}

interface KeyRow {
  id: string;
  workspace_id: string;
  principal_id: string;
  name: string;
  scopes: string[];
  secret_hash: string;
  revoked: boolean;
  expired: boolean;
  creator_admin: boolean;
}

type DenyReason = 'secret' | 'revoked' | 'expired' | 'creatorNotAdmin' | 'scope' | 'notAllowed';

// A misconfigured integration retries all day: one audit entry per key, reason and scope a minute is enough.
const DENIAL_AUDIT_INTERVAL_MS = 60_000;

/**
 * Turns `lck_…` into the principal the rest of the server sees, and decides whether a key may call a route.
 * The key acts with its creator's rights, so the creator must still be an active admin of the workspace;
 * its scopes then cut those rights down (docs/security.md). Every refusal of a known key is audited.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly lastDenialAudit = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async authenticate(token: string, request: RequestInfo): Promise<AuthContext> {
    const parsed = parseApiKey(token);
    if (!parsed) throw new AppError('API_KEY_INVALID');
    const [row] = (await this.dataSource.query(
      `SELECT k.id, k.workspace_id, k.principal_id, k.name, k.scopes, k.secret_hash,
              k.revoked_at IS NOT NULL AS revoked,
              k.expires_at IS NOT NULL AND k.expires_at <= now() AS expired,
              coalesce(m.role = 'admin' AND u.is_active, false) AS creator_admin
         FROM api_key k
         LEFT JOIN workspace_member m ON m.workspace_id = k.workspace_id AND m.user_id = k.created_by
         LEFT JOIN app_user u ON u.id = k.created_by
        WHERE k.id = $1`,
      [parsed.id],
    )) as KeyRow[];
    if (!row) throw new AppError('API_KEY_INVALID');
    // The secret first: whoever does not hold it learns nothing about the key's state.
    const reason: DenyReason | undefined = !secretMatches(parsed.secret, row.secret_hash)
      ? 'secret'
      : row.revoked
        ? 'revoked'
        : row.expired
          ? 'expired'
          : !row.creator_admin
            ? 'creatorNotAdmin'
            : undefined;
    if (reason) {
      await this.auditDenial(row, reason, request);
      throw new AppError('API_KEY_INVALID');
    }
    await this.dataSource.query(
      `UPDATE api_key SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [row.id],
    );
    return {
      userId: row.principal_id,
      workspaceId: row.workspace_id,
      // Only an admin key holds the workspace role every admin check reads; any other key is no member.
      role: hasAdminScope(row.scopes) ? 'admin' : 'member',
      isSystemAdmin: false,
      appRoles: [],
      attributes: {},
      apiKey: { id: row.id, name: row.name, scopes: row.scopes },
    };
  }

  /** Refuses (and audits) a route the key's scopes do not open. */
  async authorizeRoute(
    auth: AuthContext,
    access: ApiKeyRouteAccess | undefined,
    app: string | undefined,
    request: RequestInfo,
  ): Promise<void> {
    if (!auth.apiKey) return;
    const refusal = routeRefusal(auth.apiKey.scopes, access, app);
    if (!refusal) return;
    const key = {
      id: auth.apiKey.id,
      workspace_id: auth.workspaceId,
      principal_id: auth.userId,
      name: auth.apiKey.name,
    };
    if (refusal.code === 'API_KEY_NOT_ALLOWED') {
      await this.auditDenial(key, 'notAllowed', request);
      throw new AppError('API_KEY_NOT_ALLOWED');
    }
    await this.auditDenial(key, 'scope', request, refusal.scope);
    throw new AppError('API_KEY_SCOPE_DENIED', { scope: refusal.scope }, [
      { path: 'scopes', message: `the key needs "${refusal.scope}"` },
    ]);
  }

  private async auditDenial(
    key: Pick<KeyRow, 'id' | 'workspace_id' | 'principal_id' | 'name'>,
    reason: DenyReason,
    request: RequestInfo,
    scope?: string,
  ): Promise<void> {
    const dedupe = `${key.id}:${reason}:${scope ?? ''}`;
    const now = Date.now();
    if (now - (this.lastDenialAudit.get(dedupe) ?? 0) < DENIAL_AUDIT_INTERVAL_MS) return;
    if (this.lastDenialAudit.size > 10_000) this.lastDenialAudit.clear();
    this.lastDenialAudit.set(dedupe, now);
    await this.audit.record({
      workspaceId: key.workspace_id,
      actorId: key.principal_id,
      action: 'apiKey.denied',
      target: key.name,
      details: {
        keyId: key.id,
        reason,
        method: request.method,
        path: request.path,
        ...(scope ? { scope } : {}),
      },
      ip: request.ip,
    });
  }
}
