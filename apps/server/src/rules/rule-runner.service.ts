import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type CompiledRule,
  type RecordEvent,
  RuleChainGuard,
  type RuleData,
  RuleEvaluationError,
  type RuleVerdict,
} from '@lowcode/rule-engine';
import nodemailer from 'nodemailer';
import { type DataSource, type EntityManager } from 'typeorm';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { loadInstanceSecret } from '../database/instance-secret';
import { Clock } from '../jobs/clock';
import { FlowEventBus, type FlowLifecycleEvent } from '../jobs/flow-events';
import { type Job, JobQueue } from '../jobs/job-queue';
import { isHistory, type RecordChangeEvent, RecordEventDispatcher } from '../jobs/record-events';
import { EntityCatalogService } from '../records/entity-catalog.service';
import { expandRelations } from '../records/utils/expand-relations';
import { RecordsService } from '../records/records.service';
import { sendWebhook } from '../webhooks/outgoing-webhook';
import {
  type ActionOutcome,
  CHANNEL_QUEUE,
  EMAIL_QUEUE,
  RULE_WEBHOOK_QUEUE,
  RuleActionsService,
} from './rule-actions.service';
import { type AppRules, isEnabled, RuleCatalogService } from './rule-catalog.service';
import { recordAfterChange, recordBefore, resolveAggregate, ruleRecord } from './rule-data';

export const RULE_FIRE_QUEUE = 'rule.fire';
export const RULE_FLOW_QUEUE = 'rule.flow';

/** A rule firing on one record change, or (per-batch rules) on the changes of one writing transaction. */
interface FirePayload {
  appId: string;
  ruleKey: string;
  changeId: string;
  tx?: string;
}

interface ChangeRow {
  id: string;
  entity_key: string;
  record_id: string;
  type: RecordChangeEvent['type'];
  changes: RecordChangeEvent['changes'];
  rule_chain: RecordChangeEvent['ruleChain'];
  source: string;
  tx: string;
}

const changeEvent = (row: ChangeRow) => ({
  type: row.type,
  entityKey: row.entity_key,
  recordId: row.record_id,
  changes: row.changes,
  ruleChain: row.rule_chain,
  source: row.source,
});

/** What one evaluation read and decided, as the rule log keeps it. */
export interface RuleRunEntry {
  ruleKey: string;
  trigger: string;
  entityKey?: string;
  recordId?: string;
  changeId?: string;
  scheduledFor?: Date;
  matched: boolean;
  result?: unknown;
  read?: Record<string, unknown>;
  actions?: ActionOutcome[];
  error?: string;
  test?: boolean;
}

const RECORD_TRIGGERS = new Set(['recordCreated', 'recordUpdated', 'recordDeleted', 'fieldChanged']);

/**
 * Rules on record events: the outbox subscriber enqueues one `rule.fire` job per (rule, change) — once,
 * whichever server dispatches — and the job evaluates the condition on the record and carries out the
 * actions in one transaction with its log entry.
 */
