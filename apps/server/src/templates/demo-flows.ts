import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type AuthContext, memberContext } from '../auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { FlowCommands } from '../flows/services/flow-commands.service';

/** A flow a template's demo runs once its records are in: see `_flows` in the template's demo data. */
export interface DemoFlowPlan {
  flow: string;
  entity: string;
  /** `_key` of the demo record the flow runs on. */
  record: string;
  /** `_key` of the demo user who starts it; the installing admin when absent. */
  startedBy?: string;
  /** Tasks to complete (or approve) in turn, each as the person the flow gives it to. */
  steps?: { node: string; action?: 'complete' | 'approve'; data?: Record<string, unknown> }[];
}

/**
 * Plays a demo's flows through the flow engine, as its people would: each is started, and its first tasks
 * are completed by their assignees, so the demo opens with work in progress (orders to accept, to finish,
 * to rate) instead of empty inboxes. Runs after the demo's transaction has committed; a plan the flow
 * refuses is logged and skipped (the demo records stay), the others go on.
 */
@Injectable()
export class DemoFlowPlayer {
  private readonly logger = new Logger(DemoFlowPlayer.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commands: FlowCommands,
  ) {}

  async play(
    installer: { workspaceId: string; userId: string | null },
    appKey: string,
    plans: DemoFlowPlan[],
    ids: ReadonlyMap<string, string>,
    users: ReadonlyMap<string, string>,
  ): Promise<number> {
    let played = 0;
    for (const plan of plans) {
      try {
        await this.playOne(installer, appKey, plan, ids, users);
        played += 1;
      } catch (error) {
        // The fields a refusal names say what in the demo data the flow could not accept.
        const details =
          error instanceof AppError && error.details.length
            ? ` (${error.details.map((detail) => `${detail.path}: ${detail.message}`).join('; ')})`
            : '';
        this.logger.warn(
          `demo flow ${plan.flow} on ${plan.entity} ${plan.record} stopped: ${error instanceof Error ? error.message : String(error)}${details}`,
        );
      }
    }
    return played;
  }

  private async playOne(
    installer: { workspaceId: string; userId: string | null },
    appKey: string,
    plan: DemoFlowPlan,
    ids: ReadonlyMap<string, string>,
    users: ReadonlyMap<string, string>,
  ): Promise<void> {
    const recordId = ids.get(`${plan.entity}:${plan.record}`);
    if (!recordId) throw new Error(`no demo record "${plan.record}"`);
    const starter = (plan.startedBy ? users.get(plan.startedBy) : undefined) ?? installer.userId;
    if (!starter) throw new Error('no one to start it');
    const started = await this.commands.start(
      await this.member(installer.workspaceId, starter),
      appKey,
      plan.flow,
      { recordId },
    );
    for (const step of plan.steps ?? []) {
      const [task] = (await this.dataSource.query(
        `SELECT id, assignees FROM flow_task WHERE instance_id = $1 AND node_key = $2 AND status = 'open'`,
        [started.id, step.node],
      )) as { id: string; assignees: string[] }[];
      if (!task?.assignees[0]) throw new Error(`no open task at "${step.node}" for anyone to complete`);
      const assignee = await this.member(installer.workspaceId, task.assignees[0]);
      await this.commands.act(assignee, task.id, step.action ?? 'complete', { data: step.data ?? {} });
    }
  }

  private async member(workspaceId: string, userId: string): Promise<AuthContext> {
    const member = await memberContext(
      (sql, params) => this.dataSource.query(sql, params),
      workspaceId,
      userId,
    );
    if (!member) throw new Error(`user ${userId} is not an active member of the workspace`);
    return member;
  }
}
