import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { Clock } from './clock';

/** One committed write, as the record_change outbox holds it. */
export interface RecordChangeEvent {
  changeId: string;
  workspaceId: string;
  appId: string;
  entityKey: string;
  recordId: string;
  version: number;
  type: 'created' | 'updated' | 'deleted' | 'restored';
  actorId: string | null;
  /** The write path: api, bulk, import, seed, flow, rule … */
  source: string;
  at: Date;
  changes: { field: string; from: unknown; to: unknown }[];
  /** The rule firings that caused this write, for loop detection. */
  ruleChain: { ruleKey: string; recordId: string }[];
  /** The writing transaction; the writes of one bulk request or import batch share it. */
  tx: string;
}

/**
 * What rules and flows implement to see every write. It runs in the dispatching transaction and should
 * only decide and enqueue (a job, an instance start): slow or external work belongs in a job. What must
 * wait for the commit (telling open pages) goes to `afterCommit`, dropped if the subscriber's work is not kept.
 */
export interface RecordEventSubscriber {
  readonly name: string;
  onRecordChanges(
    events: RecordChangeEvent[],
    manager: EntityManager,
    afterCommit: (run: () => void) => void,
  ): Promise<void>;
}

/**
 * Records an app's seed or a template's demo company brings are history, not events: 80,000 demo records
 * must not send 80,000 reminders or start 10,000 flows on first start. Every other write path triggers.
 */
export const isHistory = (event: Pick<RecordChangeEvent, 'source'>): boolean =>
  event.source === 'seed' || event.source === 'demo';

/** After this many failed dispatches a change is set aside (dispatched, with its error) so later ones flow. */
export const MAX_DISPATCH_ATTEMPTS = 5;
const BATCH = 500;

interface ChangeRow {
  id: string;
  workspace_id: string;
  app_id: string;
  entity_key: string;
  record_id: string;
  version: number;
  type: RecordChangeEvent['type'];
  actor_id: string | null;
  source: string;
  at: Date;
  changes: RecordChangeEvent['changes'];
  rule_chain: RecordChangeEvent['ruleChain'];
  tx: string;
}

/**
 * Reads the record_change outbox in commit order and hands each batch to every subscriber. Every write
 * path (form, API, bulk, import, seed, flows, rules) writes that log in its own transaction, so nothing a
 * trigger should see can bypass this. One server dispatches at a time (a transaction-scoped advisory
 * lock), which keeps the order of changes to one record.
 */
@Injectable()
export class RecordEventDispatcher {
  private readonly logger = new Logger('RecordEventDispatcher');
  private readonly subscribers: RecordEventSubscriber[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  subscribe(subscriber: RecordEventSubscriber): void {
    this.subscribers.push(subscriber);
  }

  /** Dispatches what is pending, batch by batch; returns how many changes were handled. */
  async dispatchPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await this.dispatchBatch();
      total += handled;
      if (handled < BATCH) return total;
    }
  }

  private async dispatchBatch(): Promise<number> {
    const committed: (() => void)[] = [];
    const handled = await this.dataSource.transaction(async (manager) => {
      const [lock] = (await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext('record_change dispatch')) AS locked`,
      )) as { locked: boolean }[];
      if (!lock?.locked) return 0;
      const rows = (await manager.query(
        `SELECT id, workspace_id, app_id, entity_key, record_id, version, type, actor_id, source, at, changes, rule_chain, tx
           FROM record_change WHERE dispatched_at IS NULL ORDER BY id LIMIT $1`,
        [BATCH],
      )) as ChangeRow[];
      if (rows.length === 0) return 0;
      const events = rows.map(toEvent);
      const failed = await this.deliver(events, manager, committed);
      const now = this.clock.now();
      const delivered = rows.filter((row) => !failed.has(row.id)).map((row) => row.id);
      await manager.query(`UPDATE record_change SET dispatched_at = $2 WHERE id = ANY($1::bigint[])`, [
        delivered,
        now,
      ]);
      for (const [id, reason] of failed) {
        await manager.query(
          `UPDATE record_change SET dispatch_attempts = dispatch_attempts + 1, dispatch_error = $2,
                  dispatched_at = CASE WHEN dispatch_attempts + 1 >= $3 THEN $4::timestamptz END
            WHERE id = $1`,
          [id, reason.slice(0, 2000), MAX_DISPATCH_ATTEMPTS, now],
        );
      }
      return rows.length;
    });
    for (const run of committed) run();
    return handled;
  }

  /**
   * Each subscriber gets the whole batch behind a savepoint; if it fails, it gets the changes one at a
   * time so one bad change cannot hold back the others. Returns the changes that failed, with why.
   */
  private async deliver(
    events: RecordChangeEvent[],
    manager: EntityManager,
    committed: (() => void)[],
  ): Promise<Map<string, string>> {
    const failed = new Map<string, string>();
    for (const subscriber of this.subscribers) {
      if (await this.attempt(subscriber, events, manager, committed)) continue;
      for (const event of events) {
        if (failed.has(event.changeId)) continue;
        const error = await this.attempt(subscriber, [event], manager, committed, true);
        if (error !== true) failed.set(event.changeId, `${subscriber.name}: ${error}`);
      }
    }
    return failed;
  }

  private async attempt(
    subscriber: RecordEventSubscriber,
    events: RecordChangeEvent[],
    manager: EntityManager,
    committed: (() => void)[],
    report = false,
  ): Promise<true | string | false> {
    await manager.query('SAVEPOINT dispatch');
    const afterCommit: (() => void)[] = [];
    try {
      await subscriber.onRecordChanges(events, manager, (run) => afterCommit.push(run));
      await manager.query('RELEASE SAVEPOINT dispatch');
      committed.push(...afterCommit);
      return true;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT dispatch');
      const reason = error instanceof Error ? error.message : String(error);
      if (report) this.logger.warn(`${subscriber.name} failed on change ${events[0]?.changeId}: ${reason}`);
      return report ? reason : false;
    }
  }
}

const toEvent = (row: ChangeRow): RecordChangeEvent => ({
  changeId: row.id,
  workspaceId: row.workspace_id,
  appId: row.app_id,
  entityKey: row.entity_key,
  recordId: row.record_id,
  version: row.version,
  type: row.type,
  actorId: row.actor_id,
  source: row.source,
  at: row.at,
  changes: row.changes,
  ruleChain: row.rule_chain,
  tx: row.tx,
});
