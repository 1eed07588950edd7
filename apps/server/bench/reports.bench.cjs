// Reports benchmark: the grouped report (month × category, count and average handling time) compiled by the
// report engine over the entity table, against hand-written SQL over a hand-made typed table holding the
// same rows, in the same PostgreSQL; then a six-chart dashboard over those rows drawn in headless Chromium
// (Debian's, as the browser tests use), against the same six reports' SQL (as the engine compiles it for the
// server) run one after another.
// Prints `BENCH <name> <value>` lines. Run with `pnpm bench` (builds first). BENCH_REPORT_ROWS sets the row
// count (default 1,000,000).
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');
const { median, report, startDatabase } = require('./support.cjs');

const dist = path.resolve(__dirname, '../dist');
const { createServerApp } = require(path.join(dist, 'create-app.js'));
const { loadServerConfig } = require(path.join(dist, 'config/server-config.js'));
const { reportDataset } = require(path.join(dist, 'reports/utils/report-dataset.js'));
const { REPORT_SESSION } = require(path.join(dist, 'reports/utils/report-session.js'));
const { ZoneOffsetSpans } = require(path.join(dist, 'reports/utils/zone-offset-span.js'));
const { compileReport } = require('@lowcode/report-engine');

const EXAMPLE = path.resolve(__dirname, '../../../packages/app-model/examples/small-app.json');
const ROWS = Number(process.env.BENCH_REPORT_ROWS || 1_000_000);
const REPETITIONS = Number(process.env.BENCH_REPORT_REPETITIONS || 5);

/** Median wall time of each query, run alternately so caches and load favour neither. */
async function timeAlternately(client, queries) {
  const times = queries.map(() => []);
  for (const query of queries) await client.query(query.sql, query.params); // warm-up
  for (let round = 0; round < REPETITIONS; round++) {
    for (const [index, query] of queries.entries()) {
      const started = performance.now();
      await client.query(query.sql, query.params);
      times[index].push(performance.now() - started);
    }
  }
  return times.map(median);
}

