import fc from 'fast-check';
import { type ReportDefinition } from '@lowcode/app-model';
import { compileReport, compileSharedScan } from '@lowcode/report-engine';
import { reportDataset } from '../src/reports/utils/report-dataset';
import { smallApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';
import {
  RANDOM_DIMENSIONS,
  createMember,
  insertWorkOrders,
  newId,
  storageSchema,
  type WorkOrderRow,
} from './reports-support';

const PASSWORD = 'technician-password-1';
const text = (zh: string) => ({ 'zh-CN': zh, en: zh });
const report = (key: string, rest: Partial<ReportDefinition>): ReportDefinition =>
  ({ key, label: text(key), entity: 'workOrder', chart: { type: 'table' }, ...rest }) as ReportDefinition;

/** Cards over the work orders: four read the same rows, one has a percentile, one a filter of its own. */
const CARDS: ReportDefinition[] = [
  report('byCategory', {
    chart: { type: 'bar' },
    dimensions: [{ field: 'category' }],
    measures: [
      { key: 'orders', aggregate: 'count' },
      { key: 'avgCost', aggregate: 'avg', field: 'cost' },
    ],
    sort: [{ by: 'orders', direction: 'desc' }],
    limit: 2,
  }),
  report('byMonth', {
    chart: { type: 'line' },
    dimensions: [{ field: 'reportedAt', bucket: 'month' }, { field: 'category' }],
    measures: [
      { key: 'orders', aggregate: 'count' },
      { key: 'cost', aggregate: 'sum', field: 'cost' },
      { key: 'latest', aggregate: 'max', field: 'reportedAt' },
    ],
  }),
  report('byWeek', {
    chart: { type: 'bar' },
    dimensions: [{ field: 'reportedAt', bucket: 'week' }],
    measures: [{ key: 'orders', aggregate: 'count' }],
  }),
  report('total', {
    chart: { type: 'kpi' },
    dimensions: [],
    measures: [
      { key: 'orders', aggregate: 'count' },
      { key: 'costSum', aggregate: 'sum', field: 'cost', hidden: true },
      { key: 'perOrder', formula: { '/': [{ var: 'costSum' }, { var: 'orders' }] } },
    ],
  } as Partial<ReportDefinition>),
  report('p90Cost', {
    dimensions: [{ field: 'category' }],
    measures: [{ key: 'p90', aggregate: 'p90', field: 'cost' }],
  }),
  report('open', {
    dimensions: [{ field: 'category' }],
    measures: [{ key: 'orders', aggregate: 'count' }],
    filter: { '!=': [{ var: 'record.status' }, 'closed'] },
  }),
];

describe('reports: dashboard cards answered by one shared scan', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };
  let technician: { Authorization: string };
  let schema: string;
  const base = smallApp();
  const app = {
    ...base,
    reports: [...base.reports, ...CARDS],
    dashboards: [
      ...base.dashboards,
      {
        key: 'shared',
        label: text('共享'),
        items: CARDS.map((card, index) => ({
          key: card.key,
          report: card.key,
          layout: { x: (index % 3) * 8, y: Math.floor(index / 3) * 6, w: 8, h: 6 },
        })),
      },
    ],
  };
  const url = `/api/apps/${app.key}`;
  const run = (auth: { Authorization: string }, key: string, body: object = {}) =>
    testApp.http().post(`${url}/reports/${key}/run`).set(auth).send(body);
  let room: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth: admin } = await loginAs(testApp));
    await testApp.http().post('/api/apps/import').set(admin).send(app).expect(200);
    schema = await storageSchema(testApp, app.key);
    const technicianId = await createMember(testApp, 'tech1', ['technician'], PASSWORD);
    ({ auth: technician } = await loginAs(testApp, { username: 'tech1', password: PASSWORD }));
    const [first] = await testApp.database.query<{ _id: string }>(
      `SELECT _id FROM "${schema}"."room" LIMIT 1`,
    );
    room = first!._id;
    const order = (category: string, cost: number | null, reportedAt: string, status = 'done') => ({
      id: newId(),
      category,
      room,
      technician: cost === 50 || cost === 120 ? technicianId : null,
      cost,
      rating: 4,
      status,
      reportedAt,
    });
    await insertWorkOrders(testApp, schema, [
      order('plumbing', 100, '2024-01-15T10:00:00Z'),
      order('plumbing', 300, '2024-01-31T20:00:00Z', 'closed'),
      order('electrical', 50, '2024-02-03T10:00:00Z'),
      order('electrical', null, '2024-02-04T10:00:00Z'),
      order('elevator', 120, '2024-03-06T10:00:00Z'),
      { ...order('elevator', 1000, '2024-03-07T10:00:00Z'), deleted: true },
    ]);
  });
  afterAll(() => testApp.close());

  it('answers every card of the dashboard exactly as its own query does', async () => {
    for (const timeZone of ['Asia/Shanghai', 'America/New_York'])
      for (const card of CARDS) {
        const body = { timeZone, filters: { category: ['plumbing', 'electrical', 'elevator'] } };
        const alone = await run(admin, card.key, body).expect(200);
        const shared = await run(admin, card.key, { ...body, dashboard: 'shared' }).expect(200);
        expect({ card: card.key, ...shared.body }).toEqual({ card: card.key, ...alone.body });
      }
    // The technician's row scope (his own orders) applies inside the shared scan as in his own queries.
    for (const card of CARDS) {
      const alone = await run(technician, card.key).expect(200);
      const shared = await run(technician, card.key, { dashboard: 'shared' }).expect(200);
      expect(shared.body.rows).toEqual(alone.body.rows);
    }
    const total = await run(technician, 'total', { dashboard: 'shared' }).expect(200);
    expect(total.body.rows).toEqual([{ orders: 2, perOrder: 85 }]);
  });

  it('reads the rows once for the cards that share them', async () => {
    // A change makes a new data version; the first card's run then scans for all four sharing cards.
    const created = await testApp
      .http()
      .post(`${url}/entities/workOrder/records`)
      .set(admin)
      .send({ values: { title: '新工单', category: 'plumbing', cost: 10, room } })
      .expect(201);
    const body = { timeZone: 'Asia/Shanghai', dashboard: 'shared' };
    const before = await run(admin, 'byCategory', body).expect(200);
    // An order written past the change log: a card that reads the table again counts it, one answered
    // from the scan already made does not.
    const unseen: WorkOrderRow = {
      id: newId(),
      category: 'plumbing',
      room,
      technician: null,
      cost: 20,
      rating: 5,
      status: 'done',
      reportedAt: '2024-01-16T10:00:00Z',
    };
    await insertWorkOrders(testApp, schema, [unseen]);
    try {
      const total = (await run(admin, 'total', body).expect(200)).body.rows[0].orders;
      const own = (await run(admin, 'total', { timeZone: 'Asia/Shanghai' }).expect(200)).body.rows[0].orders;
      expect(own).toBe(total + 1);
      // The percentile card shares with none, so it reads the table itself.
      const p90 = await run(admin, 'p90Cost', body).expect(200);
      const plumbing = p90.body.rows.find((row: { category: string }) => row.category === 'plumbing');
      expect(plumbing.p90).toBeCloseTo(240, 9);
      expect(before.body.rows[0]).toEqual({ category: 'plumbing', orders: 3, avgCost: 136.66666666666666 });
    } finally {
      await testApp.database.query(`DELETE FROM "${schema}"."workOrder" WHERE _id = ANY($1::uuid[])`, [
        [unseen.id, (created.body as { id: string }).id],
      ]);
    }
  });

  it('names an unknown dashboard, and draws a card no longer on its dashboard on its own', async () => {
    const unknown = await run(admin, 'byCategory', { dashboard: 'nope' }).expect(404);
    expect(unknown.body.error.code).toBe('DASHBOARD_NOT_FOUND');
    // The operations dashboard is for managers: the technician is not told it exists.
    await run(technician, 'byCategory', { dashboard: 'operations' }).expect(404);
    const elsewhere = await run(admin, 'byCategory', { dashboard: 'operations' }).expect(200);
    expect(elsewhere.body.rows).toEqual((await run(admin, 'byCategory').expect(200)).body.rows);
  });

  it('gives each of random sharing reports the very rows of its own query', async () => {
    const dataset = reportDataset(app, schema);
    const dimension = fc.constantFrom(...RANDOM_DIMENSIONS);
    const measure = fc.constantFrom(
      { aggregate: 'count' },
      { aggregate: 'count', field: 'rating' },
      { aggregate: 'sum', field: 'cost' },
      { aggregate: 'avg', field: 'cost' },
      { aggregate: 'avg', field: 'rating' },
      { aggregate: 'min', field: 'cost' },
      { aggregate: 'max', field: 'reportedAt' },
    );
    const randomReport = fc
      .record({
        dimensions: fc.uniqueArray(dimension, { maxLength: 2, selector: (item) => item.field }),
        measures: fc.array(measure, { minLength: 1, maxLength: 3 }),
        limit: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        descending: fc.boolean(),
      })
      .map(({ dimensions, measures, limit, descending }) =>
        report('random', {
          dimensions,
          measures: measures.map((item, at) => ({ key: `m${at}`, ...item })),
          ...(limit ? { limit, sort: [{ by: 'm0', direction: descending ? 'desc' : 'asc' }] } : {}),
        } as Partial<ReportDefinition>),
      );
    const filter = fc.option(
      fc.constantFrom(
        { '!=': [{ var: 'record.status' }, 'closed'] },
        { '>=': [{ var: 'record.cost' }, 100] },
        { '==': [{ var: 'record.room' }, null] },
      ),
      { nil: undefined },
    );
    const order = fc.record({
      id: fc.uuid({ version: 4 }),
      category: fc.option(fc.constantFrom('plumbing', 'electrical', 'elevator'), { nil: null }),
      status: fc.option(fc.constantFrom('submitted', 'done', 'closed'), { nil: null }),
      cost: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
      rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      withRoom: fc.boolean(),
      reportedAt: fc
        .integer({ min: Date.parse('2023-11-01T00:00:00Z'), max: Date.parse('2025-02-28T00:00:00Z') })
        .map((ms) => new Date(ms).toISOString()),
      deleted: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(randomReport, { minLength: 2, maxLength: 4 }),
        filter,
        fc.array(order, { maxLength: 40 }),
        fc.constantFrom('UTC', 'Asia/Shanghai', 'America/New_York'),
        async (reports, shared, orders, timeZone) => {
          const cards = reports.map((card, index) => ({
            ...card,
            key: `r${index}`,
            ...(shared ? { filter: shared } : {}),
          }));
          await testApp.database.query(`DELETE FROM "${schema}"."workOrder"`);
          await insertWorkOrders(
            testApp,
            schema,
            orders.map(({ withRoom, ...values }) => ({
              ...values,
              room: withRoom ? room : null,
              technician: null,
            })),
          );
          const scan = compileSharedScan(cards, dataset, { timeZone });
          const [row] = await testApp.database.query<Record<string, unknown>>(scan.sql, scan.params);
          const each = await Promise.all(
            cards.map((card) => {
              const query = compileReport(card, dataset, { timeZone });
              return testApp.database.query(query.sql, query.params);
            }),
          );
          expect(scan.read(row!).rows).toEqual(each);
        },
      ),
      { numRuns: 40 },
    );
  });
});
