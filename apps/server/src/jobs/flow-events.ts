import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';

/** What happened to a flow instance that rules may react to (`flowEvent` triggers). */
export interface FlowLifecycleEvent {
  workspaceId: string;
  appId: string;
  flowKey: string;
  instanceId: string;
  event: 'instanceStarted' | 'instanceEnded' | 'taskOverdue';
  entityKey: string;
  recordId: string | null;
  /** The node of the overdue task. */
  taskKey?: string;
  /** How an ended instance ended. */
  status?: string;
  /**
   * The app's key and current revision, when the publisher read them in its transaction (and the app has
   * its storage): subscribers need not read the app's row again.
   */
  app?: { key: string; revision: number };
}

export type FlowEventSubscriber = (event: FlowLifecycleEvent, manager: EntityManager) => Promise<void>;

/**
 * Flow lifecycle events, published by the flow runner inside the step's transaction: a subscriber's work
 * (enqueueing a rule firing) commits with the step or not at all. Flows publish without knowing who
 * listens, so rules can depend on flows and not the other way round.
 */
@Injectable()
export class FlowEventBus {
  private readonly subscribers: FlowEventSubscriber[] = [];

  subscribe(subscriber: FlowEventSubscriber): void {
    this.subscribers.push(subscriber);
  }

  async publish(event: FlowLifecycleEvent, manager: EntityManager): Promise<void> {
    for (const subscriber of this.subscribers) await subscriber(event, manager);
  }
}
