import { generateDemoData, loadPropertyTemplate } from '@lowcode/template-property';
import { DEMO_SEED } from '../src/templates/templates.service';
import { FirstStartService } from '../src/bootstrap/first-start.service';
import { TestDatabase } from './support/test-database';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

const DEMO = { demoScale: 0.02, demoPassword: 'demo-password-1' };

describe('templates', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    testApp = await createTestApp(DEMO);
    ({ auth } = await loginAs(testApp));
  });
  afterAll(() => testApp.close());

  const countRecords = async (entity: string) =>
    (
      await testApp.database.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM record_change WHERE entity_key = $1 AND type = 'created'",
        [entity],
      )
    )[0]!.count;

  it('lists the property template with what it holds', async () => {
    const response = await testApp.http().get('/api/templates').set(auth).expect(200);
    expect(response.body).toEqual([
      expect.objectContaining({
        key: 'property',
        installed: null,
        counts: expect.objectContaining({ entities: loadPropertyTemplate().entities.length }),
        demo: expect.objectContaining({ records: expect.any(Number), users: expect.any(Number) }),
      }),
    ]);
  });

  it('previews, then installs with a demo company whose people can log in', async () => {
    const preview = await testApp
      .http()
      .post('/api/templates/property/install?dryRun=true')
      .set(auth)
      .expect(200);
    expect(preview.body).toMatchObject({ action: 'create', dryRun: true });
    expect(await testApp.database.query('SELECT 1 FROM app')).toEqual([]);

    const installed = await testApp
      .http()
      .post('/api/templates/property/install?demo=true')
      .set(auth)
      .expect(200);
    expect(installed.body).toMatchObject({ action: 'create', app: { key: 'property' } });
    expect(installed.body.demo.users).toBeGreaterThan(5);
    expect(installed.body.demo.records.workOrder).toBeGreaterThan(50);
    expect(await countRecords('workOrder')).toBe(installed.body.demo.records.workOrder);

    const butler = await loginAs(testApp, { username: 'butler1', password: DEMO.demoPassword });
    const rooms = await testApp
      .http()
      .get('/api/apps/property/entities/room/records?limit=5')
      .set(butler.auth)
      .expect(200);
    expect(rooms.body.items.length).toBeGreaterThan(0);
    const roles = await testApp.database.query<{ app_roles: string[] }>(
      "SELECT m.app_roles FROM workspace_member m JOIN app_user u ON u.id = m.user_id WHERE u.username = 'butler1'",
    );
    expect(roles).toEqual([{ app_roles: ['butler'] }]);

    // Its organisation: departments in a tree, managed by their first member, staff in theirs.
    const departments = await testApp.http().get('/api/departments').set(butler.auth).expect(200);
    expect(departments.body).toContainEqual(
      expect.objectContaining({ key: 'engineering', name: '工程部', parentKey: 'operations' }),
    );
    const butlers = (departments.body as { key: string; memberCount: number; manager: unknown }[]).find(
      (department) => department.key === 'butlers',
    )!;
    expect(butlers.memberCount).toBeGreaterThan(0);
    expect(butlers.manager).toEqual(expect.objectContaining({ displayName: expect.any(String) }));

    // Its photos, scans, signatures and documents open: each is a stored drawing, shared by the values
    // that stand for it, none of them a dangling `demo/…` id.
    const files = await testApp.database.query<{ id: string; mime_type: string; size: string }>(
      'SELECT id, mime_type, size FROM stored_file',
    );
    expect(new Set(files.map((file) => file.mime_type))).toEqual(
      new Set(['image/jpeg', 'image/png', 'application/pdf', 'audio/wav']),
    );
    const orders = await testApp
      .http()
      .get('/api/apps/property/entities/workOrder/records?limit=200')
      .set(auth)
      .expect(200);
    const photos = (orders.body.items as { values: Record<string, unknown> }[]).flatMap(
      (order) => (order.values.completionPhotos ?? []) as { id: string; url: string; mimeType: string }[],
    );
    expect(photos.length).toBeGreaterThan(0);
    for (const photo of photos.slice(0, 3)) {
      expect(files.map((file) => file.id)).toContain(photo.id);
      const download = await testApp.http().get(photo.url).expect(200);
      expect(download.headers['content-type']).toBe('image/jpeg');
      expect((download.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    }
    const [dangling] = await testApp.database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM record_change WHERE changes::text LIKE '%"demo/%'`,
    );
    expect(dangling).toEqual({ count: 0 });

    // The demo opens with work in progress: its newest open orders run in the repair flow, taken as far as
    // each plan says by the people the flow gives the tasks to, none stuck or failed.
    const plans = generateDemoData({ seed: DEMO_SEED, scale: DEMO.demoScale })._flows ?? [];
    expect(plans.length).toBeGreaterThan(0);
    expect(installed.body.demo.flows).toBe(plans.length);
    const steps = plans.flatMap((plan) => (plan.steps as { node: string }[]).map((step) => step.node));
    const done = await testApp.database.query<{ node_key: string }>(
      `SELECT t.node_key FROM flow_task t WHERE t.status = 'completed' AND t.completed_by IS NOT NULL
        ORDER BY t.completed_at`,
    );
    expect(done.map((task) => task.node_key).sort()).toEqual([...steps].sort());
    const instances = await testApp.database.query<{ status: string; open: number }>(
      `SELECT i.status, (SELECT count(*)::int FROM flow_task t WHERE t.instance_id = i.id AND t.status = 'open') AS open
         FROM flow_instance i`,
    );
    expect(instances.length).toBeGreaterThanOrEqual(plans.length);
    for (const instance of instances)
      expect(instance.status === 'running' ? instance.open : 1).toBeGreaterThan(0);
    expect(
      await testApp.database.query("SELECT flow_key, error FROM flow_instance WHERE status = 'failed'"),
    ).toEqual([]);

    // Lease applications in progress run in onboarding: the flow set each status as far as it went, and the
    // leasing team finds the next step in its inbox (a review, a contract to prepare, a signature to chase).
    const onboarding = plans.filter((plan) => plan.flow === 'onboarding');
    expect(onboarding.length).toBeGreaterThan(0);
    const reached = { 0: 'submitted', 1: 'approved', 2: 'contractSent' } as Record<number, string>;
    const expected = onboarding.map((plan) => reached[(plan.steps as unknown[]).length]!).sort();
    const leasing = await loginAs(testApp, { username: 'leasing1', password: DEMO.demoPassword });
    const applications = (
      await testApp
        .http()
        .get('/api/apps/property/entities/leaseApplication/records')
        .query({
          limit: '200',
          filter: JSON.stringify({ in: [{ var: 'status' }, ['submitted', 'approved', 'contractSent']] }),
        })
        .set(leasing.auth)
        .expect(200)
    ).body.items as { values: { status: string } }[];
    expect(applications.map((application) => application.values.status).sort()).toEqual(expected);
    const inbox: { nodeKey: string }[] = [];
    for (const box of ['mine', 'group']) {
      const tasks = await testApp.http().get('/api/tasks').query({ box, limit: '100' }).set(leasing.auth);
      inbox.push(...(tasks.body.items as { nodeKey: string }[]));
    }
    expect(inbox.filter((task) => ['review', 'prepareContract', 'sign'].includes(task.nodeKey))).toHaveLength(
      onboarding.length,
    );
  });

  it('upgrades to a newer version without losing a record', async () => {
    const upgraded = loadPropertyTemplate();
    upgraded.version = '1.1.0';
    const workOrder = upgraded.entities.find((entity) => entity.key === 'workOrder')!;
    workOrder.fields.push({
      key: 'weatherNote',
      label: { 'zh-CN': '天气备注', en: 'Weather note' },
      type: 'text',
    } as never);
    const before = await testApp.database.query('SELECT count(*)::int AS count FROM record_change');
    const preview = await testApp
      .http()
      .post('/api/apps/import?dryRun=true')
      .set(auth)
      .send(upgraded)
      .expect(200);
    expect(preview.body.changes).toContainEqual(
      expect.objectContaining({ change: 'add', kind: 'field', key: 'weatherNote' }),
    );
    expect(preview.body.impact ?? []).toEqual([]);
    await testApp.http().post('/api/apps/import').set(auth).send(upgraded).expect(200);
    expect(await testApp.database.query('SELECT count(*)::int AS count FROM record_change')).toEqual(before);
    const page = await testApp
      .http()
      .get('/api/apps/property/entities/workOrder/records?limit=1')
      .set(auth)
      .expect(200);
    expect(page.body.items[0].values).toHaveProperty('weatherNote', null);
  });

  it('keeps what the company added when the template is installed over it again', async () => {
    // The app now has a field of the company's own (weatherNote, added above), with a value.
    const order = (
      await testApp.http().get('/api/apps/property/entities/workOrder/records?limit=1').set(auth).expect(200)
    ).body.items[0] as { id: string; version: number };
    await testApp
      .http()
      .patch(`/api/apps/property/entities/workOrder/records/${order.id}`)
      .set(auth)
      .send({ version: order.version, values: { weatherNote: '暴雨' } })
      .expect(200);
    const preview = await testApp
      .http()
      .post('/api/templates/property/install')
      .set(auth)
      .send({ dryRun: true, demo: false })
      .expect(200);
    expect(preview.body.changes).not.toContainEqual(expect.objectContaining({ key: 'weatherNote' }));
    await testApp
      .http()
      .post('/api/templates/property/install')
      .set(auth)
      .send({ dryRun: false, demo: false })
      .expect(200);
    const app = (await testApp.http().get('/api/apps/property').set(auth).expect(200)).body as {
      definition: { version: string; entities: { key: string; fields: { key: string }[] }[] };
    };
    expect(app.definition.version).toBe(loadPropertyTemplate().version);
    const fields = app.definition.entities.find((entity) => entity.key === 'workOrder')!.fields;
    expect(fields.map((field) => field.key)).toContain('weatherNote');
    const kept = await testApp
      .http()
      .get(`/api/apps/property/entities/workOrder/records/${order.id}`)
      .set(auth)
      .expect(200);
    expect(kept.body.values.weatherNote).toBe('暴雨');
  });

  it('refuses an unknown template and a non-admin install', async () => {
    await testApp.http().post('/api/templates/nope/install').set(auth).expect(404);
    const [someTenant] = await testApp.database.query<{ username: string }>(
      `SELECT u.username FROM workspace_member m JOIN app_user u ON u.id = m.user_id
        WHERE 'tenant' = ANY(m.app_roles) ORDER BY u.username LIMIT 1`,
    );
    const tenant = await loginAs(testApp, { username: someTenant!.username, password: DEMO.demoPassword });
    await testApp.http().post('/api/templates/property/install').set(tenant.auth).expect(403);
  });
});

describe('first start with a template', () => {
  it('installs the template and its demo data once, even across restarts', async () => {
    const database = await TestDatabase.create();
    try {
      const first = await createTestApp({ ...DEMO, template: 'property' }, database);
      expect(first.app.get(FirstStartService).result.template).toMatchObject({
        key: 'property',
        demoPassword: DEMO.demoPassword,
      });
      await first.close();
      const second = await createTestApp({ ...DEMO, template: 'property' }, database);
      expect(second.app.get(FirstStartService).result.template).toBeUndefined();
      await second.close();
      expect(await database.query('SELECT key, revision FROM app')).toEqual([
        { key: 'property', revision: 1 },
      ]);
    } finally {
      await database.drop();
    }
  });
});