@Injectable()
export class RuleRunnerService implements OnModuleInit {
  private readonly guard = new RuleChainGuard();
  private webhookSecret: Promise<string> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly dispatcher: RecordEventDispatcher,
    private readonly flowEvents: FlowEventBus,
    private readonly rules: RuleCatalogService,
    private readonly catalog: EntityCatalogService,
    private readonly records: RecordsService,
    private readonly actions: RuleActionsService,
  ) {}

  onModuleInit(): void {
    this.dispatcher.subscribe({
      name: 'rules',
      onRecordChanges: (events, manager) => this.enqueueFirings(events, manager),
    });
    this.flowEvents.subscribe((event, manager) => this.enqueueFlowFirings(event, manager));
    this.jobs.handle<FirePayload>(RULE_FIRE_QUEUE, (job, manager) => this.fire(job, manager));
    this.jobs.handle<FlowLifecycleEvent & { ruleKey: string }>(RULE_FLOW_QUEUE, (job, manager) =>
      this.fireOnFlow(job, manager),
    );
    this.jobs.handle<WebhookPayload>(RULE_WEBHOOK_QUEUE, (job) => this.sendRuleWebhook(job));
    this.jobs.handle<EmailPayload>(EMAIL_QUEUE, (job) => this.sendEmail(job));
    this.jobs.handle<ChannelPayload>(CHANNEL_QUEUE, (job) => this.sendToChannel(job));
  }

  /** The outbox subscriber: decides which rules a change concerns and enqueues their firings. */
  private async enqueueFirings(events: RecordChangeEvent[], manager: EntityManager): Promise<void> {
    const byApp = new Map<string, AppRules | undefined>();
    for (const event of events) {
      if (!byApp.has(event.appId)) byApp.set(event.appId, await this.rules.forApp(event.appId, manager));
      const rules = byApp.get(event.appId);
      if (!rules || isHistory(event)) continue;
      const probe = toRecordEvent(event, {}, undefined);
      for (const compiled of rules.compiled.values()) {
        if (!RECORD_TRIGGERS.has(compiled.trigger.type) || !isEnabled(rules, compiled.rule)) continue;
        if (!compiled.matches(probe)) continue;
        const perBatch = 'batch' in compiled.trigger && compiled.trigger.batch === 'perBatch';
        const payload = { appId: event.appId, ruleKey: compiled.rule.key, changeId: event.changeId };
        // A per-batch rule gets one job per writing transaction, however many of its changes arrive.
        await this.jobs.enqueue(
          RULE_FIRE_QUEUE,
          perBatch ? { ...payload, tx: event.tx } : payload,
          {
            dedupeKey: perBatch
              ? `${event.appId}:${compiled.rule.key}:tx${event.tx}`
              : `${event.appId}:${compiled.rule.key}:${event.changeId}`,
          },
          manager,
        );
      }
    }
  }

  /** A flow step published a lifecycle event: enqueue the rules that listen for it, once per event. */
  private async enqueueFlowFirings(event: FlowLifecycleEvent, manager: EntityManager): Promise<void> {
    const listens = ({ trigger }: CompiledRule) =>
      trigger.type === 'flowEvent' && trigger.flow === event.flowKey && trigger.event === event.event;
    const known = event.app && { workspaceId: event.workspaceId, ...event.app };
    const rules = await this.rules.forAppIf(event.appId, listens, manager, known);
    if (!rules) return;
    for (const compiled of rules.compiled.values()) {
      if (!listens(compiled) || !isEnabled(rules, compiled.rule)) continue;
      await this.jobs.enqueue(
        RULE_FLOW_QUEUE,
        { ...event, ruleKey: compiled.rule.key },
        {
          dedupeKey: `${event.appId}:${compiled.rule.key}:${event.instanceId}:${event.event}:${event.taskKey ?? ''}`,
        },
        manager,
      );
    }
  }

  private async fireOnFlow(job: Job<FlowLifecycleEvent & { ruleKey: string }>, manager: EntityManager) {
    const { appId, ruleKey, entityKey, recordId } = job.payload;
    const rules = await this.rules.forApp(appId, manager);
    const compiled = rules?.compiled.get(ruleKey);
    if (!rules || !compiled || !isEnabled(rules, compiled.rule)) return;
    let record: Record<string, unknown> = {};
    if (recordId) {
      const resolved = await this.catalog.resolve(rules.workspaceId, rules.appKey, entityKey, manager);
      const [stored] = await this.records.findMany(manager, resolved, [recordId]);
      if (stored) record = await this.ruleView(manager, rules, compiled, entityKey, ruleRecord(stored));
    }
    const base: RuleRunEntry = {
      ruleKey,
      trigger: 'flowEvent',
      entityKey,
      recordId: recordId ?? undefined,
      matched: false,
    };
    const outcome = await this.evaluate(
      manager,
      rules,
      compiled,
      { record, old: null, changes: [], now: this.clock.now().toISOString() },
      [],
      recordId ?? undefined,
    );
    if ('error' in outcome) {
      await this.log(manager, rules, { ...base, error: outcome.error });
      return;
    }
    const { verdict } = outcome;
    if (!verdict.matched) {
      if (rules.settings.get(ruleKey)?.logMisses)
        await this.log(manager, rules, { ...base, result: verdict.result, read: verdict.read });
      return;
    }
    const actions = await this.actions.execute(
      manager,
      {
        workspaceId: rules.workspaceId,
        appId,
        appKey: rules.appKey,
        firingKey: `${appId}:${ruleKey}:${job.payload.instanceId}:${job.payload.event}:${job.payload.taskKey ?? ''}`,
        entityKey,
        recordId: recordId ?? undefined,
        record,
        job: job as Job<unknown>,
      },
      verdict.actions,
    );
    await this.log(manager, rules, {
      ...base,
      matched: true,
      result: verdict.result,
      read: verdict.read,
      actions,
    });
  }

  private async fire(job: Job<FirePayload>, manager: EntityManager): Promise<void> {
    const { appId, ruleKey, changeId, tx } = job.payload;
    const rules = await this.rules.forApp(appId, manager);
    const compiled = rules?.compiled.get(ruleKey);
    // The rule was removed or switched off after the change: nothing to do, and nothing to log.
    if (!rules || !compiled || !isEnabled(rules, compiled.rule)) return;
    const changes = (await manager.query(
      `SELECT id, entity_key, record_id, type, changes, rule_chain, source, tx FROM record_change
        WHERE ${tx ? 'app_id = $1 AND tx = $2 AND entity_key = $3' : 'id = $1'} ORDER BY id`,
      tx ? [appId, tx, compiled.entity] : [changeId],
    )) as ChangeRow[];
    const concerned = changes.filter(
      (change) => !isHistory(change) && compiled.matches(toRecordEvent(changeEvent(change), {}, undefined)),
    );
    if (concerned.length === 0) return;
    const resolved = await this.catalog.resolve(
      rules.workspaceId,
      rules.appKey,
      concerned[0]!.entity_key,
      manager,
    );
    const stored = new Map(
      (
        await this.records.findMany(manager, resolved, [
          ...new Set(concerned.map((change) => change.record_id)),
        ])
      )
        .filter(Boolean)
        .map((record) => [record.id, ruleRecord(record)]),
    );
    // Changes to the same records after the first concerned one, to see each record as its change left it.
    const later = (await manager.query(
      `SELECT id, record_id, changes FROM record_change
        WHERE app_id = $1 AND entity_key = $2 AND record_id = ANY($3::uuid[]) AND id > $4 ORDER BY id`,
      [appId, concerned[0]!.entity_key, [...stored.keys()], concerned[0]!.id],
    )) as { id: string; record_id: string; changes: ChangeRow['changes'] }[];
    const asLeftBy = (change: ChangeRow) =>
      recordAfterChange(
        stored.get(change.record_id) ?? { id: change.record_id },
        later.filter((other) => other.record_id === change.record_id && BigInt(other.id) > BigInt(change.id)),
      );
    const entry = (change: ChangeRow): RuleRunEntry => ({
      ruleKey,
      trigger: compiled.trigger.type,
      entityKey: change.entity_key,
      recordId: tx ? undefined : change.record_id,
      changeId: change.id,
      matched: false,
    });

    // Evaluate every concerned change; in a batch, the rule then acts once for all that matched.
    const matched: { change: ChangeRow; record: Record<string, unknown>; verdict: RuleVerdict }[] = [];
    let lastMiss: { change: ChangeRow; verdict: RuleVerdict } | undefined;
    for (const change of concerned) {
      const chain = this.guard.check(change.rule_chain, { ruleKey, recordId: change.record_id });
      if (!chain.ok) {
        await this.log(manager, rules, {
          ...entry(change),
          recordId: change.record_id,
          error: chain.error.message,
        });
        continue;
      }
      const record = await this.ruleView(manager, rules, compiled, change.entity_key, asLeftBy(change));
      const data: RuleData = {
        record,
        old: change.type === 'created' ? null : recordBefore(record, change.changes),
        changes: change.changes,
        now: this.clock.now().toISOString(),
      };
      const outcome = await this.evaluate(
        manager,
        rules,
        compiled,
        data,
        change.rule_chain,
        change.record_id,
      );
      if ('error' in outcome)
        await this.log(manager, rules, {
          ...entry(change),
          recordId: change.record_id,
          error: outcome.error,
        });
      else if (outcome.verdict.matched) matched.push({ change, record, verdict: outcome.verdict });
      else lastMiss = { change, verdict: outcome.verdict };
    }

    const first = matched[0];
    if (!first) {
      if (lastMiss && rules.settings.get(ruleKey)?.logMisses)
        await this.log(manager, rules, {
          ...entry(lastMiss.change),
          result: tx ? { matched: 0, of: concerned.length } : lastMiss.verdict.result,
          read: lastMiss.verdict.read,
        });
      return;
    }
    const actions = await this.actions.execute(
      manager,
      {
        workspaceId: rules.workspaceId,
        appId,
        appKey: rules.appKey,
        firingKey: tx ? `${appId}:${ruleKey}:tx${tx}` : `${appId}:${ruleKey}:${first.change.id}`,
        entityKey: first.change.entity_key,
        recordId: first.change.record_id,
        record: first.record,
        batch: tx
          ? { count: matched.length, recordIds: matched.map((item) => item.change.record_id) }
          : undefined,
        job: job as Job<unknown>,
      },
      first.verdict.actions,
    );
    await this.log(manager, rules, {
      ...entry(first.change),
      matched: true,
      result: tx ? { matched: matched.length, of: concerned.length } : first.verdict.result,
      read: first.verdict.read,
      actions,
    });
  }

  /** The record a rule sees: stored values, with the relations the rule reads through expanded (≤ 3 hops). */
  async ruleView(
    manager: EntityManager,
    rules: AppRules,
    compiled: CompiledRule,
    entityKey: string,
    record: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const resolved = await this.catalog.resolve(rules.workspaceId, rules.appKey, entityKey, manager);
    const readsThrough = JSON.stringify(compiled.rule);
    return expandRelations(
      rules.app.entities,
      resolved.entity,
      record,
      readsThrough,
      async (relatedKey, id) => {
        const related = await this.catalog.resolve(rules.workspaceId, rules.appKey, relatedKey, manager);
        const [stored] = await this.records.findMany(manager, related, [id]);
        return stored && !stored.deletedAt ? ruleRecord(stored) : undefined;
      },
    );
  }

  /** Resolves the aggregates the condition declared, then evaluates; data over the limits is a logged error. */
  async evaluate(
    manager: EntityManager,
    rules: AppRules,
    compiled: CompiledRule,
    data: RuleData,
    chain: { ruleKey: string; recordId: string }[],
    recordId: string | undefined,
  ): Promise<{ verdict: RuleVerdict } | { error: string }> {
    const aggregates: Record<string, unknown> = {};
    for (const need of compiled.dataNeeds) {
      const related = await this.catalog.resolve(rules.workspaceId, rules.appKey, need.entity, manager);
      aggregates[need.name] = await resolveAggregate(manager, related, need, data);
    }
    try {
      return { verdict: compiled.evaluate({ ...data, aggregates }, { chain, recordId }) };
    } catch (error) {
      if (error instanceof RuleEvaluationError) return { error: error.message };
      throw error;
    }
  }

  async log(manager: EntityManager, rules: AppRules, entry: RuleRunEntry): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO rule_run (workspace_id, app_id, app_revision, rule_key, trigger, entity_key, record_id, change_id,
                             scheduled_for, matched, result, read, actions, error, test, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [
        rules.workspaceId,
        rules.appId,
        rules.revision,
        entry.ruleKey,
        entry.trigger,
        entry.entityKey ?? null,
        entry.recordId ?? null,
        entry.changeId ?? null,
        entry.scheduledFor ?? null,
        entry.matched,
        entry.result === undefined ? null : JSON.stringify(entry.result),
        JSON.stringify(entry.read ?? {}),
        JSON.stringify(entry.actions ?? []),
        entry.error ?? null,
        entry.test ?? false,
        this.clock.now(),
      ],
    )) as { id: string }[];
    return row!.id;
  }

  // ------------------------------------------------------------ deliveries outside the database

  private secret(): Promise<string> {
    this.webhookSecret ??= loadInstanceSecret(this.dataSource, 'webhook_secret', this.config.webhookSecret);
    return this.webhookSecret;
  }

  private async sendRuleWebhook(job: Job<WebhookPayload>): Promise<void> {
    await sendWebhook(job.payload, {
      secret: await this.secret(),
      allowPrivate: this.config.allowPrivateWebhooks,
      now: this.clock.now(),
    });
  }

  private async sendToChannel(job: Job<ChannelPayload>): Promise<void> {
    const { channel, url, users, text, idempotencyKey } = job.payload;
    await sendWebhook(
      { url, method: 'POST', body: { channel, users, text }, idempotencyKey },
      { secret: await this.secret(), allowPrivate: this.config.allowPrivateWebhooks, now: this.clock.now() },
    );
  }

  private async sendEmail(job: Job<EmailPayload>): Promise<void> {
    if (!this.config.smtpUrl)
      throw Object.assign(new Error('SMTP_URL is not configured'), { permanent: true });
    const transport = nodemailer.createTransport(this.config.smtpUrl);
    try {
      await transport.sendMail({
        from: this.config.smtpFrom,
        to: job.payload.to,
        subject: job.payload.subject,
        text: job.payload.text,
        messageId: `<${job.payload.idempotencyKey.replace(/[^\w.-]/g, '.')}@lowcode>`,
      });
    } finally {
      transport.close();
    }
  }
}

interface WebhookPayload {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body: unknown;
  idempotencyKey: string;
}
interface EmailPayload {
  to: string[];
  subject: string;
  text: string;
  idempotencyKey: string;
}
interface ChannelPayload {
  channel: string;
  url: string;
  users: string[];
  text: unknown;
  idempotencyKey: string;
}

export function toRecordEvent(
  event: Pick<RecordChangeEvent, 'type' | 'entityKey' | 'recordId' | 'changes' | 'ruleChain' | 'source'>,
  record: Record<string, unknown>,
  old: Record<string, unknown> | undefined,
): RecordEvent {
  return {
    type: event.type,
    entity: event.entityKey,
    recordId: event.recordId,
    record,
    old,
    changes: event.changes,
    source: event.ruleChain.length
      ? { kind: 'rule', chain: event.ruleChain }
      : { kind: sourceKind(event.source) },
    depth: event.ruleChain.length,
  };
}

const sourceKind = (source: string): 'user' | 'api' | 'import' | 'flow' | 'system' =>
  source === 'import' ? 'import' : source === 'flow' ? 'flow' : source === 'seed' ? 'system' : 'api';
