import { type AppDefinition, type RuleDefinition } from '@lowcode/app-model';
import { smallApp } from './support/fixtures';
import { createTestApp, drainAutomation, loginAs, type TestApp } from './support/test-app';

const label = (en: string) => ({ 'zh-CN': en, en });

/**
 * Every write path reaches rule triggers exactly once, through the one outbox (issue: "triggers fire on
 * every write path"). Each rule here matches every change of its kind; the rule log holds one firing per
 * (rule, record change), so counting it per record proves "once".
 */
function watchedApp(): AppDefinition {
  const app = smallApp();
  app.entities.push({
    key: 'echo',
    label: label('Echo'),
    fields: [{ key: 'note', type: 'text', label: label('Note') }],
  } as AppDefinition['entities'][number]);
  const watch = (key: string, trigger: RuleDefinition['trigger'], actions: RuleDefinition['actions'] = []) =>
    ({
      key,
      label: label(key),
      trigger,
      condition: true,
      actions: actions.length
        ? actions
        : [{ key: 'note', type: 'createRecord', entity: 'echo', values: { note: key } }],
    }) as RuleDefinition;
  app.rules = [
    watch('roomCreated', { type: 'recordCreated', entity: 'room' }),
    watch('roomUpdated', { type: 'recordUpdated', entity: 'room' }),
    watch('roomDeleted', { type: 'recordDeleted', entity: 'room' }),
    watch('roomBuildingChanged', { type: 'fieldChanged', entity: 'room', fields: ['building'] }),
    watch('contactsChanged', { type: 'fieldChanged', entity: 'tenant', fields: ['contacts'] }),
    watch('roomsAdded', { type: 'recordCreated', entity: 'room', batch: 'perBatch' }, [
      {
        key: 'tell',
        type: 'notify',
        to: { type: 'role', role: 'manager' },
        channel: 'inApp',
        template: { 'zh-CN': '新增 {{batch.count}} 间房', en: '{{batch.count}} rooms added' },
      },
    ] as RuleDefinition['actions']),
    watch('echoCreated', { type: 'recordCreated', entity: 'echo' }, [
      {
        key: 'log',
        type: 'notify',
        to: { type: 'role', role: 'manager' },
        channel: 'inApp',
        template: label('echo'),
      },
    ] as RuleDefinition['actions']),
  ];
  return app;
}

