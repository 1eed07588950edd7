import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { AppsController } from './apps.controller';
import { AppsService } from './apps.service';

@Module({
  imports: [RealtimeModule],
  controllers: [AppsController],
  providers: [AppsService],
  exports: [AppsService],
})
export class AppsModule {}
