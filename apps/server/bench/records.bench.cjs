// Records benchmark: throughput of the real write paths against a raw batched INSERT of the same rows into
// the same PostgreSQL, measured in the same run, printed as `BENCH <name> <value>` lines.
// Run with `pnpm bench` (builds first). Uses DATABASE_URL when set, else a throw-away embedded PostgreSQL.
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');
const { report, startDatabase } = require('./support.cjs');

const dist = path.resolve(__dirname, '../dist');
const { createServerApp } = require(path.join(dist, 'create-app.js'));
const { loadServerConfig } = require(path.join(dist, 'config/server-config.js'));
const { compileEntity } = require('@lowcode/form-engine');
const Ajv = require('ajv');

const EXAMPLE = path.resolve(__dirname, '../../../packages/app-model/examples/small-app.json');
const SCALE = Number(process.env.BENCH_SCALE || 1);
const ROWS = Math.round(20_000 * SCALE);
const SINGLE_ROWS = Math.round(1_000 * SCALE);
const IMPORT_ROWS = Math.round(100_000 * SCALE);

const room = (prefix, index, building) => ({
  code: `${prefix}-${index}`,
  building,
  floor: (index % 30) + 1,
  area: 40 + (index % 100),
  status: index % 3 === 0 ? 'leased' : 'vacant',
});

async function main() {
  const database = await startDatabase('records');
  const config = {
    ...loadServerConfig({}),
    logLevel: 'silent',
    adminPassword: 'bench-password',
    webDistDir: '/nonexistent',
    template: '', // measure the example app alone, not the property template's first-start install
  };
  const app = await createServerApp(config, database.url);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const call = async (method, url, body, headers = {}) => {
    const response = await fetch(base + url, {
      method,
      headers: { 'content-type': 'application/json', ...auth, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  let auth = {};
  const session = await call('POST', '/api/auth/login', { username: 'admin', password: 'bench-password' });
  auth = { authorization: `Bearer ${session.accessToken}` };
  const definition = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
  await call('POST', '/api/apps/import', definition);
  const records = `/api/apps/${definition.key}/entities/room/records`;
  const buildings = await call('GET', `/api/apps/${definition.key}/entities/building/records`);
  const building = buildings.items[0].id;

  // Baseline: the same rows as one multi-row INSERT per 1,000, straight into the entity's table. Baseline
  // and API batches alternate, so both see the same machine, cache and table size.
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const [{ storage_schema: schema }] = (await client.query('SELECT storage_schema FROM app')).rows;
  const rawBatch = async (start) => {
    const params = [];
    const tuples = [];
    for (let index = start; index < Math.min(ROWS, start + 1000); index += 1) {
      const value = room('RAW', index, building);
      const at = params.length;
      params.push(value.code, value.building, value.floor, value.area, value.status, value.code);
      tuples.push(
        `($${at + 1}, $${at + 2}::uuid, $${at + 3}::numeric, $${at + 4}::numeric, $${at + 5}, $${at + 6})`,
      );
    }
    await client.query(
      `INSERT INTO "${schema}"."room" ("code", "building", "floor", "area", "status", _search) VALUES ${tuples.join(', ')}`,
      params,
    );
  };
  const bulkBatch = async (start) => {
    const create = [];
    for (let index = start; index < Math.min(ROWS, start + 1000); index += 1)
      create.push(room('BULK', index, building));
    await call('POST', `${records}/bulk`, { create });
  };
  let rawMs = 0;
  let bulkMs = 0;
  for (let start = 0; start < ROWS; start += 1000) {
    let begin = performance.now();
    await rawBatch(start);
    rawMs += performance.now() - begin;
    begin = performance.now();
    await bulkBatch(start);
    bulkMs += performance.now() - begin;
  }
  const rawPerSecond = ROWS / (rawMs / 1000);
  const bulkPerSecond = ROWS / (bulkMs / 1000);
  report('records.raw_insert_per_s', rawPerSecond);
  report('records.bulk_api_per_s', bulkPerSecond);
  report('records.bulk_api.ratio', bulkPerSecond / rawPerSecond);

  let started;
  started = performance.now();
  for (let index = 0; index < SINGLE_ROWS; index += 1)
    await call('POST', records, { values: room('ONE', index, building) });
  const singlePerSecond = SINGLE_ROWS / ((performance.now() - started) / 1000);
  report('records.single_api_per_s', singlePerSecond);
  report('records.single_api.ratio', singlePerSecond / rawPerSecond);

  const lines = ['房号,所属楼宇,楼层,面积,状态'];
  for (let index = 0; index < IMPORT_ROWS; index += 1) {
    lines.push(
      `IMP-${index},1号楼,${(index % 30) + 1},${40 + (index % 100)},${index % 3 === 0 ? '已租' : '空置'}`,
    );
  }
  const form = new FormData();
  form.append('mode', 'validOnly');
  form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'rooms.csv');
  started = performance.now();
  const response = await fetch(`${base}${records}/import`, { method: 'POST', headers: auth, body: form });
  const imported = await response.json();
  const importSeconds = (performance.now() - started) / 1000;
  if (imported.imported !== IMPORT_ROWS) throw new Error(`import: ${JSON.stringify(imported).slice(0, 500)}`);
  report(`records.import_${IMPORT_ROWS / 1000}k_s`, importSeconds);
  report('records.import_per_s', IMPORT_ROWS / importSeconds);
  report('records.import.ratio', IMPORT_ROWS / importSeconds / rawPerSecond);

  // Validation: the compiled entity validator against bare ajv on the entity's JSON Schema.
  const entity = definition.entities.find((candidate) => candidate.key === 'tenant');
  const compiled = compileEntity(entity);
  const bare = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(compiled.schema);
  const sample = { name: '张三', kind: 'person', phone: '13800138000', idCard: '11010519491231002X' };
  const time = (run) => {
    const iterations = 50_000;
    const begin = performance.now();
    for (let index = 0; index < iterations; index += 1) run();
    return iterations / ((performance.now() - begin) / 1000);
  };
  time(() => compiled.validate(sample, { locale: 'zh-CN', mode: 'create' })); // warm up
  const enginePerSecond = time(() => compiled.validate(sample, { locale: 'zh-CN', mode: 'create' }));
  const ajvPerSecond = time(() => bare(sample));
  report('validator.engine_per_s', enginePerSecond);
  report('validator.ajv_per_s', ajvPerSecond);
  report('validator.ratio', enginePerSecond / ajvPerSecond);

  await client.end();
  await app.close();
  await database.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
