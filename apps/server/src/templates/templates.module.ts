import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { RecordsModule } from '../records/records.module';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

@Module({
  imports: [AppsModule, RecordsModule],
  controllers: [TemplatesController],
  providers: [TemplatesService],
  exports: [TemplatesService],
})
export class TemplatesModule {}
