// Flows benchmark: repair instances carried from start to end — start on a work order → dispatch → accept →
// complete (with the parts used) → rate — through FlowCommands, each step one transaction with the
// instance's row lock, the record updates of the flow's action nodes, task rows, SLA timer jobs, the
// record_change outbox and the transitions; against the same rows written by hand as plain SQL
// transactions with `pg`, in the same run and database. Both sides run the same number of instances, four
// in flight at once (BENCH_FLOW_LANES), in interleaved rounds, and the bench fails unless both wrote the same
// rows. Printed as `BENCH <name> <value>`, with the CPU time per instance of this process and of PostgreSQL;
// docs/architecture.md §Flow benchmark has the figures.
// Run with `pnpm bench` (builds first). Uses DATABASE_URL when set, else a throw-away embedded PostgreSQL.
const { randomUUID } = require('node:crypto');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');
const fs = require('node:fs');
const { report, startDatabase } = require('./support.cjs');
const { REPAIR_APP, TASK_NODES } = require('./repair-app.cjs');

const dist = path.resolve(__dirname, '../dist');
const { createServerApp } = require(path.join(dist, 'create-app.js'));
const { loadServerConfig } = require(path.join(dist, 'config/server-config.js'));
const { AppsService } = require(path.join(dist, 'apps/apps.service.js'));
const { FlowCommands } = require(path.join(dist, 'flows/services/flow-commands.service.js'));
const { RecordsService } = require(path.join(dist, 'records/records.service.js'));
const { systemViewer } = require(path.join(dist, 'records/access/entity-access.js'));

const SCALE = Number(process.env.BENCH_SCALE || 1);
const INSTANCES = Math.max(3, Math.round(300 * SCALE));
const WARMUP = Math.max(2, Math.round(INSTANCES / 10));
const ROUNDS = 3;
// Instances in flight at once: people act concurrently, and one at a time would leave a core idle.
const LANES = Math.max(1, Number(process.env.BENCH_FLOW_LANES || 4));
const APP_KEY = REPAIR_APP.key;
const FLOW_KEY = 'repair';
const PLAIN_FLOW_KEY = 'repairPlainSql';

const p95 = (values) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))];

