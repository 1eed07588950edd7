import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { App } from '../apps/app.entity';
import { AppRevision } from '../apps/app-revision.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { User } from '../users/user.entity';
import { Workspace } from '../workspaces/workspace.entity';
import { WorkspaceMember } from '../workspaces/workspace-member.entity';
import { InstanceSetting } from './instance-setting.entity';
import { MIGRATIONS } from './migrations';
import { preparingPg } from './prepared-statements';

export const ENTITIES = [InstanceSetting, Workspace, WorkspaceMember, User, RefreshToken, App, AppRevision];

@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          // Flow steps prepare their statements on the connection (prepared-statements.ts).
          driver: preparingPg(),
          url: databaseUrl,
          entities: ENTITIES,
          migrations: MIGRATIONS,
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          synchronize: false,
          // Failed queries surface as errors (logged by the exception filter when unexpected), not as console noise.
          logging: ['warn', 'migration'],
          extra: { max: 20 },
        }),
      ],
    };
  }
}
