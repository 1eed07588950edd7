import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ServerConfig } from '../src/config/server-config';
import { smallApp } from './support/fixtures';
import { TestDatabase } from './support/test-database';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

type Headers = Record<string, string>;

interface KeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: string;
  principalId: string;
  createdBy: { id: string; displayName: string } | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  secret?: string;
}

const APP = 'propertyLite';
const OTHER = 'otherApp';
const records = (app: string, entity: string) => `/api/apps/${app}/entities/${entity}/records`;
const bearer = (secret: string): Headers => ({ Authorization: `Bearer ${secret}` });

function otherApp() {
  const definition = smallApp();
  return { ...definition, key: OTHER, label: { 'zh-CN': '另一个应用', en: 'Other app' } };
}

/**
 * API keys for integrations: created by admins, shown once, stored hashed; a key acts as its own principal
 * with its creator's rights cut down to its scopes, on every route and every record read or write.
 */
describe('API keys', () => {
  let testApp: TestApp;
  let admin: Headers;
  const logs: string[] = [];
  const secrets: string[] = [];
  const http = () => testApp.http();

  beforeAll(async () => {
    const logDestination = new PassThrough();
    logDestination.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    testApp = await createTestApp({ logLevel: 'debug', logDestination });
    ({ auth: admin } = await loginAs(testApp));
    await http().post('/api/apps/import').set(admin).send(smallApp()).expect(200);
    await http().post('/api/apps/import').set(admin).send(otherApp()).expect(200);
  });
  afterAll(() => testApp.close());

  async function createKey(
    body: Record<string, unknown>,
    auth: Headers = admin,
  ): Promise<KeyView & { secret: string }> {
    const response = await http().post('/api/api-keys').set(auth).send(body).expect(201);
    const key = response.body as KeyView & { secret: string };
    secrets.push(key.secret);
    return key;
  }

  async function audit(action: string) {
    const response = await http().get('/api/audit').query({ action, limit: '100' }).set(admin).expect(200);
    return response.body as {
      target: string;
      actorId: string;
      actorName: string;
      details: Record<string, unknown>;
    }[];
  }

  it('creates a key, answers its secret once and lists keys without it', async () => {
    const key = await createKey({
      name: ' ERP sync ',
      scopes: [`records:read:${APP}`, `records:read:${APP}`],
    });
    expect(key).toMatchObject({ name: 'ERP sync', scopes: [`records:read:${APP}`], status: 'active' });
    expect(key.secret).toMatch(/^lck_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    expect(key.lastUsedAt).toBeNull();

    await http().get(records(APP, 'building')).set(bearer(key.secret)).expect(200);

    const listed = await http().get('/api/api-keys').set(admin).expect(200);
    const [entry] = (listed.body as KeyView[]).filter((candidate) => candidate.id === key.id);
    expect(entry).toMatchObject({
      name: 'ERP sync',
      status: 'active',
      createdBy: { displayName: '管理员 Admin' },
    });
    expect(entry!.lastUsedAt).not.toBeNull();
    expect(entry).not.toHaveProperty('secret');
    const secretPart = key.secret.split('_').slice(2).join('_');
    expect(listed.text).not.toContain(secretPart);
    const [stored] = await testApp.database.query<{ secret_hash: string }>(
      'SELECT secret_hash FROM api_key WHERE id = $1',
      [key.id],
    );
    expect(stored!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.secret_hash).not.toContain(secretPart);
  });

  it.each([
    [{ scopes: ['records:read'] }, 'VALIDATION_FAILED', 'name'],
    [{ name: '   ', scopes: ['records:read'] }, 'VALIDATION_FAILED', 'name'],
    [{ name: 'x', scopes: [] }, 'VALIDATION_FAILED', 'scopes'],
    [{ name: 'x', scopes: ['records:delete'] }, 'VALIDATION_FAILED', 'scopes'],
    [{ name: 'x', scopes: ['records:read:ghost'] }, 'API_KEY_SCOPE_INVALID', 'scopes[0]'],
    [{ name: 'x', scopes: ['reports:run', 'flows:run:ghost'] }, 'API_KEY_SCOPE_INVALID', 'scopes[1]'],
    [{ name: 'x', scopes: ['admin'], expiresAt: 'tomorrow' }, 'VALIDATION_FAILED', 'expiresAt'],
    [{ name: 'x', scopes: ['admin'], expiresAt: '2020-01-01T00:00:00Z' }, 'VALIDATION_FAILED', 'expiresAt'],
    [{ name: 'x', scopes: ['admin'], role: 'admin' }, 'VALIDATION_FAILED', 'role'],
  ])('refuses %j naming the field', async (body, code, path) => {
    const response = await http().post('/api/api-keys').set(admin).send(body).expect(400);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
  });

  it('refuses a second unrevoked key with the same name, and lets members manage none', async () => {
    await createKey({ name: 'Twin', scopes: ['reports:run'] });
    const twin = await http()
      .post('/api/api-keys')
      .set(admin)
      .send({ name: 'twin', scopes: ['admin'] })
      .expect(409);
    expect(twin.body.error).toMatchObject({ code: 'API_KEY_NAME_TAKEN', details: [{ path: 'name' }] });

    await http()
      .post('/api/members')
      .set(admin)
      .send({ username: 'plain.member', password: 'member-password-1', role: 'member' })
      .expect(201);
    const { auth: member } = await loginAs(testApp, {
      username: 'plain.member',
      password: 'member-password-1',
    });
    for (const request of [
      http().get('/api/api-keys').set(member),
      http()
        .post('/api/api-keys')
        .set(member)
        .send({ name: 'mine', scopes: ['admin'] }),
    ]) {
      const response = await request.expect(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
  });

  describe('scopes', () => {
    const keys: Record<string, Headers> = {};
    let workOrderId: string;

    beforeAll(async () => {
      const scopes: Record<string, string[]> = {
        readA: [`records:read:${APP}`],
        writeA: [`records:write:${APP}`],
        readAll: ['records:read'],
        reportsA: [`reports:run:${APP}`],
        flowsA: [`flows:run:${APP}`],
        admin: ['admin'],
      };
      for (const [name, granted] of Object.entries(scopes))
        keys[name] = bearer((await createKey({ name: `scope-${name}`, scopes: granted })).secret);
      const rooms = await http().get(records(APP, 'room')).set(admin).expect(200);
      const created = await http()
        .post(records(APP, 'workOrder'))
        .set(admin)
        .send({ values: { title: 'Leaking tap', category: 'plumbing', room: rooms.body.items[0].id } });
      workOrderId = (created.body as { id: string }).id;
    });

    // [key, method, path, status, error code, body]
    const cases: [string, 'get' | 'post', string, number, string | undefined, object?][] = [
      ['readA', 'get', records(APP, 'building'), 200, undefined],
      ['readA', 'get', `/api/apps/${APP}/entities/building/access`, 200, undefined],
      ['readA', 'get', records(OTHER, 'building'), 403, 'API_KEY_SCOPE_DENIED'],
      [
        'readA',
        'post',
        records(APP, 'building'),
        403,
        'API_KEY_SCOPE_DENIED',
        { values: { name: 'C', code: 'C' } },
      ],
      ['readA', 'post', `/api/apps/${APP}/reports/repairsByCategory/run`, 403, 'API_KEY_SCOPE_DENIED', {}],
      ['readA', 'post', `/api/apps/${APP}/flows/repair/instances`, 403, 'API_KEY_SCOPE_DENIED', {}],
      ['readA', 'get', `/api/apps/${APP}`, 200, undefined],
      ['readA', 'get', `/api/apps/${OTHER}`, 403, 'API_KEY_SCOPE_DENIED'],
      ['readA', 'get', '/api/apps', 403, 'API_KEY_SCOPE_DENIED'],
      ['readA', 'get', '/api/tasks', 403, 'API_KEY_SCOPE_DENIED'],
      ['readAll', 'get', records(OTHER, 'building'), 200, undefined],
      [
        'readAll',
        'post',
        records(OTHER, 'building'),
        403,
        'API_KEY_SCOPE_DENIED',
        { values: { name: 'C', code: 'C' } },
      ],
      ['writeA', 'post', records(APP, 'building'), 201, undefined, { values: { name: '3号楼', code: 'B3' } }],
      ['writeA', 'get', records(APP, 'building'), 200, undefined],
      [
        'writeA',
        'post',
        records(OTHER, 'building'),
        403,
        'API_KEY_SCOPE_DENIED',
        { values: { name: 'C', code: 'C' } },
      ],
      ['reportsA', 'post', `/api/apps/${APP}/reports/repairsByCategory/run`, 200, undefined, {}],
      ['reportsA', 'get', `/api/apps/${APP}/dashboards`, 200, undefined],
      [
        'reportsA',
        'post',
        `/api/apps/${OTHER}/reports/repairsByCategory/run`,
        403,
        'API_KEY_SCOPE_DENIED',
        {},
      ],
      ['reportsA', 'get', records(APP, 'workOrder'), 403, 'API_KEY_SCOPE_DENIED'],
      ['flowsA', 'get', '/api/tasks', 200, undefined],
      ['flowsA', 'post', `/api/apps/${OTHER}/flows/repair/instances`, 403, 'API_KEY_SCOPE_DENIED', {}],
      ['flowsA', 'get', records(APP, 'workOrder'), 403, 'API_KEY_SCOPE_DENIED'],
      // Admin endpoints: only the admin scope opens them; key management and personal routes never.
      ['writeA', 'get', '/api/members', 403, 'API_KEY_SCOPE_DENIED'],
      ['writeA', 'get', '/api/audit', 403, 'API_KEY_SCOPE_DENIED'],
      ['writeA', 'post', '/api/apps/import', 403, 'API_KEY_SCOPE_DENIED', smallApp()],
      ['writeA', 'post', '/api/templates/property/install', 403, 'API_KEY_SCOPE_DENIED', {}],
      ['writeA', 'get', `/api/apps/${APP}/rules`, 403, 'API_KEY_SCOPE_DENIED'],
      ['writeA', 'get', '/api/api-keys', 403, 'API_KEY_NOT_ALLOWED'],
      ['writeA', 'post', '/api/api-keys', 403, 'API_KEY_NOT_ALLOWED', { name: 'child', scopes: ['admin'] }],
      ['writeA', 'get', '/api/auth/me', 403, 'API_KEY_NOT_ALLOWED'],
      ['writeA', 'get', '/api/workspaces', 403, 'API_KEY_NOT_ALLOWED'],
      ['admin', 'get', '/api/members', 200, undefined],
      ['admin', 'get', '/api/audit', 200, undefined],
      ['admin', 'get', records(OTHER, 'building'), 200, undefined],
      ['admin', 'post', '/api/apps/import?dryRun=true', 200, undefined, smallApp()],
      ['admin', 'get', '/api/api-keys', 403, 'API_KEY_NOT_ALLOWED'],
      ['admin', 'post', '/api/api-keys', 403, 'API_KEY_NOT_ALLOWED', { name: 'child', scopes: ['admin'] }],
      ['admin', 'post', '/api/workspaces', 403, 'API_KEY_NOT_ALLOWED', { slug: 'by-key', name: 'By key' }],
    ];

    // A rest parameter keeps the arity at 0, so Jest never mistakes a missing body for its `done` callback.
    it.each(cases)('%s: %s %s → %i %s', async (...row) => {
      const [key, method, path, status, code, body] = row;
      const request = http()[method](path).set(keys[key]!);
      const response = await (body ? request.send(body) : request).expect(status);
      if (code) expect(response.body.error.code).toBe(code);
    });

    it('names the missing scope, and answers the same through X-API-Key', async () => {
      const secret = keys.readA!.Authorization!.slice('Bearer '.length);
      const refused = await http().get(records(OTHER, 'room')).set({ 'X-API-Key': secret }).expect(403);
      expect(refused.body.error).toMatchObject({
        code: 'API_KEY_SCOPE_DENIED',
        details: [{ path: 'scopes', message: `the key needs "records:read:${OTHER}"` }],
      });
      expect(refused.body.error.message).toContain(`records:read:${OTHER}`);
      await http().get(records(APP, 'room')).set({ 'X-API-Key': secret }).expect(200);
      await http().get(records(APP, 'room')).set({ 'X-API-Key': 'not-a-key' }).expect(401);
    });

    it('limits record access itself, not only routes: actions, rows and fields follow the scopes', async () => {
      const access = await http()
        .get(`/api/apps/${APP}/entities/workOrder/access`)
        .set(keys.readA!)
        .expect(200);
      expect(access.body).toEqual({ actions: ['read', 'export'], hidden: [], masked: [], readOnly: [] });
      const write = await http()
        .get(`/api/apps/${APP}/entities/workOrder/access`)
        .set(keys.writeA!)
        .expect(200);
      expect(write.body.actions).toEqual(['read', 'create', 'update', 'delete', 'export', 'import']);
      // No app-role limits: the key sees what its creating admin sees, masked fields included.
      const byKey = await http().get(records(APP, 'tenant')).set(keys.readA!).expect(200);
      const byAdmin = await http().get(records(APP, 'tenant')).set(admin).expect(200);
      expect(byKey.body.items).toEqual(byAdmin.body.items);
    });

    it('starts a flow and follows the instance it started with flows:run', async () => {
      const started = await http()
        .post(`/api/apps/${APP}/flows/repair/instances`)
        .set(keys.flowsA!)
        .send({ recordId: workOrderId })
        .expect(201);
      const instance = await http()
        .get(`/api/flow-instances/${started.body.id}`)
        .set(keys.flowsA!)
        .expect(200);
      expect(instance.body.id).toBe(started.body.id);
      await http().get(`/api/flow-instances/${started.body.id}`).set(keys.readA!).expect(403);
      await http()
        .get(`${records(APP, 'workOrder')}/${workOrderId}/flow-instances`)
        .set(keys.flowsA!)
        .expect(200);
    });
  });

  it('shows the key as the actor of the records it writes', async () => {
    const key = await createKey({ name: 'Importer', scopes: [`records:write:${APP}`] });
    const created = await http()
      .post(records(APP, 'building'))
      .set(bearer(key.secret))
      .send({ values: { name: '4号楼', code: 'B4' } })
      .expect(201);
    expect(created.body.createdBy).toBe(key.principalId);
    const updated = await http()
      .patch(`${records(APP, 'building')}/${created.body.id}`)
      .set(bearer(key.secret))
      .send({ version: 1, values: { floors: 9 } })
      .expect(200);
    expect(updated.body.updatedBy).toBe(key.principalId);
    const history = await http()
      .get(`${records(APP, 'building')}/${created.body.id}/history`)
      .set(admin)
      .expect(200);
    expect(history.body.map((entry: { actor: { id: string; displayName: string } }) => entry.actor)).toEqual([
      { id: key.principalId, displayName: 'apiKey:Importer' },
      { id: key.principalId, displayName: 'apiKey:Importer' },
    ]);
    // The principal is nobody's login and no member: not in pickers, member lists, or the login form.
    const users = await http().get('/api/users').set(admin).expect(200);
    expect(users.text).not.toContain(key.principalId);
    const members = await http().get('/api/members').set(admin).expect(200);
    expect(members.text).not.toContain(key.principalId);
    await http()
      .post('/api/auth/login')
      .send({ username: `apikey:${key.id}`, password: '!' })
      .expect(401);
  });

  it('answers 401 to a revoked, an expired, a forged key and one whose creator is no longer an admin', async () => {
    const revoked = await createKey({ name: 'Revoked', scopes: ['records:read'] });
    await http().get(records(APP, 'building')).set(bearer(revoked.secret)).expect(200);
    const revocation = await http().post(`/api/api-keys/${revoked.id}/revoke`).set(admin).expect(200);
    expect(revocation.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    await http().post(`/api/api-keys/${revoked.id}/revoke`).set(admin).expect(200);
    await http().post('/api/api-keys/not-a-uuid/revoke').set(admin).expect(404);

    const expired = await createKey({
      name: 'Expiring',
      scopes: ['records:read'],
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await http().get(records(APP, 'building')).set(bearer(expired.secret)).expect(200);
    await testApp.database.query(
      `UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [expired.id],
    );

    const forged = `${revoked.secret.slice(0, -4)}AAAA`;
    for (const secret of [revoked.secret, expired.secret, forged, 'lck_nonsense']) {
      const response = await http().get(records(APP, 'building')).set(bearer(secret)).expect(401);
      expect(response.body.error.code).toBe('API_KEY_INVALID');
    }

    // A key never outlives its creator's admin rights.
    await http()
      .post('/api/members')
      .set(admin)
      .send({ username: 'second.admin', password: 'admin-password-2', role: 'admin' })
      .expect(201);
    const second = await loginAs(testApp, { username: 'second.admin', password: 'admin-password-2' });
    const theirs = await createKey({ name: 'Second admin key', scopes: ['records:read'] }, second.auth);
    await http().get(records(APP, 'building')).set(bearer(theirs.secret)).expect(200);
    const secondId = theirs.createdBy!.id;
    await http().patch(`/api/members/${secondId}`).set(admin).send({ role: 'member' }).expect(200);
    await http().get(records(APP, 'building')).set(bearer(theirs.secret)).expect(401);

    const listed = (await http().get('/api/api-keys').set(admin).expect(200)).body as KeyView[];
    expect(listed.find((key) => key.id === expired.id)!.status).toBe('expired');
    expect(listed.find((key) => key.id === revoked.id)!.status).toBe('revoked');
  });

  it('audits creation, revocation and every refused use of a key', async () => {
    const created = await audit('apiKey.created');
    expect(created.map((entry) => entry.target)).toEqual(expect.arrayContaining(['ERP sync', 'Revoked']));
    expect(created[0]!.details).toMatchObject({ keyId: expect.any(String), scopes: expect.any(Array) });
    expect(await audit('apiKey.revoked')).toEqual([
      expect.objectContaining({ target: 'Revoked', actorName: '管理员 Admin' }),
    ]);
    const denied = await audit('apiKey.denied');
    const reasons = (target: string) =>
      denied.filter((entry) => entry.target === target).map((entry) => entry.details.reason);
    expect(reasons('Revoked')).toEqual(expect.arrayContaining(['revoked', 'secret']));
    expect(reasons('Expiring')).toEqual(['expired']);
    expect(reasons('Second admin key')).toEqual(['creatorNotAdmin']);
    expect(reasons('scope-readA')).toEqual(expect.arrayContaining(['scope']));
    expect(reasons('scope-writeA')).toEqual(expect.arrayContaining(['scope', 'notAllowed']));
    const scoped = denied.find(
      (entry) => entry.target === 'scope-readA' && entry.details.scope === `records:read:${OTHER}`,
    );
    expect(scoped).toMatchObject({ actorName: 'apiKey:scope-readA', details: { method: 'GET' } });
  });

  it('never writes a key secret to the logs', async () => {
    expect(secrets.length).toBeGreaterThan(5);
    const text = logs.join('');
    expect(text).toContain('"url":"/api/apps/propertyLite/entities/building/records"');
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.split('_').slice(2).join('_'));
    }
  });
});

/** Token buckets per key, per user and per address, shared by every server instance through the database. */
describe('rate limits', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];
  const limits = (overrides: Partial<ServerConfig['rateLimits']>): ServerConfig['rateLimits'] => ({
    apiKey: null,
    user: null,
    anonymous: null,
    ...overrides,
  });
  const start = async (rateLimits: ServerConfig['rateLimits'], redisUrl?: string) => {
    const testApp = await createTestApp({ rateLimits, ...(redisUrl ? { redisUrl } : {}) }, database);
    apps.push(testApp);
    return testApp;
  };
  let admin: Headers;

  beforeAll(async () => {
    database = await TestDatabase.create();
  });
  afterAll(async () => {
    for (const testApp of apps) await testApp.close();
    await database.drop();
  });

  async function newKey(on: TestApp, name: string) {
    const response = await on
      .http()
      .post('/api/api-keys')
      .set(admin)
      .send({ name, scopes: ['admin'] })
      .expect(201);
    return bearer((response.body as { secret: string }).secret);
  }

  it('lets a key make its limit of requests across two servers, then answers 429 with Retry-After', async () => {
    const first = await start(limits({ apiKey: { requests: 3, perSeconds: 60 } }));
    const second = await start(limits({ apiKey: { requests: 3, perSeconds: 60 } }));
    ({ auth: admin } = await loginAs(first));
    const key = await newKey(first, 'Limited');
    for (const server of [first, second, first]) await server.http().get('/api/members').set(key).expect(200);
    for (const server of [second, first]) {
      const refused = await server.http().get('/api/members').set(key).expect(429);
      expect(refused.body).toEqual({
        error: { code: 'RATE_LIMITED', message: expect.stringMatching(/\d+/), details: [] },
      });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(20);
    }
    // Another key and the person who made them have buckets of their own.
    await second
      .http()
      .get('/api/members')
      .set(await newKey(second, 'Unlimited'))
      .expect(200);
    await first.http().get('/api/members').set(admin).expect(200);
  });

  it('limits each signed-in user, across servers too', async () => {
    const first = await start(limits({ user: { requests: 4, perSeconds: 60 } }));
    const second = await start(limits({ user: { requests: 4, perSeconds: 60 } }));
    await first
      .http()
      .post('/api/members')
      .set(admin)
      .send({ username: 'busy.member', password: 'member-password-1' })
      .expect(201);
    const { auth: member } = await loginAs(second, {
      username: 'busy.member',
      password: 'member-password-1',
    });
    for (const server of [first, second, first, second])
      await server.http().get('/api/apps').set(member).expect(200);
    const refused = await first.http().get('/api/apps').set(member).expect(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('refills the bucket: after Retry-After seconds the key is let through again', async () => {
    const server = await start(limits({ apiKey: { requests: 2, perSeconds: 2 } }));
    const key = await newKey(server, 'Refilling');
    let refused;
    for (let attempt = 0; attempt < 20 && !refused; attempt++) {
      const response = await server.http().get('/api/members').set(key);
      if (response.status === 429) refused = response;
      else expect(response.status).toBe(200);
    }
    expect(refused).toBeDefined();
    const retryAfter = Number(refused!.headers['retry-after']);
    expect(retryAfter).toBe(1);
    await sleep(retryAfter * 1000 + 100);
    await server.http().get('/api/members').set(key).expect(200);
  });

  it('limits requests without valid credentials per address, and never the health check', async () => {
    const server = await start(limits({ anonymous: { requests: 3, perSeconds: 60 } }));
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++)
      statuses.push((await server.http().get('/api/members').set(bearer('lck_guess'))).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    await server.http().post('/api/auth/login').send({ username: 'admin', password: 'x' }).expect(429);
    for (let attempt = 0; attempt < 5; attempt++) await server.http().get('/api/health').expect(200);
  });

  it('shares the bucket through Redis when REDIS_URL is set', async () => {
    const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const first = await start(limits({ apiKey: { requests: 2, perSeconds: 60 } }), redisUrl);
    const second = await start(limits({ apiKey: { requests: 2, perSeconds: 60 } }), redisUrl);
    const key = await newKey(first, 'Through Redis');
    await first.http().get('/api/members').set(key).expect(200);
    await second.http().get('/api/members').set(key).expect(200);
    const refused = await first.http().get('/api/members').set(key).expect(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    const [{ id }] = (await first.http().get('/api/api-keys').set(admin).expect(200)).body as [
      { id: string },
    ];
    expect(await database.query('SELECT 1 FROM rate_limit_bucket WHERE key = $1', [`apiKey:${id}`])).toEqual(
      [],
    );
  });
});
