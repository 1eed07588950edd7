import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { SERVER_CONFIG, type ServerConfig } from '../../config/server-config';
import { loadInstanceSecret } from '../../database/instance-secret';
import { Clock } from '../../jobs/clock';
import { type Job, JobQueue } from '../../jobs/job-queue';
import { sendWebhook } from '../../webhooks/outgoing-webhook';
import { WEBHOOK_QUEUE } from './flow-step';

interface WebhookPayload {
  workspaceId: string;
  appId: string;
  instanceId: string;
  url: string;
  method: string;
  body: unknown;
  idempotencyKey: string;
}

/**
 * Calls the webhooks of flow `webhook` actions from the job queue, through the same signed, SSRF-guarded
 * sender as rules (docs/automation.md §Outgoing webhooks): at least once, retried with backoff, each
 * request carrying the effect's idempotency key; a refused target fails at once.
 */
@Injectable()
export class FlowWebhooks implements OnModuleInit {
  private secret: Promise<string> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.handle<WebhookPayload>(WEBHOOK_QUEUE, (job) => this.call(job));
  }

  private async call(job: Job<WebhookPayload>): Promise<void> {
    const { url, method, body, idempotencyKey } = job.payload;
    this.secret ??= loadInstanceSecret(this.dataSource, 'webhook_secret', this.config.webhookSecret);
    await sendWebhook(
      { url, method, body, idempotencyKey },
      { secret: await this.secret, allowPrivate: this.config.allowPrivateWebhooks, now: this.clock.now() },
    );
  }
}
