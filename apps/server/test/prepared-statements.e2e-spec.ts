import { DataSource, type EntityManager } from 'typeorm';
import { transactionWithPreparedStatements } from '../src/database/prepared-statements';
import { createTestApp, type TestApp } from './support/test-app';

/** The statements flow steps prepare on their connection, and the ones they must not. */
describe('prepared statements of flow steps', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    testApp = await createTestApp();
    dataSource = testApp.app.get(DataSource);
    await dataSource.query('CREATE TABLE prepared_probe (id int PRIMARY KEY, name text)');
    await dataSource.query(`INSERT INTO prepared_probe VALUES (1, 'one'), (2, 'two')`);
  });
  afterAll(() => testApp.close());

  /** The statements prepared on the transaction's connection, by text. */
  const preparedOn = async (manager: EntityManager): Promise<string[]> =>
    ((await manager.query('SELECT statement FROM pg_prepared_statements')) as { statement: string }[]).map(
      (row) => row.statement,
    );

  it('prepares the parameterized statements of its transactions, and only those', async () => {
    const byId = 'SELECT id, name FROM prepared_probe WHERE id = $1';
    const fromCte = `WITH found AS (SELECT id, name FROM prepared_probe WHERE id = $1) SELECT * FROM found`;
    const fromTable = 'SELECT * FROM prepared_probe WHERE id = $1';
    const outside = 'SELECT name FROM prepared_probe WHERE id = $1 AND name IS NOT NULL';
    const statements = await transactionWithPreparedStatements(dataSource, async (manager) => {
      expect(await manager.query(byId, [1])).toEqual([{ id: 1, name: 'one' }]);
      expect(await manager.query(byId, [2])).toEqual([{ id: 2, name: 'two' }]);
      expect(await manager.query(fromCte, [2])).toEqual([{ id: 2, name: 'two' }]);
      expect(await manager.query(fromTable, [1])).toEqual([{ id: 1, name: 'one' }]);
      return preparedOn(manager);
    });
    expect(statements).toEqual(expect.arrayContaining([byId, fromCte]));
    // A table's `*` changes with the table, which a prepared statement may not survive.
    expect(statements).not.toContain(fromTable);
    await dataSource.transaction(async (manager) => {
      await manager.query(outside, [1]);
      expect(await preparedOn(manager)).not.toContain(outside);
    });
  });

  it('keeps running its statements after their table gains a column', async () => {
    const byId = 'SELECT id, name FROM prepared_probe WHERE id = $1 AND id > 0';
    // Six runs: PostgreSQL has switched to its generic plan by then.
    for (let run = 0; run < 6; run++)
      await transactionWithPreparedStatements(dataSource, (manager) => manager.query(byId, [1]));
    await dataSource.query('ALTER TABLE prepared_probe ADD COLUMN extra text');
    for (let run = 0; run < 10; run++) {
      const rows = await transactionWithPreparedStatements(dataSource, (manager) => manager.query(byId, [1]));
      expect(rows).toEqual([{ id: 1, name: 'one' }]);
    }
  });

  it('rolls back on an error and reports it, leaving the connection usable', async () => {
    const failing = transactionWithPreparedStatements(dataSource, async (manager) => {
      await manager.query('UPDATE prepared_probe SET name = $2 WHERE id = $1', [1, 'changed']);
      await manager.query('SELECT id FROM prepared_probe WHERE no_such_column = $1', [1]);
    });
    await expect(failing).rejects.toThrow(/no_such_column/);
    const [row] = await dataSource.query('SELECT name FROM prepared_probe WHERE id = $1', [1]);
    expect(row).toEqual({ name: 'one' });
    // Every connection of the pool still answers, the one of the failed transaction among them.
    await Promise.all(
      Array.from({ length: 25 }, () =>
        transactionWithPreparedStatements(dataSource, (manager) =>
          manager.query('SELECT count(*)::int AS n FROM prepared_probe WHERE id >= $1', [0]),
        ).then((rows) => expect(rows).toEqual([{ n: 2 }])),
      ),
    );
  });
});
