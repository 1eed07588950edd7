import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { generatePassword } from '../auth/password';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { UsersService } from '../users/users.service';
import { WorkspacesService } from '../workspaces/workspaces.service';

export const DEFAULT_WORKSPACE = { slug: 'default', name: '默认工作区' };

// Any constant works; it only has to be the same for every server instance starting at once.
const FIRST_START_LOCK = 728_114_001;

export interface FirstStartResult {
  adminUsername: string;
  /** Set only when this start created the admin with a generated password: shown once, never stored. */
  generatedPassword?: string;
}

/** On an empty database: the default workspace and its admin, created once even if servers race. */
@Injectable()
export class FirstStartService implements OnApplicationBootstrap {
  result: FirstStartResult;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly workspaces: WorkspacesService,
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
  }
}
