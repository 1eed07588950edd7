import { propertyCompany } from './support/property-company';
import { clockOf, drainAutomation, loginAs, type TestApp } from './support/test-app';

const PASSWORD = 'demo-password-dunning';

/**
 * Rent dunning through the property template with a clock moved by hand: a new bill starts the dunning flow;
 * a week before it falls due the tenant is reminded; the day after, the billOverdue rule marks it overdue and
 * the flow tells the tenant; three days later the butler gets a phone task, records the promise, and the
 * flow writes it to the communication log. A bill paid before the reminder ends the flow quietly.
 */
describe('property template: rent dunning', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };
  let schema: string;

  beforeAll(async () => {
    // Monday 10:00 in Shanghai.
    ({ testApp, admin, schema } = await propertyCompany(PASSWORD, '2026-06-01T02:00:00Z'));
  });
  afterAll(() => testApp.close());

  const query = <T>(sql: string, params: unknown[] = []) => testApp.database.query<T>(sql, params);
  const at = async (iso: string) => {
    clockOf(testApp).set(new Date(iso));
    await drainAutomation(testApp);
    await drainAutomation(testApp);
  };

  /** A tenant with a sign-in account, a room they rent and the butler who looks after them. */
  async function leaseholder() {
    const [row] = await query<{
      tenant: string;
      account: string;
      butler: string;
      room: string;
      project: string;
    }>(
      `SELECT t._id AS tenant, t.account, t.butler, c.room, c.project FROM ${schema}.tenant t
         JOIN ${schema}.contract c ON c.tenant = t._id
        WHERE t.account IS NOT NULL AND t.butler IS NOT NULL ORDER BY t.no LIMIT 1`,
    );
    return row!;
  }

  async function bill(values: Record<string, unknown>) {
    const lease = await leaseholder();
    const response = await testApp
      .http()
      .post('/api/apps/property/entities/bill/records')
      .set(admin)
      .send({
        values: {
          tenant: lease.tenant,
          room: lease.room,
          project: lease.project,
          butler: lease.butler,
          type: 'rent',
          periodStart: '2026-07-01',
          periodEnd: '2026-07-31',
          amount: 3200,
          paidAmount: 0,
          status: 'unpaid',
          ...values,
        },
      });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return { ...(response.body as { id: string; version: number }), lease };
  }

  /** Notifications of a user after the one with id `after` (null: all). */
  const notices = (userId: string, after: string | null) =>
    query<{ title: { 'zh-CN': string } }>(
      'SELECT title FROM notification WHERE user_id = $1 AND id > coalesce($2::bigint, 0) ORDER BY id',
      [userId, after],
    );
  const instanceOf = async (recordId: string) =>
    (
      await query<{ status: string; outcome: string | null; id: string }>(
        "SELECT id, status, outcome FROM flow_instance WHERE record_id = $1 AND flow_key = 'dunning'",
        [recordId],
      )
    )[0];

  it('reminds, marks overdue, sends the butler to phone, and logs the promise', async () => {
    const [last] = await query<{ id: string | null }>('SELECT max(id)::text AS id FROM notification');
    const started = last!.id;
    const { id, lease } = await bill({ reminderDate: '2026-06-13', dueDate: '2026-06-20' });
    await drainAutomation(testApp);
    expect(await instanceOf(id)).toMatchObject({ status: 'running' });

    // 06-13 09:00: a week before it falls due, the tenant is reminded.
    await at('2026-06-13T01:00:00Z');
    const reminded = await notices(lease.account, started);
    expect(reminded.map((row) => row.title['zh-CN'])).toContainEqual(expect.stringContaining('7 天后到期'));

    // 06-21 01:30: the rule has marked it overdue at 01:00 and the flow has told the tenant.
    await at('2026-06-20T17:30:00Z');
    const [{ status }] = (await query<{ status: string }>(
      `SELECT status FROM ${schema}.bill WHERE _id = $1`,
      [id],
    )) as [{ status: string }];
    expect(status).toBe('overdue');
    expect((await notices(lease.account, started)).map((row) => row.title['zh-CN'])).toContainEqual(
      expect.stringContaining('已逾期'),
    );
    expect(
      await query(
        'SELECT 1 FROM flow_task t JOIN flow_instance i ON i.id = t.instance_id WHERE i.record_id = $1',
        [id],
      ),
    ).toEqual([]);

    // 06-24 10:00: still unpaid three days on, the butler has a phone task.
    await at('2026-06-24T02:00:00Z');
    const [user] = await query<{ username: string }>('SELECT username FROM app_user WHERE id = $1', [
      lease.butler,
    ]);
    const butler = (await loginAs(testApp, { username: user!.username, password: PASSWORD })).auth;
    const inbox = (await testApp.http().get('/api/tasks?box=mine').set(butler).expect(200)).body as {
      items: { id: string; nodeKey: string; recordId: string }[];
    };
    const task = inbox.items.find((item) => item.nodeKey === 'phoneDunning' && item.recordId === id);
    expect(task).toBeDefined();
    // The task shows the number to call: the phone on the tenant's profile.
    const [{ phone }] = (await query<{ phone: string }>(`SELECT phone FROM ${schema}.tenant WHERE _id = $1`, [
      lease.tenant,
    ])) as [{ phone: string }];
    const page = await testApp.http().get(`/api/tasks/${task!.id}`).set(butler).expect(200);
    expect(page.body.form.visible).toEqual(expect.arrayContaining(['tenant', 'tenantPhone']));
    expect(page.body.record.values.tenantPhone).toBe(phone);
    const done = await testApp
      .http()
      .post(`/api/tasks/${task!.id}/complete`)
      .set(butler)
      .send({
        data: { dunningResult: 'promised', promisedDate: '2026-06-28', dunningNote: '答应周末前缴清' },
        comment: '已电话联系',
      });
    expect({ status: done.status, body: done.status === 200 ? undefined : (done.body as unknown) }).toEqual({
      status: 200,
      body: undefined,
    });
    await drainAutomation(testApp);

    const log = await query<{ result: string; by: string; content: string; promisedDate: string }>(
      `SELECT result, "by", content, "promisedDate"::text FROM ${schema}."communicationLog" WHERE bill = $1`,
      [id],
    );
    expect(log).toEqual([
      { result: 'promised', by: lease.butler, content: '答应周末前缴清', promisedDate: '2026-06-28' },
    ]);
    expect(await instanceOf(id)).toMatchObject({ status: 'completed' });
  });

  it('ends quietly for a bill paid before the reminder', async () => {
    const { id, version } = await bill({ reminderDate: '2026-07-03', dueDate: '2026-07-10' });
    await drainAutomation(testApp);
    await testApp
      .http()
      .patch(`/api/apps/property/entities/bill/records/${id}`)
      .set(admin)
      .send({ version, values: { status: 'paid', paidAmount: 3200, paidOn: '2026-06-30' } })
      .expect(200);
    await at('2026-07-03T01:00:00Z');
    expect(await instanceOf(id)).toMatchObject({ status: 'completed' });
    const reminders = await query(
      `SELECT 1 FROM flow_transition x JOIN flow_instance i ON i.id = x.instance_id
        WHERE i.record_id = $1 AND x.to_node = 'remind'`,
      [id],
    );
    expect(reminders).toEqual([]);
  });
});
