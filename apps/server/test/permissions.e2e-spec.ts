import { createTestApp, loginAs, type TestApp } from './support/test-app';

const PASSWORD = 'demo-password-2';
const base = (entity: string) => `/api/apps/property/entities/${entity}/records`;

interface Item {
  id: string;
  version: number;
  values: Record<string, unknown>;
}

/** The property template's roles, enforced on the server for reads, writes, fields and exports. */
describe('record permissions from app roles', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };
  const sessions = new Map<string, { auth: { Authorization: string }; userId: string }>();

  beforeAll(async () => {
    testApp = await createTestApp({ demoScale: 0.02, demoPassword: PASSWORD });
    ({ auth: admin } = await loginAs(testApp));
    await testApp.http().post('/api/templates/property/install?demo=true').set(admin).expect(200);
  });
  afterAll(() => testApp.close());

  async function as(role: string) {
    const cached = sessions.get(role);
    if (cached) return cached;
    const [person] = await testApp.database.query<{ username: string; id: string }>(
      `SELECT u.username, u.id FROM workspace_member m JOIN app_user u ON u.id = m.user_id
        WHERE $1 = ANY(m.app_roles) ORDER BY u.username LIMIT 1`,
      [role],
    );
    const session = await loginAs(testApp, { username: person!.username, password: PASSWORD });
    const entry = { auth: session.auth, userId: person!.id };
    sessions.set(role, entry);
    return entry;
  }

  const list = async (auth: { Authorization: string }, entity: string, status = 200) =>
    (await testApp.http().get(base(entity)).query({ limit: '200' }).set(auth).expect(status)).body as {
      items: Item[];
    };

  it('shows a technician only the work orders assigned to him', async () => {
    const technician = await as('technician');
    const mine = await list(technician.auth, 'workOrder');
    const all = await list(admin, 'workOrder');
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.length).toBeLessThan(all.items.length);
    expect(mine.items.every((order) => order.values.technician === technician.userId)).toBe(true);

    const other = all.items.find((order) => order.values.technician !== technician.userId)!;
    await testApp
      .http()
      .get(`${base('workOrder')}/${other.id}`)
      .set(technician.auth)
      .expect(404);
    await testApp
      .http()
      .get(`${base('workOrder')}/${other.id}/history`)
      .set(technician.auth)
      .expect(404);
    await testApp
      .http()
      .patch(`${base('workOrder')}/${other.id}`)
      .set(technician.auth)
      .send({ version: other.version, values: { status: 'completed' } })
      .expect(404);
  });

  it('refuses the fields a role may not change, by name', async () => {
    const technician = await as('technician');
    const [order] = (await list(technician.auth, 'workOrder')).items;
    const response = await testApp
      .http()
      .patch(`${base('workOrder')}/${order!.id}`)
      .set(technician.auth)
      .send({ version: order!.version, values: { title: 'changed by technician' } })
      .expect(403);
    expect(response.body.error).toMatchObject({ code: 'FORBIDDEN', details: [{ path: 'title' }] });
  });

  it("answers the entities a role may use, with its actions on each — a tenant's home, not the builder's", async () => {
    const tenant = await as('tenant');
    const access = (await testApp.http().get('/api/apps/property/access').set(tenant.auth).expect(200))
      .body as { entities: { key: string; actions: string[]; scoped: boolean }[] };
    const byKey = Object.fromEntries(access.entities.map((entity) => [entity.key, entity.actions]));
    expect(byKey.workOrder).toEqual(['read', 'create', 'update']);
    const scoped = Object.fromEntries(access.entities.map((entity) => [entity.key, entity.scoped]));
    expect(scoped).toMatchObject({ room: true, tenant: true, project: false });
    expect(byKey.bill).toEqual(['read']);
    expect(byKey).not.toHaveProperty('supplier');
    expect(byKey).not.toHaveProperty('sparePart');
    const all = (await testApp.http().get('/api/apps/property/access').set(admin).expect(200)).body as {
      entities: unknown[];
    };
    expect(all.entities.length).toBeGreaterThan(access.entities.length);
    await testApp.http().get('/api/apps/nope/access').set(tenant.auth).expect(404);
  });

  it('refuses entities and actions a role has no grant for', async () => {
    const technician = await as('technician');
    await testApp.http().get(base('payment')).set(technician.auth).expect(403);
    const tenant = await as('tenant');
    const [order] = (await list(tenant.auth, 'workOrder')).items;
    if (order)
      await testApp
        .http()
        .delete(`${base('workOrder')}/${order.id}`)
        .set(tenant.auth)
        .expect(403);
    await testApp
      .http()
      .get(`${base('workOrder')}/export`)
      .set(tenant.auth)
      .expect(403);
  });

  it('shows a tenant only their own profile, with the ID number masked', async () => {
    const tenant = await as('tenant');
    const profiles = await list(tenant.auth, 'tenant');
    expect(profiles.items).toHaveLength(1);
    expect(profiles.items[0]!.values.account).toBe(tenant.userId);
    const idCard = profiles.items[0]!.values.idCard as string | null;
    if (idCard) expect(idCard).toMatch(/^\d{3}\*+[\dXx*]{4}$/);
    expect(profiles.items[0]!.values).not.toHaveProperty('idScans');
    expect(profiles.items[0]!.values).not.toHaveProperty('remark');
  });

  it('lets a writer link only records they may read: a tenant files a request as themself, not as a neighbour', async () => {
    const tenant = await as('tenant');
    const [profile] = (await list(tenant.auth, 'tenant')).items;
    const neighbour = (await list(admin, 'tenant')).items.find((other) => other.id !== profile!.id);
    expect(profile && neighbour).toBeTruthy();
    const file = (requester: string) =>
      testApp
        .http()
        .post(base('workOrder'))
        .set(tenant.auth)
        .set('Accept-Language', 'en')
        .send({
          values: {
            type: 'inquiry',
            channel: 'app',
            project: profile!.values.project,
            requester,
            category: 'other',
            title: '门禁卡如何补办',
          },
        });
    // Answered as a record that does not exist: the refusal says nothing about the neighbour.
    const refused = await file(neighbour!.id).expect(400);
    expect(refused.body.error).toMatchObject({
      code: 'RECORD_INVALID',
      details: [{ path: 'requester', message: expect.stringContaining('does not exist') }],
    });
    await file(profile!.id).expect(201);
  });

  it('leaves payments to finance: a tenant reads their own but cannot record one, even on their own bill', async () => {
    const tenant = await as('tenant');
    const [profile] = (await list(tenant.auth, 'tenant')).items;
    const [own] = (await list(tenant.auth, 'bill')).items;
    expect(own).toBeTruthy();
    const paid = await list(tenant.auth, 'payment');
    expect(paid.items.every((payment) => payment.values.tenant === profile!.id)).toBe(true);
    await testApp
      .http()
      .post(base('payment'))
      .set(tenant.auth)
      .send({
        values: {
          bill: own!.id,
          tenant: profile!.id,
          amount: 1,
          method: 'wechat',
          paidAt: '2026-06-01T08:00:00.000Z',
        },
      })
      .expect(403);
  });

  it('keeps filters and sorts from probing hidden fields', async () => {
    const tenant = await as('tenant');
    await testApp
      .http()
      .get(base('tenant'))
      .query({ filter: JSON.stringify({ '==': [{ var: 'remark' }, 'x'] }) })
      .set(tenant.auth)
      .expect(403);
  });

  it('limits a butler to the projects he serves', async () => {
    const butler = await as('butler');
    const [member] = await testApp.database.query<{ projects: string[] }>(
      "SELECT attributes->'projects' AS projects FROM workspace_member WHERE user_id = $1",
      [butler.userId],
    );
    expect(member!.projects.length).toBeGreaterThan(0);
    const rooms = await list(butler.auth, 'room');
    expect(rooms.items.length).toBeGreaterThan(0);
    expect(rooms.items.every((room) => member!.projects.includes(room.values.project as string))).toBe(true);
  });

  it('shows a butler who serves no project yet only what he filed, not an error', async () => {
    await testApp
      .http()
      .post('/api/members')
      .set(admin)
      .send({ username: 'new.butler', password: 'new-butler-password', appRoles: ['butler'] })
      .expect(201);
    const { auth } = await loginAs(testApp, { username: 'new.butler', password: 'new-butler-password' });
    // Scopes naming user.projects grant nothing; those also allowing his own records still compile.
    for (const entity of ['workOrder', 'inspection', 'room', 'bill'])
      expect((await list(auth, entity)).items).toEqual([]);
  });

  it('tells the web what a role may do, so it offers only those buttons', async () => {
    const technician = await as('technician');
    const access = await testApp
      .http()
      .get('/api/apps/property/entities/workOrder/access')
      .set(technician.auth)
      .expect(200);
    expect(access.body.actions.sort()).toEqual(['read', 'update']);
    expect(access.body.readOnly).toContain('title');
    const full = await testApp
      .http()
      .get('/api/apps/property/entities/workOrder/access')
      .set(admin)
      .expect(200);
    expect(full.body).toMatchObject({ hidden: [], masked: [], readOnly: [] });
    expect(full.body.actions).toEqual(['read', 'create', 'update', 'delete', 'export', 'import']);
  });

  it('leaves the workspace admin (the builder) unlimited', async () => {
    const profiles = await list(admin, 'tenant');
    const withId = profiles.items.find((profile) => typeof profile.values.idCard === 'string');
    expect(withId?.values.idCard).toMatch(/^\d{17}[\dX]$/);
  });
});
