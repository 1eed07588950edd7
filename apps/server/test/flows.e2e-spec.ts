import { type AppDefinition } from '@lowcode/app-model';
import { type QueryRunner } from 'typeorm';
import { FlowStateWithoutHistory1765000000000 } from '../src/database/migrations/1765000000000-flow-state-without-history';
import { addPeople, opsApp, type Person } from './support/flow-fixtures';
import { clockOf, createTestApp, drainAutomation, loginAs, type TestApp } from './support/test-app';
import { TestDatabase } from './support/test-database';

const MINUTE = 60_000;

/** Flows run durably on the server: triggers, tasks, approvals, gateways, SLAs, timers, crashes, restarts. */
describe('flows on the server', () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let admin: { Authorization: string };
  let people: Record<string, Person>;

  const http = () => testApp.http();
  const records = () => `/api/apps/ops/entities/request/records`;
  const base = () => '/api';

  const createRequest = async (auth: { Authorization: string }, values: Record<string, unknown>) =>
    (await http().post(records()).set(auth).send({ values }).expect(201)).body as { id: string };

  const startFlow = async (flowKey: string, recordId: string, auth = admin) =>
    (
      await http()
        .post(`${base()}/apps/ops/flows/${flowKey}/instances`)
        .set(auth)
        .send({ recordId })
        .expect(201)
    ).body as { id: string; status: string };

  const instance = async (id: string, auth = admin) =>
    (await http().get(`${base()}/flow-instances/${id}`).set(auth).expect(200)).body as {
      status: string;
      outcome: string | null;
      revision: number;
      openTasks: { id: string; nodeKey: string; assignees: string[] }[];
      transitions: {
        action: string;
        to: { key: string } | null;
        actor: { id: string } | null;
        comment: string | null;
      }[];
    };

  const openTask = async (instanceId: string, nodeKey: string) => {
    const found = (await instance(instanceId)).openTasks.find((task) => task.nodeKey === nodeKey);
    if (!found) throw new Error(`No open task at ${nodeKey}`);
    return found;
  };

  const act = (person: Person, taskId: string, action: string, body: Record<string, unknown> = {}) =>
    http().post(`${base()}/tasks/${taskId}/${action}`).set(person.auth).send(body);

  const instanceRow = async (id: string) =>
    (
      await testApp.database.query<{ lock_version: number; status: string; state: unknown }>(
        'SELECT lock_version, status, state FROM flow_instance WHERE id = $1',
        [id],
      )
    )[0]!;

  beforeAll(async () => {
    database = await TestDatabase.create();
    testApp = await createTestApp({}, database);
    ({ auth: admin } = await loginAs(testApp));
    await http().post('/api/apps/import').set(admin).send(opsApp()).expect(200);
    people = await addPeople(testApp, [
      { username: 'mgr1', roles: ['manager'] },
      { username: 'mgr2', roles: ['manager'] },
      { username: 'tech1', roles: ['technician'], attributes: { areas: ['north'], skills: ['plumbing'] } },
      {
        username: 'tech2',
        roles: ['technician'],
        attributes: { areas: ['north'], skills: ['plumbing', 'electrical'] },
      },
      { username: 'tech3', roles: ['technician'], attributes: { areas: ['south'], skills: ['plumbing'] } },
      { username: 'req1', roles: ['requester'] },
    ]);
  });
  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('starts the repair flow when a request is created, dispatches by area and skill to the least loaded, and records the track', async () => {
    const { req1, tech1, tech2 } = people as Record<string, Person>;
    const first = await createRequest(req1!.auth, {
      title: 'Leaking tap',
      category: 'plumbing',
      area: 'north',
    });
    await drainAutomation(testApp);
    await drainAutomation(testApp); // a redelivered change must not start a second instance
    const listed = (
      await http()
        .get(`${base()}/apps/ops/entities/request/records/${first.id}/flow-instances`)
        .set(req1!.auth)
        .expect(200)
    ).body as { items: { id: string; status: string }[] };
    expect(listed.items).toHaveLength(1);
    const instanceId = listed.items[0]!.id;
    const accept = await openTask(instanceId, 'accept');
    expect(accept.assignees).toHaveLength(1);
    const firstTech = [tech1!, tech2!].find((tech) => tech.id === accept.assignees[0])!;
    const otherTech = firstTech === tech1 ? tech2! : tech1!;
    expect(firstTech).toBeDefined();

    // The second request goes to the other technician: he has fewer open tasks. South is never offered north work.
    const second = await createRequest(req1!.auth, {
      title: 'Broken pipe',
      category: 'plumbing',
      area: 'north',
    });
    await drainAutomation(testApp);
    const [secondInstance] = (
      await http()
        .get(`${base()}/apps/ops/entities/request/records/${second.id}/flow-instances`)
        .set(admin)
        .expect(200)
    ).body.items as { id: string }[];
    expect((await openTask(secondInstance!.id, 'accept')).assignees).toEqual([otherTech.id]);

    // The technician's inbox has it; the task page shows the form's fields of the record.
    const inbox = (await http().get(`${base()}/tasks?box=mine`).set(firstTech.auth).expect(200)).body as {
      items: { id: string }[];
    };
    expect(inbox.items.map((item) => item.id)).toContain(accept.id);
    const page = (await http().get(`${base()}/tasks/${accept.id}`).set(firstTech.auth).expect(200)).body as {
      record: { values: Record<string, unknown> };
      form: { editable: string[] };
      actions: string[];
    };
    expect(page.record.values).toEqual({
      title: 'Leaking tap',
      area: 'north',
      technician: null,
      status: null,
    });
    expect(page.form.editable).toEqual(['technician', 'status']);
    expect(page.actions).toContain('complete');

    // Someone else's task: 403; a field the form does not offer: 400 naming it.
    await act(otherTech, accept.id, 'complete').expect(403);
    const refused = await act(firstTech, accept.id, 'complete', { data: { title: 'changed' } }).expect(400);
    expect(refused.body.error.details[0].path).toBe('data.title');

    await act(firstTech, accept.id, 'complete', {
      data: { technician: firstTech.id },
      comment: '马上到',
    }).expect(200);
    // One step writes the record once: the form's values and markAccepted's stamp are one version, one
    // history row.
    const history = await database.query<{ version: number; source: string; changes: unknown[] }>(
      `SELECT version, source, changes FROM record_change WHERE record_id = $1 ORDER BY version`,
      [first.id],
    );
    expect(history.slice(1)).toEqual([
      {
        version: 2,
        source: 'flow',
        changes: [
          { field: 'status', from: null, to: 'accepted' },
          { field: 'technician', from: null, to: firstTech.id },
        ],
      },
    ]);
    const complete = await openTask(instanceId, 'complete');
    expect(complete.assignees).toEqual([firstTech.id]);
    await act(firstTech, complete.id, 'complete', {
      data: { note: 'replaced washer', status: 'done' },
    }).expect(200);

    const done = await instance(instanceId, req1!.auth);
    expect(done.status).toBe('completed');
    const entered = done.transitions
      .filter((entry) => entry.action === 'enter')
      .map((entry) => entry.to!.key);
    expect(entered).toEqual(['accept', 'markAccepted', 'complete', 'end']);
    expect(done.transitions.find((entry) => entry.comment === '马上到')?.actor?.id).toBe(firstTech.id);
    // The dispatch that followed the request is the system's, not the requester's.
    expect(done.transitions.find((entry) => entry.action === 'assign')?.actor).toBeNull();
    const stored = (await http().get(`${records()}/${first.id}`).set(admin).expect(200)).body as {
      values: Record<string, unknown>;
    };
    expect(stored.values).toMatchObject({
      technician: firstTech.id,
      note: 'replaced washer',
      status: 'done',
    });
    const doneBox = (await http().get(`${base()}/tasks?box=done`).set(firstTech.auth).expect(200)).body as {
      items: { id: string }[];
    };
    expect(doneBox.items.map((item) => item.id)).toEqual(expect.arrayContaining([accept.id, complete.id]));
    // The accept task's SLA timers (reminder, overdue) were scheduled and cancelled when it was done.
    const timers = await database.query<{ status: string }>(
      `SELECT status FROM job WHERE queue = 'flow.timer' AND split_part(dedupe_key, ':', 1) = $1`,
      [instanceId],
    );
    expect(timers.map((timer) => timer.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('reminds once before the due time and escalates once when overdue (reassign to managers, urgent)', async () => {
    const { req1, mgr1, mgr2 } = people as Record<string, Person>;
    const request = await createRequest(req1!.auth, {
      title: 'No power',
      category: 'electrical',
      area: 'north',
    });
    await drainAutomation(testApp);
    const [{ id: instanceId } = { id: '' }] = (
      await http().get(`${base()}/apps/ops/entities/request/records/${request.id}/flow-instances`).set(admin)
    ).body.items as { id: string }[];
    const accept = await openTask(instanceId!, 'accept');
    expect(accept.assignees).toEqual([people.tech2!.id]); // the only one with electrical skills
    const notifications = (reason: string) =>
      testApp.database.query<{ user_id: string }>(
        `SELECT user_id FROM notification WHERE source->>'instance' = $1 AND source->>'reason' = $2`,
        [instanceId, reason],
      );

    clockOf(testApp).advance(31 * MINUTE);
    await drainAutomation(testApp);
    await drainAutomation(testApp);
    expect((await notifications('reminder')).map((row) => row.user_id)).toEqual([people.tech2!.id]);
    expect(await notifications('escalation')).toHaveLength(0);

    clockOf(testApp).advance(60 * MINUTE); // due at +60 min, escalation 30 min later
    await drainAutomation(testApp);
    clockOf(testApp).advance(60 * MINUTE);
    await drainAutomation(testApp);
    expect((await notifications('reminder')).length).toBe(1);
    expect((await notifications('escalation')).map((row) => row.user_id).sort()).toEqual(
      [mgr1!.id, mgr2!.id].sort(),
    );
    const [task] = await testApp.database.query<{
      assignees: string[];
      priority: string;
      escalated: boolean;
    }>('SELECT assignees, priority, escalated FROM flow_task WHERE id = $1', [accept.id]);
    expect(task).toMatchObject({ priority: 'urgent', escalated: true });
    expect([...task!.assignees].sort()).toEqual([mgr1!.id, mgr2!.id].sort());
    const track = await instance(instanceId!);
    expect(track.transitions.filter((entry) => entry.action === 'remind')).toHaveLength(1);
    expect(track.transitions.filter((entry) => entry.action === 'escalate')).toHaveLength(1);
  });

  it('routes by a record field, countersigns (all), returns, transfers, and or-signs (any) with reject', async () => {
    const { req1, mgr1, mgr2, tech1, tech3 } = people as Record<string, Person>;
    const request = await createRequest(admin, { title: 'New pump', amount: 5000 });
    // A manual flow started by the requester-to-be: admin starts, req1 fills.
    const started = await startFlow('purchase', request.id);
    const fill = await openTask(started.id, 'fill');
    await act(req1!, fill.id, 'complete', { data: { amount: 5000 } }).expect(200);

    const sign = await openTask(started.id, 'countersign');
    expect([...sign.assignees].sort()).toEqual([mgr1!.id, mgr2!.id].sort());
    // Carbon copy: tech1 sees it in his cc box.
    const cc = (await http().get(`${base()}/tasks?box=cc`).set(tech1!.auth).expect(200)).body as {
      items: { instanceId: string }[];
    };
    expect(cc.items.map((item) => item.instanceId)).toContain(started.id);

    await act(mgr1!, sign.id, 'approve', { comment: 'ok' }).expect(200);
    expect((await instance(started.id)).status).toBe('running'); // waits for mgr2
    const mineAfter = (await http().get(`${base()}/tasks?box=mine`).set(mgr1!.auth)).body as {
      items: { id: string }[];
    };
    expect(mineAfter.items.map((item) => item.id)).not.toContain(sign.id);
    // mgr2 hands over to tech3, who sends it back to the requester.
    await act(mgr2!, sign.id, 'transfer', { to: 'nobody-here' }).expect(400);
    await act(mgr2!, sign.id, 'transfer', { to: 'tech3' }).expect(200);
    await act(mgr2!, sign.id, 'approve').expect(403);
    const returned = await act(tech3!, sign.id, 'return', { returnTo: 'nowhere' }).expect(400);
    expect(returned.body.error.details[0].path).toBe('returnTo');
    await act(tech3!, sign.id, 'return', { returnTo: 'fill', comment: 'quote missing' }).expect(200);

    // Back at fill: a cheaper amount now takes the or-sign branch; one rejection does not end it, two do.
    const again = await openTask(started.id, 'fill');
    await act(req1!, again.id, 'complete', { data: { amount: 800 } }).expect(200);
    const orSign = await openTask(started.id, 'orSign');
    await act(mgr1!, orSign.id, 'reject').expect(200);
    expect((await instance(started.id)).status).toBe('running');
    await act(mgr1!, orSign.id, 'reject').expect(409); // already decided
    await act(mgr2!, orSign.id, 'reject', { comment: 'too expensive' }).expect(200);
    const ended = await instance(started.id);
    expect(ended).toMatchObject({ status: 'completed', outcome: 'rejected' });
    expect(ended.transitions.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['approve', 'transfer', 'return', 'reject', 'completed']),
    );
  });

  it('splits and joins in parallel', async () => {
    const { tech1, tech2 } = people as Record<string, Person>;
    const request = await createRequest(admin, { title: 'Annual check' });
    const started = await startFlow('inspect', request.id);
    const water = await openTask(started.id, 'water');
    const power = await openTask(started.id, 'power');
    await act(tech1!, water.id, 'complete').expect(200);
    expect((await instance(started.id)).status).toBe('running');
    await act(tech2!, power.id, 'complete').expect(200);
    const done = await instance(started.id);
    expect(done.status).toBe('completed');
    expect(done.transitions.filter((entry) => entry.action === 'join')).toHaveLength(1);
  });

  it('gives a repair no technician serves to the managers by the fallback, who hand it to one', async () => {
    const { mgr1, mgr2, tech1 } = people as Record<string, Person>;
    const request = await createRequest(admin, { title: 'Roof leak', area: 'nowhere', category: 'plumbing' });
    const started = await startFlow('repair', request.id);
    const accept = await openTask(started.id, 'accept');
    expect([...accept.assignees].sort()).toEqual([mgr1!.id, mgr2!.id].sort());
    const [row] = await testApp.database.query<{ source: unknown; candidate_role: string | null }>(
      'SELECT source, candidate_role FROM flow_task WHERE id = $1',
      [accept.id],
    );
    // Said so on the task (its page explains), and a group of the fallback's role to claim.
    expect(row).toEqual({ source: { fallback: true }, candidate_role: 'manager' });
    await act(mgr2!, accept.id, 'transfer', { to: tech1!.id }).expect(200);
    const handed = await openTask(started.id, 'accept');
    expect(handed.assignees).toEqual([tech1!.id]);
    await act(tech1!, accept.id, 'complete', { data: { technician: tech1!.id } }).expect(200);
    expect((await openTask(started.id, 'complete')).assignees).toEqual([tech1!.id]);
  });

  it('keeps a claimed group task to its claimer until released', async () => {
    const { mgr1, mgr2 } = people as Record<string, Person>;
    const request = await createRequest(admin, { title: 'Who takes it' });
    const started = await startFlow('triage', request.id);
    const review = await openTask(started.id, 'review');
    expect([...review.assignees].sort()).toEqual([mgr1!.id, mgr2!.id].sort());
    await act(mgr1!, review.id, 'claim').expect(200);
    expect((await act(mgr2!, review.id, 'complete').expect(409)).body.error.code).toBe('TASK_CONFLICT');
    await act(mgr1!, review.id, 'release').expect(200);
    await act(mgr2!, review.id, 'complete').expect(200);
    expect((await instance(started.id)).status).toBe('completed');
  });

  it('lets exactly one of two concurrent approvals of a single-approver task through; the other gets 409', async () => {
    const request = await createRequest(admin, { title: 'Sign me' });
    const started = await startFlow('single', request.id);
    const task = await openTask(started.id, 'ok');
    const results = await Promise.all([
      act(people.mgr1!, task.id, 'approve'),
      act(people.mgr1!, task.id, 'approve'),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const track = await instance(started.id);
    expect(track.status).toBe('completed');
    expect(track.transitions.filter((entry) => entry.action === 'approve')).toHaveLength(1);
  });

  it('rolls a whole step back when one of its effects fails', async () => {
    const request = await createRequest(admin, { title: 'Crash me' });
    const started = await startFlow('broken', request.id);
    const task = await openTask(started.id, 'first');
    const before = await instanceRow(started.id);
    const taskRows = async () =>
      (await testApp.database.query('SELECT id FROM flow_task WHERE instance_id = $1', [started.id])).length;
    const tasksBefore = await taskRows();
    const refused = await act(people.tech1!, task.id, 'complete', { comment: 'go' }).expect(400);
    expect(refused.body.error.code).toBe('RECORD_INVALID');
    expect(refused.body.error.details.map((detail: { path: string }) => detail.path)).toContain('title');
    const after = await instanceRow(started.id);
    expect(after.lock_version).toBe(before.lock_version);
    expect(after.state).toEqual(before.state);
    expect(await taskRows()).toBe(tasksBefore);
    const [row] = await testApp.database.query<{ status: string }>(
      'SELECT status FROM flow_task WHERE id = $1',
      [task.id],
    );
    expect(row!.status).toBe('open');
  });

  it('checks who may act: assignee, starter to withdraw, admin to cancel; another workspace sees nothing', async () => {
    const { req1, tech1, mgr1 } = people as Record<string, Person>;
    const request = await createRequest(admin, { title: 'Permissions' });
    const started = await startFlow('single', request.id, mgr1!.auth);
    const task = await openTask(started.id, 'ok');
    await act(tech1!, task.id, 'approve').expect(403);
    await http().get(`${base()}/tasks/${task.id}`).set(tech1!.auth).expect(403);
    await http().post(`${base()}/flow-instances/${started.id}/withdraw`).set(req1!.auth).expect(403);
    await http().post(`${base()}/flow-instances/${started.id}/cancel`).set(mgr1!.auth).send({}).expect(403);
    // The instance says who may withdraw it, so a page shows the button only to them.
    const seen = (auth: { Authorization: string }) =>
      http().get(`${base()}/flow-instances/${started.id}`).set(auth).expect(200);
    expect((await seen(mgr1!.auth)).body.withdrawable).toBe(true);
    expect((await seen(admin)).body.withdrawable).toBe(false);
    await http().post(`${base()}/tasks?box=bogus`).set(tech1!.auth).expect(404);
    const badBox = await http().get(`${base()}/tasks?box=bogus`).set(tech1!.auth).expect(400);
    expect(badBox.body.error.details[0].path).toBe('box');

    // Another workspace: its admin can name neither our workspace nor our ids.
    const other = await http()
      .post('/api/workspaces')
      .set(admin)
      .send({ slug: 'other-co', name: 'Other' })
      .expect(201);
    const switched = await http().post(`/api/workspaces/${other.body.id}/switch`).set(admin).expect(200);
    const otherAuth = { Authorization: `Bearer ${switched.body.accessToken}` };
    await http().get(`${base()}/tasks/${task.id}`).set(otherAuth).expect(404);
    await http().get(`/api/tasks/${task.id}`).set(otherAuth).expect(404);
    await http().post(`/api/flow-instances/${started.id}/cancel`).set(otherAuth).send({}).expect(404);

    await http().post(`${base()}/flow-instances/${started.id}/withdraw`).set(mgr1!.auth).expect(200);
    expect(await instance(started.id)).toMatchObject({ status: 'cancelled', outcome: 'withdrawn' });
    const [row] = await testApp.database.query<{ status: string }>(
      'SELECT status FROM flow_task WHERE id = $1',
      [task.id],
    );
    expect(row!.status).toBe('cancelled');
  });

  it('keeps running instances on the flow version they started with', async () => {
    const request = await createRequest(admin, { title: 'Versioned' });
    const old = await startFlow('wait', request.id);
    const changed = opsApp();
    const wait = changed.flows.find((candidate) => candidate.key === 'wait')!;
    wait.nodes.push({
      key: 'review',
      type: 'userTask',
      label: { 'zh-CN': 'review' },
      assignee: { type: 'user', users: ['mgr1'] },
    } as never);
    wait.edges = wait.edges.filter((candidate) => candidate.from !== 'pause');
    wait.edges.push(
      { key: 'pauseToReview', from: 'pause', to: 'review' },
      { key: 'reviewToStamp', from: 'review', to: 'stamp' },
    );
    await http()
      .post('/api/apps/import')
      .set(admin)
      .send(changed as AppDefinition)
      .expect(200);
    const fresh = await startFlow('wait', (await createRequest(admin, { title: 'New version' })).id);

    clockOf(testApp).advance(121 * MINUTE);
    await drainAutomation(testApp);
    const oldTrack = await instance(old.id);
    expect(oldTrack.status).toBe('completed');
    expect(oldTrack.transitions.some((entry) => entry.to?.key === 'review')).toBe(false);
    const freshTrack = await instance(fresh.id);
    expect(freshTrack.revision).toBe(oldTrack.revision + 1);
    expect(freshTrack.openTasks.map((task) => task.nodeKey)).toEqual(['review']);
    const stored = (await http().get(`${records()}/${request.id}`).set(admin)).body as {
      values: { status: string };
    };
    expect(stored.values.status).toBe('waited');
  });

  it('carries instances stored with their whole history over to seq and visits, and they go on', async () => {
    const { req1, mgr1 } = people as Record<string, Person>;
    const started = await startFlow('purchase', (await createRequest(admin, { title: 'Older pump' })).id);
    await act(req1!, (await openTask(started.id, 'fill')).id, 'complete', { data: { amount: 5000 } }).expect(
      200,
    );
    type Stored = { seq?: number; visits?: unknown[]; history?: { seq: number; action: string }[] };
    const stored = async () => (await instanceRow(started.id)).state as Stored;
    const current = await stored();
    expect(current.visits).toEqual([
      { node: 'fill', branch: [] },
      { node: 'countersign', branch: [] },
    ]);
    // The state as an earlier version stored it (rebuilt from the timeline), then migrated again.
    const migration = new FlowStateWithoutHistory1765000000000();
    const runner = { query: (sql: string) => database.query(sql) } as unknown as QueryRunner;
    await migration.down(runner);
    const legacy = await stored();
    expect(legacy.seq).toBeUndefined();
    expect(legacy.history!.map((entry) => entry.seq)).toEqual(
      Array.from({ length: current.seq! }, (_, index) => index + 1),
    );
    await migration.up(runner);
    expect(await stored()).toEqual(current);
    // Returning needs the visits; the next transitions number on from the stored count.
    const sign = await openTask(started.id, 'countersign');
    await act(mgr1!, sign.id, 'return', { returnTo: 'fill' }).expect(200);
    expect((await openTask(started.id, 'fill')).nodeKey).toBe('fill');
    const seqs = await database.query<{ seq: number }>(
      'SELECT seq FROM flow_transition WHERE instance_id = $1 ORDER BY seq',
      [started.id],
    );
    expect(seqs.map((row) => row.seq)).toEqual(seqs.map((_, index) => index + 1));
    expect((await stored()).seq).toBe(seqs.length);
  });

  it('fires a timer once after a restart, and once when two servers drain together', async () => {
    const waiting = await startFlow('wait', (await createRequest(admin, { title: 'Across restart' })).id);
    const many = [];
    for (let index = 0; index < 4; index += 1)
      many.push(await startFlow('wait', (await createRequest(admin, { title: `Concurrent ${index}` })).id));
    const startedAt = clockOf(testApp).now();
    await testApp.close(); // the database stays: it was passed in

    const serverA = await createTestApp({}, database);
    const serverB = await createTestApp({}, database);
    testApp = serverA;
    try {
      for (const server of [serverA, serverB])
        clockOf(server).set(new Date(startedAt.getTime() + 3 * 60 * MINUTE));
      await Promise.all([drainAutomation(serverA), drainAutomation(serverB)]);
      await Promise.all([drainAutomation(serverA), drainAutomation(serverB)]);
      for (const started of [waiting, ...many]) {
        const transitions = await database.query<{ action: string }>(
          'SELECT action FROM flow_transition WHERE instance_id = $1',
          [started.id],
        );
        expect(transitions.filter((entry) => entry.action === 'timer')).toHaveLength(1);
        // The app now runs the re-imported `wait` (timer, then review): one review task, not two.
        const reviews = await database.query(
          'SELECT id FROM flow_task WHERE instance_id = $1 AND node_key = $2',
          [started.id, 'review'],
        );
        expect(reviews).toHaveLength(1);
      }
      const jobs = await database.query<{ status: string; attempts: number }>(
        `SELECT status, attempts FROM job WHERE queue = 'flow.timer' AND split_part(dedupe_key, ':', 1) = ANY($1::text[])`,
        [[waiting.id, ...many.map((started) => started.id)]],
      );
      expect(jobs).toHaveLength(5);
      expect(jobs.every((job) => job.status === 'done' && job.attempts === 1)).toBe(true);
    } finally {
      await serverB.close();
    }
  });
});