describe('every write path fires record triggers exactly once', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };
  const base = (entity: string) => `/api/apps/propertyLite/entities/${entity}/records`;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth } = await loginAs(testApp));
    await testApp.http().post('/api/apps/import').set(auth).send(watchedApp()).expect(200);
    await testApp.database.query(`UPDATE workspace_member SET app_roles = '{manager}'`);
    await drainAutomation(testApp);
  });
  afterAll(() => testApp.close());

  /** Firings of a rule per record id, after everything due has run. */
  async function firings(rule: string): Promise<Record<string, number>> {
    await drainAutomation(testApp);
    const rows = await testApp.database.query<{ record_id: string; count: number }>(
      `SELECT record_id, count(*)::int AS count FROM rule_run WHERE rule_key = $1 AND matched GROUP BY record_id`,
      [rule],
    );
    return Object.fromEntries(rows.map((row) => [row.record_id, row.count]));
  }

  const buildings = async () =>
    (
      (await testApp.http().get(base('building')).query({ sort: 'code' }).set(auth).expect(200)).body as {
        items: { id: string }[];
      }
    ).items.map((item) => item.id);
  const room = async (id: string) =>
    (
      await testApp
        .http()
        .get(`${base('room')}/${id}`)
        .set(auth)
        .expect(200)
    ).body as {
      id: string;
      version: number;
      values: Record<string, unknown>;
    };

  it('does not fire for the records a seed brings (history, not events)', async () => {
    expect(await firings('roomCreated')).toEqual({});
  });

  it('fires once for a form submit (API create)', async () => {
    const [building] = await buildings();
    const created = await testApp
      .http()
      .post(base('room'))
      .set(auth)
      .send({ values: { code: 'W-1', building } })
      .expect(201);
    expect(await firings('roomCreated')).toEqual({ [(created.body as { id: string }).id]: 1 });
  });

  it('fires once per record for a bulk create and a bulk update', async () => {
    const [building] = await buildings();
    const bulk = await testApp
      .http()
      .post(`${base('room')}/bulk?return=records`)
      .set(auth)
      .send({ create: ['W-2', 'W-3', 'W-4'].map((code) => ({ code, building })) })
      .expect(200);
    const created = (bulk.body as { created: { id: string; version: number }[] }).created;
    const fired = await firings('roomCreated');
    for (const record of created) expect(fired[record.id]).toBe(1);

    // The per-batch rule fired once for the three, and says so.
    const [batchRun] = await testApp.database.query<{ result: unknown }>(
      "SELECT result FROM rule_run WHERE rule_key = 'roomsAdded' ORDER BY id DESC LIMIT 1",
    );
    expect(batchRun!.result).toEqual({ matched: 3, of: 3 });
    const [told] = await testApp.database.query<{ title: { en: string } }>(
      "SELECT title FROM notification WHERE source->>'rule' = 'roomsAdded' ORDER BY id DESC LIMIT 1",
    );
    expect(told!.title.en).toBe('3 rooms added');

    await testApp
      .http()
      .post(`${base('room')}/bulk`)
      .set(auth)
      .send({
        update: created.map((record) => ({ id: record.id, version: record.version, values: { floor: 9 } })),
      })
      .expect(200);
    const updated = await firings('roomUpdated');
    for (const record of created) expect(updated[record.id]).toBe(1);
  });

  it('fires once per imported row', async () => {
    const csv = ['房号,所属楼宇,楼层', 'IMP-1,1号楼,1', 'IMP-2,2号楼,2'].join('\n');
    const response = await testApp
      .http()
      .post(`${base('room')}/import`)
      .set(auth)
      .field('mode', 'allOrNothing')
      .attach('file', Buffer.from(csv, 'utf8'), 'rooms.csv')
      .expect(200);
    expect(response.body).toMatchObject({ imported: 2 });
    const ids = await testApp.database.query<{ record_id: string }>(
      "SELECT record_id FROM record_change WHERE source = 'import' AND type = 'created'",
    );
    const fired = await firings('roomCreated');
    expect(ids).toHaveLength(2);
    for (const { record_id } of ids) expect(fired[record_id]).toBe(1);
  });

  it('fires once for a status drag (a kanban move is one PATCH) and for a relation change', async () => {
    const [, otherBuilding] = await buildings();
    const [created] = (
      await testApp.database.query<{ record_id: string }>(
        "SELECT record_id FROM record_change WHERE source = 'api' AND entity_key = 'room' AND type = 'created' ORDER BY id LIMIT 1",
      )
    ).map((row) => row.record_id);
    let current = await room(created!);
    const before = (await firings('roomUpdated'))[created!] ?? 0;
    await testApp
      .http()
      .patch(`${base('room')}/${created}`)
      .set(auth)
      .send({ version: current.version, values: { status: 'leased' } })
      .expect(200);
    expect((await firings('roomUpdated'))[created!]).toBe(before + 1);
    // A field-changed trigger counts the initial value at creation, and not a change of another field.
    expect((await firings('roomBuildingChanged'))[created!]).toBe(1);

    current = await room(created!);
    await testApp
      .http()
      .patch(`${base('room')}/${created}`)
      .set(auth)
      .send({ version: current.version, values: { building: otherBuilding } })
      .expect(200);
    expect((await firings('roomBuildingChanged'))[created!]).toBe(2);
  });

  it('fires once when a sub-table row is added', async () => {
    const tenants = await testApp.http().get(base('tenant')).set(auth).expect(200);
    const tenant = (
      tenants.body as { items: { id: string; version: number; values: Record<string, unknown> }[] }
    ).items[0]!;
    const contacts = [
      ...((tenant.values.contacts as unknown[]) ?? []),
      { name: '王五', phone: '13700137000' },
    ];
    await testApp
      .http()
      .patch(`${base('tenant')}/${tenant.id}`)
      .set(auth)
      .send({ version: tenant.version, values: { contacts } })
      .expect(200);
    expect(await firings('contactsChanged')).toEqual({ [tenant.id]: 1 });
  });

  it('fires once on delete', async () => {
    const [created] = await testApp.database.query<{ record_id: string }>(
      "SELECT record_id FROM record_change WHERE source = 'import' ORDER BY id LIMIT 1",
    );
    await testApp
      .http()
      .delete(`${base('room')}/${created!.record_id}`)
      .set(auth)
      .expect(204);
    expect(await firings('roomDeleted')).toEqual({ [created!.record_id]: 1 });
  });

  it("fires once for a rule action's own writes (the echo records the rules above created)", async () => {
    const echoes = await testApp.database.query<{ record_id: string }>(
      "SELECT record_id FROM record_change WHERE entity_key = 'echo' AND source = 'rule'",
    );
    expect(echoes.length).toBeGreaterThan(5);
    const fired = await firings('echoCreated');
    for (const { record_id } of echoes) expect(fired[record_id]).toBe(1);
  });

  it('leaves nothing undispatched or failed', async () => {
    await drainAutomation(testApp);
    const [pending] = await testApp.database.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM record_change WHERE dispatched_at IS NULL OR dispatch_error IS NOT NULL',
    );
    expect(pending!.count).toBe(0);
    expect(await testApp.database.query("SELECT id FROM job WHERE status <> 'done'")).toEqual([]);
  });
});