async function main() {
  const database = await startDatabase('reports');
  const config = {
    ...loadServerConfig({}),
    logLevel: 'silent',
    adminPassword: 'bench-password',
    host: '127.0.0.1',
    template: '',
  };
  const server = await createServerApp(config, database.url);
  await server.init();
  const definition = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
  definition.entities
    .find((entity) => entity.key === 'workOrder')
    .fields.push({ key: 'handlingHours', type: 'number', label: { 'zh-CN': '处理时长' }, precision: 1 });
  const apps = server.get(require(path.join(dist, 'apps/apps.service.js')).AppsService);
  const [workspace] = await server
    .get(require('typeorm').DataSource)
    .query(
      'SELECT w.id, m.user_id FROM workspace w JOIN workspace_member m ON m.workspace_id = w.id LIMIT 1',
    );
  await apps.import({ workspaceId: workspace.id, userId: workspace.user_id }, definition, { locale: 'en' });

  const client = new Client({ connectionString: database.url });
  await client.connect();
  const [{ storage_schema: schema }] = (
    await client.query('SELECT storage_schema FROM app WHERE key = $1', [definition.key])
  ).rows;
  const table = `"${schema}"."workOrder"`;
  const loadStarted = performance.now();
  // Two years of orders, four categories, handling time 0.5–48 h, 2% soft-deleted.
  await client.query(
    `
    INSERT INTO ${table} (title, category, status, "handlingHours", _created_at, _deleted_at)
    SELECT 'order ' || i,
           (ARRAY['plumbing','electrical','elevator','other'])[1 + i % 4],
           'done',
           round((0.5 + (i::bigint * 7919 % 4750) / 100.0)::numeric, 1),
           timestamptz '2023-01-01' + (i % 730) * interval '1 day' + (i % 86400) * interval '1 second',
           CASE WHEN i % 50 = 0 THEN now() END
      FROM generate_series(1, $1) AS i`,
    [ROWS],
  );
  await client.query(`
    CREATE TABLE bench_typed_orders (id uuid PRIMARY KEY, category text, reported_at timestamptz,
                                     handling_hours numeric, deleted_at timestamptz)`);
  await client.query(`
    INSERT INTO bench_typed_orders SELECT _id, category, _created_at, "handlingHours", _deleted_at FROM ${table}`);
  await client.query(`VACUUM ANALYZE ${table}`);
  await client.query('VACUUM ANALYZE bench_typed_orders');
  report('reports.load_rows_ms', performance.now() - loadStarted);
  // Both sides run under the settings the server gives every report query (after the load, which is no
  // report and takes longer than the report statement timeout on a slow machine).
  for (const setting of REPORT_SESSION) await client.query(`SET ${setting}`);

  const dataset = reportDataset(definition, schema);
  // The engine compiles as the server does for a manager in Shanghai: with the zone's fixed-offset span.
  const zoneOffsetSpan = await new ZoneOffsetSpans().spanOf(
    (sql, params) => client.query(sql, params).then((result) => result.rows),
    'Asia/Shanghai',
  );
  const zone = { timeZone: 'Asia/Shanghai', zoneOffsetSpan };
  const grouped = {
    key: 'byMonth',
    label: { 'zh-CN': '按月' },
    entity: 'workOrder',
    chart: { type: 'line' },
    periodField: 'reportedAt',
    dimensions: [{ field: 'reportedAt', bucket: 'month' }, { field: 'category' }],
    measures: [
      { key: 'orders', aggregate: 'count' },
      { key: 'avgHours', aggregate: 'avg', field: 'handlingHours' },
    ],
  };
  const engine = compileReport(grouped, dataset, zone);
  const hand = {
    sql: `SELECT to_char(date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS month,
                 category, count(*)::float8 AS orders, avg(handling_hours)::float8 AS avg_hours
            FROM bench_typed_orders WHERE deleted_at IS NULL
           GROUP BY 1, 2 ORDER BY 1, 2`,
    params: [],
  };
  const [engineMs, handMs] = await timeAlternately(client, [engine, hand]);
  report('reports.group_by.engine_ms', engineMs);
  report('reports.group_by.typed_sql_ms', handMs);
  report('reports.group_by.ratio_to_typed_sql', engineMs / handMs);

  // One month out of two years: does an index on the date column pay for itself?
  const period = compileReport(grouped, dataset, {
    ...zone,
    period: { from: '2024-03-01', to: '2024-03-31' },
  });
  const [withoutIndex] = await timeAlternately(client, [period]);
  await client.query(`CREATE INDEX bench_work_order_created_at ON ${table} (_created_at)`);
  await client.query(`ANALYZE ${table}`);
  const [withIndex] = await timeAlternately(client, [period]);
  report('reports.one_month.no_index_ms', withoutIndex);
  report('reports.one_month.date_index_ms', withIndex);

  await benchDashboard(server, client, schema, definition, dataset, apps, workspace, zone);

  await client.end();
  await server.close();
  await database.stop();
}

const text = (zh) => ({ 'zh-CN': zh, en: zh });

/** Six charts over the work orders: a trend, a ranking, a KPI, a ring, a calendar heat map and a table. */
const DASHBOARD_REPORTS = [
  {
    key: 'trend',
    label: text('按月按类别'),
    entity: 'workOrder',
    chart: { type: 'line' },
    dimensions: [{ field: 'reportedAt', bucket: 'month' }, { field: 'category' }],
    measures: [{ key: 'orders', aggregate: 'count' }],
  },
  {
    key: 'hoursByCategory',
    label: text('平均处理时长'),
    entity: 'workOrder',
    chart: { type: 'horizontalBar' },
    dimensions: [{ field: 'category' }],
    measures: [{ key: 'avgHours', aggregate: 'avg', field: 'handlingHours' }],
  },
  {
    key: 'orderCount',
    label: text('工单总数'),
    entity: 'workOrder',
    chart: { type: 'kpi' },
    periodField: 'reportedAt',
    dimensions: [],
    measures: [{ key: 'orders', aggregate: 'count' }],
  },
  {
    key: 'categoryShare',
    label: text('类别占比'),
    entity: 'workOrder',
    chart: { type: 'ring' },
    dimensions: [{ field: 'category' }],
    measures: [{ key: 'orders', aggregate: 'count' }],
  },
  {
    key: 'daily',
    label: text('每日工单'),
    entity: 'workOrder',
    chart: { type: 'calendarHeatmap' },
    dimensions: [{ field: 'reportedAt', bucket: 'day' }],
    measures: [{ key: 'orders', aggregate: 'count' }],
  },
  {
    key: 'summary',
    label: text('类别汇总'),
    entity: 'workOrder',
    chart: { type: 'table' },
    dimensions: [{ field: 'category' }],
    measures: [
      { key: 'orders', aggregate: 'count' },
      { key: 'p90Hours', aggregate: 'percentile', p: 0.9, field: 'handlingHours' },
    ],
  },
];

