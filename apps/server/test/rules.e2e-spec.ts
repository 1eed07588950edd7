import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { type AppDefinition, type RuleDefinition } from '@lowcode/app-model';
import { SMTPServer } from 'smtp-server';
import { smallApp } from './support/fixtures';
import { clockOf, createTestApp, drainAutomation, loginAs, type TestApp } from './support/test-app';

const label = (en: string) => ({ 'zh-CN': en, en });

/** The small example plus a rating entity, a care-note entity and rules over them. */
/** A work order in the first room, as a person would file it. */
async function fileWorkOrder(
  testApp: TestApp,
  auth: { Authorization: string },
): Promise<{ id: string; version: number }> {
  const rooms = await testApp
    .http()
    .get('/api/apps/propertyLite/entities/room/records')
    .set(auth)
    .expect(200);
  const room = (rooms.body as { items: { id: string }[] }).items[0]!.id;
  const created = await testApp
    .http()
    .post('/api/apps/propertyLite/entities/workOrder/records')
    .set(auth)
    .send({ values: { title: 'Leak', category: 'plumbing', room } })
    .expect(201);
  return created.body as { id: string; version: number };
}

function rulesApp(webhookUrl: string, rules: RuleDefinition[] = []): AppDefinition {
  const app = smallApp();
  app.entities.push(
    {
      key: 'rating',
      label: label('Rating'),
      fields: [
        {
          key: 'tenant',
          type: 'relation',
          label: label('Tenant'),
          relation: { entity: 'tenant' },
          required: true,
        },
        { key: 'score', type: 'rating', label: label('Score'), max: 5, required: true },
        { key: 'createdAt', type: 'createdAt', label: label('Created') },
      ],
    } as AppDefinition['entities'][number],
    {
      key: 'careNote',
      label: label('Care note'),
      fields: [
        { key: 'tenant', type: 'relation', label: label('Tenant'), relation: { entity: 'tenant' } },
        { key: 'note', type: 'text', label: label('Note') },
      ],
    } as AppDefinition['entities'][number],
  );
  app.rules = [
    {
      key: 'thirdBadRating',
      label: label('Third consecutive bad rating'),
      trigger: { type: 'recordCreated', entity: 'rating' },
      condition: {
        and: [
          {
            all: [
              {
                aggregate: {
                  name: 'lastScores',
                  entity: 'rating',
                  by: 'tenant',
                  orderBy: '-createdAt',
                  limit: 3,
                  fn: 'values',
                  field: 'score',
                },
              },
              { '<=': [{ var: '' }, 2] },
            ],
          },
          { '==': [{ length: [{ var: 'aggregates.lastScores' }] }, 3] },
        ],
      },
      actions: [
        {
          key: 'alert',
          type: 'notify',
          to: { type: 'role', role: 'manager' },
          channel: 'inApp',
          template: {
            'zh-CN': '租户{{record.tenant}}连续三次差评',
            en: 'Third bad rating in a row: {{record.tenant}}',
          },
        },
        {
          key: 'care',
          type: 'createRecord',
          entity: 'careNote',
          values: { tenant: { var: 'record.tenant' }, note: 'call the tenant' },
        },
      ],
    },
    {
      key: 'statusHook',
      label: label('Status webhook'),
      trigger: { type: 'fieldChanged', entity: 'workOrder', fields: ['status'] },
      actions: [{ key: 'post', type: 'webhook', url: webhookUrl }],
    },
    ...rules,
  ] as RuleDefinition[];
  return app;
}

