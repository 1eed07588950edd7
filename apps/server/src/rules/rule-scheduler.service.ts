import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CatchUpPolicy, type RuleTrigger } from '@lowcode/app-model';
import {
  type CompiledRule,
  DEFAULT_TIME_ZONE,
  type DateRelativeWindow,
  dateRelativeWindow,
  nextRuns,
} from '@lowcode/rule-engine';
import { type DataSource, type EntityManager } from 'typeorm';
import { AutomationRunner, type PeriodicTask } from '../jobs/automation-runner';
import { Clock } from '../jobs/clock';
import { type Job, JobQueue } from '../jobs/job-queue';
import { type ResolvedEntity, RECORD_ALIAS as r } from '../records/entity-catalog.service';
import { EntityCatalogService } from '../records/entity-catalog.service';
import { RecordsService } from '../records/records.service';
import { sqlParams } from '../records/utils/sql';
import { RuleActionsService } from './rule-actions.service';
import { type AppRules, isEnabled, RuleCatalogService } from './rule-catalog.service';
import { ruleRecord } from './rule-data';
import { RuleRunnerService } from './rule-runner.service';

export const RULE_TICK_QUEUE = 'rule.tick';
type ScheduledTrigger = Extract<RuleTrigger, { type: 'schedule' | 'dateRelative' }>;

interface TickPayload {
  appId: string;
  ruleKey: string;
  /** The planned instant of this run (ISO). */
  at: string;
}

/** How far ahead the scheduler looks for a rule's next run when it remembers when to look again. */
const HORIZON_MS = 400 * 24 * 3600 * 1000;
/** Records one date-relative run handles at most (a run over more is cut and logged). */
const MAX_RECORDS_PER_RUN = 10_000;

/**
 * Schedules and date-relative rules. Each rule's last planned run is durable (rule_schedule), so after
 * downtime the runs missed since are enqueued — each once, or only the latest, or none (`catchUp`). A run
 * is a job whose dedupe key is the rule and the planned instant: however many servers plan it, it exists
 * once. A date-relative run selects the due records with ONE query over the date field.
 */
