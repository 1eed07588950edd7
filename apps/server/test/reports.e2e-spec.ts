import { smallApp } from './support/fixtures';
import { clockOf, createTestApp, loginAs, type TestApp } from './support/test-app';
import { ZoneOffsetSpans } from '../src/reports/utils/zone-offset-span';
import { createMember, insertWorkOrders, newId, storageSchema, type WorkOrderRow } from './reports-support';

const PASSWORD = 'technician-password-1';

describe('reports API', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };
  let technician: { Authorization: string };
  let technicianId: string;
  let schema: string;
  const app = smallApp();
  const base = `/api/apps/${app.key}`;
  const orders: WorkOrderRow[] = [];

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth: admin } = await loginAs(testApp));
    await testApp.http().post('/api/apps/import').set(admin).send(app).expect(200);
    schema = await storageSchema(testApp, app.key);
    technicianId = await createMember(testApp, 'tech1', ['technician'], PASSWORD);
    ({ auth: technician } = await loginAs(testApp, { username: 'tech1', password: PASSWORD }));
    const other = await createMember(testApp, 'tech2', ['technician'], PASSWORD);
    const [room] = await testApp.database.query<{ _id: string }>(
      `SELECT _id FROM "${schema}"."room" LIMIT 1`,
    );
    const order = (category: string, technician: string, cost: number, reportedAt: string, deleted = false) =>
      orders.push({
        id: newId(),
        category,
        room: room!._id,
        technician,
        cost,
        rating: 4,
        status: 'done',
        reportedAt,
        deleted,
      });
    order('plumbing', technicianId, 100, '2024-01-15T10:00:00Z');
    order('plumbing', other, 300, '2024-01-20T10:00:00Z');
    order('electrical', technicianId, 50, '2024-02-03T10:00:00Z');
    order('electrical', other, 70, '2024-02-04T10:00:00Z');
    order('electrical', other, 90, '2024-02-05T10:00:00Z');
    order('elevator', other, 1000, '2024-02-06T10:00:00Z', true); // deleted: never counted
    await insertWorkOrders(testApp, schema, orders);
  });
  afterAll(() => testApp.close());

  const run = (auth: { Authorization: string }, report: string, body: object = {}) =>
    testApp.http().post(`${base}/reports/${report}/run`).set(auth).send(body);
  const preview = (auth: { Authorization: string }, report: object, body: object = {}) =>
    testApp
      .http()
      .post(`${base}/reports/preview`)
      .set(auth)
      .send({ report, ...body });

  it('runs a saved report end to end: rows, columns and a chart option', async () => {
    const response = await run(admin, 'repairsByCategory', { locale: 'en' }).expect(200);
    expect(response.body.rows).toEqual([
      { category: 'electrical', orders: 3, avgCost: 70 },
      { category: 'plumbing', orders: 2, avgCost: 200 },
    ]);
    expect(response.body.columns.map((column: { key: string }) => column.key)).toEqual([
      'category',
      'orders',
      'avgCost',
    ]);
    expect(response.body.option.series[0]).toMatchObject({ type: 'bar', name: 'Orders', data: [3, 2] });
  });

  it('names people: a user dimension carries a label column of display names', async () => {
    const report = {
      key: 'byTechnician',
      label: { 'zh-CN': '按师傅', en: 'By technician' },
      entity: 'workOrder',
      chart: { type: 'bar' },
      dimensions: [{ field: 'technician' }],
      measures: [{ key: 'orders', aggregate: 'count' }],
      sort: [{ by: 'orders', direction: 'desc' }],
    };
    const response = await preview(admin, report, { locale: 'en' }).expect(200);
    expect(response.body.columns).toEqual([
      expect.objectContaining({ key: 'technician', role: 'dimension', labelKey: 'technician#label' }),
      expect.objectContaining({ key: 'technician#label', role: 'label' }),
      expect.objectContaining({ key: 'orders', role: 'measure' }),
    ]);
    expect(response.body.rows).toEqual([
      { technician: expect.any(String), 'technician#label': 'tech2', orders: 3 },
      { technician: technicianId, 'technician#label': 'tech1', orders: 2 },
    ]);
    expect(response.body.option.xAxis.data).toEqual(['tech2', 'tech1']);
  });

  it('reads its default period when the run names none, in the workspace’s calendar', async () => {
    const report = {
      key: 'thisMonth',
      label: { 'zh-CN': '本月工单', en: 'Orders this month' },
      entity: 'workOrder',
      chart: { type: 'kpi' },
      dimensions: [],
      measures: [{ key: 'orders', aggregate: 'count' }],
      periodField: 'reportedAt',
      defaultPeriod: 'thisMonth',
    };
    // 2024-01-31 17:00 UTC is already February 1st in Shanghai: February's three orders.
    clockOf(testApp).set(new Date('2024-01-31T17:00:00Z'));
    expect((await preview(admin, report).expect(200)).body.rows).toEqual([{ orders: 3 }]);
    // A period the run names wins; so does a zone it names.
    const january = { period: { from: '2024-01-01', to: '2024-01-31' } };
    expect((await preview(admin, report, january).expect(200)).body.rows).toEqual([{ orders: 2 }]);
    expect((await preview(admin, report, { timeZone: 'UTC' }).expect(200)).body.rows).toEqual([
      { orders: 2 },
    ]);
    const orphan = { ...report, periodField: undefined };
    const refused = await preview(admin, orphan).expect(400);
    expect(JSON.stringify(refused.body)).toContain('defaultPeriod');
  });

  it('buckets in the zone’s calendar on both sides of a change of its offset', async () => {
    // China kept summer time until 1991: these instants fall in the next month at +9, in this one at +8.
    const [room] = await testApp.database.query<{ _id: string }>(
      `SELECT _id FROM "${schema}"."room" LIMIT 1`,
    );
    const instants = [
      '1988-07-31T15:30:00Z',
      '1990-04-30T15:30:00Z',
      '1991-09-14T15:30:00Z',
      '2024-02-29T16:30:00Z',
    ];
    const rows = instants.map((reportedAt) => ({
      id: newId(),
      category: 'zone-test',
      room: room!._id,
      technician: null,
      cost: null,
      rating: null,
      status: 'done',
      reportedAt,
    }));
    await insertWorkOrders(testApp, schema, rows);
    try {
      const report = {
        key: 'zoneMonths',
        label: { 'zh-CN': '月份' },
        entity: 'workOrder',
        chart: { type: 'table' },
        filter: { '==': [{ var: 'category' }, 'zone-test'] },
        dimensions: [{ field: 'reportedAt', bucket: 'month' }],
        measures: [{ key: 'orders', aggregate: 'count' }],
      };
      const months = async (timeZone: string) =>
        (
          (await preview(admin, report, { timeZone }).expect(200)).body.rows as Array<{ reportedAt: string }>
        ).map((row) => row.reportedAt);
      // 1988-08-01 00:30 and 1990-05-01 00:30 in summer time; 1991-09-15 00:30 and 2024-03-01 00:30 at +8.
      expect(await months('Asia/Shanghai')).toEqual(['1988-08-01', '1990-05-01', '1991-09-01', '2024-03-01']);
      expect(await months('UTC')).toEqual(['1988-07-01', '1990-04-01', '1991-09-01', '2024-02-01']);
      // The span the engine reads by offset is where PostgreSQL's rules say +8 holds: from 1991-09-15 on.
      let probes = 0;
      const spans = new ZoneOffsetSpans();
      const query = (sql: string, values: unknown[]) => {
        probes += 1;
        return testApp.database.query(sql, values);
      };
      const span = await spans.spanOf(query, 'Asia/Shanghai');
      expect(span).toMatchObject({ from: '1991-09-15T00:00:00.000Z', offsetSeconds: 8 * 3600 });
      // However a caller spells the zone, it is probed once a day.
      expect(await spans.spanOf(query, 'asia/SHANGHAI')).toEqual(span);
      expect(probes).toBe(1);
    } finally {
      await testApp.database.query(`DELETE FROM "${schema}"."workOrder" WHERE category = 'zone-test'`);
    }
  });

  it('answers a repeated run from the cache, and a write to the app makes the next run fresh', async () => {
    const [room] = await testApp.database.query<{ _id: string }>(
      `SELECT _id FROM "${schema}"."room" LIMIT 1`,
    );
    const roomId = room!._id;
    const first = await run(admin, 'repairsByCategory').expect(200);
    const again = await run(admin, 'repairsByCategory').expect(200);
    expect(again.body.rows).toEqual(first.body.rows);
    const created = await testApp
      .http()
      .post(`${base}/entities/workOrder/records`)
      .set(admin)
      .send({ values: { title: '新工单', category: 'plumbing', cost: 400, room: roomId } });
    expect({ status: created.status, body: created.body as unknown }).toMatchObject({ status: 201 });
    const fresh = await run(admin, 'repairsByCategory').expect(200);
    expect(fresh.body.rows).toContainEqual({ category: 'plumbing', orders: 3, avgCost: 266.6666666666667 });
    await testApp
      .http()
      .delete(`${base}/entities/workOrder/records/${(created.body as { id: string }).id}`)
      .set(admin)
      .expect(204);
    expect((await run(admin, 'repairsByCategory').expect(200)).body.rows).toEqual(first.body.rows);
    // The other tests count the fixture's rows.
    await testApp.database.query(`DELETE FROM "${schema}"."workOrder" WHERE _id = $1`, [
      (created.body as { id: string }).id,
    ]);
  });

  it('keeps a result while only entities the report does not read change', async () => {
    const first = await run(admin, 'repairsByCategory').expect(200);
    // A plumbing order written past the change log: only a run that reads the table again counts it.
    const unseen = { ...orders[0]!, id: newId() };
    await insertWorkOrders(testApp, schema, [unseen]);
    let created: string | undefined;
    try {
      await testApp
        .http()
        .post(`${base}/entities/building/records`)
        .set(admin)
        .send({ values: { name: '新楼', code: 'Z999' } })
        .expect(201);
      expect((await run(admin, 'repairsByCategory').expect(200)).body.rows).toEqual(first.body.rows);
      // A new work order changes what the report reads: the next run reads the table, the unseen row too.
      const response = await testApp
        .http()
        .post(`${base}/entities/workOrder/records`)
        .set(admin)
        .send({ values: { title: '新工单', category: 'plumbing', cost: 400, room: unseen.room } })
        .expect(201);
      created = (response.body as { id: string }).id;
      expect((await run(admin, 'repairsByCategory').expect(200)).body.rows).toContainEqual({
        category: 'plumbing',
        orders: 4,
        avgCost: 225,
      });
    } finally {
      await testApp.database.query(`DELETE FROM "${schema}"."workOrder" WHERE _id = ANY($1::uuid[])`, [
        [unseen.id, ...(created ? [created] : [])],
      ]);
      await testApp.database.query(`DELETE FROM "${schema}"."building" WHERE code = 'Z999'`);
    }
  });

  it('applies filters, drill values, periods and comparison', async () => {
    const definition = {
      key: 'monthly',
      label: { 'zh-CN': '月度' },
      entity: 'workOrder',
      chart: { type: 'kpi' },
      periodField: 'reportedAt',
      dimensions: [],
      measures: [{ key: 'orders', aggregate: 'count' }],
    };
    const response = await preview(admin, definition, {
      filters: { category: ['electrical', 'plumbing'] },
      period: { from: '2024-02-01', to: '2024-02-29' },
      compare: 'previousPeriod',
      timeZone: 'Asia/Shanghai',
    }).expect(200);
    expect(response.body.rows).toEqual([{ orders: 3 }]);
    expect(response.body.previousRows).toEqual([{ orders: 2 }]);
    expect(response.body.option.kpi).toMatchObject({ value: 3, previous: 2, changePercent: 50 });
  });

  it("applies the caller's row scope inside every aggregate", async () => {
    const response = await run(technician, 'repairsByCategory').expect(200);
    expect(response.body.rows).toEqual([
      { category: 'electrical', orders: 1, avgCost: 50 },
      { category: 'plumbing', orders: 1, avgCost: 100 },
    ]);
    const total = await preview(technician, {
      key: 'all',
      label: { 'zh-CN': '全部' },
      entity: 'workOrder',
      chart: { type: 'kpi' },
      dimensions: [],
      measures: [
        { key: 'orders', aggregate: 'count' },
        { key: 'cost', aggregate: 'sum', field: 'cost' },
      ],
    }).expect(200);
    expect(total.body.rows).toEqual([{ orders: 2, cost: 150 }]);
  });

  it("totals a pivot's averages over their rows, inside the caller's row scope", async () => {
    const pivot = {
      key: 'costPivot',
      label: { 'zh-CN': '费用透视' },
      entity: 'workOrder',
      chart: { type: 'pivot' },
      dimensions: [{ field: 'category' }, { field: 'technician' }],
      measures: [
        { key: 'orders', aggregate: 'count' },
        { key: 'avgCost', aggregate: 'avg', field: 'cost' },
      ],
    };
    const totals = async (auth: { Authorization: string }) => {
      const { option } = (await preview(auth, pivot).expect(200)).body as {
        option: {
          pivot: { rows: string[]; rowTotals: (number | null)[][]; grandTotal: (number | null)[] };
        };
      };
      return option.pivot;
    };
    // Electrical 50, 70, 90 → 70; plumbing 100, 300 → 200; all five → 122 — not a sum of averages.
    const all = await totals(admin);
    expect(Object.fromEntries(all.rows.map((row, index) => [row, all.rowTotals[index]]))).toEqual({
      electrical: [3, 70],
      plumbing: [2, 200],
    });
    expect(all.grandTotal).toEqual([5, 122]);
    // The technician's own two orders only (50 and 100).
    expect((await totals(technician)).grandTotal).toEqual([2, 75]);
  });

  it('refuses entities the role may not read, and hidden or masked fields by name', async () => {
    const joined = await preview(technician, {
      key: 'byBuilding',
      label: { 'zh-CN': '按楼' },
      entity: 'workOrder',
      chart: { type: 'bar' },
      dimensions: [{ field: 'room.building' }],
      measures: [{ key: 'orders', aggregate: 'count' }],
    }).expect(403);
    expect(joined.body.error.details[0].message).toContain('"room"');
    const hidden = await preview(technician, {
      key: 'byCredit',
      label: { 'zh-CN': '按信用代码' },
      entity: 'tenant',
      chart: { type: 'bar' },
      dimensions: [{ field: 'name' }],
      measures: [{ key: 'n', aggregate: 'count' }],
      filter: { '==': [{ var: 'record.creditCode' }, 'x'] },
    }).expect(403);
    expect(hidden.body.error.details).toEqual([
      { path: 'filter.==[0].var', message: expect.stringContaining('"creditCode"') },
    ]);
  });

  it.each([
    [
      'a hostile field key',
      { dimensions: [{ field: 'category"; DROP TABLE app; --' }] },
      'report.dimensions[0].field',
    ],
    [
      'a hostile measure key',
      { measures: [{ key: '__proto__', aggregate: 'count' }] },
      'report.measures[0].key',
    ],
    [
      'a hostile filter field',
      { filter: { '==': [{ var: 'record.x") OR 1=1 --' }, 1] } },
      "report.filter['=='][0].var",
    ],
    [
      'a wrongly typed filter value',
      { filter: { '>': [{ var: 'record.cost' }, '1; DROP TABLE app'] } },
      'filter.>[1]',
    ],
  ])('answers 400 naming the place for %s', async (_name, change, path) => {
    const definition = {
      key: 'probe',
      label: { 'zh-CN': '探测' },
      entity: 'workOrder',
      chart: { type: 'table' },
      dimensions: [{ field: 'category' }],
      measures: [{ key: 'orders', aggregate: 'count' }],
      ...change,
    };
    const response = await preview(admin, definition).expect(400);
    expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
  });

  it('keeps hostile run-time values as parameters or refuses them, never a 500', async () => {
    const hostile = `x'); DROP TABLE "${schema}"."workOrder"; --`;
    const filtered = await run(admin, 'repairsByCategory', { filters: { category: hostile } }).expect(200);
    expect(filtered.body.rows).toEqual([]);
    await run(admin, 'repairsByCategory', { filters: { [hostile]: 'x' } }).expect(400);
    await run(admin, 'repairsByCategory', { filters: { cost: { from: hostile } } }).expect(400);
    await run(admin, 'repairsByCategory', { drill: [{ field: 'category', value: hostile }] }).expect(400);
    await run(admin, 'repairsByCategory', { timeZone: "UTC'; SELECT 1; --" }).expect(400);
    await run(admin, 'repairsByCategory', { locale: 'xx' }).expect(400);
    await run(admin, 'noSuchReport').expect(404);
    const [stored] = await testApp.database.query<{ count: string }>(
      `SELECT count(*) FROM "${schema}"."workOrder"`,
    );
    expect(Number(stored!.count)).toBe(orders.length);
  });

  it('lists only the dashboards the caller’s roles may see', async () => {
    const all = await testApp.http().get(`${base}/dashboards`).set(admin).expect(200);
    expect(all.body.map((dashboard: { key: string }) => dashboard.key)).toEqual(['operations']);
    const detail = await testApp.http().get(`${base}/dashboards/operations`).set(admin).expect(200);
    expect(detail.body.reports.map((report: { key: string }) => report.key)).toEqual([
      'roomStatus',
      'repairsByCategory',
      'monthlyRepairs',
    ]);
    const mine = await testApp.http().get(`${base}/dashboards`).set(technician).expect(200);
    expect(mine.body).toEqual([]);
    await testApp.http().get(`${base}/dashboards/operations`).set(technician).expect(404);
  });
});