describe('rules on the server', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };
  let receiver: http.Server;
  const received: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  let webhookUrl = '';
  let failNext = 0;

  const records = (entity: string) => `/api/apps/propertyLite/entities/${entity}/records`;
  const query = <T>(sql: string, params: unknown[] = []) => testApp.database.query<T>(sql, params);

  beforeAll(async () => {
    receiver = http.createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body: JSON.parse(text) as Record<string, unknown> });
        if (failNext > 0) {
          failNext -= 1;
          response.writeHead(500).end('busy');
        } else response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    testApp = await createTestApp({ allowPrivateWebhooks: true, webhookSecret: 'test-secret' });
    ({ auth } = await loginAs(testApp));
    await testApp.http().post('/api/apps/import').set(auth).send(rulesApp(webhookUrl)).expect(200);
    await query(`UPDATE workspace_member SET app_roles = '{manager}'`);
  });
  afterAll(async () => {
    await testApp.close();
    receiver.close();
  });

  const tenantId = async () =>
    ((await testApp.http().get(records('tenant')).set(auth).expect(200)).body as { items: { id: string }[] })
      .items[0]!.id;
  const rate = (tenant: string, score: number) =>
    testApp.http().post(records('rating')).set(auth).send({ values: { tenant, score } }).expect(201);

  it('alerts the manager (naming the tenant) and writes a care note on the third consecutive bad rating, once', async () => {
    const tenant = await tenantId();
    await rate(tenant, 1);
    await rate(tenant, 2);
    await drainAutomation(testApp);
    expect(await query('SELECT * FROM notification')).toHaveLength(0);

    await rate(tenant, 1);
    await drainAutomation(testApp);
    await drainAutomation(testApp);
    const notifications = await query<{ title: Record<string, string> }>('SELECT title FROM notification');
    // The relation placeholder names the tenant by its title, not by its id.
    expect(notifications.map((row) => row.title.en)).toEqual(['Third bad rating in a row: 张三']);
    expect(notifications.map((row) => row.title['zh-CN'])).toEqual(['租户张三连续三次差评']);
    const notes = (await testApp.http().get(records('careNote')).set(auth).expect(200)).body as {
      items: { values: Record<string, unknown> }[];
    };
    expect(notes.items.map((note) => note.values)).toEqual([
      expect.objectContaining({ tenant, note: 'call the tenant' }),
    ]);
    const [run] = await query<{ read: Record<string, unknown>; actions: { status: string }[] }>(
      "SELECT read, actions FROM rule_run WHERE rule_key = 'thirdBadRating' AND matched",
    );
    expect(run!.read).toEqual(expect.objectContaining({ 'aggregates.lastScores': [1, 2, 1] }));
    expect(run!.actions.map((action) => action.status)).toEqual(['done', 'done']);

    // A fourth good rating breaks the streak.
    await rate(tenant, 5);
    await drainAutomation(testApp);
    expect(await query('SELECT * FROM notification')).toHaveLength(1);
  });

  it('shows the notification to the manager through the API', async () => {
    const list = (await testApp.http().get('/api/notifications').set(auth).expect(200)).body as {
      id: string;
      readAt: string | null;
    }[];
    expect(list).toHaveLength(1);
    await testApp.http().post('/api/notifications/read').set(auth).send({}).expect(200);
    const unread = await testApp.http().get('/api/notifications?unread=true').set(auth).expect(200);
    expect(unread.body).toEqual([]);
  });

  it('calls a signed webhook when a field changes, and retries a failing receiver', async () => {
    const workOrder = await fileWorkOrder(testApp, auth);
    await drainAutomation(testApp);
    received.length = 0;
    failNext = 1;
    await testApp
      .http()
      .patch(`${records('workOrder')}/${workOrder.id}`)
      .set(auth)
      .send({ version: workOrder.version, values: { status: 'dispatched' } })
      .expect(200);
    await drainAutomation(testApp);
    // The receiver answered 500: the delivery waits for its retry.
    expect(received).toHaveLength(1);
    const [waiting] = await query<{ status: string; attempts: number }>(
      "SELECT status, attempts FROM job WHERE queue = 'rule.webhook' ORDER BY id DESC LIMIT 1",
    );
    expect(waiting).toEqual({ status: 'pending', attempts: 1 });
    clockOf(testApp).advance(60_000);
    await drainAutomation(testApp);
    expect(received).toHaveLength(2);
    const delivery = received[1]!;
    expect(delivery.headers['idempotency-key']).toBe(received[0]!.headers['idempotency-key']);
    expect(delivery.headers['x-lowcode-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(delivery.headers['idempotency-key']).toContain('statusHook');
    expect(delivery.body).toEqual(
      expect.objectContaining({
        rule: 'statusHook',
        changes: [expect.objectContaining({ field: 'status', to: 'dispatched' })],
      }),
    );
    // Filing the order set its status (the default) and fired the hook too: both deliveries are done.
    expect(await query("SELECT status FROM job WHERE queue = 'rule.webhook'")).toEqual([
      { status: 'done' },
      { status: 'done' },
    ]);
  });

  it('explains a rule on a chosen record without doing anything', async () => {
    const tenant = await tenantId();
    const [rating] = await query<{ id: string }>(
      `SELECT r._id AS id FROM ${await schema()}.rating r ORDER BY r._created_at LIMIT 1`,
    );
    const before = await query<{ count: number }>('SELECT count(*)::int AS count FROM notification');
    const response = await testApp
      .http()
      .post('/api/apps/propertyLite/rules/thirdBadRating/test')
      .set(auth)
      .send({ recordId: rating!.id, locale: 'en' })
      .expect(200);
    const result = response.body as { matched: boolean; explanation: string[]; actions: unknown[] };
    expect(typeof result.matched).toBe('boolean');
    expect(result.explanation.length).toBeGreaterThan(0);
    expect(await query('SELECT count(*)::int AS count FROM notification')).toEqual(before);
    expect(tenant).toBeTruthy();
    await testApp
      .http()
      .post('/api/apps/propertyLite/rules/thirdBadRating/test')
      .set(auth)
      .send({})
      .expect(400);
    await testApp.http().post('/api/apps/propertyLite/rules/nope/test').set(auth).send({}).expect(404);
  });

  it('lists rules with their state, switches one off, and keeps the switch', async () => {
    const rules = (await testApp.http().get('/api/apps/propertyLite/rules').set(auth).expect(200)).body as {
      key: string;
      enabled: boolean;
      runs24h: number;
    }[];
    expect(rules.find((rule) => rule.key === 'thirdBadRating')).toEqual(
      expect.objectContaining({ enabled: true }),
    );
    await testApp
      .http()
      .patch('/api/apps/propertyLite/rules/statusHook')
      .set(auth)
      .send({ enabled: false })
      .expect(200);
    const runs = await testApp
      .http()
      .get('/api/apps/propertyLite/rules/thirdBadRating/runs')
      .set(auth)
      .expect(200);
    expect((runs.body as unknown[]).length).toBeGreaterThan(0);
    await testApp
      .http()
      .patch('/api/apps/propertyLite/rules/statusHook')
      .set(auth)
      .send({ enabled: 'yes' })
      .expect(400);
  });

  async function schema(): Promise<string> {
    const [row] = await query<{ storage_schema: string }>(
      "SELECT storage_schema FROM app WHERE key = 'propertyLite'",
    );
    return row!.storage_schema;
  }
});

