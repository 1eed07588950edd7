import { smallApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

describe('audit log', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    testApp = await createTestApp();
    await testApp.http().post('/api/auth/login').send({ username: 'admin', password: 'wrong' }).expect(401);
    ({ auth } = await loginAs(testApp));
  });
  afterAll(() => testApp.close());

  it('records logins, imports, exports and deletions with actor, time and address, newest first', async () => {
    const app = smallApp();
    await testApp.http().post('/api/apps/import').set(auth).send(app).expect(200);
    await testApp
      .http()
      .get(`/api/apps/${app.key}/entities/room/records/export?format=csv`)
      .set(auth)
      .expect(200);
    await testApp.http().delete(`/api/apps/${app.key}`).set(auth).expect(204);

    const log = await testApp.http().get('/api/audit').set(auth).expect(200);
    const actions = (log.body as { action: string }[]).map((entry) => entry.action);
    expect(actions).toEqual(['app.deleted', 'records.exported', 'app.imported', 'auth.login']);
    expect(log.body[2]).toMatchObject({
      target: app.key,
      actorName: '管理员 Admin',
      details: { action: 'create', revision: 1 },
      ip: expect.any(String),
    });
    const failures = await testApp.database.query<{ target: string }>(
      "SELECT target FROM audit_event WHERE action = 'auth.loginFailed'",
    );
    expect(failures).toEqual([{ target: 'admin' }]);
  });

  it('filters by action and pages with `before`', async () => {
    const imports = await testApp.http().get('/api/audit?action=app.imported').set(auth).expect(200);
    expect(imports.body).toHaveLength(1);
    const first = await testApp.http().get('/api/audit?limit=1').set(auth).expect(200);
    const next = await testApp
      .http()
      .get(`/api/audit?limit=1&before=${first.body[0].id}`)
      .set(auth)
      .expect(200);
    expect(next.body[0].id).toBeLessThan(first.body[0].id);
    await testApp.http().get('/api/audit?from=yesterday').set(auth).expect(400);
  });
});

describe('audit log behind a proxy', () => {
  const loginFrom = async (testApp: TestApp, forwardedFor: string) => {
    await testApp
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', forwardedFor)
      .send({ username: 'admin', password: 'wrong' })
      .expect(401);
    const [event] = await testApp.database.query<{ ip: string }>(
      "SELECT ip FROM audit_event WHERE action = 'auth.loginFailed' ORDER BY id DESC LIMIT 1",
    );
    return event!.ip;
  };

  it('records the client address the trusted proxy forwards, and ignores it from anyone else', async () => {
    const behindProxy = await createTestApp({ trustProxy: ['loopback'] });
    try {
      expect(await loginFrom(behindProxy, '203.0.113.7')).toBe('203.0.113.7');
      // Only the hops the proxy added count: a client's own claim further left is not believed.
      expect(await loginFrom(behindProxy, '198.51.100.1, 203.0.113.8')).toBe('203.0.113.8');
    } finally {
      await behindProxy.close();
    }
    const direct = await createTestApp();
    try {
      expect(await loginFrom(direct, '203.0.113.7')).toMatch(/127\.0\.0\.1/);
    } finally {
      await direct.close();
    }
  });
});