@Injectable()
export class RuleSchedulerService implements OnModuleInit, PeriodicTask {
  readonly name = 'rule schedules';
  /** When each rule next needs the scheduler's attention (epoch ms); avoids touching the database in between. */
  private readonly nextDue = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly runner: AutomationRunner,
    private readonly rules: RuleCatalogService,
    private readonly catalog: EntityCatalogService,
    private readonly records: RecordsService,
    private readonly actions: RuleActionsService,
    private readonly ruleRunner: RuleRunnerService,
  ) {}

  onModuleInit(): void {
    this.runner.addPeriodic(this);
    this.jobs.handle<TickPayload>(RULE_TICK_QUEUE, (job, manager) => this.tick(job, manager));
  }

  /** Plans what is due for every scheduled rule; returns how many runs it enqueued. */
  async run(): Promise<number> {
    const now = this.clock.now();
    let planned = 0;
    for (const rules of await this.rules.all()) {
      for (const compiled of rules.compiled.values()) {
        const trigger = compiled.trigger;
        if (trigger.type !== 'schedule' && trigger.type !== 'dateRelative') continue;
        if (!isEnabled(rules, compiled.rule)) continue;
        const key = `${rules.appId}:${rules.revision}:${compiled.rule.key}`;
        if ((this.nextDue.get(key) ?? 0) > now.getTime()) continue;
        planned += await this.plan(rules, compiled.rule.key, trigger, now);
        const [next] = nextRuns(trigger, now, new Date(now.getTime() + HORIZON_MS), timeZoneOf(trigger), 1);
        this.nextDue.set(key, next ? next.getTime() : now.getTime() + HORIZON_MS);
      }
    }
    return planned;
  }

  private async plan(
    rules: AppRules,
    ruleKey: string,
    trigger: ScheduledTrigger,
    now: Date,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // First sight of a rule: it starts from now (a new rule does not back-fill the past).
      await manager.query(
        `INSERT INTO rule_schedule (app_id, rule_key, last_run_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [rules.appId, ruleKey, now],
      );
      const [state] = (await manager.query(
        'SELECT last_run_at FROM rule_schedule WHERE app_id = $1 AND rule_key = $2 FOR UPDATE',
        [rules.appId, ruleKey],
      )) as { last_run_at: Date }[];
      if (!state || state.last_run_at >= now) return 0;
      const due = nextRuns(trigger, state.last_run_at, now, timeZoneOf(trigger));
      const runs = catchUp(due, trigger.catchUp ?? 'each', now);
      for (const at of runs)
        await this.jobs.enqueue(
          RULE_TICK_QUEUE,
          { appId: rules.appId, ruleKey, at: at.toISOString() },
          { dedupeKey: `${rules.appId}:${ruleKey}:${at.toISOString()}`, runAt: at },
          manager,
        );
      await manager.query('UPDATE rule_schedule SET last_run_at = $3 WHERE app_id = $1 AND rule_key = $2', [
        rules.appId,
        ruleKey,
        now,
      ]);
      return runs.length;
    });
  }

  private async tick(job: Job<TickPayload>, manager: EntityManager): Promise<void> {
    const { appId, ruleKey } = job.payload;
    const at = new Date(job.payload.at);
    const rules = await this.rules.forApp(appId, manager);
    const compiled = rules?.compiled.get(ruleKey);
    if (!rules || !compiled || !isEnabled(rules, compiled.rule)) return;
    const trigger = compiled.trigger;
    if (trigger.type === 'schedule') {
      await this.fireOnce(manager, rules, compiled, job, at, undefined, null);
      return;
    }
    if (trigger.type !== 'dateRelative') return;
    const window = dateRelativeWindow(trigger, at, timeZoneOf(trigger));
    if (!window) return;
    const resolved = await this.catalog.resolve(rules.workspaceId, rules.appKey, trigger.entity, manager);
    const ids = await dueRecordIds(manager, resolved, window, timeZoneOf(trigger));
    if (ids.length > MAX_RECORDS_PER_RUN) {
      await this.ruleRunner.log(manager, rules, {
        ruleKey,
        trigger: trigger.type,
        scheduledFor: at,
        matched: false,
        error: `${ids.length} records are due; one run handles at most ${MAX_RECORDS_PER_RUN}, the rest were not evaluated`,
      });
    }
    for (const chunk of chunks(ids.slice(0, MAX_RECORDS_PER_RUN), 500))
      for (const record of await this.records.findMany(manager, resolved, chunk))
        await this.fireOnce(
          manager,
          rules,
          compiled,
          job,
          at,
          trigger.entity,
          await this.ruleRunner.ruleView(manager, rules, compiled, trigger.entity, ruleRecord(record)),
        );
  }

  private async fireOnce(
    manager: EntityManager,
    rules: AppRules,
    compiled: CompiledRule,
    job: Job<TickPayload>,
    at: Date,
    entityKey: string | undefined,
    record: Record<string, unknown> | null,
  ): Promise<void> {
    const recordId = typeof record?.id === 'string' ? record.id : undefined;
    const data = { record, now: at.toISOString() };
    const base = {
      ruleKey: compiled.rule.key,
      trigger: compiled.trigger.type,
      entityKey,
      recordId,
      scheduledFor: at,
    };
    const outcome = await this.ruleRunner.evaluate(manager, rules, compiled, data, [], recordId);
    if ('error' in outcome) {
      await this.ruleRunner.log(manager, rules, { ...base, matched: false, error: outcome.error });
      return;
    }
    const { verdict } = outcome;
    const actions = verdict.matched
      ? await this.actions.execute(
          manager,
          {
            workspaceId: rules.workspaceId,
            appId: rules.appId,
            appKey: rules.appKey,
            firingKey: `${rules.appId}:${compiled.rule.key}:${at.toISOString()}:${recordId ?? '-'}`,
            entityKey,
            recordId,
            record,
            job: job as Job<unknown>,
          },
          verdict.actions,
        )
      : [];
    if (verdict.matched || rules.settings.get(compiled.rule.key)?.logMisses)
      await this.ruleRunner.log(manager, rules, {
        ...base,
        matched: verdict.matched,
        result: verdict.result,
        read: verdict.read,
        actions,
      });
  }
}

const timeZoneOf = (trigger: ScheduledTrigger) =>
  (trigger.type === 'schedule' ? trigger.timezone : undefined) ?? DEFAULT_TIME_ZONE;

/** The missed runs a policy keeps; a run within a minute of now is never "missed". */
export function catchUp(runs: Date[], policy: CatchUpPolicy, now: Date): Date[] {
  if (policy === 'each' || runs.length === 0) return runs;
  if (policy === 'latest') return runs.slice(-1);
  return runs.filter((run) => now.getTime() - run.getTime() < 60_000);
}

/** The ids of the records a date-relative run concerns, by one query on the date field. */
async function dueRecordIds(
  manager: EntityManager,
  resolved: ResolvedEntity,
  window: DateRelativeWindow,
  timeZone: string,
): Promise<string[]> {
  const field = resolved.resolve(window.field);
  if (!field) return [];
  const params = sqlParams();
  const day = field.type === 'date' ? field.sql : `(${field.sql} AT TIME ZONE ${params.add(timeZone)})::date`;
  const condition =
    window.kind === 'range'
      ? `${day} BETWEEN ${params.add(window.from)}::date AND ${params.add(window.to)}::date`
      : `to_char(${day}, 'MM-DD') = ANY(${params.add(window.monthDays)}::text[])`;
  const rows = (await manager.query(
    `SELECT ${r}._id AS id FROM ${resolved.table} ${r} WHERE ${r}._deleted_at IS NULL AND ${condition} ORDER BY ${r}._id LIMIT ${MAX_RECORDS_PER_RUN + 1}`,
    params.values,
  )) as { id: string }[];
  return rows.map((row) => row.id);
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