describe('rule safety', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };

  afterEach(() => testApp?.close());

  it('refuses webhooks to loopback, private and metadata addresses, for good, without retrying', async () => {
    testApp = await createTestApp({ webhookSecret: 'test-secret' });
    ({ auth } = await loginAs(testApp));
    await testApp
      .http()
      .post('/api/apps/import')
      .set(auth)
      .send(
        rulesApp('http://169.254.169.254/latest/meta-data', [
          {
            key: 'loopbackHook',
            label: label('Loopback'),
            trigger: { type: 'recordCreated', entity: 'careNote' },
            actions: [{ key: 'post', type: 'webhook', url: 'http://localhost:9/x' }],
          },
        ] as RuleDefinition[]),
      )
      .expect(200);
    const order = await fileWorkOrder(testApp, auth);
    await testApp
      .http()
      .patch(`/api/apps/propertyLite/entities/workOrder/records/${order.id}`)
      .set(auth)
      .send({ version: 1, values: { status: 'dispatched' } })
      .expect(200);
    await testApp
      .http()
      .post('/api/apps/propertyLite/entities/careNote/records')
      .set(auth)
      .send({ values: { note: 'x' } })
      .expect(201);
    await drainAutomation(testApp);
    const jobs = await testApp.database.query<{ status: string; attempts: number; last_error: string }>(
      "SELECT status, attempts, last_error FROM job WHERE queue = 'rule.webhook' ORDER BY id",
    );
    // The status hook fired when the order was filed (its default status) and when it moved; the care note's
    // hook once. Each refused at the first attempt, for good.
    expect(jobs).toHaveLength(3);
    for (const job of jobs) expect(job).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
    expect(jobs.map((job) => job.last_error)).toEqual([
      expect.stringContaining('169.254.169.254'),
      expect.stringContaining('169.254.169.254'),
      expect.stringContaining('loopback'),
    ]);
  });

  it('stops a rule that would trigger itself forever, and logs why', async () => {
    testApp = await createTestApp();
    ({ auth } = await loginAs(testApp));
    await testApp
      .http()
      .post('/api/apps/import')
      .set(auth)
      .send(
        rulesApp('https://example.invalid/x', [
          {
            key: 'echo',
            label: label('Echo'),
            trigger: { type: 'recordUpdated', entity: 'careNote' },
            actions: [
              {
                key: 'touch',
                type: 'updateRecord',
                values: { note: { cat: [{ var: 'record.note' }, '!'] } },
              },
            ],
          },
        ] as RuleDefinition[]),
      )
      .expect(200);
    const created = await testApp
      .http()
      .post('/api/apps/propertyLite/entities/careNote/records')
      .set(auth)
      .send({ values: { note: 'x' } })
      .expect(201);
    await testApp
      .http()
      .patch(`/api/apps/propertyLite/entities/careNote/records/${(created.body as { id: string }).id}`)
      .set(auth)
      .send({ version: 1, values: { note: 'y' } })
      .expect(200);
    await drainAutomation(testApp);
    const runs = await testApp.database.query<{ matched: boolean; error: string | null }>(
      "SELECT matched, error FROM rule_run WHERE rule_key = 'echo' ORDER BY id",
    );
    // The person's edit fires the rule; the rule's own edit would fire it again on the same record: refused.
    expect(runs).toEqual([
      { matched: true, error: null },
      { matched: false, error: expect.stringContaining('loop') },
    ]);
    const [note] = await testApp.database.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM record_change WHERE entity_key = 'careNote' AND source = 'rule'",
    );
    expect(note!.count).toBe(1);
  });

  it('sends e-mail notifications over SMTP', async () => {
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => {
          mails.push(text);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    try {
      testApp = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${port}`, smtpFrom: 'ops@example.com' });
      ({ auth } = await loginAs(testApp));
      await testApp.database.query(
        "UPDATE workspace_member SET app_roles = '{manager}'; UPDATE app_user SET email = 'boss@example.com'",
      );
      await testApp
        .http()
        .post('/api/apps/import')
        .set(auth)
        .send(
          rulesApp('https://example.invalid/x', [
            {
              key: 'mailManager',
              label: label('Mail'),
              trigger: { type: 'recordCreated', entity: 'careNote' },
              actions: [
                {
                  key: 'mail',
                  type: 'notify',
                  to: { type: 'role', role: 'manager' },
                  channel: 'email',
                  template: { 'zh-CN': '新关怀：{{record.note}}', en: 'New care note: {{record.note}}' },
                },
              ],
            },
          ] as RuleDefinition[]),
        )
        .expect(200);
      await testApp
        .http()
        .post('/api/apps/propertyLite/entities/careNote/records')
        .set(auth)
        .send({ values: { note: 'leaky tap' } })
        .expect(201);
      await drainAutomation(testApp);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toContain('boss@example.com');
      expect(mails[0]).toContain('New care note: leaky tap');
    } finally {
      smtp.close();
    }
  });
});

describe('scheduled rules', () => {
  const tick: RuleDefinition = {
    key: 'dailyNote',
    label: label('Daily note'),
    trigger: { type: 'schedule', cron: '0 9 * * *', timezone: 'Asia/Shanghai' },
    actions: [{ key: 'write', type: 'createRecord', entity: 'careNote', values: { note: { var: 'now' } } }],
  } as RuleDefinition;

  const notes = async (testApp: TestApp) =>
    (
      await testApp.database.query<{ changes: { field: string; to: unknown }[] }>(
        "SELECT changes FROM record_change WHERE entity_key = 'careNote' AND type = 'created' ORDER BY id",
      )
    ).map((row) => row.changes.find((change) => change.field === 'note')?.to);

  it('catches up each run missed while the server was down, once, and never twice across two servers', async () => {
    let first = await createTestApp();
    const database = first.database;
    try {
      const { auth } = await loginAs(first);
      clockOf(first).set(new Date('2026-03-01T00:00:00Z')); // 08:00 in Shanghai
      await first
        .http()
        .post('/api/apps/import')
        .set(auth)
        .send(rulesApp('https://example.invalid/x', [tick]))
        .expect(200);
      await drainAutomation(first);
      clockOf(first).set(new Date('2026-03-01T01:30:00Z')); // 09:30: the first run is due
      await drainAutomation(first);
      expect(await notes(first)).toEqual(['2026-03-01T01:00:00.000Z']);
      await first.app.close();

      // Down for two more 09:00s; two servers come back at once on 03-03 10:00.
      const servers = [await createTestApp({}, database), await createTestApp({}, database)];
      for (const server of servers) clockOf(server).set(new Date('2026-03-03T02:00:00Z'));
      await Promise.all(servers.map((server) => drainAutomation(server)));
      await Promise.all(servers.map((server) => drainAutomation(server)));
      // Each run exactly once; two servers may finish them in either order.
      expect((await notes(servers[0]!)).sort()).toEqual([
        '2026-03-01T01:00:00.000Z',
        '2026-03-02T01:00:00.000Z',
        '2026-03-03T01:00:00.000Z',
      ]);
      for (const server of servers) await server.app.close();
      first = servers[0]!;
    } finally {
      await database.drop();
    }
  });

  it('runs a date-relative rule for exactly the records due that day, with one query per run', async () => {
    const testApp = await createTestApp();
    try {
      const { auth } = await loginAs(testApp);
      const remind: RuleDefinition = {
        key: 'endingSoon',
        label: label('Ending soon'),
        trigger: { type: 'dateRelative', entity: 'contract', field: 'endDate', offsetDays: -30, at: '09:00' },
        actions: [
          {
            key: 'write',
            type: 'createRecord',
            entity: 'careNote',
            values: { note: { var: 'record.endDate' } },
          },
        ],
      } as RuleDefinition;
      clockOf(testApp).set(new Date('2026-05-31T02:00:00Z')); // 10:00, after that day's run
      await testApp
        .http()
        .post('/api/apps/import')
        .set(auth)
        .send(rulesApp('https://example.invalid/x', [remind]))
        .expect(200);
      const contracts = '/api/apps/propertyLite/entities/contract/records';
      const { items } = (await testApp.http().get(contracts).set(auth).expect(200)).body as {
        items: { values: Record<string, unknown> }[];
      };
      const base = items[0]!.values;
      for (const endDate of ['2026-06-30', '2026-07-01', '2026-07-15'])
        await testApp
          .http()
          .post(contracts)
          .set(auth)
          .send({
            values: {
              room: base.room,
              tenant: base.tenant,
              startDate: '2026-01-01',
              endDate,
              rent: 1000,
              cycle: 'monthly',
            },
          })
          .expect(201);
      await drainAutomation(testApp);
      clockOf(testApp).set(new Date('2026-06-01T01:05:00Z')); // 09:05 on 06-01: contracts ending 07-01
      await drainAutomation(testApp);
      clockOf(testApp).set(new Date('2026-06-02T01:05:00Z'));
      await drainAutomation(testApp);
      expect(await notes(testApp)).toEqual(['2026-07-01']);
    } finally {
      await testApp.close();
    }
  });
});
