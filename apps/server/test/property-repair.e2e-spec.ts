import { clockOf, createTestApp, drainAutomation, loginAs, type TestApp } from './support/test-app';

const PASSWORD = 'demo-password-repair';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

interface Task {
  id: string;
  nodeKey: string;
  recordId: string | null;
  recordTitle: string | null;
  record: { values: Record<string, unknown>; display: Record<string, unknown> } | null;
}

/**
 * The property template's repair flow through the API, as the people in the demo company live it: a tenant
 * reports a leak with a photo; it is dispatched by project and trade to a qualified technician; he accepts,
 * departs and completes with the parts he used; the tenant rates; the work order closes and the service
 * dashboard counts it.
 */
describe('property template: a repair from report to rating', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    testApp = await createTestApp({ demoScale: 0.02, demoPassword: PASSWORD });
    ({ auth: admin } = await loginAs(testApp));
    await testApp.http().post('/api/templates/property/install?demo=true').set(admin).expect(200);
    clockOf(testApp).set(new Date('2026-06-01T02:00:00Z')); // a Monday, 10:00 in Shanghai
  });
  afterAll(() => testApp.close());

  const query = <T>(sql: string, params: unknown[] = []) => testApp.database.query<T>(sql, params);
  const signIn = async (username: string) => (await loginAs(testApp, { username, password: PASSWORD })).auth;
  const records = (entity: string) => `/api/apps/property/entities/${entity}/records`;

  /** Completes a task; a refusal fails the test with the server's reasons. */
  async function completeTask(
    auth: { Authorization: string },
    task: Task,
    body: { data?: Record<string, unknown>; comment?: string; commentAudience?: 'internal' },
  ): Promise<void> {
    const response = await testApp.http().post(`/api/tasks/${task.id}/complete`).set(auth).send(body);
    expect({
      node: task.nodeKey,
      status: response.status,
      error: response.status === 200 ? undefined : response.body,
    }).toEqual({
      node: task.nodeKey,
      status: 200,
      error: undefined,
    });
  }

  /** The open task at `nodeKey` on this work order: the demo's people have open repairs of their own. */
  async function openTask(auth: { Authorization: string }, nodeKey: string, orderId: string): Promise<Task> {
    await drainAutomation(testApp);
    const inbox = (await testApp.http().get('/api/tasks?box=mine').set(auth).expect(200)).body as {
      items: Task[];
    };
    const task = inbox.items.find((item) => item.nodeKey === nodeKey && item.recordId === orderId);
    if (!task) throw new Error(`no open ${nodeKey} task in ${JSON.stringify(inbox.items)}`);
    return task;
  }

  it('runs the whole repair flow and the service report counts it', async () => {
    // A tenant with an account who rents a room now, the project and room of their lease.
    const [app] = await query<{ storage_schema: string }>(
      "SELECT storage_schema FROM app WHERE key = 'property'",
    );
    const schema = `"${app!.storage_schema}"`;
    const [tenant] = await query<{ username: string; user_id: string }>(
      `SELECT u.username, u.id AS user_id FROM workspace_member m JOIN app_user u ON u.id = m.user_id
         JOIN ${schema}.tenant t ON t.account = u.id JOIN ${schema}.room r ON r."currentTenant" = t._id
        WHERE 'tenant' = ANY(m.app_roles) ORDER BY u.username LIMIT 1`,
    );
    const tenantAuth = await signIn(tenant!.username);
    const [profile] = await query<{ id: string; project: string }>(
      `SELECT t._id AS id, r.project FROM ${schema}.tenant t JOIN ${schema}.room r ON r."currentTenant" = t._id
        WHERE t.account = $1 LIMIT 1`,
      [tenant!.user_id],
    );
    expect(profile).toBeDefined();
    const [room] = await query<{ id: string }>(
      `SELECT r._id AS id FROM ${schema}.room r WHERE r."currentTenant" = $1 LIMIT 1`,
      [profile!.id],
    );

    const before = await repairsReport();

    // A tenant files for themselves: naming another tenant as the requester is refused, and nothing is stored.
    const [stranger] = await query<{ id: string }>(
      `SELECT _id AS id FROM ${schema}.tenant WHERE account IS DISTINCT FROM $1 LIMIT 1`,
      [tenant!.user_id],
    );
    const orders = async () =>
      (await query<{ count: number }>(`SELECT count(*)::int AS count FROM ${schema}."workOrder"`))[0]!.count;
    const countBefore = await orders();
    const impersonating = await testApp
      .http()
      .post(records('workOrder'))
      .set(tenantAuth)
      .send({
        values: {
          type: 'repair',
          channel: 'app',
          project: profile!.project,
          room: room!.id,
          requester: stranger!.id,
          category: 'plumbing',
          priority: 'normal',
          title: '替别人报修',
        },
      });
    // Another tenant's profile is out of this tenant's sight: answered as a record that does not exist.
    expect(impersonating.status).toBe(400);
    expect(impersonating.body.error.details).toEqual([expect.objectContaining({ path: 'requester' })]);
    expect(await orders()).toBe(countBefore);

    // 1. The tenant reports a leak with a photo from their phone.
    const photo = await testApp
      .http()
      .post('/api/files')
      .set(tenantAuth)
      .attach('file', PNG, '漏水.png')
      .expect(201);
    const created = await testApp
      .http()
      .post(records('workOrder'))
      .set(tenantAuth)
      .send({
        values: {
          type: 'repair',
          channel: 'app',
          project: profile!.project,
          room: room!.id,
          requester: profile!.id,
          category: 'plumbing',
          priority: 'normal',
          requiredSkill: 'general',
          title: '卫生间漏水',
          description: '马桶下方渗水',
          photos: [fileValue(photo.body as Record<string, unknown>)],
        },
      });
    expect({ status: created.status, body: created.status === 201 ? 'created' : created.body }).toEqual({
      status: 201,
      body: 'created',
    });
    // The report time is the server's, not the tenant's to choose (a back-dated report would game the SLA).
    expect((created.body as { values: { reportedAt: string } }).values.reportedAt).toBe(
      clockOf(testApp).now().toISOString(),
    );
    const order = created.body as { id: string; values: Record<string, unknown> };
    expect(order.values.status).toBe('pending');

    // 2. Dispatched to a technician who serves that project and does plumbing.
    await drainAutomation(testApp);
    const [accept] = await query<{ assignees: string[] }>(
      `SELECT t.assignees FROM flow_task t JOIN flow_instance i ON i.id = t.instance_id
        WHERE i.record_id = $1 AND t.node_key = 'accept' AND t.status = 'open'`,
      [order.id],
    );
    expect(accept!.assignees).toHaveLength(1);
    const [technician] = await query<{
      username: string;
      attributes: { skills: string[]; projects: string[] };
    }>(
      `SELECT u.username, m.attributes FROM workspace_member m JOIN app_user u ON u.id = m.user_id WHERE m.user_id = $1`,
      [accept!.assignees[0]],
    );
    expect(technician!.attributes.skills).toContain('plumbing');
    expect(technician!.attributes.projects).toContain(profile!.project);
    const techAuth = await signIn(technician!.username);

    // 3. He accepts (with an appointment), departs, and completes with the parts he used.
    const acceptTask = await openTask(techAuth, 'accept', order.id);
    // His inbox says what the job is and where, before he opens it: the order's number, title and room.
    expect(acceptTask.recordTitle).toBe(order.values.no);
    expect(acceptTask.record!.values).toEqual(
      expect.objectContaining({ title: '卫生间漏水', category: 'plumbing', room: room!.id }),
    );
    expect(acceptTask.record!.display.room).toEqual(expect.any(String));
    expect(acceptTask.record!.display.room).not.toBe(room!.id);
    // He finds it by what the order says, not only by the task's name: its number, its title, its room.
    const search = async (q: string) =>
      (
        (await testApp.http().get('/api/tasks').query({ box: 'mine', q }).set(techAuth).expect(200)).body as {
          items: Task[];
        }
      ).items.map((item) => item.id);
    expect(await search(String(order.values.no))).toEqual([acceptTask.id]);
    expect(await search('卫生间漏')).toEqual([acceptTask.id]);
    expect(await search(acceptTask.record!.display.room as string)).toContain(acceptTask.id);
    expect(await search('师傅接单')).toContain(acceptTask.id);
    expect(await search('没有这样的工单')).toEqual([]);
    // His task shows whom he visits by name: the form's links come with their titles.
    const detail = await testApp.http().get(`/api/tasks/${acceptTask.id}`).set(techAuth).expect(200);
    expect(detail.body.record.values.requester).toBe(profile!.id);
    expect(detail.body.record.display.requester).toEqual(expect.any(String));
    expect(detail.body.record.display.requester).not.toBe(profile!.id);
    await completeTask(techAuth, acceptTask, {
      data: { appointmentAt: '2026-06-01T06:00:00.000Z' },
      comment: '下午两点上门',
    });
    await drainAutomation(testApp);
    const depart = await openTask(techAuth, 'depart', order.id);
    // On his way: the flow stamps 已出发 and the time; the status is not his to pick. His note for the
    // colleagues who come after him is internal: the tenant's track will not show it.
    await completeTask(techAuth, depart, {
      comment: '业主家有狗，上门前先电话',
      commentAudience: 'internal',
    });
    const [departed] = await query<{ status: string; departed: boolean }>(
      `SELECT status, "departedAt" IS NOT NULL AS departed FROM ${schema}."workOrder" WHERE _id = $1`,
      [order.id],
    );
    expect(departed).toEqual({ status: 'departed', departed: true });
    const complete = await openTask(techAuth, 'complete', order.id);
    // The tenant signs on the technician's phone: a signature is a stored file, kept whole (not as its id).
    const signature = (
      await testApp.http().post('/api/files').set(techAuth).attach('file', PNG, '签名.png').expect(201)
    ).body as { id: string };
    await completeTask(techAuth, complete, {
      data: {
        resolution: '更换马桶密封圈',
        firstVisitFix: true,
        visitCount: 1,
        laborCost: 80,
        chargeable: false,
        customerSignature: signature,
      },
      comment: '已修复',
    });
    const [signed] = await query<{ signature: { id: string } }>(
      `SELECT "customerSignature" AS signature FROM ${schema}."workOrder" WHERE _id = $1`,
      [order.id],
    );
    expect(signed!.signature).toMatchObject({ id: signature.id });

    // 4. The tenant is invited to rate, and rates.
    await drainAutomation(testApp);
    const invitations = await query<{ title: { 'zh-CN': string } }>(
      'SELECT title FROM notification WHERE user_id = $1',
      [tenant!.user_id],
    );
    expect(invitations.map((row) => row.title['zh-CN'])).toContain('您的报修已完成，请为本次服务评分');
    const rate = await openTask(tenantAuth, 'rate', order.id);
    // The rating is required at this step: a tap on submit without stars is refused, naming it.
    const unrated = await testApp
      .http()
      .post(`/api/tasks/${rate.id}/complete`)
      .set(tenantAuth)
      .send({ data: { ratingComment: '没选星' } })
      .expect(400);
    expect(unrated.body.error).toMatchObject({ code: 'RECORD_INVALID', details: [{ path: 'data.rating' }] });
    expect(unrated.body.error.message).toBe('记录中有 1 处填写不正确。');
    // A tenant is outside the company: no internal notes from them.
    const tenantNote = await testApp
      .http()
      .post(`/api/tasks/${rate.id}/complete`)
      .set(tenantAuth)
      .send({ data: { rating: 5 }, comment: '内部？', commentAudience: 'internal' })
      .expect(403);
    expect(tenantNote.body.error.details).toEqual([expect.objectContaining({ path: 'commentAudience' })]);
    await completeTask(tenantAuth, rate, { data: { rating: 5, ratingComment: '师傅很专业' } });
    await drainAutomation(testApp);

    // 5. Closed, with the track the requester sees, and the report counts one more completed repair.
    const closed = await testApp
      .http()
      .get(`${records('workOrder')}/${order.id}`)
      .set(tenantAuth)
      .expect(200);
    expect((closed.body as { values: Record<string, unknown> }).values).toEqual(
      expect.objectContaining({ status: 'closed', rating: 5, technician: accept!.assignees[0] }),
    );
    const instances = await testApp
      .http()
      .get(`/api/apps/property/entities/workOrder/records/${order.id}/flow-instances`)
      .set(tenantAuth)
      .expect(200);
    const [instance] = (
      instances.body as {
        items: { id: string; status: string; transitions: { to: { key: string } | null }[] }[];
      }
    ).items;
    expect(instance!.status).toBe('completed');
    const visited = instance!.transitions.map((transition) => transition.to?.key).filter(Boolean);
    for (const node of ['accept', 'depart', 'complete', 'rate', 'end']) expect(visited).toContain(node);
    // The tenant follows the steps people took for him, not the company's routing and automatic stamps.
    for (const node of ['routeByType', 'markDispatched', 'ratingCheck', 'close'])
      expect(visited).not.toContain(node);
    // The track shows the tenant what the technician told them, not his internal note nor his labour cost
    // (a field the tenant's role does not see on the work order); the admin sees both.
    const tenantTrack = JSON.stringify(instance);
    expect(tenantTrack).toContain('已修复');
    expect(tenantTrack).not.toContain('业主家有狗');
    expect(tenantTrack).not.toContain('laborCost');
    const adminTrack = (
      await testApp.http().get(`/api/flow-instances/${instance!.id}`).set(admin).expect(200)
    ).body as {
      transitions: {
        comment: string | null;
        commentAudience?: string;
        data: { data?: object };
        to: { key: string } | null;
      }[];
    };
    expect(adminTrack.transitions).toContainEqual(
      expect.objectContaining({ comment: '业主家有狗，上门前先电话', commentAudience: 'internal' }),
    );
    expect(adminTrack.transitions.some((entry) => 'laborCost' in (entry.data.data ?? {}))).toBe(true);
    expect(adminTrack.transitions.map((entry) => entry.to?.key)).toEqual(
      expect.arrayContaining(['routeByType', 'markDispatched', 'close']),
    );

    const after = await repairsReport();
    expect(after).toBe(before + 1);
  });

  /** Work orders of category plumbing in the service report (the dashboards' numbers). */
  async function repairsReport(): Promise<number> {
    const response = await testApp
      .http()
      .post('/api/apps/property/reports/preview')
      .set(admin)
      .send({
        report: {
          key: 'plumbingOrders',
          label: { 'zh-CN': '水暖工单', en: 'Plumbing orders' },
          entity: 'workOrder',
          chart: { type: 'kpi' },
          dimensions: [],
          measures: [{ key: 'orders', aggregate: 'count' }],
          filter: { '==': [{ var: 'record.category' }, 'plumbing'] },
        },
      })
      .expect(200);
    return Number((response.body as { rows: Record<string, unknown>[] }).rows[0]!.orders);
  }
});

/** What a file field stores: the uploaded file's reference (links are signed on every read). */
const fileValue = ({ id, name, size, mimeType }: Record<string, unknown>) => ({ id, name, size, mimeType });
