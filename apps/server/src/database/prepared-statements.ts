import { createHash } from 'node:crypto';
import * as pg from 'pg';
import { type DataSource, type EntityManager } from 'typeorm';

/**
 * Named prepared statements for the short statements of flow steps.
 *
 * A flow step is a dozen small statements on one instance, its record and its tasks, the same texts step after
 * step. Sent unnamed, PostgreSQL parses and plans each of them every time, and for the step's CTEs and record
 * reads the planning costs more than running them: prepared on the connection, PostgreSQL keeps a generic plan
 * after five runs and only executes (measured in docs/architecture.md §Flow benchmark). Everything else — list
 * queries whose texts vary with filters, reports whose best plan depends on their values — stays unnamed.
 *
 * Only statements of `transactionWithPreparedStatements` are prepared, at most MAX_PER_CONNECTION per connection,
 * and none whose result columns come from a table's `*`: PostgreSQL refuses to run a prepared statement whose
 * result columns changed, and an app change adds columns to its tables.
 */
const MAX_PER_CONNECTION = 256;
/** Statement names by text (null: not to be prepared); cleared past this size, as they are recomputed. */
const MAX_NAMES = 4096;

/** Connections running a transaction of `transactionWithPreparedStatements` right now. */
const preparing = new WeakSet<object>();
const names = new Map<string, string | null>();

/**
 * `DataSource.transaction`, with the parameterized statements of `work` prepared on its connection (see
 * above). The connection is marked, not the async context: tracking async contexts would tax every promise
 * of the process.
 */
export function transactionWithPreparedStatements<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    const connection = (await manager.queryRunner!.connect()) as object;
    preparing.add(connection);
    try {
      return await work(manager);
    } finally {
      preparing.delete(connection);
    }
  });
}

/**
 * The pg module as TypeORM's `driver`, with each pooled connection preparing the statements of
 * `transactionWithPreparedStatements`. Results, errors and logging stay TypeORM's: only the statement's name
 * is added.
 */
export function preparingPg(): typeof pg {
  class Pool extends pg.Pool {
    constructor(options?: pg.PoolConfig) {
      super(options);
      this.on('connect', prepareOn);
    }
  }
  // The module's own members stay reachable through the prototype; only Pool is replaced.
  return Object.create(pg, { Pool: { value: Pool, enumerable: true } }) as typeof pg;
}

/** A `*` that is no `count(*)`. */
const STAR = /(?<!\()\*(?!\))/g;
/** `SELECT * FROM name`, and the names the statement defines as CTEs (whose columns it lists itself). */
const STAR_FROM = /SELECT \* FROM (\w+)/g;
const CTE_NAME = /(?:WITH|,)\s+(\w+) AS \(/g;

/** Whether every `*` of a statement reads a CTE of its own, not a table whose columns an app change alters. */
function starsAreOwnColumns(text: string): boolean {
  const stars = text.match(STAR)?.length ?? 0;
  if (stars === 0) return true;
  const ctes = new Set([...text.matchAll(CTE_NAME)].map((match) => match[1]));
  const fromCtes = [...text.matchAll(STAR_FROM)].filter((match) => ctes.has(match[1]!)).length;
  return fromCtes === stars;
}

function prepareOn(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const prepared = new Set<string>();
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && preparing.has(client)) {
      const name = statementName(config);
      if (name && (prepared.has(name) || prepared.size < MAX_PER_CONNECTION)) {
        prepared.add(name);
        return query({ name, text: config, values }, callback);
      }
    }
    return query(config, values, callback);
  }) as typeof client.query;
}

function statementName(text: string): string | null {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_NAMES) names.clear();
    name = starsAreOwnColumns(text)
      ? `lc_${createHash('sha1').update(text).digest('hex').slice(0, 28)}`
      : null;
    names.set(text, name);
  }
  return name;
}
