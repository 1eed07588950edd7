import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type LocalizedText } from '@lowcode/app-model';
import { type DataSource, type EntityManager } from 'typeorm';
import { RealtimeService } from '../realtime/realtime.service';

export interface NotificationInput {
  workspaceId: string;
  userIds: string[];
  appId?: string;
  title: LocalizedText;
  body?: LocalizedText;
  /** Where the notification leads in the web: `{ kind: 'record', entity, id }`, `{ kind: 'task', id }` … */
  link?: Record<string, unknown>;
  /** What caused it (rule and action keys, flow instance …), for the log and for tests. */
  source?: Record<string, unknown>;
  /** Per user, a notification with the same key is created once (retried jobs do not notify twice). */
  dedupeKey?: string;
}

export interface NotificationDto {
  id: string;
  title: LocalizedText;
  body: LocalizedText | null;
  link: Record<string, unknown> | null;
  appId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** In-app notifications: stored in the caller's transaction, pushed over socket.io once it commits. */
@Injectable()
export class NotificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly realtime: RealtimeService,
  ) {}

  /**
   * Stores one notification per user; returns the push to make after commit (the caller's transaction
   * decides whether they exist).
   */
  async create(manager: EntityManager, input: NotificationInput): Promise<() => void> {
    const users = [...new Set(input.userIds)];
    if (users.length === 0) return () => undefined;
    const rows = (await manager.query(
      `INSERT INTO notification (workspace_id, user_id, app_id, title, body, link, source, dedupe_key)
       SELECT $1, u.id, $2, $3, $4, $5, $6, CASE WHEN $7::text IS NULL THEN NULL ELSE $7 || ':' || u.id END
         FROM unnest($8::uuid[]) AS u (id)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, user_id, title, body, link, app_id, created_at`,
      [
        input.workspaceId,
        input.appId ?? null,
        JSON.stringify(input.title),
        input.body ? JSON.stringify(input.body) : null,
        input.link ? JSON.stringify(input.link) : null,
        JSON.stringify(input.source ?? {}),
        input.dedupeKey ?? null,
        users,
      ],
    )) as {
      id: string;
      user_id: string;
      title: LocalizedText;
      body: LocalizedText | null;
      link: NotificationDto['link'];
      app_id: string | null;
      created_at: Date;
    }[];
    return () => {
      for (const row of rows)
        this.realtime.toUser(row.user_id, 'notification.created', {
          id: row.id,
          title: row.title,
          body: row.body,
          link: row.link,
          appId: row.app_id,
          createdAt: row.created_at.toISOString(),
          readAt: null,
        } satisfies NotificationDto);
    };
  }

  async list(workspaceId: string, userId: string, unreadOnly: boolean): Promise<NotificationDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, title, body, link, app_id, created_at, read_at FROM notification
        WHERE workspace_id = $1 AND user_id = $2 AND ($3::boolean = false OR read_at IS NULL)
        ORDER BY id DESC LIMIT 100`,
      [workspaceId, userId, unreadOnly],
    )) as {
      id: string;
      title: LocalizedText;
      body: LocalizedText | null;
      link: NotificationDto['link'];
      app_id: string | null;
      created_at: Date;
      read_at: Date | null;
    }[];
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      body: row.body,
      link: row.link,
      appId: row.app_id,
      createdAt: row.created_at.toISOString(),
      readAt: row.read_at?.toISOString() ?? null,
    }));
  }

  async markRead(workspaceId: string, userId: string, ids: string[] | 'all'): Promise<number> {
    const result = (await this.dataSource.query(
      `UPDATE notification SET read_at = now()
        WHERE workspace_id = $1 AND user_id = $2 AND read_at IS NULL AND ($3::bigint[] IS NULL OR id = ANY($3))`,
      [workspaceId, userId, ids === 'all' ? null : ids],
    )) as [unknown[], number];
    return result[1];
  }
}
