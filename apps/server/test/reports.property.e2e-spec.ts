import fc from 'fast-check';
import { dateIn, type ReportDefinition } from '@lowcode/app-model';
import { loadPropertyTemplate } from '@lowcode/template-property';
import { runReportInMemory, type RowsByEntity } from '@lowcode/report-engine';
import { reportDataset } from '../src/reports/utils/report-dataset';
import { smallApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';
import {
  RANDOM_DIMENSIONS,
  insertWorkOrders,
  noteChange,
  storageSchema,
  type WorkOrderRow,
} from './reports-support';

const CATEGORIES = ['plumbing', 'electrical', 'elevator'];
const STATUSES = ['submitted', 'dispatched', 'done', 'closed'];
const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York'];

/** The database's answer and the in-memory reference's agree on random reports over random rows. */
describe('reports: SQL against the in-memory reference', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };
  let schema: string;
  const app = smallApp();
  let roomIds: string[] = [];
  let fixed: RowsByEntity = {};

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth: admin } = await loginAs(testApp));
    await testApp.http().post('/api/apps/import').set(admin).send(app).expect(200);
    schema = await storageSchema(testApp, app.key);
    const rooms = await testApp.database.query<Record<string, unknown> & { _id: string }>(
      `SELECT _id, code, building, floor::float8 AS floor, area::float8 AS area, status FROM "${schema}"."room"`,
    );
    const buildings = await testApp.database.query<Record<string, unknown> & { _id: string }>(
      `SELECT _id, name, code, floors::float8 AS floors FROM "${schema}"."building"`,
    );
    roomIds = rooms.map((room) => room._id);
    const records = (rows: Array<Record<string, unknown> & { _id: string }>) =>
      rows.map(({ _id, ...values }) => ({ id: _id, values }));
    fixed = { room: records(rooms), building: records(buildings) };
  });
  afterAll(() => testApp.close());

  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 5 });
  const orderArbitrary = fc.record({
    id: fc.uuid({ version: 4 }),
    category: maybe(fc.constantFrom(...CATEGORIES)),
    room: fc.constant(null as string | null),
    roomIndex: fc.nat(),
    technician: fc.constant(null),
    cost: maybe(fc.integer({ min: 0, max: 500 })),
    rating: maybe(fc.integer({ min: 1, max: 5 })),
    status: maybe(fc.constantFrom(...STATUSES)),
    reportedAt: fc
      .integer({ min: Date.parse('2023-11-01T00:00:00Z'), max: Date.parse('2024-04-30T00:00:00Z') })
      .map((ms) => new Date(ms).toISOString()),
    deleted: fc.boolean(),
  });

  const dimensionArbitrary = fc.constantFrom(...RANDOM_DIMENSIONS);
  const measureArbitrary = fc.constantFrom(
    { aggregate: 'count' },
    { aggregate: 'count', field: 'cost' },
    { aggregate: 'distinctCount', field: 'category' },
    { aggregate: 'sum', field: 'cost' },
    { aggregate: 'avg', field: 'cost' },
    { aggregate: 'min', field: 'cost' },
    { aggregate: 'max', field: 'reportedAt' },
    { aggregate: 'median', field: 'rating' },
    { aggregate: 'percentile', p: 0.3, field: 'cost' },
    { metric: 'csat', field: 'rating' },
    { metric: 'nps', field: 'cost' },
    { metric: 'ces', field: 'rating' },
    { metric: 'occupancy', field: 'status', values: ['done', 'closed'] },
  );
  const leafFilter = fc.oneof(
    fc.constantFrom(...CATEGORIES).map((value) => ({ '==': [{ var: 'record.category' }, value] })),
    fc.constantFrom(...CATEGORIES).map((value) => ({ '!=': [{ var: 'record.category' }, value] })),
    fc.subarray(STATUSES, { minLength: 1 }).map((values) => ({ in: [{ var: 'record.status' }, values] })),
    fc.integer({ min: 0, max: 500 }).map((value) => ({ '>=': [{ var: 'record.cost' }, value] })),
    fc.integer({ min: 1, max: 5 }).map((value) => ({ '<': [value, { var: 'record.rating' }] })),
    fc.constant({ '==': [{ var: 'record.room' }, null] }),
    fc.constant({ '!!': [{ var: 'record.cost' }] }),
    fc
      .constantFrom('2024-01-01', '2024-02-15T12:00:00Z')
      .map((value) => ({ '<': [{ var: 'record.reportedAt' }, value] })),
  );
  const filterArbitrary = fc.oneof(
    leafFilter,
    fc.array(leafFilter, { minLength: 1, maxLength: 3 }).map((list) => ({ and: list })),
    fc.array(leafFilter, { minLength: 1, maxLength: 3 }).map((list) => ({ or: list })),
    leafFilter.map((leaf) => ({ '!': leaf })),
  );
  const reportArbitrary = fc
    .record({
      dimensions: fc.uniqueArray(dimensionArbitrary, {
        maxLength: 2,
        selector: (dimension) => dimension.field,
      }),
      measures: fc.array(measureArbitrary, { minLength: 1, maxLength: 3 }),
      filter: fc.option(filterArbitrary, { nil: undefined }),
      withRatio: fc.boolean(),
      limit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    })
    .map(({ dimensions, measures, filter, withRatio, limit }) => {
      const keyed = measures.map((measure, index) => ({ key: `m${index}`, ...measure }));
      // A derived metric over hidden parts; n − 1 is zero for single-row groups (NULLIF on both sides).
      if (withRatio)
        keyed.push(
          { key: 'costSum', aggregate: 'sum', field: 'cost', hidden: true } as never,
          { key: 'n', aggregate: 'count', hidden: true } as never,
          { key: 'ratio', formula: { '/': [{ var: 'costSum' }, { '-': [{ var: 'n' }, 1] }] } } as never,
        );
      return {
        key: 'random',
        label: { 'zh-CN': '随机' },
        entity: 'workOrder',
        chart: { type: 'table' },
        dimensions,
        measures: keyed,
        ...(filter ? { filter } : {}),
        // With a limit, sort by the first dimension so the same groups are kept on both sides.
        ...(limit && dimensions[0] ? { limit, sort: [{ by: dimensions[0].field, direction: 'desc' }] } : {}),
      } as unknown as ReportDefinition;
    });

  it('agrees on 50 random reports over random rows', async () => {
    const dataset = reportDataset(app, schema);
    await fc.assert(
      fc.asyncProperty(
        fc.array(orderArbitrary, { maxLength: 40 }),
        reportArbitrary,
        fc.constantFrom(...ZONES),
        async (generated, report, timeZone) => {
          const orders: WorkOrderRow[] = generated.map(({ roomIndex, ...order }) => ({
            ...order,
            room: roomIndex % 4 === 3 ? null : roomIds[roomIndex % roomIds.length]!,
          }));
          await testApp.database.query(`DELETE FROM "${schema}"."workOrder"`);
          await insertWorkOrders(testApp, schema, orders);
          // Else a report drawn twice is answered from the cache, with the rows of its first run.
          await noteChange(testApp, app.key, 'workOrder');
          const response = await testApp
            .http()
            .post(`/api/apps/${app.key}/reports/preview`)
            .set(admin)
            .send({ report, timeZone });
          expect(response.status).toBe(200);
          const expected = runReportInMemory(
            report,
            {
              ...fixed,
              workOrder: orders.map(({ id, deleted, ...values }) => ({ id, deleted, values })),
            },
            { dataset, timeZone },
          );
          const canonical = (rows: Array<Record<string, unknown>>) =>
            report.limit
              ? rows
              : [...rows].sort((a, b) => (JSON.stringify(groupOf(a)) < JSON.stringify(groupOf(b)) ? -1 : 1));
          const groupOf = (row: Record<string, unknown>) =>
            report.dimensions.map((dimension) => row[dimension.field]);
          expectClose(canonical(response.body.rows), canonical(expected.rows));
        },
      ),
      { numRuns: 50 },
    );
  });
});

