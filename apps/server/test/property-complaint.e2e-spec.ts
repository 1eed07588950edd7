import { propertyCompany } from './support/property-company';
import { clockOf, drainAutomation, type TestApp } from './support/test-app';

const PASSWORD = 'demo-password-complaint';
const HOUR = 3_600_000;

/**
 * A complaint through the property template with a clock moved by hand: filed by a tenant, routed from the
 * repair flow into the complaint flow, left unacknowledged past its 2-hour SLA (reminder, then escalation to
 * the project managers, the record marked breached by a rule), acknowledged, investigated by the butler,
 * reviewed by a manager because it escalated, answered, accepted by the tenant, closed.
 */
describe('property template: a complaint with SLA escalation', () => {
  let testApp: TestApp;

  let signInAs: (userId: string) => Promise<{ Authorization: string }>;

  beforeAll(async () => {
    // Monday 10:00 in Shanghai.
    ({ testApp, signInAs } = await propertyCompany(PASSWORD, '2026-06-01T02:00:00Z'));
  });
  afterAll(() => testApp.close());

  const query = <T>(sql: string, params: unknown[] = []) => testApp.database.query<T>(sql, params);

  async function openTasks(recordId: string, nodeKey: string) {
    await drainAutomation(testApp);
    return query<{ id: string; assignees: string[]; priority: string; escalated: boolean }>(
      `SELECT t.id, t.assignees, t.priority, t.escalated FROM flow_task t JOIN flow_instance i ON i.id = t.instance_id
        WHERE i.record_id = $1 AND t.node_key = $2 AND t.status = 'open'`,
      [recordId, nodeKey],
    );
  }

  async function act(
    auth: { Authorization: string },
    task: { id: string },
    action: string,
    body: object = {},
  ) {
    const response = await testApp.http().post(`/api/tasks/${task.id}/${action}`).set(auth).send(body);
    expect({
      action,
      status: response.status,
      error: response.status === 200 ? undefined : response.body,
    }).toEqual({
      action,
      status: 200,
      error: undefined,
    });
  }

  it('escalates an unacknowledged complaint once, and carries it through review to the tenant’s acceptance', async () => {
    const [app] = await query<{ storage_schema: string }>(
      "SELECT storage_schema FROM app WHERE key = 'property'",
    );
    const schema = `"${app!.storage_schema}"`;
    const [tenant] = await query<{
      id: string;
      account: string;
      project: string;
      room: string;
      butler: string;
      phone: string;
    }>(
      `SELECT t._id AS id, t.account, r.project, r._id AS room, t.butler, t.phone FROM ${schema}.tenant t
         JOIN ${schema}.room r ON r."currentTenant" = t._id
        WHERE t.account IS NOT NULL AND t.butler IS NOT NULL AND t.phone IS NOT NULL LIMIT 1`,
    );
    const tenantAuth = await signInAs(tenant!.account);
    const filed = await testApp
      .http()
      .post('/api/apps/property/entities/workOrder/records')
      .set(tenantAuth)
      .send({
        values: {
          type: 'complaint',
          channel: 'app',
          project: tenant!.project,
          room: tenant!.room,
          requester: tenant!.id,
          category: 'publicArea',
          priority: 'normal',
          title: '楼道夜间噪音',
          description: '装修施工超过晚上十点',
        },
      })
      .expect(201);
    const orderId = (filed.body as { id: string }).id;

    // Routed into the complaint flow: customer service must acknowledge within 2 business hours.
    const [acknowledge] = await openTasks(orderId, 'acknowledge');
    expect(acknowledge).toBeDefined();

    // 3½ business hours pass unacknowledged: the reminder, then the escalation to the managers (once).
    clockOf(testApp).advance(3.5 * HOUR);
    const [late] = await openTasks(orderId, 'acknowledge');
    expect(late).toEqual(expect.objectContaining({ priority: 'urgent', escalated: true }));
    clockOf(testApp).advance(HOUR);
    await drainAutomation(testApp);
    const managers = await query<{ user_id: string }>(
      "SELECT user_id FROM workspace_member WHERE 'projectManager' = ANY(app_roles) ORDER BY user_id",
    );
    const escalations = await query<{ user_id: string }>(
      `SELECT n.user_id FROM notification n JOIN flow_instance i ON i.id::text = n.source->>'instance'
        WHERE i.record_id = $1 AND n.source->>'reason' = 'escalation' ORDER BY n.user_id`,
      [orderId],
    );
    expect(escalations.map((row) => row.user_id)).toEqual(managers.map((row) => row.user_id));
    const [breached] = await query<{ escalated: boolean; slaBreached: boolean }>(
      `SELECT escalated, "slaBreached" FROM ${schema}."workOrder" WHERE _id = $1`,
      [orderId],
    );
    expect(breached).toEqual({ escalated: true, slaBreached: true });

    // Acknowledged: the butler of the owner investigates.
    const service = await signInAs(late!.assignees[0]!);
    if (late!.assignees.length > 1) await act(service, late!, 'claim');
    await act(service, late!, 'complete', { data: { butler: tenant!.butler }, comment: '已联系施工方' });
    const [investigate] = await openTasks(orderId, 'investigate');
    expect(investigate!.assignees).toEqual([tenant!.butler]);
    const butler = await signInAs(tenant!.butler);
    // The butler's task shows how to reach the complainant: the phone on their profile (none was typed in).
    const page = await testApp.http().get(`/api/tasks/${investigate!.id}`).set(butler).expect(200);
    expect(page.body.form.visible).toEqual(expect.arrayContaining(['requester', 'requesterPhone']));
    expect(page.body.record.values.requesterPhone).toBe(tenant!.phone);
    await act(butler, investigate!, 'complete', { data: { resolution: '已要求施工方夜间停工并书面致歉' } });

    // Escalated, so a project manager reviews the resolution before the tenant hears of it.
    const [review] = await openTasks(orderId, 'managerReview');
    const manager = await signInAs(review!.assignees[0]!);
    if (review!.assignees.length > 1) await act(manager, review!, 'claim');
    await act(manager, review!, 'approve', { comment: '同意' });

    // The tenant accepts; the complaint closes.
    const [confirm] = await openTasks(orderId, 'confirm');
    expect(confirm!.assignees).toEqual([tenant!.account]);
    await act(tenantAuth, confirm!, 'complete', { data: { resolutionAccepted: true, rating: 4 } });
    await drainAutomation(testApp);
    const [closed] = await query<{ status: string; closedAt: Date | null }>(
      `SELECT status, "closedAt" FROM ${schema}."workOrder" WHERE _id = $1`,
      [orderId],
    );
    expect(closed!.status).toBe('closed');
    expect(closed!.closedAt).not.toBeNull();
    const instances = await query<{ flow_key: string; status: string }>(
      'SELECT flow_key, status FROM flow_instance WHERE record_id = $1 ORDER BY flow_key',
      [orderId],
    );
    expect(instances).toEqual([
      { flow_key: 'complaint', status: 'completed' },
      { flow_key: 'repair', status: 'completed' },
    ]);
  });
});