/**
 * The issue's dashboard goal: the six charts drawn in headless Chromium, from navigation to the last canvas
 * frame, with the chart bundle cached as a returning manager has it. The baseline is the six reports' SQL run
 * one after another in the same database: what the charts cost at the very least.
 */
async function benchDashboard(server, client, schema, definition, dataset, apps, workspace, zone) {
  const { chromium } = require('playwright-core');
  const app = {
    ...definition,
    reports: [...definition.reports, ...DASHBOARD_REPORTS],
    dashboards: [
      ...definition.dashboards,
      {
        key: 'benchSix',
        label: text('六图看板'),
        items: DASHBOARD_REPORTS.map((item, index) => ({
          key: item.key,
          report: item.key,
          layout: { x: (index % 3) * 8, y: Math.floor(index / 3) * 8, w: 8, h: 8 },
        })),
      },
    ],
  };
  await apps.import({ workspaceId: workspace.id, userId: workspace.user_id }, app, { locale: 'en' });
  const sqlMs = await timeSequence(client, DASHBOARD_REPORTS, dataset, zone);

  await server.listen(0, '127.0.0.1');
  const { port } = server.getHttpServer().address();
  const url = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'], // prettier-ignore
  });
  try {
    // A manager in Shanghai, whose browser asks for the charts in that zone.
    const page = await browser.newPage({
      viewport: { width: 1440, height: 1000 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await page.goto(url);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('bench-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('apps-import-button').waitFor();
    const dashboardUrl = `${url}/apps/${definition.key}/dashboards/benchSix`;
    const api = await apiOf(url);
    const [{ _id: room }] = (await client.query(`SELECT _id FROM "${schema}".room LIMIT 1`)).rows;
    const draw = async () => {
      await page.goto(`${url}/apps`);
      await page.getByTestId('apps-import-button').waitFor();
      const started = performance.now();
      await page.goto(dashboardUrl);
      await allDrawn(page, DASHBOARD_REPORTS.length);
      return performance.now() - started;
    };
    await draw(); // warms the chart bundle, as a returning manager has it cached
    const afterChange = [];
    const repeated = [];
    for (let round = 0; round < REPETITIONS; round++) {
      // A new work order: every report of the app reads the data again.
      await api('POST', `/api/apps/${definition.key}/entities/workOrder/records`, {
        values: { title: `bench ${round}`, category: 'plumbing', room },
      });
      afterChange.push(await draw());
      repeated.push(await draw());
    }
    report('dashboard.render_after_change_ms', median(afterChange));
    report('dashboard.render_ms', median(repeated));
    report('dashboard.reports_sql_ms', sqlMs);
    report('dashboard.render_after_change.ratio_to_sql', median(afterChange) / sqlMs);
  } finally {
    await browser.close();
  }
}

/** The product's API as the bench admin: JSON in and out. */
async function apiOf(url) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
  });
  const { accessToken } = await login.json();
  return async (method, path, body) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
    return response.json();
  };
}

async function timeSequence(client, reports, dataset, zone) {
  const times = [];
  for (let round = 0; round <= REPETITIONS; round++) {
    const started = performance.now();
    for (const item of reports) {
      const query = compileReport(item, dataset, zone);
      await client.query(query.sql, query.params);
    }
    if (round > 0) times.push(performance.now() - started);
  }
  return median(times);
}

/** Every card has its data and every canvas chart has drawn a frame (as the dashboards browser test waits). */
function allDrawn(page, count) {
  return page.waitForFunction(
    (expected) => {
      // Runs in the page, where `document` is the dashboard's.
      // eslint-disable-next-line no-undef
      const cards = [...document.querySelectorAll('[data-testid^="dashboard-card-"][data-loading]')];
      if (cards.length !== expected) return false;
      return cards.every((card) => {
        if (card.getAttribute('data-loading') !== 'false') return false;
        if (card.querySelector('.ant-alert-error')) throw new Error(card.textContent || 'chart error');
        const chart = card.querySelector('[data-testid^="dashboard-chart-"]');
        return !chart || (chart.getAttribute('data-rendered') === 'true' && !!chart.querySelector('canvas'));
      });
    },
    count,
    { timeout: 120_000, polling: 50 },
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
