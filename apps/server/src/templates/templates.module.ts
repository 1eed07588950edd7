import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { FilesModule } from '../files/files.module';
import { FlowsModule } from '../flows/flows.module';
import { RecordsModule } from '../records/records.module';
import { TemplatesController } from './templates.controller';
import { DemoFlowPlayer } from './demo-flows';
import { TemplatesService } from './templates.service';

@Module({
  imports: [AppsModule, RecordsModule, FlowsModule, FilesModule],
  controllers: [TemplatesController],
  providers: [TemplatesService, DemoFlowPlayer],
  exports: [TemplatesService],
})
export class TemplatesModule {}
