import { smallApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

interface Item {
  id: string;
  values: Record<string, unknown>;
  display: Record<string, unknown>;
}

/**
 * Fields read one hop away — a lookup of another entity's field, the title a relation shows — obey the
 * viewer's field rules on that other entity: what is hidden or masked there is hidden or masked here too.
 */
describe('lookups and relation titles keep the linked entity’s field rules', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };
  let technician: { Authorization: string };
  const records = (entity: string) => `/api/apps/propertyLite/entities/${entity}/records`;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth: admin } = await loginAs(testApp));
    const app = smallApp();
    // The technician reads rooms and contracts, but not a building's name, and only a masked ID card,
    // which here is what names a tenant.
    app.entities.find((entity) => entity.key === 'tenant')!.titleField = 'idCard';
    // Rows of a contract name tenants too: co-tenants the technician sees, guarantors he does not.
    const tenantRows = (key: string) => ({
      key,
      type: 'subTable' as const,
      label: { 'zh-CN': key, en: key },
      fields: [
        {
          key: 'tenant',
          type: 'relation' as const,
          label: { 'zh-CN': '租户', en: 'Tenant' },
          relation: { entity: 'tenant' },
        },
        { key: 'note', type: 'text' as const, label: { 'zh-CN': '备注', en: 'Note' } },
      ],
    });
    app.entities
      .find((entity) => entity.key === 'contract')!
      .fields.push(
        tenantRows('cotenants'),
        tenantRows('guarantors'),
        // Two hops: the building of the contract's room.
        {
          key: 'building',
          type: 'lookup',
          label: { 'zh-CN': '楼宇', en: 'Building' },
          lookup: { relation: 'room', field: 'building' },
        },
      );
    app.roles
      .find((role) => role.key === 'technician')!
      .permissions.push(
        { entity: 'building', actions: ['read'], fields: { hidden: ['name'] } },
        { entity: 'room', actions: ['read'] },
        { entity: 'contract', actions: ['read'], fields: { hidden: ['guarantors'] } },
      );
    await testApp.http().post('/api/apps/import').set(admin).send(app).expect(200);
    await testApp
      .http()
      .post('/api/members')
      .set(admin)
      .send({ username: 'tech.one', password: 'tech-password-1', appRoles: ['technician'] })
      .expect(201);
    ({ auth: technician } = await loginAs(testApp, { username: 'tech.one', password: 'tech-password-1' }));
  });
  afterAll(() => testApp.close());

  const list = async (auth: { Authorization: string }, entity: string) =>
    ((await testApp.http().get(records(entity)).set(auth).expect(200)).body as { items: Item[] }).items;

  it('hides a lookup and a relation title whose field is hidden on the linked entity', async () => {
    const asAdmin = await list(admin, 'room');
    expect(asAdmin[0]!.values.buildingName).toEqual(expect.stringContaining('号楼'));
    expect(asAdmin[0]!.display.building).toEqual(expect.stringContaining('号楼'));

    const rooms = await list(technician, 'room');
    expect(rooms).toHaveLength(asAdmin.length);
    for (const room of rooms) {
      expect(room.values).not.toHaveProperty('buildingName');
      expect(room.display.building).toBe('***');
    }
    // The web learns it too, so it offers neither a column nor a filter on it.
    const access = await testApp
      .http()
      .get('/api/apps/propertyLite/entities/room/access')
      .set(technician)
      .expect(200);
    expect(access.body.hidden).toContain('buildingName');
  });

  it('refuses filtering and sorting by such a lookup, as by the field itself', async () => {
    for (const query of [
      { filter: JSON.stringify({ '==': [{ var: 'buildingName' }, '1号楼'] }) },
      { sort: 'buildingName' },
    ]) {
      const response = await testApp.http().get(records('room')).query(query).set(technician).expect(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('masks a relation title that is masked on the linked entity', async () => {
    const [whole] = await list(admin, 'contract');
    const [masked] = await list(technician, 'contract');
    expect(whole!.display.tenant).toBe('11010519491231002X');
    expect(masked!.display.tenant).toBe('110***********002X');
    const one = await testApp
      .http()
      .get(`${records('contract')}/${masked!.id}`)
      .set(technician)
      .expect(200);
    expect(one.body.display.tenant).toBe('110***********002X');
  });

  it('names the record a lookup of a relation reaches by its title, under its title field’s rules', async () => {
    const [whole] = await list(admin, 'contract');
    expect(whole!.values.building).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(whole!.display.building).toBe('1号楼');
    const [limited] = await list(technician, 'contract');
    expect(limited!.display.building).toBe('***');
  });

  it('names the records in sub-table rows by their titles, under the same rules', async () => {
    const [contract] = await list(admin, 'contract');
    const current = await testApp
      .http()
      .get(`${records('contract')}/${contract!.id}`)
      .set(admin)
      .expect(200);
    const tenant = current.body.values.tenant as string;
    const rows = [{ tenant, note: 'a' }, { note: 'nobody' }, { tenant, note: 'b' }];
    await testApp
      .http()
      .patch(`${records('contract')}/${contract!.id}`)
      .set(admin)
      .send({ version: current.body.version, values: { cotenants: rows, guarantors: rows.slice(0, 1) } })
      .expect(200);

    const asAdmin = await testApp
      .http()
      .get(`${records('contract')}/${contract!.id}`)
      .set(admin)
      .expect(200);
    expect(asAdmin.body.display).toMatchObject({
      'cotenants[0].tenant': '11010519491231002X',
      'cotenants[2].tenant': '11010519491231002X',
      'guarantors[0].tenant': '11010519491231002X',
    });
    expect(asAdmin.body.display).not.toHaveProperty(['cotenants[1].tenant']);

    // The technician sees the co-tenants' titles masked as the tenant's ID card is, and nothing of the
    // guarantors' rows.
    const seen = await testApp
      .http()
      .get(`${records('contract')}/${contract!.id}`)
      .set(technician)
      .expect(200);
    expect(seen.body.display['cotenants[0].tenant']).toBe('110***********002X');
    expect(seen.body.display['cotenants[2].tenant']).toBe('110***********002X');
    expect(seen.body.values).not.toHaveProperty('guarantors');
    expect(Object.keys(seen.body.display).filter((key) => key.startsWith('guarantors'))).toEqual([]);
  });

  it('leaves a field that is not limited on the linked entity whole', async () => {
    const [contract] = await list(technician, 'contract');
    expect(contract!.display.room).toBe('1-101');
  });

  it('finds records by the titles of the records they link to, under the same rules', async () => {
    const search = async (auth: { Authorization: string }, entity: string, q: string) =>
      (
        (await testApp.http().get(records(entity)).query({ q }).set(auth).expect(200)).body as {
          items: Item[];
        }
      ).items;
    // A room by its building's name; a contract by its room's code, its tenant's title, and the building its
    // room is in (a lookup of a relation).
    const rooms = await search(admin, 'room', '1号楼');
    expect(rooms.map((room) => room.values.code).sort()).toEqual(['1-101', '1-102']);
    for (const q of ['1-101', '0519491231', '1号楼'])
      expect((await search(admin, 'contract', q)).map((contract) => contract.display.room)).toEqual([
        '1-101',
      ]);
    expect(await search(admin, 'contract', '2号楼')).toEqual([]);

    // The technician sees the building's name hidden and the tenant's ID card masked: neither finds anything.
    expect(await search(technician, 'room', '1号楼')).toEqual([]);
    expect(await search(technician, 'contract', '0519491231')).toEqual([]);
    expect(await search(technician, 'contract', '1号楼')).toEqual([]);
    expect(await search(technician, 'contract', '1-101')).toHaveLength(1);
  });

  it('tells a relation change in the history by the titles it linked, under the same rules', async () => {
    const [contract] = await list(admin, 'contract');
    const room102 = (await list(admin, 'room')).find((room) => room.values.code === '1-102')!;
    const tenant = {
      values: { name: '王五', kind: 'person', idCard: '110101199003071233', phone: '13800138001' },
    };
    const other = await testApp.http().post(records('tenant')).set(admin).send(tenant).expect(201);

    const current = await testApp
      .http()
      .get(`${records('contract')}/${contract!.id}`)
      .set(admin)
      .expect(200);
    await testApp
      .http()
      .patch(`${records('contract')}/${contract!.id}`)
      .set(admin)
      .send({ version: current.body.version, values: { room: room102.id, tenant: other.body.id } })
      .expect(200);

    const changesSeenBy = async (auth: { Authorization: string }) => {
      const history = await testApp
        .http()
        .get(`${records('contract')}/${contract!.id}/history`)
        .set(auth);
      const last = (history.body as { changes: { field: string; display?: unknown }[] }[]).at(-1)!;
      return Object.fromEntries(last.changes.map((change) => [change.field, change.display]));
    };
    expect(await changesSeenBy(admin)).toEqual({
      room: { from: '1-101', to: '1-102' },
      tenant: { from: '11010519491231002X', to: '110101199003071233' },
    });
    expect(await changesSeenBy(technician)).toEqual({
      room: { from: '1-101', to: '1-102' },
      tenant: { from: '110***********002X', to: '110***********1233' },
    });
  });
});
