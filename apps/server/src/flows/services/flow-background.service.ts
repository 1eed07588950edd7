import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type AppDefinition } from '@lowcode/app-model';
import { SYSTEM_ACTOR } from '@lowcode/flow-engine';
import { type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { type Job, JobQueue } from '../../jobs/job-queue';
import { isHistory, type RecordChangeEvent, RecordEventDispatcher } from '../../jobs/record-events';
import { FlowDefinitions } from './flow-definitions.service';
import { FlowRunner } from './flow-runner.service';
import { START_QUEUE, TIMER_QUEUE } from './flow-step';

interface TimerPayload {
  workspaceId: string;
  instanceId: string;
  timerId: string;
}

interface StartPayload {
  workspaceId: string;
  appId: string;
  appKey: string;
  revision: number;
  flowKey: string;
  recordId: string;
  changeId: string;
  actorId: string | null;
}

/**
 * What moves instances without a person: due timers (SLA reminders, escalations, timer nodes) and flows
 * started by record writes. Both run as jobs, inside the transaction that completes the job, so a timer
 * fires once even with several servers draining the queue, and a redelivered change starts nothing twice.
 */
@Injectable()
export class FlowBackground implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly dispatcher: RecordEventDispatcher,
    private readonly runner: FlowRunner,
    private readonly definitions: FlowDefinitions,
  ) {}

  onModuleInit(): void {
    this.jobs.handle<TimerPayload>(TIMER_QUEUE, (job, manager) => this.fireTimer(job, manager));
    this.jobs.handle<StartPayload>(START_QUEUE, (job, manager) => this.startFromChange(job, manager));
    this.dispatcher.subscribe({
      name: 'flows',
      onRecordChanges: (events, manager) => this.onRecordChanges(events, manager),
    });
  }

  private async fireTimer(job: Job<TimerPayload>, manager: EntityManager): Promise<void> {
    const { workspaceId, instanceId, timerId } = job.payload;
    try {
      const outcome = await this.runner.command(manager, workspaceId, instanceId, SYSTEM_ACTOR, (runtime) =>
        runtime.fireTimer(timerId),
      );
      job.afterCommit(() => this.runner.flush(outcome.pushes));
    } catch (error) {
      // The app (and its instances) was deleted after the timer was set: nothing left to wake.
      if (error instanceof AppError && error.code === 'FLOW_INSTANCE_NOT_FOUND') return;
      throw error;
    }
  }

  /**
   * Decides which flows a batch of changes starts and enqueues one start job per (flow, change); the job's
   * dedupe key and the instance's trigger key make a redelivered batch harmless.
   */
  private async onRecordChanges(events: RecordChangeEvent[], manager: EntityManager): Promise<void> {
    const created = events.filter((event) => event.type === 'created' && !isHistory(event));
    const apps = new Map<string, { key: string; revision: number; definition: AppDefinition } | null>();
    for (const event of created) {
      if (!apps.has(event.appId)) {
        const [app] = (await manager.query('SELECT key, revision FROM app WHERE id = $1', [event.appId])) as {
          key: string;
          revision: number;
        }[];
        apps.set(
          event.appId,
          app
            ? { ...app, definition: await this.definitions.definition(manager, event.appId, app.revision) }
            : null,
        );
      }
      const app = apps.get(event.appId);
      if (!app) continue;
      // formSubmitted: a person filled the form (the API), not an import, a rule or another flow.
      const submitted = event.source === 'api' && event.actorId !== null;
      const flows = (app.definition.flows ?? []).filter(
        (flow) =>
          flow.entity === event.entityKey &&
          (flow.trigger.type === 'recordCreated' || (flow.trigger.type === 'formSubmitted' && submitted)),
      );
      for (const flow of flows) {
        const payload: StartPayload = {
          workspaceId: event.workspaceId,
          appId: event.appId,
          appKey: app.key,
          revision: app.revision,
          flowKey: flow.key,
          recordId: event.recordId,
          changeId: event.changeId,
          actorId: event.actorId,
        };
        await this.jobs.enqueue(
          START_QUEUE,
          { ...payload },
          { dedupeKey: `${event.appId}:${flow.key}:${event.changeId}` },
          manager,
        );
      }
    }
  }

  private async startFromChange(job: Job<StartPayload>, manager: EntityManager): Promise<void> {
    const { workspaceId, appId, appKey, revision, flowKey, recordId, changeId, actorId } = job.payload;
    try {
      const outcome = await this.runner.start(manager, {
        workspaceId,
        app: { id: appId, key: appKey, revision },
        flowKey,
        recordId,
        actor: actorId ?? SYSTEM_ACTOR,
        triggerKey: `change:${changeId}`,
      });
      job.afterCommit(() => this.runner.flush(outcome.pushes));
    } catch (error) {
      // Deleted before its flow could start: there is nothing to run the flow on.
      if (error instanceof AppError && ['RECORD_NOT_FOUND', 'APP_NOT_FOUND'].includes(error.code)) return;
      throw error;
    }
  }
}
