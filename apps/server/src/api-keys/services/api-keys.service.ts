import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { type CreateApiKeyDto } from '../dto/api-key.dto';
import { appsNamed, normalizeScopes } from '../utils/api-key-scopes';
import { displayPrefix, issueApiKey } from '../utils/api-key-secret';

/** A key as lists show it: never its secret, nor the secret's hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** `lck_` and the start of the id, to match a key with the integration that holds it. */
  prefix: string;
  scopes: string[];
  status: 'active' | 'expired' | 'revoked';
  /** The id records, flow tracks and the audit log name as the actor of what the key did. */
  principalId: string;
  createdAt: string;
  createdBy: { id: string; displayName: string } | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Answered once, at creation: the only time the secret exists outside the integration that holds it. */
export interface CreatedApiKey extends ApiKeyView {
  secret: string;
}

export interface KeyActor {
  userId: string;
  workspaceId: string;
  ip?: string;
}

interface KeyRow {
  id: string;
  name: string;
  scopes: string[];
  principal_id: string;
  created_at: Date;
  created_by: string | null;
  creator_name: string | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  expired: boolean;
}

const SELECT_KEYS = `SELECT k.id, k.name, k.scopes, k.principal_id, k.created_at, k.created_by,
    u.display_name AS creator_name, k.expires_at, k.last_used_at, k.revoked_at,
    k.expires_at IS NOT NULL AND k.expires_at <= now() AS expired
  FROM api_key k LEFT JOIN app_user u ON u.id = k.created_by`;

/** Workspace admins create, list and revoke API keys; every creation and revocation is audited. */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(workspaceId: string): Promise<ApiKeyView[]> {
    const rows = (await this.dataSource.query(
      `${SELECT_KEYS} WHERE k.workspace_id = $1 ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC, k.id`,
      [workspaceId],
    )) as KeyRow[];
    return rows.map(toView);
  }

  async create(actor: KeyActor, input: CreateApiKeyDto): Promise<CreatedApiKey> {
    const name = input.name.trim();
    if (!name) throw invalid('name', 'name must not be empty');
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now())
      throw invalid('expiresAt', 'expiresAt must be in the future');
    const scopes = normalizeScopes(input.scopes);
    const issued = issueApiKey();
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.checkApps(manager, actor.workspaceId, input.scopes);
        // The key's own principal: inactive, with no password and no membership, it can never sign in.
        await manager.query(
          `INSERT INTO app_user (id, username, display_name, password_hash, is_active)
           VALUES ($1, $2, $3, '!', false)`,
          [issued.id, `apikey:${issued.id}`, `apiKey:${name}`],
        );
        await manager.query(
          `INSERT INTO api_key (id, workspace_id, principal_id, name, scopes, secret_hash, created_by, expires_at)
           VALUES ($1, $2, $1, $3, $4, $5, $6, $7)`,
          [issued.id, actor.workspaceId, name, scopes, issued.secretHash, actor.userId, expiresAt],
        );
        await this.audit.record(
          {
            workspaceId: actor.workspaceId,
            actorId: actor.userId,
            action: 'apiKey.created',
            target: name,
            details: { keyId: issued.id, scopes, expiresAt: expiresAt?.toISOString() ?? null },
            ip: actor.ip,
          },
          manager,
        );
        return { ...(await this.get(manager, actor.workspaceId, issued.id)), secret: issued.token };
      });
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint === 'api_key_active_name_key'
      )
        throw new AppError('API_KEY_NAME_TAKEN', { name }, [
          { path: 'name', message: 'a key that is not revoked has this name' },
        ]);
      throw error;
    }
  }

  /** Stops the key at once (the next request answers 401); the row stays, so history keeps its name. */
  async revoke(actor: KeyActor, id: string): Promise<ApiKeyView> {
    return this.dataSource.transaction(async (manager) => {
      const [, revoked] = (await manager.query(
        `UPDATE api_key SET revoked_at = now(), revoked_by = $3
          WHERE id = $1 AND workspace_id = $2 AND revoked_at IS NULL RETURNING name`,
        [id, actor.workspaceId, actor.userId],
      )) as [{ name: string }[], number];
      const key = await this.get(manager, actor.workspaceId, id);
      if (revoked)
        await this.audit.record(
          {
            workspaceId: actor.workspaceId,
            actorId: actor.userId,
            action: 'apiKey.revoked',
            target: key.name,
            details: { keyId: id },
            ip: actor.ip,
          },
          manager,
        );
      return key;
    });
  }

  private async get(manager: EntityManager, workspaceId: string, id: string): Promise<ApiKeyView> {
    const [row] = (await manager.query(`${SELECT_KEYS} WHERE k.workspace_id = $1 AND k.id = $2`, [
      workspaceId,
      id,
    ])) as KeyRow[];
    // Another workspace's key answers as if it did not exist.
    if (!row) throw new AppError('API_KEY_NOT_FOUND');
    return toView(row);
  }

  /** A scope for one app must name an app of the workspace: a typo would otherwise grant nothing, silently. */
  private async checkApps(manager: EntityManager, workspaceId: string, scopes: string[]): Promise<void> {
    const named = appsNamed(scopes);
    if (!named.length) return;
    const rows = (await manager.query(
      'SELECT key FROM app WHERE workspace_id = $1 AND key = ANY($2::text[])',
      [workspaceId, named],
    )) as { key: string }[];
    const known = new Set(rows.map((row) => row.key));
    const index = scopes.findIndex((scope) => appsNamed([scope]).some((app) => !known.has(app)));
    if (index >= 0)
      throw new AppError('API_KEY_SCOPE_INVALID', { scope: scopes[index]! }, [
        { path: `scopes[${index}]`, message: `no app "${appsNamed([scopes[index]!])[0]}" in this workspace` },
      ]);
  }
}

function toView(row: KeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: displayPrefix(row.id),
    scopes: row.scopes,
    status: row.revoked_at ? 'revoked' : row.expired ? 'expired' : 'active',
    principalId: row.principal_id,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by ? { id: row.created_by, displayName: row.creator_name ?? '' } : null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', {}, [{ path, message }]);
}
