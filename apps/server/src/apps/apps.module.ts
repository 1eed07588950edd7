import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { RecordsModule } from '../records/records.module';
import { AppsController } from './apps.controller';
import { AppsService } from './apps.service';

@Module({
  imports: [RealtimeModule, RecordsModule],
  controllers: [AppsController],
  providers: [AppsService],
  exports: [AppsService],
})
export class AppsModule {}
