import { compileEntity } from '@lowcode/form-engine';
import { smallApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

interface RecordBody {
  id: string;
  version: number;
  values: Record<string, unknown>;
  display: Record<string, unknown>;
  deletedAt: string | null;
}

describe('records', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };
  const app = smallApp();
  const base = (entity: string) => `/api/apps/${app.key}/entities/${entity}/records`;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth } = await loginAs(testApp));
    await testApp.http().post('/api/apps/import').set(auth).send(app).expect(200);
  });
  afterAll(() => testApp.close());

  const http = () => testApp.http();
  const list = async (entity: string, query: Record<string, string> = {}) =>
    (await http().get(base(entity)).query(query).set(auth).expect(200)).body as {
      items: RecordBody[];
      nextCursor: string | null;
    };
  const read = async (entity: string, id: string) =>
    (
      await http()
        .get(`${base(entity)}/${id}`)
        .set(auth)
        .expect(200)
    ).body as RecordBody;
  const create = (entity: string, values: object, language = 'en') =>
    http().post(base(entity)).set(auth).set('Accept-Language', language).send({ values });

  async function roomIdByCode(code: string): Promise<string> {
    const page = await list('room', { filter: JSON.stringify({ '==': [{ var: 'code' }, code] }) });
    return page.items[0]!.id;
  }

  it('holds the seed records, with relation titles, lookups and rollups', async () => {
    const rooms = await list('room', { sort: 'code' });
    expect(rooms.items.map((room) => room.values.code)).toEqual(['1-101', '1-102', '2-201']);
    expect(rooms.items[0]!.display.building).toBe('1号楼');
    expect(rooms.items[0]!.values.buildingName).toBe('1号楼');
    const buildings = await list('building', { sort: 'code' });
    expect(buildings.items.map((building) => building.values.roomCount)).toEqual([2, 1]);
  });

  it('creates a record, fills auto-number and formula, and records history', async () => {
    const [room, tenants] = [await roomIdByCode('1-102'), await list('tenant')];
    const response = await create('contract', {
      room,
      tenant: tenants.items[0]!.id,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      rent: 4200,
      cycle: 'monthly',
    }).expect(201);
    const contract = response.body as RecordBody;
    expect(contract.version).toBe(1);
    expect(contract.values.no).toMatch(/^HT-\d{4}-\d{6}$/);
    expect(contract.values.yearlyRent).toBe(4200 * 12);
    const history = await http()
      .get(`${base('contract')}/${contract.id}/history`)
      .set(auth)
      .expect(200);
    expect(history.body[0]).toMatchObject({
      version: 1,
      action: 'create',
      actor: { displayName: '管理员 Admin' },
      source: 'api',
    });
  });

  it('refuses bad values with the very messages the browser shows (same engine)', async () => {
    const tenant = app.entities.find((entity) => entity.key === 'tenant')!;
    const bad = { name: '王五', kind: 'person', phone: '12345', idCard: '110105194912310021' };
    for (const locale of ['en', 'zh-CN'] as const) {
      const response = await create('tenant', bad, locale).expect(400);
      expect(response.body.error.code).toBe('RECORD_INVALID');
      const browser = compileEntity(tenant).validate(bad, { locale, mode: 'create' });
      expect(browser.ok).toBe(false);
      const expected = browser.ok ? [] : browser.errors.map(({ path, message }) => ({ path, message }));
      expect(response.body.error.details).toEqual(expected);
    }
    expect((await list('tenant')).items).toHaveLength(1);
  });

  it('refuses a relation to a record that does not exist, naming the field', async () => {
    const response = await create('room', {
      code: '9-999',
      building: '00000000-0000-4000-8000-000000000000',
    }).expect(400);
    expect(response.body.error.details).toEqual([
      { path: 'building', message: expect.stringContaining('does not exist') },
    ]);
  });

  it('enforces unique fields in the database with a 409 that names the field', async () => {
    const building = (await list('building')).items[0]!.id;
    const response = await create('room', { code: '1-101', building }).expect(409);
    expect(response.body.error).toMatchObject({
      code: 'RECORD_UNIQUE_CONFLICT',
      details: [{ path: 'code' }],
    });
  });

  it('updates with optimistic concurrency: a stale version gets 409 and the current record', async () => {
    const id = await roomIdByCode('1-101');
    const current = await read('room', id);
    const updated = await http()
      .patch(`${base('room')}/${id}`)
      .set(auth)
      .send({ version: current.version, values: { area: 90 } })
      .expect(200);
    expect(updated.body).toMatchObject({ version: current.version + 1, values: { area: 90 } });
    const stale = await http()
      .patch(`${base('room')}/${id}`)
      .set(auth)
      .send({ version: current.version, values: { area: 91 } })
      .expect(409);
    expect(stale.body.error).toMatchObject({
      code: 'RECORD_VERSION_CONFLICT',
      current: { version: current.version + 1, values: { area: 90 } },
    });
    const history = await http()
      .get(`${base('room')}/${id}/history`)
      .set(auth)
      .expect(200);
    expect(history.body.at(-1)).toMatchObject({
      action: 'update',
      changes: [{ field: 'area', from: 88.5, to: 90 }],
    });
  });

  it('lets exactly one of two simultaneous edits of the same version win', async () => {
    const id = await roomIdByCode('2-201');
    const { version } = await read('room', id);
    const results = await Promise.all(
      [101, 102].map((area) =>
        http()
          .patch(`${base('room')}/${id}`)
          .set(auth)
          .send({ version, values: { area } }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
  });

  it('never repeats an auto-number under concurrency', async () => {
    const [room, tenants] = [await roomIdByCode('1-101'), await list('tenant')];
    const values = {
      room,
      tenant: tenants.items[0]!.id,
      startDate: '2026-02-01',
      endDate: '2027-01-31',
      rent: 1,
      cycle: 'monthly',
    };
    const responses = await Promise.all(Array.from({ length: 50 }, () => create('contract', values)));
    expect(responses.every((response) => response.status === 201)).toBe(true);
    const numbers = responses.map((response) => (response.body as RecordBody).values.no);
    expect(new Set(numbers).size).toBe(50);
  });

  it('dates auto-numbers by their date field: an order entered late gets the day it was reported', async () => {
    const label = (text: string) => ({ 'zh-CN': text, en: text });
    const dated = {
      formatVersion: 1,
      key: 'datedNumbers',
      version: '1.0.0',
      label: label('dated numbers'),
      entities: [
        {
          key: 'order',
          label: label('order'),
          titleField: 'no',
          fields: [
            {
              key: 'no',
              type: 'autoNumber',
              label: label('no'),
              pattern: 'GD-{YYYY}{MM}{DD}-{seq:3}',
              dateField: 'reportedAt',
            },
            { key: 'reportedAt', type: 'datetime', label: label('reported at') },
          ],
        },
      ],
      flows: [],
      rules: [],
      reports: [],
      dashboards: [],
      roles: [],
    };
    const imported = await http().post('/api/apps/import').set(auth).send(dated);
    expect(imported.body.error).toBeUndefined();
    const records = `/api/apps/datedNumbers/entities/order/records`;
    // One batch over two days, in Shanghai's calendar (16:30 UTC on the 2nd is 00:30 on the 3rd there).
    const batch = (
      await http()
        .post(`${records}/bulk`)
        .set(auth)
        .send({
          create: [
            { reportedAt: '2026-03-02T01:00:00Z' },
            { reportedAt: '2026-03-02T16:30:00Z' },
            { reportedAt: '2026-03-02T09:00:00Z' },
          ],
        })
        .expect(200)
    ).body as { created: { id: string }[] };
    const numberOf = async (id: string) =>
      ((await http().get(`${records}/${id}`).set(auth).expect(200)).body as RecordBody).values.no;
    expect(await Promise.all(batch.created.map((order) => numberOf(order.id)))).toEqual([
      'GD-20260302-001',
      'GD-20260303-001',
      'GD-20260302-002',
    ]);
    // Each day counts on; an order without the date is numbered by the day it is created.
    const later = await http()
      .post(records)
      .set(auth)
      .send({ values: { reportedAt: '2026-03-02T02:00:00Z' } })
      .expect(201);
    expect((later.body as RecordBody).values.no).toBe('GD-20260302-003');
    const undated = await http().post(records).set(auth).send({ values: {} }).expect(201);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((undated.body as RecordBody).values.no).toBe(`GD-${today.replaceAll('-', '')}-001`);
    // A number dated by a field that is no date is refused when the app is imported.
    dated.entities[0]!.fields[0]!.dateField = 'no';
    const refused = await http().post('/api/apps/import').set(auth).send(dated).expect(400);
    expect(JSON.stringify(refused.body)).toContain('dateField');
  });

  it('soft-deletes and restores', async () => {
    const id = await roomIdByCode('1-102');
    await http()
      .delete(`${base('room')}/${id}`)
      .set(auth)
      .expect(204);
    expect((await list('room')).items.map((room) => room.id)).not.toContain(id);
    await http()
      .get(`${base('room')}/${id}`)
      .set(auth)
      .expect(200);
    const withDeleted = await list('room', { includeDeleted: 'true' });
    expect(withDeleted.items.find((room) => room.id === id)?.deletedAt).not.toBeNull();
    await http()
      .post(`${base('room')}/${id}/restore`)
      .set(auth)
      .expect(200);
    expect((await list('room')).items.map((room) => room.id)).toContain(id);
  });

  it('logs every write once, in the same transaction, as history and as the outbox for triggers', async () => {
    const events = await testApp.database.query<{ type: string; source: string; count: number }>(
      `SELECT type, source, count(*)::int AS count FROM record_change WHERE entity_key = 'room'
        GROUP BY type, source ORDER BY type, source`,
    );
    expect(events).toEqual([
      { type: 'created', source: 'seed', count: 3 },
      { type: 'deleted', source: 'api', count: 1 },
      { type: 'restored', source: 'api', count: 1 },
      { type: 'updated', source: 'api', count: 2 },
    ]);
    const pending = await testApp.database.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM record_change WHERE dispatched_at IS NULL AND entity_key = 'room'",
    );
    expect(pending[0]!.count).toBe(7);
  });

  describe('querying', () => {
    beforeAll(async () => {
      const building = (await list('building', { sort: 'code' })).items[0]!.id;
      const rooms = Array.from({ length: 23 }, (_, index) => ({
        code: `Q-${String(index).padStart(2, '0')}`,
        building,
        floor: index % 4 === 0 ? null : index % 5,
        area: 50 + index,
      }));
      await http()
        .post(`${base('room')}/bulk`)
        .set(auth)
        .send({ create: rooms })
        .expect(200);
    });

    it.each([
      [{ '>=': [{ var: 'area' }, 70] }, (v: Record<string, unknown>) => (v.area as number) >= 70],
      [
        { between: [{ var: 'area' }, 55, 60] },
        (v: Record<string, unknown>) => (v.area as number) >= 55 && (v.area as number) <= 60,
      ],
      [
        { startsWith: [{ var: 'code' }, 'Q-1'] },
        (v: Record<string, unknown>) => String(v.code).startsWith('Q-1'),
      ],
      [{ empty: [{ var: 'floor' }] }, (v: Record<string, unknown>) => v.floor === null],
      [
        { in: [{ var: 'floor' }, [1, 2]] },
        (v: Record<string, unknown>) => [1, 2].includes(v.floor as number),
      ],
      [
        { or: [{ '==': [{ var: 'floor' }, 3] }, { '!': { contains: [{ var: 'code' }, 'q'] } }] },
        (v: Record<string, unknown>) => v.floor === 3 || !String(v.code).toLowerCase().includes('q'),
      ],
    ])('filters %j', async (filter, predicate) => {
      const all = (await list('room', { limit: '200' })).items;
      const filtered = (await list('room', { filter: JSON.stringify(filter), limit: '200' })).items;
      expect(filtered.map((room) => room.id).sort()).toEqual(
        all
          .filter((room) => predicate(room.values))
          .map((room) => room.id)
          .sort(),
      );
    });

    it.each(['floor', '-floor', 'area,-code', '-updatedAt'])(
      'pages through every record once, sorted by %s',
      async (sort) => {
        const everything = (await list('room', { sort, limit: '200' })).items.map((room) => room.id);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: RecordBody[]; nextCursor: string | null } = await list('room', {
            sort,
            limit: '4',
            ...(cursor ? { cursor } : {}),
          });
          seen.push(...page.items.map((room) => room.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(everything);
      },
    );

    it('searches text fields', async () => {
      const found = (await list('room', { q: 'q-0' })).items.map((room) => room.values.code);
      expect(found.sort()).toEqual([
        'Q-00',
        'Q-01',
        'Q-02',
        'Q-03',
        'Q-04',
        'Q-05',
        'Q-06',
        'Q-07',
        'Q-08',
        'Q-09',
      ]);
    });

    it.each([
      ['a field that does not exist', { '==': [{ var: 'nope' }, 1] }],
      ['an identifier with quotes', { '==': [{ var: 'code" OR 1=1 --' }, 'x'] }],
      ['a prototype key', { '==': [{ var: '__proto__' }, 'x'] }],
      ['a wrongly typed value', { '>': [{ var: 'area' }, '1; DROP TABLE app; --'] }],
      ['an unknown operator', { method: [{ var: 'code' }, 'toString'] }],
      ['deep nesting', JSON.parse('{"!":'.repeat(40) + '{"==":[{"var":"code"},"x"]}' + '}'.repeat(40))],
    ])('refuses %s with 400 FILTER_INVALID', async (_name, filter) => {
      const response = await http()
        .get(base('room'))
        .query({ filter: JSON.stringify(filter) })
        .set(auth)
        .expect(400);
      expect(response.body.error.code).toBe('FILTER_INVALID');
      expect(response.body.error.details[0].path).toMatch(/^filter/);
    });

    it('treats quotes in values as data', async () => {
      const filter = { '==': [{ var: 'code' }, "x' OR '1'='1"] };
      expect((await list('room', { filter: JSON.stringify(filter) })).items).toEqual([]);
    });

    it('refuses sort keys and cursors it did not issue', async () => {
      await http().get(base('room')).query({ sort: 'photos' }).set(auth).expect(400);
      await http().get(base('room')).query({ sort: '"_id"' }).set(auth).expect(400);
      await http().get(base('room')).query({ cursor: 'garbage' }).set(auth).expect(400);
    });
  });

  it('rolls back a whole bulk request when one item is invalid, naming it', async () => {
    const before = (await list('building', { limit: '200' })).items.length;
    const response = await http()
      .post(`${base('building')}/bulk`)
      .set(auth)
      .send({ create: [{ name: '9号楼', code: 'B9' }, { name: '10号楼' }] })
      .expect(400);
    expect(response.body.error.details[0].path).toBe('create[1].code');
    expect((await list('building', { limit: '200' })).items).toHaveLength(before);
  });

  it('writes a bulk request column by column, keeping every value shape exactly', async () => {
    // Lists travel as array literals in a batch (`unnest` has no arrays of arrays): quotes, backslashes,
    // commas, braces and the word NULL must come back as written.
    const tricky = ['a"b', 'c\\d', 'e,f', '{g}', 'NULL', ' spaced '];
    const shapes = {
      formatVersion: 1,
      key: 'batchShapes',
      version: '1.0.0',
      label: { 'zh-CN': '批量', en: 'Batch' },
      entities: [
        {
          key: 'tag',
          label: { 'zh-CN': '标签', en: 'Tag' },
          titleField: 'name',
          fields: [{ key: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' } }],
        },
        {
          key: 'item',
          label: { 'zh-CN': '条目', en: 'Item' },
          titleField: 'name',
          fields: [
            { key: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' } },
            {
              key: 'labels',
              type: 'multiSelect',
              label: { 'zh-CN': '标记', en: 'Labels' },
              options: tricky.map((value) => ({ value, label: { 'zh-CN': value, en: value } })),
            },
            {
              key: 'tags',
              type: 'relation',
              label: { 'zh-CN': '标签', en: 'Tags' },
              relation: { entity: 'tag', multiple: true },
            },
            { key: 'due', type: 'date', label: { 'zh-CN': '日期', en: 'Due' } },
            { key: 'done', type: 'checkbox', label: { 'zh-CN': '完成', en: 'Done' } },
            { key: 'amount', type: 'number', label: { 'zh-CN': '数量', en: 'Amount' }, precision: 2 },
            {
              key: 'lines',
              type: 'subTable',
              label: { 'zh-CN': '明细', en: 'Lines' },
              fields: [{ key: 'text', type: 'text', label: { 'zh-CN': '内容', en: 'Text' } }],
            },
          ],
        },
      ],
      flows: [],
      rules: [],
      reports: [],
      dashboards: [],
      roles: [],
    };
    await http().post('/api/apps/import').set(auth).send(shapes).expect(200);
    const records = (entity: string) => `/api/apps/batchShapes/entities/${entity}/records`;
    const tags = (
      await http()
        .post(`${records('tag')}/bulk`)
        .set(auth)
        .send({ create: [{ name: 'x' }, { name: 'y' }] })
        .expect(200)
    ).body as { created: { id: string }[] };
    const [x, y] = tags.created.map((tag) => tag.id);
    const written = [
      {
        name: 'all',
        labels: tricky,
        tags: [x, y],
        due: '2026-02-28',
        done: true,
        amount: 12.5,
        lines: [{ text: '{"quoted"} \\ line' }],
      },
      { name: 'empty lists', labels: [], tags: [] },
      { name: 'nothing else' },
    ];
    const created = (
      await http()
        .post(`${records('item')}/bulk?return=records`)
        .set(auth)
        .send({ create: written })
        .expect(200)
    ).body as { created: RecordBody[] };
    const read = await Promise.all(
      created.created.map(
        async (record) =>
          (
            (
              await http()
                .get(`${records('item')}/${record.id}`)
                .set(auth)
                .expect(200)
            ).body as RecordBody
          ).values,
      ),
    );
    expect(read[0]).toMatchObject(written[0]!);
    expect(read[1]).toMatchObject({ name: 'empty lists', labels: [], tags: [] });
    expect(read[2]).toMatchObject({ name: 'nothing else', labels: null, tags: null, due: null, lines: null });
  });

  it('checks the shape of a bulk request before its records (which the pipe does not copy)', async () => {
    const refusal = async (body: object) =>
      (
        (
          await http()
            .post(`${base('building')}/bulk`)
            .set(auth)
            .send(body)
            .expect(400)
        ).body as {
          error: { code: string; details: { path: string }[] };
        }
      ).error;
    expect(await refusal({ create: [{ name: '11号楼', code: 'B11' }, 'B12'] })).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'create' }],
    });
    expect(await refusal({ create: Array.from({ length: 1001 }, () => ({})) })).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'create' }],
    });
    expect(await refusal({ create: {}, extra: 1 })).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('keeps another workspace out', async () => {
    const other = await http()
      .post('/api/workspaces')
      .set(auth)
      .send({ slug: 'other', name: 'Other' })
      .expect(201);
    const switched = await http().post(`/api/workspaces/${other.body.id}/switch`).set(auth).expect(200);
    const outsider = { Authorization: `Bearer ${switched.body.accessToken}` };
    const id = await roomIdByCode('1-101');
    await http().get(base('room')).set(outsider).expect(404);
    await http()
      .get(`${base('room')}/${id}`)
      .set(outsider)
      .expect(404);
    await http()
      .patch(`${base('room')}/${id}`)
      .set(outsider)
      .send({ version: 1, values: { area: 1 } })
      .expect(404);
  });

  it('checks the references a write sets, not those it leaves: a room of a deleted building stays editable', async () => {
    const building = (await create('building', { code: 'B9', name: '9号楼' }).expect(201)).body as RecordBody;
    const room = (await create('room', { code: '9-901', building: building.id }).expect(201))
      .body as RecordBody;
    await http()
      .delete(`${base('building')}/${building.id}`)
      .set(auth)
      .expect(204);
    const edited = await http()
      .patch(`${base('room')}/${room.id}`)
      .set(auth)
      .send({ version: room.version, values: { area: 60, building: building.id } })
      .expect(200);
    expect(edited.body.values).toMatchObject({ area: 60, building: building.id });
    const other = await roomIdByCode('1-102');
    const current = await read('room', other);
    const moved = await http()
      .patch(`${base('room')}/${other}`)
      .set(auth)
      .set('Accept-Language', 'en')
      .send({ version: current.version, values: { building: building.id } })
      .expect(400);
    expect(moved.body.error.details).toEqual([
      { path: 'building', message: expect.stringContaining('does not exist') },
    ]);
  });

  it('upgrades the schema safely: the dry run names records that would fail, and no data is dropped', async () => {
    const upgraded = smallApp();
    upgraded.version = '1.1.0';
    const room = upgraded.entities.find((entity) => entity.key === 'room')!;
    room.fields = room.fields.map((field) => (field.key === 'floor' ? { ...field, required: true } : field));
    room.fields.push({
      key: 'orientation',
      label: { 'zh-CN': '朝向', en: 'Orientation' },
      type: 'text',
    } as never);
    room.fields = room.fields.map((field) =>
      field.key === 'area' ? ({ key: 'area', label: field.label, type: 'text' } as never) : field,
    );

    const preview = await http().post('/api/apps/import?dryRun=true').set(auth).send(upgraded);
    expect(preview.body.error).toBeUndefined();
    const impact = (
      preview.body.impact as { entity: string; invalidCount: number; samples: { field: string }[] }[]
    ).find((entry) => entry.entity === 'room');
    expect(impact?.invalidCount).toBeGreaterThan(0);
    // Areas convert cleanly to text, so only the rooms without a floor are in the way.
    expect(new Set(impact?.samples.map((sample) => sample.field))).toEqual(new Set(['floor']));

    await http().post('/api/apps/import').set(auth).send(upgraded).expect(200);
    const rooms = (await list('room', { limit: '200' })).items;
    const first = rooms.find((candidate) => candidate.values.code === '1-101')!;
    expect(first.values.area).toBe('90');
    expect(first.values).toHaveProperty('orientation', null);
    const columns = await testApp.database.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'room' AND column_name LIKE '_archived_%'",
    );
    expect(columns.map((column) => column.column_name)).toEqual([
      expect.stringMatching(/^_archived_r\d+_area$/),
    ]);
  });
});
