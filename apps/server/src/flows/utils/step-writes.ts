import { type EntityManager } from 'typeorm';
import { type SqlParams, sqlParams } from '../../records/utils/sql';

/**
 * The writes of a step that nothing later in the step reads — its task rows and timer jobs — gathered and
 * sent as data-modifying CTEs (`WITH w1 AS (…), w2 AS (…)`) of the statement that stores the instance's
 * state, instead of a statement each. Each statement is a round trip, and a round trip costs both processes
 * system time in the socket calls (measured in docs/architecture.md §Flow benchmark).
 *
 * The sub-statements of one statement see none of each other's rows: a write that touches a task or timer
 * created earlier in the batch, or a read of task rows, runs the batch first (`flush`).
 */
export class StepWrites {
  private batch: SqlParams = sqlParams();
  private readonly parts: string[] = [];
  private readonly created = new Set<string>();

  /** Where a write's values go: its placeholders continue the batch's. */
  get params(): SqlParams {
    return this.batch;
  }

  /** Adds a write whose values were added to `params`; `creates` names the tasks and timers it creates. */
  add(sql: string, creates: string[] = []): void {
    this.parts.push(sql);
    for (const id of creates) this.created.add(id);
  }

  /** Whether a write of these tasks or timers would not see rows the batch creates. */
  touchesCreated(ids: string[]): boolean {
    return ids.some((id) => this.created.has(id));
  }

  /** The batch as the first CTEs of a statement that adds its own values to `params`: `w1 AS (…), `. */
  ctes(): string {
    return this.parts.map((part, index) => `w${index + 1} AS (${part}), `).join('');
  }

  /** Sends what is gathered as a statement of its own, and starts a new batch. */
  async flush(manager: EntityManager): Promise<void> {
    if (this.parts.length === 0) return;
    const text = `WITH ${this.ctes()}done AS (SELECT 1) SELECT 1 FROM done`;
    const values = this.batch.values;
    this.reset();
    await manager.query(text, values);
  }

  private reset(): void {
    this.parts.length = 0;
    this.created.clear();
    this.batch = sqlParams();
  }
}
