import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PeopleModule } from '../people/people.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RecordsModule } from '../records/records.module';
import { FlowInstancesController } from './flow-instances.controller';
import { BusinessCalendar } from './services/business-calendar.service';
import { FlowAssignees } from './services/flow-assignees.service';
import { FlowBackground } from './services/flow-background.service';
import { FlowCommands } from './services/flow-commands.service';
import { FlowDefinitions } from './services/flow-definitions.service';
import { FlowEffects } from './services/flow-effects.service';
import { FlowQueries } from './services/flow-queries.service';
import { FlowRunner } from './services/flow-runner.service';
import { FlowWebhooks } from './services/flow-webhooks.service';
import { StandaloneTasks } from './services/standalone-tasks.service';
import { TasksController } from './tasks.controller';

/**
 * Flows on the server (docs/architecture.md §Flows on the server): adapts @lowcode/flow-engine to
 * PostgreSQL, the job queue, notifications and socket.io. Exports the runner (starting instances from
 * rules) and StandaloneTasks (the rule action `createTask`).
 */
@Module({
  imports: [RecordsModule, NotificationsModule, RealtimeModule, FilesModule, PeopleModule],
  controllers: [TasksController, FlowInstancesController],
  providers: [
    BusinessCalendar,
    FlowAssignees,
    FlowBackground,
    FlowCommands,
    FlowDefinitions,
    FlowEffects,
    FlowQueries,
    FlowRunner,
    FlowWebhooks,
    StandaloneTasks,
  ],
  exports: [FlowRunner, FlowDefinitions, FlowAssignees, StandaloneTasks, FlowCommands],
})
export class FlowsModule {}
