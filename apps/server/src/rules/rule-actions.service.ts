import { Inject, Injectable } from '@nestjs/common';
import { type LocalizedText } from '@lowcode/app-model';
import { SYSTEM_ACTOR } from '@lowcode/flow-engine';
import { type PlannedAction, type PlannedAssignee } from '@lowcode/rule-engine';
import { type EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { type Job, JobQueue } from '../jobs/job-queue';
import { NotificationService } from '../notifications/notification.service';
import { PeopleService } from '../people/people.service';
import { systemViewer } from '../records/access/entity-access';
import { EntityCatalogService } from '../records/entity-catalog.service';
import { displaysOf } from '../records/record-reader';
import { type WriteContext } from '../records/record-writer';
import { FlowDefinitions } from '../flows/services/flow-definitions.service';
import { FlowRunner } from '../flows/services/flow-runner.service';
import { StandaloneTasks } from '../flows/services/standalone-tasks.service';
import { RecordsService } from '../records/records.service';
import { fillTemplate } from '../notifications/fill-template';
import { relationIds } from '../records/utils/record-values';

/** Where a firing came from: enough to name its jobs, notifications and log entry uniquely. */
export interface FiringContext {
  workspaceId: string;
  appId: string;
  appKey: string;
  /** Unique per firing (`<rule>:<change>` or `<rule>:<tick>:<record>`): the idempotency key of its actions. */
  firingKey: string;
  /** The record the rule fired on, for links. */
  entityKey?: string;
  recordId?: string;
  /** Values `{{record.field}}` in notification texts are filled from. */
  record?: Record<string, unknown> | null;
  /** A per-batch firing: how many records matched (`{{batch.count}}` in texts) and which. */
  batch?: { count: number; recordIds: string[] };
  job: Job<unknown>;
}

export interface ActionOutcome {
  key: string;
  type: PlannedAction['type'];
  /** done: carried out in the firing's transaction; queued: handed to a retried job; skipped / failed: why in detail. */
  status: 'done' | 'queued' | 'skipped' | 'failed';
  detail?: unknown;
}

export const RULE_WEBHOOK_QUEUE = 'rule.webhook';
export const EMAIL_QUEUE = 'notify.email';
export const CHANNEL_QUEUE = 'notify.channel';

/**
 * Carries out what a verdict planned. Record and in-app actions happen in the firing's transaction (each
 * behind a savepoint, so one invalid record is reported without undoing the others); anything leaving the
 * database is a job of its own, retried with backoff and dead-lettered after its last attempt.
 */
@Injectable()
export class RuleActionsService {
  constructor(
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationService,
    private readonly people: PeopleService,
    private readonly catalog: EntityCatalogService,
    private readonly records: RecordsService,
    private readonly tasks: StandaloneTasks,
    private readonly flows: FlowRunner,
    private readonly flowDefinitions: FlowDefinitions,
  ) {}

  async execute(
    manager: EntityManager,
    context: FiringContext,
    actions: PlannedAction[],
  ): Promise<ActionOutcome[]> {
    const outcomes: ActionOutcome[] = [];
    for (const action of actions) {
      await manager.query('SAVEPOINT rule_action');
      try {
        const outcome = await this.run(manager, context, action);
        await manager.query('RELEASE SAVEPOINT rule_action');
        outcomes.push({ key: action.actionKey, type: action.type, ...outcome });
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT rule_action');
        // A refused record (validation, permission, missing) fails the same way on every retry: report it.
        // Anything else (a lost connection, a deadlock) fails the whole firing so the job retries it.
        if (!(error instanceof AppError)) throw error;
        outcomes.push({
          key: action.actionKey,
          type: action.type,
          status: 'failed',
          detail: { code: error.code, details: error.details },
        });
      }
    }
    return outcomes;
  }

  private async run(
    manager: EntityManager,
    context: FiringContext,
    action: PlannedAction,
  ): Promise<Omit<ActionOutcome, 'key' | 'type'>> {
    const idempotencyKey = `${context.firingKey}:${action.actionKey}`;
    const writeContext: WriteContext = {
      ...systemViewer(context.workspaceId, null),
      locale: 'zh-CN',
      source: 'rule',
      ruleChain: action.chain,
    };
    switch (action.type) {
      case 'createRecord': {
        const resolved = await this.catalog.resolve(
          context.workspaceId,
          context.appKey,
          action.entity,
          manager,
        );
        const record = await this.records.insert(
          manager,
          resolved,
          writeContext,
          relationIds(resolved.entity, action.values),
        );
        return { status: 'done', detail: { entity: action.entity, id: record.id } };
      }
      case 'updateRecord': {
        const resolved = await this.catalog.resolve(
          context.workspaceId,
          context.appKey,
          action.entity,
          manager,
        );
        // Increments read the current values under a row lock, so two firings deducting stock both count.
        const current = action.increments
          ? await this.records.readForUpdate(manager, resolved, action.recordId)
          : (await this.records.findMany(manager, resolved, [action.recordId]))[0];
        if (!current || current.deletedAt) throw new AppError('RECORD_NOT_FOUND');
        const values = relationIds(resolved.entity, action.values);
        for (const [key, delta] of Object.entries(action.increments ?? {}))
          values[key] = roundSum(Number(current.values[key] ?? 0), delta);
        const record = await this.records.patch(
          manager,
          resolved,
          writeContext,
          action.recordId,
          current.version,
          values,
        );
        return { status: 'done', detail: { entity: action.entity, id: record.id, version: record.version } };
      }
      case 'notify':
        return this.notify(manager, context, action, idempotencyKey);
      case 'webhook': {
        const jobId = await this.jobs.enqueue(
          RULE_WEBHOOK_QUEUE,
          {
            url: action.url,
            method: action.method,
            headers: action.headers,
            body: action.body,
            idempotencyKey,
          },
          { dedupeKey: idempotencyKey, maxAttempts: 6 },
          manager,
        );
        return { status: 'queued', detail: { job: jobId } };
      }
      case 'createTask': {
        const assignees = await this.recipients(manager, context, action.assignee);
        if (assignees.length === 0) return { status: 'skipped', detail: { reason: 'nobody to assign' } };
        const { taskId, push } = await this.tasks.createStandaloneTask(manager, {
          workspaceId: context.workspaceId,
          appId: context.appId,
          title: await this.filled(manager, context, action.title),
          assignees,
          dueAt: action.dueAt ? new Date(action.dueAt) : null,
          entityKey: context.entityKey ?? null,
          recordId: context.recordId ?? null,
          source: { rule: action.ruleKey, action: action.actionKey },
        });
        context.job.afterCommit(push);
        return { status: 'done', detail: { task: taskId, assignees: assignees.length } };
      }
      case 'startFlow': {
        const app = await this.flowDefinitions.appByKey(manager, context.workspaceId, context.appKey);
        const outcome = await this.flows.start(manager, {
          workspaceId: context.workspaceId,
          app,
          flowKey: action.flow,
          recordId: action.recordId ?? null,
          actor: SYSTEM_ACTOR,
          // One instance per firing, however often the job is retried.
          triggerKey: `rule:${idempotencyKey}`,
        });
        for (const push of outcome.pushes) context.job.afterCommit(push);
        return { status: 'done', detail: { instance: outcome.instanceId, started: outcome.changed } };
      }
    }
  }

  private async notify(
    manager: EntityManager,
    context: FiringContext,
    action: Extract<PlannedAction, { type: 'notify' }>,
    idempotencyKey: string,
  ): Promise<Omit<ActionOutcome, 'key' | 'type'>> {
    const userIds = await this.recipients(manager, context, action.to);
    if (userIds.length === 0) return { status: 'skipped', detail: { reason: 'nobody to notify' } };
    const text = await this.filled(manager, context, action.template);
    switch (action.channel) {
      case 'inApp': {
        const push = await this.notifications.create(manager, {
          workspaceId: context.workspaceId,
          userIds,
          appId: context.appId,
          title: text,
          link: context.entityKey
            ? { kind: 'record', entity: context.entityKey, id: context.recordId }
            : undefined,
          source: { rule: action.ruleKey, action: action.actionKey },
          dedupeKey: idempotencyKey,
        });
        context.job.afterCommit(push);
        return { status: 'done', detail: { users: userIds.length } };
      }
      case 'email': {
        if (!this.config.smtpUrl)
          return { status: 'skipped', detail: { reason: 'SMTP_URL is not configured' } };
        const to = await this.people.emails(manager, context.workspaceId, userIds);
        if (to.length === 0) return { status: 'skipped', detail: { reason: 'nobody has an e-mail address' } };
        const jobId = await this.jobs.enqueue(
          EMAIL_QUEUE,
          {
            to,
            subject: text['zh-CN'] ?? text.en,
            text: [text['zh-CN'], text.en].filter(Boolean).join('\n\n'),
            idempotencyKey,
          },
          { dedupeKey: idempotencyKey, maxAttempts: 6 },
          manager,
        );
        return { status: 'queued', detail: { job: jobId, recipients: to.length } };
      }
      default: {
        const gateway = this.config.channelWebhooks[action.channel];
        if (!gateway)
          return { status: 'skipped', detail: { reason: `no ${action.channel} gateway is configured` } };
        const jobId = await this.jobs.enqueue(
          CHANNEL_QUEUE,
          { channel: action.channel, url: gateway, users: userIds, text, idempotencyKey },
          { dedupeKey: idempotencyKey, maxAttempts: 6 },
          manager,
        );
        return { status: 'queued', detail: { job: jobId, users: userIds.length } };
      }
    }
  }

  /**
   * A text with `{{record.field}}` filled as a flow fills its own: the records, people and departments the
   * record links to by their titles, options by their labels, money and date-times as a person reads them.
   */
  private async filled(
    manager: EntityManager,
    context: FiringContext,
    template: LocalizedText,
  ): Promise<LocalizedText> {
    const data = { record: context.record ?? {}, batch: context.batch ?? {} };
    if (
      !context.record ||
      !context.entityKey ||
      !Object.values(template).some((text) => text?.includes('{{'))
    )
      return fillTemplate(template, data);
    const resolved = await this.catalog.resolve(
      context.workspaceId,
      context.appKey,
      context.entityKey,
      manager,
    );
    const [titles] = await displaysOf(manager, resolved, [context.record]);
    return fillTemplate(template, data, {
      titles,
      entity: resolved.entity,
      entities: resolved.app.entities,
    });
  }

  /**
   * The people an action about the firing's record reaches. A role or a department is a group: of its
   * members, only those who may read the record are reached. People named directly (a user, a field, an
   * expression) were chosen for this record and are reached as named.
   */
  private async recipients(
    manager: EntityManager,
    context: FiringContext,
    to: PlannedAssignee,
  ): Promise<string[]> {
    const people = await this.resolveAssignees(manager, context.workspaceId, to);
    if ((to.type !== 'role' && to.type !== 'department') || !context.entityKey || !context.recordId)
      return people;
    const resolved = await this.catalog.resolve(
      context.workspaceId,
      context.appKey,
      context.entityKey,
      manager,
    );
    return this.people.whoCanRead(manager, resolved, context.recordId, people);
  }

  async resolveAssignees(
    manager: EntityManager,
    workspaceId: string,
    to: PlannedAssignee,
  ): Promise<string[]> {
    switch (to.type) {
      case 'user':
        return this.people.members(manager, workspaceId, to.users);
      case 'role':
        return this.people.withAppRole(manager, workspaceId, to.role);
      case 'department':
        return this.people.inDepartment(manager, workspaceId, to.department);
      case 'manager':
        // Validation refuses it in rules: a rule acts for no one whose manager it could be.
        return [];
      case 'field':
      case 'expression':
        return this.people.members(manager, workspaceId, Array.isArray(to.value) ? to.value : [to.value]);
      case 'autoDispatch':
        // Auto-dispatch chooses among a flow node's candidates; a rule names its people directly.
        return [];
    }
  }
}

/** `a + b` without binary-fraction noise (2.3 - 0.1 is 2.2, not 2.1999999999999997). */
function roundSum(a: number, b: number): number {
  return Math.round((a + b) * 1e6) / 1e6;
}