/** What each task's assignee submits, by node: the dispatcher picks the technician, he reports the parts. */
function taskInputs(people, index) {
  const technician = people.technicians[index % people.technicians.length];
  const tenant = people.tenants[index % people.tenants.length];
  return {
    dispatch: { actor: people.dispatcher, data: { technician: technician.userId, priority: 'high' } },
    accept: { actor: technician, data: { appointmentAt: '2026-06-01T06:00:00.000Z' } },
    complete: {
      actor: technician,
      data: {
        resolution: '更换阀芯，试水无渗漏',
        partsUsed: [{ part: people.part, quantity: 1, unitPrice: 35 }],
        laborCost: 80,
        firstVisitFix: true,
      },
    },
    rate: { actor: tenant.user, data: { rating: 5, ratingComment: '师傅很准时' } },
  };
}

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
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const closers = [];
  const query = async (sql, params) => (await client.query(sql, params)).rows;
  try {
    const [{ user_id: adminId, workspace_id: workspaceId }] = await query(
      `SELECT m.user_id, m.workspace_id FROM workspace_member m JOIN app_user u ON u.id = m.user_id
        WHERE u.username = 'admin'`,
    );
    await app
      .get(AppsService)
      .import({ workspaceId, userId: adminId }, REPAIR_APP, { dryRun: false, locale: 'zh-CN' });
    const [appRow] = await query(`SELECT id, storage_schema FROM app WHERE key = $1`, [APP_KEY]);
    const records = app.get(RecordsService);
    const context = { ...systemViewer(workspaceId, adminId), locale: 'zh-CN', source: 'bench' };
    const ref = (entityKey) => ({ appKey: APP_KEY, entityKey });

    // The people of a small service desk: one dispatcher, technicians, tenants with accounts.
    const person = async (username, roles) => {
      const [{ id }] = await query(
        `INSERT INTO app_user (username, display_name, password_hash) VALUES ($1, $1, 'no-login') RETURNING id`,
        [username],
      );
      await query(
        `INSERT INTO workspace_member (workspace_id, user_id, role, app_roles) VALUES ($1, $2, 'member', $3)`,
        [workspaceId, id, roles],
      );
      return {
        userId: id,
        workspaceId,
        role: 'member',
        isSystemAdmin: false,
        appRoles: roles,
        attributes: {},
      };
    };
    const people = {
      dispatcher: await person('dispatcher', ['dispatcher']),
      technicians: [],
      tenants: [],
      part: (await records.create(context, ref('sparePart'), { name: '阀芯' })).id,
    };
    for (let index = 0; index < 3; index += 1)
      people.technicians.push(await person(`tech${index}`, ['technician']));
    for (let index = 0; index < 5; index += 1) {
      const user = await person(`tenant${index}`, ['tenant']);
      const record = await records.create(context, ref('tenant'), {
        name: `租户${index}`,
        account: user.userId,
      });
      people.tenants.push({ user, record: record.id });
    }

    const newOrders = async (count, prefix) => {
      const ids = [];
      for (let index = 0; index < count; index += 1) {
        const order = await records.create(context, ref('workOrder'), {
          title: `${prefix} ${index} 厨房水管漏水`,
          description: '水槽下方水管接头渗水',
          category: 'plumbing',
          requester: people.tenants[index % people.tenants.length].record,
        });
        ids.push(order.id);
      }
      return ids;
    };

    const commands = app.get(FlowCommands);
    const completeLatencies = [];
    // Each lane is a client of its own (a browser, a phone) carrying its instances one after the other.
    const laneClients = await Promise.all(
      Array.from({ length: LANES * 2 }, async () => {
        const lane = new Client({ connectionString: database.url });
        await lane.connect();
        return lane;
      }),
    );
    closers.push(() => Promise.all(laneClients.map((lane) => lane.end())));
    /** The open task of an instance, as a client's inbox would show it. */
    const openTask = async (lane, instanceId) => {
      const { rows } = await lane.query(
        `SELECT id FROM flow_task WHERE instance_id = $1 AND status = 'open'`,
        [instanceId],
      );
      if (rows.length !== 1) throw new Error(`Instance ${instanceId} has ${rows.length} open tasks`);
      return rows[0].id;
    };
    /** One instance through the engine's public services, as the API calls them. */
    const throughEngine = async (recordId, index, lane, measure) => {
      const inputs = taskInputs(people, index);
      const started = await commands.start(people.dispatcher, APP_KEY, FLOW_KEY, { recordId });
      for (const node of TASK_NODES) {
        const taskId = await openTask(laneClients[lane], started.id);
        const { actor, data } = inputs[node.key];
        const before = performance.now();
        await commands.act(actor, taskId, 'complete', { data });
        if (measure) completeLatencies.push(performance.now() - before);
      }
    };
    const plainLanes = laneClients
      .slice(LANES)
      .map((lane) => plainSql(lane, { workspaceId, appId: appRow.id, schema: appRow.storage_schema }));
    const throughPlainSql = (recordId, index, lane) =>
      plainLanes[lane].run(recordId, taskInputs(people, index), (instanceId) =>
        openTask(laneClients[LANES + lane], instanceId),
      );

    /** Runs instances `from` … `to` - 1 on every lane at once; answers the wall time. */
    const inLanes = async (from, to, work) => {
      let next = from;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: LANES }, async (_, lane) => {
          for (let index = next++; index < to; index = next++) await work(index, lane);
        }),
      );
      return performance.now() - started;
    };

    const engineOrders = await newOrders(WARMUP + INSTANCES, 'engine');
    const plainOrders = await newOrders(WARMUP + INSTANCES, 'plain');
    await inLanes(0, WARMUP, (index, lane) => throughEngine(engineOrders[index], index, lane, false));
    await inLanes(0, WARMUP, (index, lane) => throughPlainSql(plainOrders[index], index, lane));
    // A server that has run for a while has statistics of its tables; these were empty a moment ago, and
    // plans chosen for empty tables (a scan of every pending job to cancel a task's two timers) would be
    // measured instead of the steps.
    await query('ANALYZE');
    // Interleaved rounds, so a neighbour's load on this machine falls on both sides alike.
    let engineMs = 0;
    let plainMs = 0;
    const cpu = { engine: new CpuTime(), plain: new CpuTime() };
    for (let round = 0; round < ROUNDS; round += 1) {
      const from = WARMUP + Math.floor((INSTANCES * round) / ROUNDS);
      const to = WARMUP + Math.floor((INSTANCES * (round + 1)) / ROUNDS);
      engineMs += await cpu.engine.during(() =>
        inLanes(from, to, (index, lane) => throughEngine(engineOrders[index], index, lane, true)),
      );
      plainMs += await cpu.plain.during(() =>
        inLanes(from, to, (index, lane) => throughPlainSql(plainOrders[index], index, lane)),
      );
    }

    await checkSameRows(query, appRow, engineOrders, plainOrders);
    const engineRate = INSTANCES / (engineMs / 1000);
    const plainRate = INSTANCES / (plainMs / 1000);
    report('flow.instances_per_s', engineRate);
    report('flow.plain_sql.instances_per_s', plainRate);
    report('flow.instances.ratio', engineRate / plainRate);
    report('flow.complete_task_p95_ms', p95(completeLatencies));
    // Where an instance's CPU goes: the two cores are shared by this process and PostgreSQL.
    for (const [side, time] of Object.entries(cpu)) {
      report(`flow.${side}.process_cpu_ms_per_instance`, time.processMs / INSTANCES);
      if (time.postgresMs !== undefined)
        report(`flow.${side}.postgres_cpu_ms_per_instance`, time.postgresMs / INSTANCES);
    }
  } finally {
    for (const close of closers) await close();
    await client.end();
    await app.close();
    await database.stop();
  }
}

