// Flows benchmark: instances of a 3-node flow (start → user task → end) started through FlowRunner and
// their tasks completed through FlowCommands — each a transaction with row lock, effects and transitions —
// against plain record creates through RecordsService in the same run, printed as `BENCH <name> <value>`.
// Run with `pnpm bench` (builds first). Uses DATABASE_URL when set, else a throw-away embedded PostgreSQL.
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');
const { report, startDatabase } = require('./support.cjs');

const dist = path.resolve(__dirname, '../dist');
const { createServerApp } = require(path.join(dist, 'create-app.js'));
const { loadServerConfig } = require(path.join(dist, 'config/server-config.js'));
const { FlowRunner } = require(path.join(dist, 'flows/services/flow-runner.service.js'));
const { FlowCommands } = require(path.join(dist, 'flows/services/flow-commands.service.js'));
const { RecordsService } = require(path.join(dist, 'records/records.service.js'));
const { systemViewer } = require(path.join(dist, 'records/access/entity-access.js'));

const SCALE = Number(process.env.BENCH_SCALE || 1);
const INSTANCES = Math.round(300 * SCALE);
const text = (zh) => ({ 'zh-CN': zh, en: zh });

const APP = {
  formatVersion: 1,
  key: 'benchFlows',
  version: '1.0.0',
  label: text('bench'),
  entities: [
    {
      key: 'ticket',
      label: text('ticket'),
      titleField: 'title',
      fields: [
        { key: 'title', type: 'text', label: text('title'), required: true },
        { key: 'status', type: 'text', label: text('status') },
      ],
    },
  ],
  roles: [],
  flows: [
    {
      key: 'handle',
      label: text('handle'),
      entity: 'ticket',
      trigger: { type: 'manual' },
      nodes: [
        { key: 'start', type: 'start', label: text('start') },
        {
          key: 'work',
          type: 'userTask',
          label: text('work'),
          assignee: { type: 'user', users: ['admin'] },
          form: { editable: ['status'] },
        },
        { key: 'end', type: 'end', label: text('end') },
      ],
      edges: [
        { key: 'startToWork', from: 'start', to: 'work' },
        { key: 'workToEnd', from: 'work', to: 'end' },
      ],
    },
  ],
  rules: [],
  reports: [],
  dashboards: [],
};

async function main() {
  const database = await startDatabase('flows');
  const config = {
    ...loadServerConfig({}),
    logLevel: 'silent',
    adminPassword: 'bench-password',
    webDistDir: '/nonexistent',
    template: '',
    jobPollMs: 0,
  };
  const app = await createServerApp(config, database.url);
  await app.init();
  try {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const [{ user_id: userId, workspace_id: workspaceId }] = (
      await client.query(
        `SELECT m.user_id, m.workspace_id FROM workspace_member m JOIN app_user u ON u.id = m.user_id WHERE u.username = 'admin'`,
      )
    ).rows;
    const auth = { userId, workspaceId, role: 'admin', isSystemAdmin: true, appRoles: [], attributes: {} };
    const context = { ...systemViewer(workspaceId, userId), locale: 'zh-CN', source: 'bench' };
    const records = app.get(RecordsService);
    const runner = app.get(FlowRunner);
    const commands = app.get(FlowCommands);
    const appsService = app.get(require(path.join(dist, 'apps/apps.service.js')).AppsService);
    await appsService.import({ workspaceId, userId }, APP, { dryRun: false, locale: 'zh-CN' });
    const [appRow] = (await client.query(`SELECT id, key, revision FROM app WHERE key = 'benchFlows'`)).rows;
    if (!appRow) throw new Error('The bench app was not imported');
    const ref = { appKey: 'benchFlows', entityKey: 'ticket' };

    // Plain record creates through the same service layer (one transaction each), as the baseline.
    const plainStart = performance.now();
    for (let index = 0; index < INSTANCES; index += 1)
      await records.create(context, ref, { title: `plain ${index}` });
    const insertsPerSecond = INSTANCES / ((performance.now() - plainStart) / 1000);

    const ids = [];
    for (let index = 0; index < INSTANCES; index += 1)
      ids.push((await records.create(context, ref, { title: `flow ${index}` })).id);

    const startStart = performance.now();
    const instances = [];
    for (const recordId of ids)
      instances.push(
        await runner.transact((manager) =>
          runner.start(manager, { workspaceId, app: appRow, flowKey: 'handle', recordId, actor: userId }),
        ),
      );
    const startsPerSecond = INSTANCES / ((performance.now() - startStart) / 1000);

    const completeStart = performance.now();
    for (const instance of instances) {
      const task = instance.state.tasks[0];
      await commands.act(auth, task.id, 'complete', { data: { status: 'done' } });
    }
    const elapsed = performance.now() - startStart;
    const completeSeconds = (performance.now() - completeStart) / 1000;
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM flow_instance WHERE status = 'completed'`,
    );
    if (rows[0].n !== INSTANCES) throw new Error(`Only ${rows[0].n} of ${INSTANCES} instances completed`);
    await client.end();

    report('flow.instances_per_s', INSTANCES / (elapsed / 1000));
    report('flow.starts_per_s', startsPerSecond);
    report('flow.completions_per_s', INSTANCES / completeSeconds);
    report('flow.record_inserts_per_s', insertsPerSecond);
    report('flow.instances.ratio', startsPerSecond / insertsPerSecond);
  } finally {
    await app.close();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
