import { FirstStartService } from '../src/bootstrap/first-start.service';
import { MIGRATIONS } from '../src/database/migrations';
import { TestDatabase } from './support/test-database';
import { createTestApp } from './support/test-app';

describe('first start', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await TestDatabase.create();
  });
  afterAll(() => database.drop());

  it('creates the admin once with a generated password, printed only by that start', async () => {
    const first = await createTestApp({ adminPassword: undefined }, database);
    const { generatedPassword, adminUsername } = first.app.get(FirstStartService).result;
    expect(adminUsername).toBe('admin');
    expect(generatedPassword).toMatch(/^[\w-]{12,}$/);
    await first
      .http()
      .post('/api/auth/login')
      .send({ username: 'admin', password: generatedPassword })
      .expect(200);
    await first.close();

    // Two servers starting at once on the same database still create nothing more.
    const [second, third] = await Promise.all([
      createTestApp({ adminPassword: undefined }, database),
      createTestApp({ adminPassword: undefined }, database),
    ]);
    expect(second.app.get(FirstStartService).result.generatedPassword).toBeUndefined();
    expect(third.app.get(FirstStartService).result.generatedPassword).toBeUndefined();
    await Promise.all([second.close(), third.close()]);

    const counts = await database.query<{ users: number; workspaces: number; migrations: number }>(
      `SELECT (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM workspace) AS workspaces,
              (SELECT count(*)::int FROM migrations) AS migrations`,
    );
    expect(counts[0]).toEqual({ users: 1, workspaces: 1, migrations: MIGRATIONS.length });
  });
});
