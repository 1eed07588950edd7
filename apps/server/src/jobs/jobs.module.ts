import { Global, Module } from '@nestjs/common';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { AutomationRunner } from './automation-runner';
import { Clock } from './clock';
import { FlowEventBus } from './flow-events';
import { JobQueue } from './job-queue';
import { RecordEventDispatcher } from './record-events';

/** The clock, the job queue, the outbox dispatcher and the loop that drives them; global, one per server. */
@Global()
@Module({
  providers: [
    {
      provide: Clock,
      inject: [SERVER_CONFIG],
      useFactory: (config: ServerConfig) => new Clock(config.manualClock),
    },
    JobQueue,
    RecordEventDispatcher,
    FlowEventBus,
    AutomationRunner,
  ],
  exports: [Clock, JobQueue, RecordEventDispatcher, FlowEventBus, AutomationRunner],
})
export class JobsModule {}
