import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { JobQueue } from './job-queue';
import { RecordEventDispatcher } from './record-events';

/** Work that runs on every pass of the loop before jobs: the schedulers that turn due times into jobs. */
export interface PeriodicTask {
  readonly name: string;
  run(): Promise<number>;
}

/**
 * The one loop of background work on each server: dispatch the outbox, let the schedulers enqueue what is
 * due, run due jobs. Every step is safe on several servers at once. Tests stop the loop (`jobPollMs: 0`)
 * and call `drain()` to run everything that is due, deterministically.
 */
@Injectable()
export class AutomationRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AutomationRunner');
  private readonly periodic: PeriodicTask[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly dispatcher: RecordEventDispatcher,
    private readonly jobs: JobQueue,
  ) {}

  addPeriodic(task: PeriodicTask): void {
    this.periodic.push(task);
  }

  onApplicationBootstrap(): void {
    if (this.config.jobPollMs > 0) this.schedule();
  }

  /**
   * Stops the loop and lets the pass in flight finish — before any module's `onApplicationShutdown`, where
   * TypeORM closes the database connections that pass is using.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass; returns how much work it did. */
  async pass(): Promise<number> {
    let work = await this.dispatcher.dispatchPending();
    for (const task of this.periodic) work += await task.run();
    work += await this.jobs.runDue();
    return work;
  }

  /** Passes until one finds nothing to do (bounded, so a job that re-enqueues itself cannot hang a test). */
  async drain(maxPasses = 50): Promise<void> {
    for (let pass = 0; pass < maxPasses; pass += 1) if ((await this.pass()) === 0) return;
    throw new Error(`Automation did not settle after ${maxPasses} passes`);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass()
        .catch((error: unknown) => this.logger.error(`Automation pass failed: ${String(error)}`))
        .finally(() => this.schedule());
    }, this.config.jobPollMs);
  }
}
