import { type RuleDefinition } from '@lowcode/app-model';
import { addPeople, opsApp, type Person } from './support/flow-fixtures';
import { createTestApp, drainAutomation, loginAs, type TestApp } from './support/test-app';

const text = (en: string) => ({ 'zh-CN': en, en });

/** Rules and flows together: a rule creates a to-do and starts a flow; a flow's events fire rules. */
describe('rules that create tasks and start flows, and rules on flow events', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };
  let people: Record<string, Person>;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth: admin } = await loginAs(testApp));
    people = await addPeople(testApp, [
      { username: 'req1', roles: ['requester'] },
      { username: 'mgr1', roles: ['manager'] },
      { username: 'mgr2', roles: ['manager'] },
      { username: 'tech1', roles: ['technician'] },
    ]);
    const app = opsApp();
    app.flows = app.flows.filter((flow) => flow.key === 'purchase');
    // A flow whose only step is an automatic action writing the record: the "flow action" write path.
    app.flows.push({
      key: 'stamp',
      label: text('Stamp'),
      entity: 'request',
      trigger: { type: 'manual' },
      nodes: [
        { key: 'start', type: 'start', label: text('Start') },
        {
          key: 'write',
          type: 'action',
          label: text('Write'),
          action: { type: 'updateRecord', values: { note: 'stamped by the flow' } },
        },
        { key: 'end', type: 'end', label: text('End') },
      ],
      edges: [
        { key: 'startToWrite', from: 'start', to: 'write' },
        { key: 'writeToEnd', from: 'write', to: 'end' },
      ],
    } as (typeof app.flows)[number]);
    app.rules = [
      {
        key: 'bigRequest',
        label: text('Big request'),
        trigger: { type: 'recordCreated', entity: 'request' },
        condition: { '>': [{ var: 'record.amount' }, 1000] },
        actions: [
          {
            key: 'review',
            type: 'createTask',
            assignee: { type: 'role', role: 'manager' },
            title: { 'zh-CN': '审核：{{record.title}}', en: 'Review: {{record.title}}' },
            due: 'P1D',
          },
          { key: 'purchase', type: 'startFlow', flow: 'purchase' },
        ],
      },
      {
        key: 'noteChanged',
        label: text('Note changed'),
        trigger: { type: 'fieldChanged', entity: 'request', fields: ['note'] },
        actions: [
          {
            key: 'tell',
            type: 'notify',
            to: { type: 'user', users: ['mgr1'] },
            channel: 'inApp',
            template: text('Note'),
          },
        ],
      },
      {
        key: 'purchaseStarted',
        label: text('Purchase started'),
        trigger: { type: 'flowEvent', flow: 'purchase', event: 'instanceStarted' },
        actions: [
          {
            key: 'tell',
            type: 'notify',
            to: { type: 'user', users: ['tech1'] },
            channel: 'inApp',
            template: text('Purchase started for {{record.title}}'),
          },
        ],
      },
    ] as RuleDefinition[];
    await testApp.http().post('/api/apps/import').set(admin).send(app).expect(200);
  });
  afterAll(() => testApp.close());

  it('creates a to-do for the managers and starts the purchase flow once, and the flow event fires its rule', async () => {
    const created = await testApp
      .http()
      .post('/api/apps/ops/entities/request/records')
      .set(people.req1!.auth)
      .send({ values: { title: 'New pump', amount: 5000 } })
      .expect(201);
    const recordId = (created.body as { id: string }).id;
    await testApp
      .http()
      .post('/api/apps/ops/entities/request/records')
      .set(people.req1!.auth)
      .send({ values: { title: 'Tape', amount: 20 } })
      .expect(201);
    await drainAutomation(testApp);
    await drainAutomation(testApp);

    // A to-do for a role is a group task: each manager sees it until one of them claims it.
    const inbox = (await testApp.http().get('/api/tasks?box=group').set(people.mgr1!.auth).expect(200))
      .body as {
      items: { id: string; title: Record<string, string>; kind: string }[];
    };
    expect(inbox.items.map((task) => task.title.en)).toContain('Review: New pump');
    expect(inbox.items.filter((task) => task.title.en?.startsWith('Review:'))).toHaveLength(1);

    // A to-do is completed with the same endpoint as a flow's task: only completed, only by an assignee.
    const review = inbox.items.find((task) => task.title.en === 'Review: New pump')!;
    const complete = (person: Person, decision = 'complete') =>
      testApp.http().post(`/api/tasks/${review.id}/${decision}`).set(person.auth).send({ comment: 'ok' });
    await complete(people.mgr1!, 'approve').expect(400);
    await complete(people.tech1!).expect(403);
    expect((await complete(people.mgr2!).expect(200)).body).toEqual({ task: review.id, instance: null });
    await complete(people.mgr1!).expect(409);

    const instances = await testApp.database.query<{
      flow_key: string;
      record_id: string;
      trigger_key: string;
    }>('SELECT flow_key, record_id, trigger_key FROM flow_instance');
    expect(instances).toEqual([
      expect.objectContaining({
        flow_key: 'purchase',
        record_id: recordId,
        trigger_key: expect.stringContaining('rule:'),
      }),
    ]);
    const told = await testApp.database.query<{ title: { en: string } }>(
      "SELECT title FROM notification WHERE source->>'rule' = 'purchaseStarted'",
    );
    expect(told.map((row) => row.title.en)).toEqual(['Purchase started for New pump']);

    const runs = await testApp.database.query<{ rule_key: string; actions: { status: string }[] }>(
      'SELECT rule_key, actions FROM rule_run WHERE matched ORDER BY id',
    );
    expect(runs).toEqual([
      {
        rule_key: 'bigRequest',
        actions: [expect.objectContaining({ status: 'done' }), expect.objectContaining({ status: 'done' })],
      },
      { rule_key: 'purchaseStarted', actions: [expect.objectContaining({ status: 'done' })] },
    ]);
  });

  it("fires record rules exactly once for a flow action's write", async () => {
    const created = await testApp
      .http()
      .post('/api/apps/ops/entities/request/records')
      .set(people.req1!.auth)
      .send({ values: { title: 'Door', amount: 10 } })
      .expect(201);
    const recordId = (created.body as { id: string }).id;
    await testApp
      .http()
      .post('/api/apps/ops/flows/stamp/instances')
      .set(admin)
      .send({ recordId })
      .expect(201);
    await drainAutomation(testApp);
    await drainAutomation(testApp);
    const changes = await testApp.database.query<{ id: string }>(
      "SELECT id FROM record_change WHERE record_id = $1 AND source = 'flow'",
      [recordId],
    );
    expect(changes).toHaveLength(1);
    const fired = await testApp.database.query<{ change_id: string }>(
      "SELECT change_id FROM rule_run WHERE rule_key = 'noteChanged' AND record_id = $1 AND matched",
      [recordId],
    );
    expect(fired).toEqual([{ change_id: changes[0]!.id }]);
  });
});
