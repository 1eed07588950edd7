import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export type AuditAction =
  | 'auth.login'
  | 'auth.loginFailed'
  | 'app.imported'
  | 'app.deleted'
  | 'template.installed'
  | 'records.exported'
  | 'records.imported'
  | 'workspace.created'
  | 'user.created'
  | 'member.added'
  | 'member.updated'
  | 'member.removed'
  | 'member.password_reset'
  | 'apiKey.created'
  | 'apiKey.revoked'
  | 'apiKey.denied'
  | 'department.created'
  | 'department.updated'
  | 'department.deleted';

export interface AuditEntry {
  workspaceId: string | null;
  actorId: string | null;
  action: AuditAction;
  target?: string;
  details?: Record<string, unknown>;
  ip?: string;
}

export interface AuditQuery {
  action?: string;
  actorId?: string;
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

/** The append-only audit log; written in the caller's transaction when one is passed. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_event (workspace_id, actor_id, action, target, details, ip) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
      [
        entry.workspaceId,
        entry.actorId,
        entry.action,
        entry.target ?? null,
        JSON.stringify(entry.details ?? {}),
        entry.ip ?? null,
      ],
    );
    this.logger.log({ audit: entry.action, target: entry.target, actor: entry.actorId });
  }

  /** Newest first, in pages: pass the last id seen as `before` for the next page. */
  async search(workspaceId: string, query: AuditQuery) {
    const conditions = ['e.workspace_id = $1'];
    const params: unknown[] = [workspaceId];
    const add = (condition: string, value: unknown) => {
      params.push(value);
      conditions.push(condition.replace('?', `$${params.length}`));
    };
    if (query.action) add('e.action = ?', query.action);
    if (query.actorId) add('e.actor_id = ?::uuid', query.actorId);
    if (query.from) add('e.at >= ?::timestamptz', query.from);
    if (query.to) add('e.at < ?::timestamptz', query.to);
    if (query.before) add('e.id < ?', query.before);
    params.push(query.limit);
    const rows: { id: string; at: Date; actor_name: string | null }[] = await this.dataSource.query(
      `SELECT e.id, e.action, e.target, e.details, e.ip, e.at, e.actor_id AS "actorId", u.display_name AS actor_name
         FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE ${conditions.join(' AND ')} ORDER BY e.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(({ actor_name, ...row }) => ({
      ...row,
      id: Number(row.id),
      at: row.at.toISOString(),
      actorName: actor_name,
    }));
  }
}
