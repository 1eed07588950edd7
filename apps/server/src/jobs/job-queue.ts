import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type SqlParams, sqlParams } from '../records/utils/sql';
import { Clock } from './clock';

export interface Job<Payload = Record<string, unknown>> {
  id: string;
  queue: string;
  payload: Payload;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  /** Runs `effect` once the job's transaction has committed (live pushes that must not announce a rollback). */
  afterCommit(effect: () => void): void;
}

/**
 * Runs one job inside the transaction that marks it done: whatever it writes through `manager` commits
 * with the completion, or not at all. Work outside the database (HTTP calls) is at-least-once; such
 * handlers pass the job id as an idempotency key.
 */
export type JobHandler<Payload = Record<string, unknown>> = (
  job: Job<Payload>,
  manager: EntityManager,
) => Promise<void>;

/** A job to enqueue: what its handler gets, and when and how often it runs. */
export interface NewJob {
  payload: Record<string, unknown>;
  options?: EnqueueOptions;
}

export interface EnqueueOptions {
  /** Not before this instant (the clock's now by default). */
  runAt?: Date;
  /** At most one job per queue and key, ever: a second enqueue with the same key is a no-op. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Retry delay after the n-th failed attempt: 10 s, 40 s, 90 s … capped at one hour. */
export const retryDelayMs = (attempt: number) => Math.min(3_600_000, 10_000 * attempt * attempt);

interface JobRow {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  run_at: Date;
}

/**
 * The durable job queue (docs/adr/0004-job-queue.md): a PostgreSQL table claimed with FOR UPDATE SKIP
 * LOCKED, so several servers share the work and a job runs on one of them; due times compare with the
 * injected Clock, never the database's, so tests can move time.
 */
@Injectable()
export class JobQueue {
  private readonly logger = new Logger('JobQueue');
  private readonly handlers = new Map<string, JobHandler<never>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  handle<Payload>(queue: string, handler: JobHandler<Payload>): void {
    if (this.handlers.has(queue)) throw new Error(`Queue ${queue} already has a handler`);
    this.handlers.set(queue, handler as JobHandler<never>);
  }

  /** Enqueues in the caller's transaction when given `manager`: the job exists if and only if that commits. */
  async enqueue(
    queue: string,
    payload: Record<string, unknown>,
    options: EnqueueOptions = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const [id] = await this.enqueueMany(queue, [{ payload, options }], manager);
    return id ?? null;
  }

  /**
   * Several jobs of one queue in one statement (the timers of a flow step), in the caller's transaction;
   * answers the ids of the jobs it created (a deduplicated one has none).
   */
  async enqueueMany(
    queue: string,
    jobs: NewJob[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    if (jobs.length === 0) return [];
    const params = sqlParams();
    const rows = (await manager.query(
      `${this.enqueueSql(queue, jobs, params)} RETURNING id`,
      params.values,
    )) as {
      id: string;
    }[];
    return rows.map((row) => row.id);
  }

  /** Cancels the pending jobs of a queue with these dedupe keys (cancelled timers, a withdrawn flow's). */
  async cancel(queue: string, dedupeKeys: string[], manager: EntityManager = this.dataSource.manager) {
    if (dedupeKeys.length === 0) return;
    const params = sqlParams();
    await manager.query(this.cancelSql(queue, dedupeKeys, params), params.values);
  }

  /**
   * The INSERT of `enqueueMany`, its values added to `params`, for a caller that writes the jobs in the
   * statement of its own write (a flow task with its SLA timers).
   */
  enqueueSql(queue: string, jobs: NewJob[], params: SqlParams): string {
    const now = this.clock.now();
    const [name, payloads, runAts, keys, attempts] = [
      queue,
      jobs.map((job) => JSON.stringify(job.payload)),
      jobs.map((job) => job.options?.runAt ?? now),
      jobs.map((job) => job.options?.dedupeKey ?? null),
      jobs.map((job) => job.options?.maxAttempts ?? 5),
    ].map((value) => params.add(value));
    return `INSERT INTO job (queue, payload, run_at, dedupe_key, max_attempts)
       SELECT ${name}, j.payload, j.run_at, j.dedupe_key, j.max_attempts
         FROM unnest(${payloads}::jsonb[], ${runAts}::timestamptz[], ${keys}::text[], ${attempts}::int[])
              WITH ORDINALITY AS j (payload, run_at, dedupe_key, max_attempts, n)
        ORDER BY j.n
       ON CONFLICT (queue, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`;
  }

  /** The UPDATE of `cancel`, its values added to `params`, to run in the statement of a caller's write. */
  cancelSql(queue: string, dedupeKeys: string[], params: SqlParams): string {
    const [name, keys, now] = [queue, dedupeKeys, this.clock.now()].map((value) => params.add(value));
    return `UPDATE job SET status = 'cancelled', finished_at = ${now}
        WHERE queue = ${name} AND dedupe_key = ANY(${keys}::text[]) AND status = 'pending'`;
  }

  /**
   * Claims and runs due jobs one by one until none is due or `limit` ran; returns how many ran. Safe to
   * call from several servers at once: each job is locked by the one that claimed it.
   */
  async runDue(limit = 100): Promise<number> {
    let ran = 0;
    while (ran < limit && (await this.runOne())) ran += 1;
    return ran;
  }

  private async runOne(): Promise<boolean> {
    const queues = [...this.handlers.keys()];
    if (queues.length === 0) return false;
    const afterCommit: (() => void)[] = [];
    const ran = await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT id, queue, payload, attempts, max_attempts, run_at FROM job
          WHERE status = 'pending' AND run_at <= $1 AND queue = ANY($2)
          ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [this.clock.now(), queues],
      )) as JobRow[];
      if (!row) return false;
      const job: Job = {
        id: row.id,
        queue: row.queue,
        payload: row.payload,
        attempts: row.attempts + 1,
        maxAttempts: row.max_attempts,
        runAt: row.run_at,
        afterCommit: (effect) => afterCommit.push(effect),
      };
      await manager.query('SAVEPOINT job_run');
      try {
        await this.handlers.get(row.queue)!(job as never, manager);
        await manager.query('RELEASE SAVEPOINT job_run');
        await manager.query(
          `UPDATE job SET status = 'done', attempts = $2, finished_at = $3, last_error = NULL WHERE id = $1`,
          [row.id, job.attempts, this.clock.now()],
        );
      } catch (error) {
        afterCommit.length = 0;
        await manager.query('ROLLBACK TO SAVEPOINT job_run');
        const reason = error instanceof Error ? error.message : String(error);
        // An error that says it is permanent (a refused webhook address) is not worth retrying.
        const permanent = (error as { permanent?: unknown } | null)?.permanent === true;
        const giveUp = permanent || job.attempts >= job.maxAttempts;
        if (giveUp) this.logger.error(`Job ${row.queue}#${row.id} failed for good: ${reason}`);
        else this.logger.warn(`Job ${row.queue}#${row.id} attempt ${job.attempts} failed: ${reason}`);
        await manager.query(
          `UPDATE job SET attempts = $2, last_error = $3, status = $4, run_at = $5, finished_at = $6 WHERE id = $1`,
          [
            row.id,
            job.attempts,
            reason.slice(0, 2000),
            giveUp ? 'failed' : 'pending',
            new Date(this.clock.now().getTime() + retryDelayMs(job.attempts)),
            giveUp ? this.clock.now() : null,
          ],
        );
      }
      return true;
    });
    for (const effect of afterCommit) {
      try {
        effect();
      } catch (error) {
        this.logger.warn(`After-commit effect failed: ${String(error)}`);
      }
    }
    return ran;
  }
}
