import { spawn } from 'node:child_process';
import { type AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { smallApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

/**
 * Hostile input, the way the peers' advisories show platforms like this break: injection through filters,
 * sorts, field keys and report fields; prototype access and bombs in JSON-logic; oversized and deeply
 * nested bodies; executable and misnamed uploads; another workspace's ids. Every attempt must get a clear
 * 4xx (never a 5xx), change nothing, and never stall the event loop for 100 ms.
 */
describe('security: hostile input is refused with a 4xx, changes nothing and never stalls the server', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };
  const records = (entity: string) => `/api/apps/propertyLite/entities/${entity}/records`;
  const stalls = monitorEventLoopDelay({ resolution: 10 });

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth } = await loginAs(testApp));
    await testApp.http().post('/api/apps/import').set(auth).send(smallApp()).expect(200);
  });
  afterAll(() => testApp.close());

  /** Fingerprint of everything an attack could change: row counts of every app table and the change log. */
  async function fingerprint(): Promise<string> {
    const [app] = await testApp.database.query<{ storage_schema: string }>(
      "SELECT storage_schema FROM app WHERE key = 'propertyLite'",
    );
    const tables = await testApp.database.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [app!.storage_schema],
    );
    const counts: string[] = [];
    for (const { table_name } of tables) {
      const [row] = await testApp.database.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM "${app!.storage_schema}"."${table_name}"`,
      );
      counts.push(`${table_name}=${row!.count}`);
    }
    const [log] = await testApp.database.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM record_change',
    );
    return [...counts, `changes=${log!.count}`, `tables=${tables.length}`].join(',');
  }

  /** Runs an attack; it must answer 4xx with the error shape, change nothing, and keep the loop responsive. */
  async function refused(
    attack: () => Promise<{ status: number; body: unknown }>,
    expected: number[] = [400, 403, 404, 413, 422],
  ): Promise<{ status: number; body: unknown }> {
    const before = await fingerprint();
    // A stall the input causes happens on every try; one the machine causes (a garbage collection of this
    // large test process, the scheduler on a busy CI box) does not. So a try over the limit is repeated, and
    // the attack fails only if all three stall.
    let quietest = Infinity;
    let response: { status: number; body: unknown } | undefined;
    for (let attempt = 0; attempt < 3 && quietest >= 100; attempt += 1) {
      stalls.reset();
      stalls.enable();
      response = await attack();
      stalls.disable();
      quietest = Math.min(quietest, stalls.max / 1e6);
      expect({ status: response.status, known: expected.includes(response.status) }).toEqual({
        status: response.status,
        known: true,
      });
      // 414 and 431 come from Node's HTTP parser itself, before any route: no JSON body there.
      if (![414, 431].includes(response.status))
        expect((response.body as { error?: { code?: string } }).error?.code).toEqual(expect.any(String));
      expect(await fingerprint()).toBe(before);
    }
    expect(quietest).toBeLessThan(100);
    return response!;
  }

  const list = (query: Record<string, string>) => testApp.http().get(records('room')).query(query).set(auth);

  const injections = [
    `'; DROP TABLE room; --`,
    `" OR 1=1 --`,
    `code") OR ("1"="1`,
    `$1); DELETE FROM room; --`,
    `\\'; SELECT pg_sleep(5); --`,
    `__proto__`,
    `constructor`,
  ];

  it.each(injections)('refuses field keys with SQL in filters and sorts: %s', async (key) => {
    await refused(() => list({ filter: JSON.stringify({ '==': [{ var: key }, 'x'] }) }));
    await refused(() => list({ sort: key }));
    await refused(() => list({ sort: `-${key}` }));
  });

  it.each(injections)('keeps SQL in filter values and search as plain values: %s', async (value) => {
    const before = await fingerprint();
    for (const query of <Record<string, string>[]>[
      { filter: JSON.stringify({ '==': [{ var: 'code' }, value] }) },
      { filter: JSON.stringify({ in: [{ var: 'status' }, [value, 'vacant']] }) },
      { filter: JSON.stringify({ contains: [{ var: 'code' }, value] }) },
      { q: value },
    ]) {
      const response = await list(query);
      expect(response.status).toBe(200);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('refuses unknown operations, prototype paths and bombs in filters', async () => {
    for (const filter of [
      { method: [{ var: 'code' }, 'toString'] },
      { '==': [{ var: '__proto__.polluted' }, 1] },
      { '==': [{ var: 'constructor.constructor' }, 1] },
      { '==': [{ var: ['code', 'x'] }, 1] },
      { map: [{ var: 'code' }, 1] },
      JSON.parse(`${'{"and":['.repeat(200)}true${']}'.repeat(200)}`) as unknown,
      { in: [{ var: 'code' }, Array.from({ length: 200_000 }, (_, index) => `c${index}`)] },
    ])
      await refused(() => list({ filter: JSON.stringify(filter) }), [400, 413, 414, 431]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses record values under hostile keys and prototype keys, naming them', async () => {
    const [building] = await testApp.database.query<{ id: string }>(
      `SELECT _id AS id FROM ${await schema()}.building LIMIT 1`,
    );
    const bodies = [
      JSON.stringify({ values: { code: 'S-1', building: building!.id, 'code"; DROP TABLE room; --': 'x' } }),
      `{"values":{"code":"S-2","building":"${building!.id}","__proto__":{"polluted":true}}}`,
      `{"values":{"code":"S-3","building":"${building!.id}","\\u005f_proto__":{"polluted":true}}}`,
      `{"values":{"code":"S-4","building":"${building!.id}","constructor":{"prototype":{"polluted":true}}}}`,
    ];
    const codes: string[] = [];
    for (const body of bodies) {
      const response = await refused(() =>
        testApp.http().post(records('room')).set(auth).set('Content-Type', 'application/json').send(body),
      );
      codes.push((response.body as { error: { code: string } }).error.code);
    }
    expect(codes).toEqual([
      'RECORD_INVALID',
      'JSON_KEY_FORBIDDEN',
      'JSON_KEY_FORBIDDEN',
      'JSON_KEY_FORBIDDEN',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses oversized and deeply nested JSON bodies', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const response = await refused(() =>
      testApp.http().post(records('room')).set(auth).set('Content-Type', 'application/json').send(deep),
    );
    expect((response.body as { error: { code: string } }).error.code).toBe('JSON_TOO_DEEP');
    // A 21 MB body is sent from another process: the stall measured must be the server's, and an
    // in-process client spends half a second just writing it.
    await testApp.app.listen(0, '127.0.0.1');
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    // The sender is spawned and has built its body before the measurement starts: forking a process from
    // this large test process blocks its loop, and that stall would be the test's, not the server's.
    const sender = await senderInAnotherProcess(
      `http://127.0.0.1:${port}${records('room')}`,
      auth.Authorization,
      21 * 1024 * 1024,
    );
    try {
      const huge = await refused(() => sender.send());
      expect(huge.status).toBe(413);
    } finally {
      sender.close();
    }
  });

  it('refuses report fields, filters and drill values that try to reach SQL', async () => {
    for (const key of injections) {
      const report = {
        key: 'probe',
        label: { 'zh-CN': '探测', en: 'Probe' },
        entity: 'room',
        chart: { type: 'bar' },
        dimensions: [{ field: key }],
        measures: [{ key: 'n', aggregate: 'count' }],
      };
      await refused(() =>
        testApp.http().post('/api/apps/propertyLite/reports/preview').set(auth).send({ report }),
      );
      await refused(() =>
        testApp
          .http()
          .post('/api/apps/propertyLite/reports/preview')
          .set(auth)
          .send({
            report: {
              ...report,
              dimensions: [{ field: 'status' }],
              measures: [{ key: 'n', aggregate: 'sum', field: key }],
            },
          }),
      );
    }
  });

  it('refuses executable, misnamed and oversized uploads, and strips path traversal from names', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    await refused(() => testApp.http().post('/api/files').set(auth).attach('file', exe, 'setup.exe'));
    await refused(() => testApp.http().post('/api/files').set(auth).attach('file', exe, 'photo.png'));
    await refused(() =>
      testApp
        .http()
        .post('/api/files')
        .set(auth)
        .attach('file', Buffer.from('<svg onload=alert(1)>'), 'x.svg'),
    );
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const stored = await testApp
      .http()
      .post('/api/files')
      .set(auth)
      .attach('file', png, '../../../../etc/passwd.png')
      .expect(201);
    expect((stored.body as { name: string }).name).toBe('passwd.png');
  });

  it("answers another workspace's records, apps and rules as not found, also with its ids", async () => {
    const rooms = await list({});
    const roomId = (rooms.body as { items: { id: string }[] }).items[0]!.id;
    await testApp.http().post('/api/workspaces').set(auth).send({ slug: 'rival', name: 'Rival' }).expect(201);
    const workspaces = await testApp.http().get('/api/workspaces').set(auth).expect(200);
    const rival = (workspaces.body as { id: string; slug: string }[]).find((w) => w.slug === 'rival')!;
    const switched = await testApp.http().post(`/api/workspaces/${rival.id}/switch`).set(auth).expect(200);
    const other = { Authorization: `Bearer ${(switched.body as { accessToken: string }).accessToken}` };
    await refused(() =>
      testApp
        .http()
        .get(`${records('room')}/${roomId}`)
        .set(other),
    );
    await refused(() => testApp.http().get('/api/apps/propertyLite').set(other));
    await refused(() => testApp.http().get('/api/apps/propertyLite/rules').set(other));
    await refused(() =>
      testApp
        .http()
        .patch(`${records('room')}/${roomId}`)
        .set(other)
        .send({ version: 1, values: { floor: 3 } }),
    );
    await refused(() =>
      testApp
        .http()
        .delete(`${records('room')}/${roomId}`)
        .set(other),
    );
  });

  it('refuses ids that are not ids, and route parameters with SQL, as not found or bad request', async () => {
    for (const id of [`1' OR '1'='1`, '../../etc/passwd', '%00', 'ffffffff-ffff-ffff-ffff-ffffffffffff'])
      await refused(() =>
        testApp
          .http()
          .get(`${records('room')}/${encodeURIComponent(id)}`)
          .set(auth),
      );
    for (const entity of [`room"; DROP TABLE room; --`, '__proto__', 'constructor'])
      await refused(() =>
        testApp
          .http()
          .get(records(encodeURIComponent(entity)))
          .set(auth),
      );
  });

  async function schema(): Promise<string> {
    const [row] = await testApp.database.query<{ storage_schema: string }>(
      "SELECT storage_schema FROM app WHERE key = 'propertyLite'",
    );
    return `"${row!.storage_schema}"`;
  }
});

/**
 * A child Node process that builds a JSON body of about `size` bytes, says `ready`, and POSTs it when told
 * to; `send` resolves with the status and body it got.
 */
async function senderInAnotherProcess(
  url: string,
  authorization: string,
  size: number,
): Promise<{ send(): Promise<{ status: number; body: unknown }>; close(): void }> {
  const script = `
    const body = JSON.stringify({ values: { code: 'x'.repeat(${size}) } });
    process.stdout.write('ready\\n');
    process.stdin.on('data', () =>
      fetch(${JSON.stringify(url)}, {
        method: 'POST',
        headers: { authorization: ${JSON.stringify(authorization)}, 'content-type': 'application/json' },
        body,
      }).then(async (response) => {
        process.stdout.write(JSON.stringify({ status: response.status, body: await response.json() }) + '\\n');
      }));
    process.stdin.on('end', () => process.exit(0));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('close', (code) => reject(new Error(`sender exited with ${code}`)));
    });
  const ready = await nextLine();
  if (ready !== 'ready') throw new Error(`sender said ${ready}`);
  return {
    async send() {
      const answer = nextLine();
      child.stdin.write('go\n');
      return JSON.parse(await answer) as { status: number; body: unknown };
    },
    close() {
      lines.close();
      child.stdin.end();
    },
  };
}
