import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import { AppsModule } from './apps/apps.module';
import { AuditModule } from './audit/audit.module';
import { DepartmentsModule } from './departments/departments.module';
import { AuthModule } from './auth/auth.module';
import { BootstrapModule } from './bootstrap/bootstrap.module';
import { requestLogLevel } from './common/http/request-log-level';
import { ServerLogger } from './common/http/server-logger';
import { ConfigModule } from './config/config.module';
import { type ServerConfig } from './config/server-config';
import { DatabaseModule } from './database/database.module';
import { FilesModule } from './files/files.module';
import { FlowsModule } from './flows/flows.module';
import { HealthController } from './health/health.controller';
import { JobsModule } from './jobs/jobs.module';
import { MembersModule } from './members/members.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RulesModule } from './rules/rules.module';
import { UsersModule } from './users/users.module';
import { WorkspacesApiModule } from './workspaces/workspaces-api.module';

type PinoHttpOptions = Exclude<NonNullable<Params['pinoHttp']>, unknown[]>;

/** Log lines go to stdout, or to the stream a test reads them from. */
const withDestination = (options: PinoHttpOptions, destination: ServerConfig['logDestination']) =>
  destination ? ([options, destination] as Params['pinoHttp']) : options;

/** The services without HTTP: what the CLI boots. */
@Module({})
export class CoreModule {
  static forRoot(config: ServerConfig, databaseUrl: string): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: withDestination(
            {
              level: config.logLevel,
              transport: config.prettyLogs
                ? { target: 'pino-pretty', options: { singleLine: true } }
                : undefined,
              // Credentials never reach a log line: tokens, API keys (either header) and cookies.
              redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
              autoLogging: { ignore: (request) => request.url === '/api/health' },
              customLogLevel: requestLogLevel,
            },
            config.logDestination,
          ),
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
        DatabaseModule.forRoot(databaseUrl),
        AuditModule,
        JobsModule,
        UsersModule,
        AuthModule,
        RealtimeModule,
        AppsModule,
        BootstrapModule,
        RulesModule,
        FlowsModule,
      ],
      providers: [ServerLogger],
      exports: [ServerLogger],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: ServerConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, databaseUrl),
        WorkspacesApiModule,
        FilesModule,
        MembersModule,
        DepartmentsModule,
      ],
      controllers: [HealthController],
    };
  }
}
