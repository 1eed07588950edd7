import { Inject, Injectable, Logger } from '@nestjs/common';
import { type LocalizedText, type Locale } from '@lowcode/app-model';
import { DataSource } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Actor, AppsService, type ImportResult } from '../apps/apps.service';
import { hashPassword } from '../auth/password';
import { AppError } from '../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { RecordsService } from '../records/records.service';
import { loadSeedRecords, type SeedRecords } from '../records/seed-loader';
import { type DemoFlowPlan, DemoFlowPlayer } from './demo-flows';
import { storeDemoFiles } from './demo-files';
import { FilesService } from '../files/files.service';
import {
  createDemoDepartments,
  createDemoUsers,
  type DemoDepartment,
  type DemoUser,
  grantProjects,
  showcaseBusiest,
} from './demo-users';
import { TEMPLATE_SOURCES, type TemplateSource } from './template-registry';

export interface TemplateSummary {
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  version: string;
  counts: {
    entities: number;
    flows: number;
    rules: number;
    reports: number;
    dashboards: number;
    roles: number;
  };
  demo: { records: number; users: number } | null;
  installed: { revision: number; version: string } | null;
}

export interface InstallResult extends ImportResult {
  /** `flows`: the demo's work in progress, flows started (and moved on) through the engine. */
  demo?: { users: number; records: Record<string, number>; flows?: number };
}

export const DEMO_SEED = 20261122;

/** The template gallery: lists what can be installed and installs it through the app import. */
@Injectable()
export class TemplatesService {
  private readonly logger = new Logger(TemplatesService.name);
  private readonly demoSizes = new Map<string, TemplateSummary['demo']>();

  constructor(
    private readonly apps: AppsService,
    private readonly records: RecordsService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly audit: AuditService,
    private readonly demoFlows: DemoFlowPlayer,
    private readonly files: FilesService,
  ) {}

  async list(workspaceId: string): Promise<TemplateSummary[]> {
    const installed: { key: string; revision: number; version: string }[] = await this.dataSource.query(
      'SELECT key, revision, version FROM app WHERE workspace_id = $1',
      [workspaceId],
    );
    return TEMPLATE_SOURCES.map((source) => {
      const app = source.load();
      const present = installed.find((row) => row.key === app.key);
      const demo = this.demoSize(source);
      return {
        key: source.key,
        label: app.label,
        description: app.description,
        version: app.version,
        counts: {
          entities: app.entities.length,
          flows: app.flows.length,
          rules: app.rules.length,
          reports: app.reports.length,
          dashboards: app.dashboards.length,
          roles: app.roles.length,
        },
        demo,
        installed: present ? { revision: present.revision, version: present.version } : null,
      };
    });
  }

  /**
   * Installs or upgrades a template's app. Demo data comes only with a fresh install, inside the same
   * transaction: either the whole demo company is there or nothing is.
   */
  async install(
    actor: Actor,
    key: string,
    options: { dryRun: boolean; demo: boolean; locale: Locale },
  ): Promise<InstallResult> {
    const source = this.source(key);
    let demo: InstallResult['demo'];
    let liveFlows: (() => Promise<number>) | undefined;
    const result = await this.apps.import(actor, source.load(), {
      dryRun: options.dryRun,
      locale: options.locale,
      // An upgrade keeps what the company added to the installed app (its own fields, entities, flows …).
      keepCustomizations: true,
      onCreated:
        options.demo && source.demo
          ? async (manager, target) => {
              const data = source.demo!({ seed: DEMO_SEED, scale: this.config.demoScale });
              const {
                _users: people = [],
                _flows: flows = [],
                _departments: departments = [],
                ...records
              } = data;
              this.logger.log(`loading demo data for ${key} (${people.length} users)`);
              const users = await createDemoUsers(
                manager,
                actor.workspaceId,
                people as unknown as DemoUser[],
                await hashPassword(this.config.demoPassword),
              );
              await createDemoDepartments(
                manager,
                actor.workspaceId,
                departments as unknown as DemoDepartment[],
                users,
              );
              if (source.demoFiles)
                await storeDemoFiles(
                  manager,
                  this.files,
                  actor,
                  source.demoFiles,
                  records as Record<string, unknown[]>,
                );
              const { counts, ids } = await loadSeedRecords(
                manager,
                this.records,
                target,
                records as SeedRecords,
                { userId: actor.userId, locale: options.locale, source: 'demo' },
                users,
              );
              await grantProjects(manager, actor.workspaceId, people as unknown as DemoUser[], users, ids);
              demo = { users: users.size, records: counts };
              liveFlows = () =>
                this.demoFlows.play(actor, target.appKey, flows as unknown as DemoFlowPlan[], ids, users);
            }
          : undefined,
    });
    // The demo's work in progress runs through the flow engine once its records are committed.
    if (!result.dryRun && liveFlows) {
      const played = await liveFlows();
      this.logger.log(`started ${played} demo flows for ${key}`);
      for (const role of source.showcaseRoles ?? [])
        await showcaseBusiest(this.dataSource.manager, actor.workspaceId, role);
      if (demo) demo.flows = played;
    }
    if (!result.dryRun && result.action !== 'unchanged') {
      await this.audit.record({
        workspaceId: actor.workspaceId,
        actorId: actor.userId,
        action: 'template.installed',
        target: key,
        details: { action: result.action, demo: demo ? { users: demo.users } : null },
        ip: actor.ip,
      });
    }
    return { ...result, demo };
  }

  /** Generating the demo company takes most of a second: its size is worked out once per process. */
  private demoSize(source: TemplateSource): TemplateSummary['demo'] {
    if (!this.demoSizes.has(source.key)) {
      const data = source.demo?.({ seed: DEMO_SEED, scale: this.config.demoScale });
      this.demoSizes.set(
        source.key,
        data
          ? {
              users: (data._users ?? []).length,
              records: Object.entries(data).reduce(
                (sum, [key, rows]) => (key === '_users' || key === '_flows' ? sum : sum + rows.length),
                0,
              ),
            }
          : null,
      );
    }
    return this.demoSizes.get(source.key) ?? null;
  }

  private source(key: string): TemplateSource {
    const source = TEMPLATE_SOURCES.find((candidate) => candidate.key === key);
    if (!source) throw new AppError('TEMPLATE_NOT_FOUND', { key });
    return source;
  }
}
