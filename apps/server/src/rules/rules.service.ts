import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type LocalizedText, type RuleTrigger } from '@lowcode/app-model';
import { DEFAULT_TIME_ZONE, explain, nextRuns, type PlannedAction } from '@lowcode/rule-engine';
import { type DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { Clock } from '../jobs/clock';
import { EntityCatalogService } from '../records/entity-catalog.service';
import { RecordsService } from '../records/records.service';
import { type AppRules, isEnabled, RuleCatalogService } from './rule-catalog.service';
import { recordBefore, ruleRecord } from './rule-data';
import { RuleRunnerService } from './rule-runner.service';

export interface RuleSummary {
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  trigger: RuleTrigger;
  enabled: boolean;
  /** Whether the admin's switch overrides the definition. */
  overridden: boolean;
  logMisses: boolean;
  /** Why the rule does not compile against the current app version, if it does not. */
  broken?: string;
  /** The next planned runs of a scheduled rule (up to 3). */
  nextRuns?: string[];
  lastRunAt?: string;
  runs24h: number;
  failures24h: number;
}

export interface RuleRunDto {
  id: string;
  at: string;
  revision: number;
  trigger: string;
  entityKey: string | null;
  recordId: string | null;
  scheduledFor: string | null;
  matched: boolean;
  result: unknown;
  read: Record<string, unknown>;
  actions: unknown[];
  error: string | null;
}

export interface RuleTestResult {
  matched: boolean;
  result: unknown;
  read: Record<string, unknown>;
  /** What the rule would do; nothing was done. */
  actions: PlannedAction[];
  explanation: string[];
  error?: string;
}

/** The rule pages: what rules an app has, their log, switches, and a dry "test this rule". */
@Injectable()
export class RulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly rules: RuleCatalogService,
    private readonly catalog: EntityCatalogService,
    private readonly records: RecordsService,
    private readonly runner: RuleRunnerService,
  ) {}

  private async appRules(workspaceId: string, appKey: string): Promise<AppRules> {
    const rules = await this.rules.forAppKey(workspaceId, appKey);
    if (!rules) throw new AppError('APP_NOT_FOUND', { key: appKey });
    return rules;
  }

  private ruleOf(rules: AppRules, ruleKey: string) {
    const rule = rules.app.rules.find((candidate) => candidate.key === ruleKey);
    if (!rule) throw new AppError('RULE_NOT_FOUND', { app: rules.appKey, rule: ruleKey });
    return rule;
  }

  async list(workspaceId: string, appKey: string): Promise<RuleSummary[]> {
    const rules = await this.appRules(workspaceId, appKey);
    const since = new Date(this.clock.now().getTime() - 24 * 3600 * 1000);
    const stats = (await this.dataSource.query(
      `SELECT rule_key, max(at) AS last_at, count(*) FILTER (WHERE at >= $2)::int AS runs,
              count(*) FILTER (WHERE at >= $2 AND (error IS NOT NULL OR actions @> '[{"status":"failed"}]'))::int AS failures
         FROM rule_run WHERE app_id = $1 AND NOT test GROUP BY rule_key`,
      [rules.appId, since],
    )) as { rule_key: string; last_at: Date; runs: number; failures: number }[];
    const byRule = new Map(stats.map((row) => [row.rule_key, row]));
    const now = this.clock.now();
    return rules.app.rules.map((rule) => {
      const setting = rules.settings.get(rule.key);
      const stat = byRule.get(rule.key);
      const trigger = rule.trigger;
      const scheduled =
        trigger.type === 'schedule' || trigger.type === 'dateRelative'
          ? nextRuns(
              trigger,
              now,
              new Date(now.getTime() + 400 * 24 * 3600 * 1000),
              (trigger.type === 'schedule' ? trigger.timezone : undefined) ?? DEFAULT_TIME_ZONE,
              3,
            ).map((run) => run.toISOString())
          : undefined;
      return {
        key: rule.key,
        label: rule.label,
        description: rule.description,
        trigger,
        enabled: isEnabled(rules, rule),
        overridden: setting?.enabled !== undefined && setting.enabled !== null,
        logMisses: setting?.logMisses ?? false,
        broken: rules.broken.get(rule.key),
        nextRuns: scheduled,
        lastRunAt: stat?.last_at.toISOString(),
        runs24h: stat?.runs ?? 0,
        failures24h: stat?.failures ?? 0,
      };
    });
  }

  async runs(
    workspaceId: string,
    appKey: string,
    ruleKey: string,
    query: { misses?: boolean; before?: number; limit?: number },
  ): Promise<RuleRunDto[]> {
    const rules = await this.appRules(workspaceId, appKey);
    this.ruleOf(rules, ruleKey);
    const rows = (await this.dataSource.query(
      `SELECT id, at, app_revision, trigger, entity_key, record_id, scheduled_for, matched, result, read, actions, error
         FROM rule_run
        WHERE app_id = $1 AND rule_key = $2 AND NOT test AND ($3::boolean OR matched OR error IS NOT NULL)
          AND ($4::bigint IS NULL OR id < $4)
        ORDER BY id DESC LIMIT $5`,
      [rules.appId, ruleKey, query.misses ?? false, query.before ?? null, query.limit ?? 50],
    )) as {
      id: string;
      at: Date;
      app_revision: number;
      trigger: string;
      entity_key: string | null;
      record_id: string | null;
      scheduled_for: Date | null;
      matched: boolean;
      result: unknown;
      read: Record<string, unknown>;
      actions: unknown[];
      error: string | null;
    }[];
    return rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      revision: row.app_revision,
      trigger: row.trigger,
      entityKey: row.entity_key,
      recordId: row.record_id,
      scheduledFor: row.scheduled_for?.toISOString() ?? null,
      matched: row.matched,
      result: row.result,
      read: row.read,
      actions: row.actions,
      error: row.error,
    }));
  }

  async updateSetting(
    workspaceId: string,
    userId: string,
    appKey: string,
    ruleKey: string,
    change: { enabled?: boolean | null; logMisses?: boolean },
  ): Promise<RuleSummary> {
    const rules = await this.appRules(workspaceId, appKey);
    this.ruleOf(rules, ruleKey);
    await this.dataSource.query(
      `INSERT INTO rule_setting (app_id, rule_key, enabled, log_misses, updated_by, updated_at)
       VALUES ($1, $2, $3, coalesce($4, false), $5, now())
       ON CONFLICT (app_id, rule_key) DO UPDATE SET
         enabled = CASE WHEN $6 THEN EXCLUDED.enabled ELSE rule_setting.enabled END,
         log_misses = coalesce($4, rule_setting.log_misses),
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [rules.appId, ruleKey, change.enabled ?? null, change.logMisses ?? null, userId, 'enabled' in change],
    );
    const summaries = await this.list(workspaceId, appKey);
    return summaries.find((summary) => summary.key === ruleKey)!;
  }

  /** Evaluates a rule on a chosen record (or, for a schedule, on nothing) and says what it would do. */
  async test(
    workspaceId: string,
    appKey: string,
    ruleKey: string,
    input: { recordId?: string; at?: string; locale?: 'zh-CN' | 'en' },
  ): Promise<RuleTestResult> {
    const rules = await this.appRules(workspaceId, appKey);
    this.ruleOf(rules, ruleKey);
    const compiled = rules.compiled.get(ruleKey);
    if (!compiled)
      throw new AppError('RULE_BROKEN', { rule: ruleKey, reason: rules.broken.get(ruleKey) ?? 'unknown' });
    const at = input.at ? new Date(input.at) : this.clock.now();
    let record: Record<string, unknown> | null = null;
    if (compiled.entity && compiled.trigger.type !== 'schedule') {
      if (!input.recordId)
        throw new AppError('RULE_NEEDS_RECORD', { rule: ruleKey, entity: compiled.entity });
      const resolved = await this.catalog.resolve(workspaceId, appKey, compiled.entity);
      const [stored] = await this.records.findMany(this.dataSource.manager, resolved, [input.recordId]);
      if (!stored) throw new AppError('RECORD_NOT_FOUND');
      record = await this.runner.ruleView(
        this.dataSource.manager,
        rules,
        compiled,
        compiled.entity,
        ruleRecord(stored),
      );
    }
    // A test reads inside a transaction that is always rolled back: nothing it touches can stay.
    const runner = this.dataSource.createQueryRunner();
    await runner.startTransaction('REPEATABLE READ');
    try {
      const outcome = await this.runner.evaluate(
        runner.manager,
        rules,
        compiled,
        { record, old: record ? recordBefore(record, []) : null, changes: [], now: at.toISOString() },
        [],
        input.recordId,
      );
      if ('error' in outcome)
        return { matched: false, result: null, read: {}, actions: [], explanation: [], error: outcome.error };
      const { verdict } = outcome;
      return {
        matched: verdict.matched,
        result: verdict.result,
        read: verdict.read,
        actions: verdict.actions,
        explanation: explain(verdict, input.locale ?? 'zh-CN'),
      };
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }
}
