import { Module } from '@nestjs/common';
import { FlowsModule } from '../flows/flows.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PeopleModule } from '../people/people.module';
import { RecordsModule } from '../records/records.module';
import { RuleActionsService } from './rule-actions.service';
import { RuleCatalogService } from './rule-catalog.service';
import { RuleRunnerService } from './rule-runner.service';
import { RuleSchedulerService } from './rule-scheduler.service';
import { RulesController } from './rules.controller';
import { RulesService } from './rules.service';

@Module({
  imports: [RecordsModule, NotificationsModule, PeopleModule, FlowsModule],
  controllers: [RulesController],
  providers: [RuleCatalogService, RuleActionsService, RuleRunnerService, RuleSchedulerService, RulesService],
  exports: [RuleRunnerService, RuleActionsService],
})
export class RulesModule {}