/** Equal, with numbers within a relative 1e-9 (the database averages in exact decimals, JS in doubles). */
function expectClose(actual: unknown, expected: unknown, path = 'rows'): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    if (Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected)))
      throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length)
      throw new Error(
        `${path}: ${actual.length} rows ≠ ${expected.length}\n${JSON.stringify({ actual, expected })}`,
      );
    actual.forEach((item, index) => expectClose(item, expected[index], `${path}[${index}]`));
    return;
  }
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const key of keys)
      expectClose(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    return;
  }
  if (actual !== expected)
    throw new Error(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

/**
 * The property template's dashboards filter their time-based charts by the dashboard's time range: each such
 * report names the date its rows happened on (`periodField`), and a range narrows it. Reports of the present
 * (rooms, stock, open orders, arrears and deposits held now) have none and say so on their cards.
 */
describe('the property template and the dashboard time range', () => {
  const ZONE = 'Asia/Shanghai';
  let testApp: TestApp;
  let admin: { Authorization: string };
  const template = loadPropertyTemplate();

  beforeAll(async () => {
    testApp = await createTestApp({ demoScale: 0.02, demoPassword: 'demo-password-1' });
    ({ auth: admin } = await loginAs(testApp));
    await testApp.http().post('/api/templates/property/install?demo=true').set(admin).expect(200);
  });
  afterAll(() => testApp.close());

  const run = async (report: string, body: Record<string, unknown> = {}) =>
    (
      await testApp
        .http()
        .post(`/api/apps/property/reports/${report}/run`)
        .set(admin)
        .send({ timeZone: ZONE, ...body })
        .expect(200)
    ).body as { rows: Array<Record<string, unknown>>; previousRows?: Array<Record<string, unknown>> };

  /** The last 90 days up to today, in the workspace's zone (the demo data spans the last 12 months). */
  const lastQuarter = () => {
    const today = new Date();
    return {
      from: dateIn(new Date(today.getTime() - 89 * 86_400_000), ZONE),
      to: dateIn(today, ZONE),
    };
  };

  it('gives every report whose rows happen at a time a periodField, and runs each with a period', async () => {
    const snapshots = template.reports.filter((report) => !report.periodField).map((report) => report.key);
    expect(snapshots.sort()).toEqual(
      [
        'arrearsAging',
        'churnRisk',
        'depositBalance',
        'lowStockParts',
        'maintenanceDue',
        'myBillsDue',
        'myOpenBills',
        'myOpenOrders',
        'occupancyByProject',
        'occupancyRate',
        'ordersByStatus',
        'projectMap',
        'roomStatus',
        'roomStatusByBuilding',
        'roomStatusByFloor',
        'vacantByUnitType',
      ].sort(),
    );
    const period = lastQuarter();
    for (const report of template.reports.filter((candidate) => candidate.periodField))
      await run(report.key, {
        period,
        ...(report.chart.type === 'kpi' ? { compare: 'previousPeriod' } : {}),
      });
  });

  it('shows a tenant on his dashboard what he owes and what he asked for: his own rows only', async () => {
    const { auth: tenant } = await loginAs(testApp, { username: 'tenant1', password: 'demo-password-1' });
    const dashboards = (await testApp.http().get('/api/apps/property/dashboards').set(tenant).expect(200))
      .body as { key: string }[];
    expect(dashboards.map((dashboard) => dashboard.key)).toEqual(['tenantMobile']);
    const runAs = async (auth: { Authorization: string }, report: string) =>
      (
        await testApp
          .http()
          .post(`/api/apps/property/reports/${report}/run`)
          .set(auth)
          .send({ timeZone: ZONE, dashboard: 'tenantMobile' })
          .expect(200)
      ).body as { rows: Array<Record<string, number>> };

    // What his bills list says he owes, summed, is the dashboard's figure; the company's is far larger.
    const filter = JSON.stringify({ in: [{ var: 'status' }, ['unpaid', 'partial', 'overdue']] });
    const bills = (
      await testApp
        .http()
        .get('/api/apps/property/entities/bill/records')
        .query({ filter, limit: '200' })
        .set(tenant)
        .expect(200)
    ).body.items as { values: { outstanding: number } }[];
    const owed = bills.reduce((sum, bill) => sum + Number(bill.values.outstanding), 0);
    const [due] = (await runAs(tenant, 'myBillsDue')).rows;
    expect({ outstanding: Number(due?.outstanding ?? 0), bills: Number(due?.bills ?? 0) }).toEqual({
      outstanding: expect.closeTo(owed, 2),
      bills: bills.length,
    });
    const byType = (await runAs(tenant, 'myOpenBills')).rows;
    expect(byType.reduce((sum, row) => sum + Number(row.bills), 0)).toBe(bills.length);
    const [company] = (await run('myBillsDue')).rows;
    expect(Number(company!.bills)).toBeGreaterThan(bills.length);

    // His requests of the last year, by status: the tenant1 of the demo has one open at least.
    const requests = (await runAs(tenant, 'myRepairsByStatus')).rows;
    expect(requests.reduce((sum, row) => sum + Number(row.orders), 0)).toBeGreaterThan(0);
    await runAs(tenant, 'myPaymentsByMonth');
  });

  it('narrows the manager cockpit’s work-order and survey figures to the chosen range', async () => {
    const period = lastQuarter();
    for (const [report, count] of [
      ['mttr', 'orders'],
      ['firstTimeFixRate', 'orders'],
      ['npsGauge', 'responses'],
    ] as const) {
      const whole = (await run(report, { dashboard: 'manager' })).rows[0]![count] as number;
      const narrowed = await run(report, { dashboard: 'manager', period, compare: 'previousPeriod' });
      const inRange = narrowed.rows[0]![count] as number;
      expect({ report, inRange: inRange > 0, fewer: inRange < whole }).toEqual({
        report,
        inRange: true,
        fewer: true,
      });
    }
    // The SLA table and the ranking count only the range's orders too.
    const total = (rows: Array<Record<string, unknown>>) =>
      rows.reduce((sum, row) => sum + Number(row.orders ?? 0), 0);
    for (const report of ['slaBreaches', 'staffRanking', 'repairCategoryRanking'])
      expect(total((await run(report, { period })).rows)).toBeLessThan(total((await run(report)).rows));
  });
});
