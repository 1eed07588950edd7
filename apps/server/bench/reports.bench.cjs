// Reports benchmark: the grouped report (month × category, count and average handling time) compiled by the
// report engine over the entity table, against hand-written SQL over a hand-made typed table holding the
// same rows, in the same PostgreSQL. Prints `BENCH <name> <value>` lines.
// Run with `pnpm bench` (builds first). BENCH_REPORT_ROWS sets the row count (default 1,000,000).
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');
const { median, report, startDatabase } = require('./support.cjs');

const dist = path.resolve(__dirname, '../dist');
const { createServerApp } = require(path.join(dist, 'create-app.js'));
const { loadServerConfig } = require(path.join(dist, 'config/server-config.js'));
const { reportDataset } = require(path.join(dist, 'reports/utils/report-dataset.js'));
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
    webDistDir: '/nonexistent',
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

  const dataset = reportDataset(definition, schema);
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
  const engine = compileReport(grouped, dataset, { timeZone: 'Asia/Shanghai' });
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
    timeZone: 'Asia/Shanghai',
    period: { from: '2024-03-01', to: '2024-03-31' },
  });
  const [withoutIndex] = await timeAlternately(client, [period]);
  await client.query(`CREATE INDEX bench_work_order_created_at ON ${table} (_created_at)`);
  await client.query(`ANALYZE ${table}`);
  const [withIndex] = await timeAlternately(client, [period]);
  report('reports.one_month.no_index_ms', withoutIndex);
  report('reports.one_month.date_index_ms', withIndex);

  await client.end();
  await server.close();
  await database.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
