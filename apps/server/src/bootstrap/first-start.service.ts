import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Actor } from '../apps/apps.service';
import { TemplatesService } from '../templates/templates.service';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { generatePassword } from '../auth/password';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { UsersService } from '../users/users.service';
import { WorkspacesService } from '../workspaces/workspaces.service';

export const DEFAULT_WORKSPACE = { slug: 'default', name: '默认工作区' };

// Any constant works; it only has to be the same for every server instance starting at once.
const FIRST_START_LOCK = 728_114_001;
const TEMPLATE_MARKER = 'first_start_template';

export interface FirstStartResult {
  adminUsername: string;
  /** Set only when this start created the admin with a generated password: shown once, never stored. */
  generatedPassword?: string;
  /** The template this start installed into the new workspace, with its demo company if any. */
  template?: { key: string; demoUsers: number; demoRecords: number; demoPassword?: string };
}

/** On an empty database: the default workspace and its admin, created once even if servers race. */
@Injectable()
export class FirstStartService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstStartService.name);
  result: FirstStartResult;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly workspaces: WorkspacesService,
    private readonly templates: TemplatesService,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.result = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_START_LOCK]);
      const [{ count }] = (await manager.query('SELECT count(*)::int AS count FROM app_user')) as [
        { count: number },
      ];
      if (count > 0) return { adminUsername: this.config.adminUsername };

      const password = this.config.adminPassword ?? generatePassword();
      const admin = await this.users.create(
        { username: this.config.adminUsername, password, displayName: '管理员 Admin', isSystemAdmin: true },
        manager,
      );
      const workspace = await this.workspaces.insertWorkspace(DEFAULT_WORKSPACE, manager);
      await this.workspaces.addMember(workspace.id, admin.id, 'admin', manager);
      return {
        adminUsername: admin.username,
        generatedPassword: this.config.adminPassword ? undefined : password,
      };
    });
    if (this.config.template) this.result.template = await this.installTemplateOnce();
  }

  /**
   * Installs the configured template into the default workspace once per installation. A marker row
   * records success, so a start that failed half-way (the install is one transaction) tries again, and
   * servers starting together wait on the lock instead of installing twice.
   */
  private async installTemplateOnce(): Promise<FirstStartResult['template']> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_START_LOCK + 1]);
      const done = await manager.query('SELECT 1 FROM instance_setting WHERE key = $1', [TEMPLATE_MARKER]);
      if (done.length > 0) return undefined;
      const [owner] = (await manager.query(
        `SELECT w.id AS "workspaceId", m.user_id AS "userId" FROM workspace w
           JOIN workspace_member m ON m.workspace_id = w.id AND m.role = 'admin'
          WHERE w.slug = $1 ORDER BY m.created_at LIMIT 1`,
        [DEFAULT_WORKSPACE.slug],
      )) as Actor[];
      if (!owner) return undefined;
      const installed = await this.installTemplate(owner);
      await manager.query('INSERT INTO instance_setting (key, value) VALUES ($1, $2)', [
        TEMPLATE_MARKER,
        this.config.template,
      ]);
      return installed;
    });
  }

  /** A newcomer's first start shows a working property company: the template and its demo data. */
  private async installTemplate(actor: Actor): Promise<FirstStartResult['template']> {
    const key = this.config.template;
    this.logger.log(`installing template "${key}"${this.config.demoData ? ' with demo data' : ''}…`);
    const installed = await this.templates.install(actor, key, {
      dryRun: false,
      demo: this.config.demoData,
      locale: 'zh-CN',
    });
    const demoRecords = Object.values(installed.demo?.records ?? {}).reduce((sum, count) => sum + count, 0);
    return {
      key,
      demoUsers: installed.demo?.users ?? 0,
      demoRecords,
      demoPassword: installed.demo ? this.config.demoPassword : undefined,
    };
  }
}