/**
 * CPU time spent while work runs: this process's, and (when PostgreSQL runs on this Linux machine, as the
 * embedded one does) that of every `postgres` process, read from /proc — an idle server of the machine's own
 * counts nothing. `during` answers what the work does.
 */
class CpuTime {
  processMs = 0;
  postgresMs = fs.existsSync('/proc/self/stat') && !process.env.DATABASE_URL ? 0 : undefined;

  async during(work) {
    const process0 = process.cpuUsage();
    const postgres0 = this.postgresMs === undefined ? 0 : postgresCpuMs();
    const result = await work();
    const used = process.cpuUsage(process0);
    this.processMs += (used.user + used.system) / 1000;
    if (this.postgresMs !== undefined) this.postgresMs += postgresCpuMs() - postgres0;
    return result;
  }
}

/** User and system time of all processes named postgres, in ms (clock ticks of 10 ms). */
function postgresCpuMs() {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!fs.readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue;
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks * 10;
}

/**
 * The baseline: what a hand-written repair service would write for the same instance, one transaction
 * per step as the engine: lock the instance row and check the task, update the work order (form values and
 * the action node's stamps) with its record_change row, close the task and cancel its timers, open the next
 * task with its SLA timers, append the transitions and store the instance state — no definition, no
 * interpreter, no validation beyond the assignee check.
 */
