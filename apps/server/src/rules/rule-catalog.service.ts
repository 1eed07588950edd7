import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AppDefinition, type RuleDefinition } from '@lowcode/app-model';
import { type CompiledRule, compileRule, RuleCompileError } from '@lowcode/rule-engine';
import { type DataSource, type EntityManager } from 'typeorm';

/** The rules of one app at one revision, compiled once. */
export interface AppRules {
  appId: string;
  workspaceId: string;
  appKey: string;
  /** The rule version every firing logs: the app revision its definition came from. */
  revision: number;
  app: AppDefinition;
  compiled: Map<string, CompiledRule>;
  /** Rules that do not compile against this revision (a field they read was removed …), with why. */
  broken: Map<string, string>;
  settings: Map<string, RuleSetting>;
}

export interface RuleSetting {
  enabled: boolean | null;
  logMisses: boolean;
}

interface SettingRow {
  app_id: string;
  rule_key: string;
  enabled: boolean | null;
  log_misses: boolean;
}

interface AppRow {
  id: string;
  workspace_id: string;
  key: string;
  revision: number;
}

/**
 * Compiled rules per app revision. A new import gets a new revision and so a fresh compile; settings
 * (enabled, log misses) are read each time because an admin may switch them at any moment.
 */
@Injectable()
export class RuleCatalogService {
  private readonly logger = new Logger('RuleCatalog');
  private readonly cache = new Map<string, Omit<AppRules, 'settings'>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forApp(
    appId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AppRules | undefined> {
    const [row] = (await manager.query(
      'SELECT id, workspace_id, key, revision FROM app WHERE id = $1 AND storage_schema IS NOT NULL',
      [appId],
    )) as AppRow[];
    return row ? this.load(row, manager) : undefined;
  }

  /**
   * The app's rules only if one of them is `wanted` (listens for a flow event, say); the settings are read
   * only then, so an app no rule of which listens costs one query, or none when the caller `known`s the
   * app's current revision (read in its own transaction; the app has its storage).
   */
  async forAppIf(
    appId: string,
    wanted: (rule: CompiledRule) => boolean,
    manager: EntityManager = this.dataSource.manager,
    known?: { workspaceId: string; key: string; revision: number },
  ): Promise<AppRules | undefined> {
    // The caller may know the app as it stands in its transaction (a flow step read its row).
    const [row] = known
      ? [{ id: appId, workspace_id: known.workspaceId, key: known.key, revision: known.revision }]
      : ((await manager.query(
          'SELECT id, workspace_id, key, revision FROM app WHERE id = $1 AND storage_schema IS NOT NULL',
          [appId],
        )) as AppRow[]);
    if (!row) return undefined;
    const compiled = await this.compiled(row, manager);
    if (![...compiled.compiled.values()].some(wanted)) return undefined;
    return this.load(row, manager);
  }

  async forAppKey(workspaceId: string, appKey: string, manager: EntityManager = this.dataSource.manager) {
    const [row] = (await manager.query(
      'SELECT id, workspace_id, key, revision FROM app WHERE workspace_id = $1 AND key = $2 AND storage_schema IS NOT NULL',
      [workspaceId, appKey],
    )) as AppRow[];
    return row ? this.load(row, manager) : undefined;
  }

  /**
   * Every app's rules, for the scheduler's pass every few hundred milliseconds: two queries (apps with their
   * revisions, every rule setting) however many apps there are; definitions compile only when they change.
   */
  async all(manager: EntityManager = this.dataSource.manager): Promise<AppRules[]> {
    const rows = (await manager.query(
      'SELECT id, workspace_id, key, revision FROM app WHERE storage_schema IS NOT NULL',
    )) as AppRow[];
    const settings = (await manager.query(
      'SELECT app_id, rule_key, enabled, log_misses FROM rule_setting',
    )) as SettingRow[];
    return Promise.all(
      rows.map((row) =>
        this.load(
          row,
          manager,
          settings.filter((setting) => setting.app_id === row.id),
        ),
      ),
    );
  }

  private async load(row: AppRow, manager: EntityManager, knownSettings?: SettingRow[]): Promise<AppRules> {
    const compiled = await this.compiled(row, manager);
    const settings =
      knownSettings ??
      ((await manager.query(
        'SELECT app_id, rule_key, enabled, log_misses FROM rule_setting WHERE app_id = $1',
        [row.id],
      )) as SettingRow[]);
    return {
      ...compiled,
      settings: new Map(
        settings.map((setting) => [
          setting.rule_key,
          { enabled: setting.enabled, logMisses: setting.log_misses },
        ]),
      ),
    };
  }

  private async compiled(row: AppRow, manager: EntityManager): Promise<Omit<AppRules, 'settings'>> {
    const cacheKey = `${row.id}:${row.revision}`;
    let compiled = this.cache.get(cacheKey);
    if (!compiled) {
      // Definition and revision in one read, so a concurrent import cannot pair one with the other.
      const [current] = (await manager.query('SELECT definition, revision FROM app WHERE id = $1', [
        row.id,
      ])) as [{ definition: AppDefinition; revision: number }];
      compiled = compileApp({ ...row, revision: current.revision }, current.definition, (message) =>
        this.logger.warn(message),
      );
      for (const key of this.cache.keys()) if (key.startsWith(`${row.id}:`)) this.cache.delete(key);
      this.cache.set(cacheKey, compiled);
    }
    return compiled;
  }
}

function compileApp(row: AppRow, app: AppDefinition, warn: (message: string) => void) {
  const compiled = new Map<string, CompiledRule>();
  const broken = new Map<string, string>();
  for (const rule of app.rules ?? []) {
    try {
      compiled.set(rule.key, compileRule(rule, app));
    } catch (error) {
      const reason = error instanceof RuleCompileError ? error.render('en') : String(error);
      broken.set(rule.key, reason);
      warn(`Rule ${row.key}.${rule.key} does not compile: ${reason}`);
    }
  }
  return {
    appId: row.id,
    workspaceId: row.workspace_id,
    appKey: row.key,
    revision: row.revision,
    app,
    compiled,
    broken,
  };
}

/** Whether a rule runs: the admin's switch when set, else the definition's `enabled` (default on). */
export function isEnabled(rules: AppRules, rule: RuleDefinition): boolean {
  return rules.settings.get(rule.key)?.enabled ?? rule.enabled ?? true;
}
