import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type LocalizedText } from '@lowcode/app-model';
import { type EntityManager } from 'typeorm';
import { Clock } from '../../jobs/clock';
import { RealtimeService } from '../../realtime/realtime.service';
import { FlowAssignees } from './flow-assignees.service';
import { type Push } from './flow-step';

export interface StandaloneTaskInput {
  workspaceId: string;
  appId: string;
  title: LocalizedText | string;
  /** User ids or usernames; non-members are dropped. */
  assignees: string[];
  dueAt?: Date | null;
  entityKey?: string | null;
  recordId?: string | null;
  /** What created it (rule and action keys …), shown with the task. */
  source?: Record<string, unknown>;
}

/**
 * Tasks without a flow behind them, for rule actions (`createTask`): they sit in the same inboxes and are
 * completed with the same endpoint. Written in the caller's transaction; the returned push announces the
 * task once that has committed.
 */
@Injectable()
export class StandaloneTasks {
  constructor(
    private readonly assignees: FlowAssignees,
    private readonly realtime: RealtimeService,
    private readonly clock: Clock,
  ) {}

  async createStandaloneTask(
    manager: EntityManager,
    input: StandaloneTaskInput,
  ): Promise<{ taskId: string | null; push: Push }> {
    const users = await this.assignees.members(manager, input.workspaceId, input.assignees);
    if (users.length === 0) return { taskId: null, push: () => undefined };
    const id = randomUUID();
    const title = typeof input.title === 'string' ? { 'zh-CN': input.title } : input.title;
    await manager.query(
      `INSERT INTO flow_task (id, workspace_id, app_id, kind, title, assignees, status, due_at, entity_key, record_id,
                              source, created_at)
       VALUES ($1, $2, $3, 'standalone', $4, $5::uuid[], 'open', $6, $7, $8, $9, $10)`,
      [
        id,
        input.workspaceId,
        input.appId,
        JSON.stringify(title),
        users,
        input.dueAt ?? null,
        input.entityKey ?? null,
        input.recordId ?? null,
        JSON.stringify(input.source ?? {}),
        this.clock.now(),
      ],
    );
    const payload = { id, instanceId: null, title, dueAt: input.dueAt?.toISOString() ?? null };
    return {
      taskId: id,
      push: () => users.forEach((user) => this.realtime.toUser(user, 'task.created', payload)),
    };
  }
}