function plainSql(client, { workspaceId, appId, schema }) {
  const table = `"${schema}"."workOrder"`;
  const query = async (sql, params) => (await client.query(sql, params)).rows;
  const transaction = async (work) => {
    await client.query('BEGIN');
    try {
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  };
  const MINUTE = 60_000;
  // Due and reminder offsets of each task's SLA, and the extra time before it counts as overdue.
  const SLA = {
    dispatch: { due: 120 * MINUTE, remind: 30 * MINUTE, escalate: 0 },
    accept: { due: 30 * MINUTE, remind: 10 * MINUTE, escalate: 15 * MINUTE },
    complete: { due: 240 * MINUTE, remind: 60 * MINUTE, escalate: 60 * MINUTE },
    rate: { due: 3 * 24 * 60 * MINUTE, remind: undefined, escalate: 0 },
  };
  const STAMPS = {
    dispatch: (now) => ({ dispatchedAt: now, status: 'dispatched' }),
    accept: (now, actor) => ({ acceptedAt: now, status: 'accepted', technician: actor }),
    complete: (now) => ({ completedAt: now, status: 'completed' }),
    rate: (now) => ({ closedAt: now, status: 'closed' }),
  };
  const COLUMNS = {
    technician: 'uuid',
    priority: 'text',
    appointmentAt: 'timestamptz',
    resolution: 'text',
    partsUsed: 'jsonb',
    laborCost: 'numeric',
    firstVisitFix: 'boolean',
    firstFixPoint: 'numeric',
    rating: 'numeric',
    ratingComment: 'text',
    dispatchedAt: 'timestamptz',
    acceptedAt: 'timestamptz',
    completedAt: 'timestamptz',
    closedAt: 'timestamptz',
    status: 'text',
  };
  const SEARCHED = ['no', 'title', 'description', 'resolution', 'ratingComment'];
  const ORDER = TASK_NODES.map((node) => node.key);
  const ACTION_OF = {
    dispatch: 'markDispatched',
    accept: 'markAccepted',
    complete: 'markCompleted',
    rate: 'close',
  };

  /** The task of `nodeKey` with its SLA timers, and its `assign` transition; nothing written yet. */
  function planTask(state, nodeKey, assignee, at) {
    const sla = SLA[nodeKey];
    const task = {
      id: randomUUID(),
      nodeKey,
      tokenId: state.tokens[0].id,
      kind: 'userTask',
      assignees: [assignee],
      mode: 'single',
      decisions: {},
      status: 'open',
      createdAt: at.toISOString(),
      escalated: false,
      priority: 'normal',
      dueAt: new Date(at.getTime() + sla.due).toISOString(),
      ...(sla.remind && { remindAt: new Date(at.getTime() + sla.due - sla.remind).toISOString() }),
    };
    const timers = [];
    if (task.remindAt) timers.push({ kind: 'remind', fireAt: task.remindAt });
    timers.push({ kind: 'overdue', fireAt: new Date(at.getTime() + sla.due + sla.escalate).toISOString() });
    for (const timer of timers)
      Object.assign(timer, { id: randomUUID(), nodeKey, taskId: task.id, tokenId: task.tokenId });
    state.tasks.push(task);
    state.timers.push(...timers);
    state.tokens[0].nodeKey = nodeKey;
    return {
      task,
      timers,
      move: { action: 'assign', to_node: nodeKey, data: { taskId: task.id, assignees: [assignee] } },
    };
  }

  async function writeTask(state, { task, timers }, at) {
    const node = TASK_NODES.find((candidate) => candidate.key === task.nodeKey);
    await query(
      `INSERT INTO flow_task (id, workspace_id, app_id, instance_id, flow_key, node_key, kind, mode, title, assignees,
                              status, due_at, remind_at, entity_key, record_id, form, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'userTask', 'single', $7, $8::uuid[], 'open', $9, $10, 'workOrder', $11, $12, $13)`,
      [
        task.id,
        workspaceId,
        appId,
        state.id,
        PLAIN_FLOW_KEY,
        task.nodeKey,
        JSON.stringify(node.label),
        task.assignees,
        task.dueAt,
        task.remindAt ?? null,
        state.recordId,
        JSON.stringify(node.form),
        at,
      ],
    );
    await query(
      `INSERT INTO job (queue, payload, run_at, dedupe_key, max_attempts)
       SELECT 'flow.timer', jsonb_build_object('workspaceId', $1::uuid, 'instanceId', $2::uuid, 'timerId', t.id),
              t.run_at, $2 || ':' || t.id, 5
         FROM unnest($3::text[], $4::timestamptz[]) AS t (id, run_at)`,
      [workspaceId, state.id, timers.map((timer) => timer.id), timers.map((timer) => timer.fireAt)],
    );
  }

  /** Counts the step's transitions in the state, notes the task nodes entered (the engine's visits), and writes them to the table. */
  async function writeTransitions(state, moves, at, actor) {
    const rows = moves.map((move, index) => ({
      seq: state.seq + index + 1,
      at: at.toISOString(),
      actor_id: actor,
      from_node: null,
      to_node: null,
      data: {},
      comment: null,
      ...move,
    }));
    state.seq += rows.length;
    for (const row of rows)
      if (row.action === 'enter' && TASK_NODES.some((node) => node.key === row.to_node))
        state.visits = [
          ...state.visits.filter((visit) => visit.node !== row.to_node),
          { node: row.to_node, branch: [] },
        ];
    await query(
      `INSERT INTO flow_transition (instance_id, seq, at, actor_id, from_node, to_node, action, data, comment)
       SELECT $1, t.seq, t.at, t.actor_id, t.from_node, t.to_node, t.action, t.data, t.comment
         FROM jsonb_to_recordset($2::jsonb)
           AS t (seq int, at timestamptz, actor_id uuid, from_node text, to_node text, action text, data jsonb, comment text)`,
      [state.id, JSON.stringify(rows)],
    );
  }

  async function start(recordId, actor, assignee) {
    const at = new Date();
    return transaction(async () => {
      const [record] = await query(`SELECT * FROM ${table} WHERE _id = $1 AND _deleted_at IS NULL`, [
        recordId,
      ]);
      if (!record) throw new Error('no such work order');
      const state = {
        id: randomUUID(),
        recordId,
        flowKey: PLAIN_FLOW_KEY,
        flowVersion: 1,
        status: 'running',
        startedBy: actor,
        startedAt: at.toISOString(),
        record,
        variables: {},
        tokens: [
          { id: randomUUID(), nodeKey: 'start', status: 'waiting', arrivedAt: at.toISOString(), splits: [] },
        ],
        tasks: [],
        timers: [],
        seq: 0,
        visits: [],
        lockVersion: 0,
      };
      const planned = planTask(state, 'dispatch', assignee, at);
      const moves = [
        { action: 'start', to_node: 'start' },
        { action: 'enter', from_node: 'start', to_node: 'dispatch' },
        planned.move,
      ];
      await query(
        `INSERT INTO flow_instance (id, workspace_id, app_id, flow_key, app_revision, entity_key, record_id, status, state,
                                    started_by, started_at)
         VALUES ($1, $2, $3, $4, 1, 'workOrder', $5, 'running', $6, $7, $8)`,
        [state.id, workspaceId, appId, PLAIN_FLOW_KEY, recordId, JSON.stringify(state), actor, at],
      );
      await writeTask(state, planned, at);
      await writeTransitions(state, moves, at, actor);
      return state;
    });
  }

  async function complete(state, nodeKey, actor, data, nextAssignee) {
    const at = new Date();
    await transaction(async () => {
      const task = state.tasks.at(-1);
      const [locked] = await query(
        `SELECT i.lock_version, t.status, t.assignees FROM flow_instance i JOIN flow_task t ON t.instance_id = i.id
          WHERE i.id = $1 AND t.id = $2 FOR UPDATE OF i`,
        [state.id, task.id],
      );
      if (!locked || locked.status !== 'open' || !locked.assignees.includes(actor))
        throw new Error('not your task');
      // The form's values and the action node's stamps: one UPDATE.
      const stamps = STAMPS[nodeKey](at.toISOString(), actor);
      const values = { ...data, ...stamps };
      // The order's formulas: the first-visit point, and each part line's amount.
      if ('firstVisitFix' in values) values.firstFixPoint = values.firstVisitFix ? 1 : 0;
      if (values.partsUsed)
        values.partsUsed = values.partsUsed.map((line) => ({
          ...line,
          amount: line.quantity * (line.unitPrice ?? 0),
        }));
      const fields = Object.keys(values);
      const [before] = await query(`SELECT * FROM ${table} WHERE _id = $1 FOR UPDATE`, [state.recordId]);
      const sets = fields.map((field, index) => `"${field}" = $${index + 2}::${COLUMNS[field]}`);
      // The search text, as the records layer keeps it: the order's text fields, joined.
      const search = SEARCHED.map((field) => (field in values ? values[field] : before[field]))
        .filter((value) => value !== null && value !== undefined && value !== '')
        .join(' ');
      const [record] = await query(
        `UPDATE ${table} SET ${sets.join(', ')}, _updated_by = $${fields.length + 2}, _updated_at = now(),
                _search = $${fields.length + 3}, _version = _version + 1 WHERE _id = $1 RETURNING *`,
        [
          state.recordId,
          ...fields.map((field) =>
            COLUMNS[field] === 'jsonb' ? JSON.stringify(values[field]) : values[field],
          ),
          actor,
          search,
        ],
      );
      // One version and one record_change row saying what the step changed.
      const changes = fields.map((field) => ({ field, from: before[field] ?? null, to: values[field] }));
      await query(
        `INSERT INTO record_change (workspace_id, app_id, entity_key, actor_id, source, record_id, version, type, changes, rule_chain)
         VALUES ($1, $2, 'workOrder', $3, 'flow', $4, $5, 'updated', $6, '[]')`,
        [workspaceId, appId, actor, state.recordId, record._version, JSON.stringify(changes)],
      );
      state.record = record;
      task.status = 'completed';
      task.outcome = 'completed';
      task.decisions[actor] = { decision: 'complete', at: at.toISOString() };
      await query(
        `UPDATE flow_task SET status = 'completed', outcome = 'completed', completed_at = $2, completed_by = $3
          WHERE id = $1`,
        [task.id, at, actor],
      );
      const timers = state.timers.filter((timer) => timer.taskId === task.id);
      state.timers = state.timers.filter((timer) => timer.taskId !== task.id);
      await query(
        `UPDATE job SET status = 'cancelled', finished_at = $2
          WHERE queue = 'flow.timer' AND status = 'pending' AND dedupe_key = ANY($1::text[])`,
        [timers.map((timer) => `${state.id}:${timer.id}`), at],
      );
      const action = ACTION_OF[nodeKey];
      const next = ORDER[ORDER.indexOf(nodeKey) + 1] ?? 'end';
      const moves = [
        { action: 'complete', from_node: nodeKey, data: { taskId: task.id, data } },
        { action: 'enter', from_node: nodeKey, to_node: action },
        { action: 'enter', from_node: action, to_node: next },
      ];
      if (next === 'end') {
        moves.push({ action: 'end', from_node: 'end' }, { action: 'completed' });
        state.status = 'completed';
        state.endedAt = at.toISOString();
        state.tokens = [];
        state.visits = [];
      } else {
        const planned = planTask(state, next, nextAssignee, at);
        moves.push(planned.move);
        await writeTask(state, planned, at);
      }
      await writeTransitions(state, moves, at, actor);
      await query(
        `UPDATE flow_instance SET state = $2, status = $3, ended_at = $4, lock_version = lock_version + 1
          WHERE id = $1 AND lock_version = $5`,
        [state.id, JSON.stringify(state), state.status, state.endedAt ?? null, locked.lock_version],
      );
    });
  }

  return {
    /** One instance from start to end, with the same people and values as the engine's. */
    async run(recordId, inputs, openTask) {
      const state = await start(recordId, inputs.dispatch.actor.userId, inputs.dispatch.actor.userId);
      const assignees = {
        accept: inputs.dispatch.data.technician,
        complete: inputs.dispatch.data.technician,
        rate: inputs.rate.actor.userId,
      };
      for (const [index, nodeKey] of ORDER.entries()) {
        const { actor, data } = inputs[nodeKey];
        if ((await openTask(state.id)) !== state.tasks.at(-1).id) throw new Error('the wrong task is open');
        await complete(state, nodeKey, actor.userId, data, assignees[ORDER[index + 1]]);
      }
    },
  };
}

/**
 * Both sides must have written the same rows per instance — tasks, transitions, timer jobs, record_change
 * rows, the work order's final version and values — or the comparison means nothing.
 */
async function checkSameRows(query, appRow, engineOrders, plainOrders) {
  const footprint = async (flowKey, recordIds) => {
    const [row] = await query(
      `SELECT count(DISTINCT i.id)::int AS instances,
              count(DISTINCT i.id) FILTER (WHERE i.status = 'completed')::int AS completed,
              (SELECT count(*) FROM flow_task t JOIN flow_instance x ON x.id = t.instance_id
                WHERE x.flow_key = $1 AND t.status = 'completed')::int AS tasks,
              (SELECT count(*) FROM flow_transition t JOIN flow_instance x ON x.id = t.instance_id
                WHERE x.flow_key = $1)::int AS transitions,
              (SELECT count(*) FROM job j JOIN flow_instance x ON x.id::text = split_part(j.dedupe_key, ':', 1)
                WHERE x.flow_key = $1 AND j.queue = 'flow.timer' AND j.status = 'cancelled')::int AS timers,
              (SELECT count(*) FROM record_change c
                WHERE c.app_id = $2 AND c.record_id = ANY($3::uuid[]) AND c.type = 'updated')::int AS changes,
              (SELECT sum(_version)::int FROM "${appRow.storage_schema}"."workOrder" WHERE _id = ANY($3::uuid[])) AS versions,
              (SELECT count(*)::int FROM "${appRow.storage_schema}"."workOrder"
                WHERE _id = ANY($3::uuid[]) AND status = 'closed' AND rating = 5 AND "laborCost" = 80
                  AND "firstFixPoint" = 1 AND technician IS NOT NULL AND "closedAt" IS NOT NULL
                  AND "partsUsed" -> 0 -> 'amount' = '35'
                  AND _search LIKE '%更换阀芯%') AS done
         FROM flow_instance i WHERE i.flow_key = $1`,
      [flowKey, appRow.id, recordIds],
    );
    return row;
  };
  const engine = await footprint(FLOW_KEY, engineOrders);
  const plain = await footprint(PLAIN_FLOW_KEY, plainOrders);
  const all = WARMUP + INSTANCES;
  if (engine.completed !== all || engine.done !== all || JSON.stringify(engine) !== JSON.stringify(plain))
    throw new Error(
      `The two sides wrote different rows: engine ${JSON.stringify(engine)}, plain ${JSON.stringify(plain)}`,
    );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
