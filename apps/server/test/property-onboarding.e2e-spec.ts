import { propertyCompany } from './support/property-company';
import { clockOf, drainAutomation, type TestApp } from './support/test-app';

const PASSWORD = 'demo-password-onboarding';
/** The monthly property fee leasing agrees at review: the contract bills it by the payment cycle. */
const PROPERTY_FEE = 520.5;

interface Bill {
  id: string;
  type: string;
  amount: number;
  dueDate: string;
  status: string;
  paidAmount: number;
  paidOn: string | null;
  lateFeePolicy: string | null;
  lateFeeFrom: string | null;
  periodStart: string;
  butler?: string | null;
}

/**
 * A new tenant through the property template, with a clock moved by hand: the application is reviewed by
 * leasing, the contract prepared and signed by the applicant, then the flow creates the tenant profile and
 * the contract (named back on the application), the contract bills its term (rent and the property fee agreed
 * at review, each bill naming the room's butler), finance records the first rent, the deposit and the
 * prepaid property fees against those bills and confirms, and the butler hears of the new tenant. Then money:
 * payments settle bills and removing one reopens it, a rent paid after the grace period carries a per-day
 * late fee, a fixed-fee policy charges once when the grace period runs out, and a waiver settles a bill.
 */
describe('property template: onboarding a tenant, and the money that follows', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };
  let schema: string;
  let signInAs: (userId: string) => Promise<{ Authorization: string }>;

  beforeAll(async () => {
    // Monday 10:00 in Shanghai.
    ({ testApp, admin, schema, signInAs } = await propertyCompany(PASSWORD, '2026-06-01T02:00:00Z'));
  });
  afterAll(() => testApp.close());

  const query = <T>(sql: string, params: unknown[] = []) => testApp.database.query<T>(sql, params);
  const records = (entity: string) => `/api/apps/property/entities/${entity}/records`;
  const at = async (iso: string) => {
    clockOf(testApp).set(new Date(iso));
    await drainAutomation(testApp);
    await drainAutomation(testApp);
  };

  const memberWith = async (role: string) => {
    const [member] = await query<{ user_id: string }>(
      `SELECT m.user_id FROM workspace_member m JOIN app_user u ON u.id = m.user_id
        WHERE $1 = ANY(m.app_roles) ORDER BY u.username LIMIT 1`,
      [role],
    );
    return { id: member!.user_id, auth: await signInAs(member!.user_id) };
  };

  async function openTask(recordId: string, nodeKey: string) {
    await drainAutomation(testApp);
    const [task] = await query<{ id: string; assignees: string[] }>(
      `SELECT t.id, t.assignees FROM flow_task t JOIN flow_instance i ON i.id = t.instance_id
        WHERE i.record_id = $1 AND t.node_key = $2 AND t.status = 'open'`,
      [recordId, nodeKey],
    );
    if (!task) throw new Error(`no open task ${nodeKey}`);
    return task;
  }

  async function act(auth: { Authorization: string }, task: { id: string }, action: string, body = {}) {
    const response = await testApp.http().post(`/api/tasks/${task.id}/${action}`).set(auth).send(body);
    expect({
      action,
      status: response.status,
      body: response.status === 200 ? undefined : response.body,
    }).toEqual({ action, status: 200, body: undefined });
  }

  async function create(auth: { Authorization: string }, entity: string, values: Record<string, unknown>) {
    const response = await testApp.http().post(records(entity)).set(auth).send({ values });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body as { id: string; version: number; values: Record<string, unknown> };
  }

  const billsOf = (contract: string) =>
    query<Bill>(
      `SELECT _id AS id, type, amount::float8 AS amount, "dueDate"::text AS "dueDate", status,
              "paidAmount"::float8 AS "paidAmount", "paidOn"::text AS "paidOn", "lateFeePolicy",
              "lateFeeFrom"::text AS "lateFeeFrom", "periodStart"::text AS "periodStart", butler
         FROM ${schema}.bill WHERE contract = $1 AND _deleted_at IS NULL ORDER BY "periodStart", type`,
      [contract],
    );
  const billById = async (id: string) =>
    (
      await query<Bill>(
        `SELECT _id AS id, type, amount::float8 AS amount, status, "paidAmount"::float8 AS "paidAmount",
              "paidOn"::text AS "paidOn" FROM ${schema}.bill WHERE _id = $1`,
        [id],
      )
    )[0]!;

  /** Finance records a payment of the contract's tenant at `paidAt` (the clock moves there), and it settles. */
  async function pay(bill: string, amount: number, paidAt: string) {
    clockOf(testApp).set(new Date(paidAt));
    const payment = await create(finance.auth, 'payment', {
      bill,
      tenant: tenantId,
      amount,
      method: 'bank',
      paidAt,
    });
    await drainAutomation(testApp);
    await drainAutomation(testApp);
    return payment;
  }

  let contractId: string;
  let tenantId: string;
  let finance: { id: string; auth: { Authorization: string } };
  let policy: { id: string; graceDays: number };

  it('carries an application through review, signing and finance to a tenant, a contract and its bills', async () => {
    const [room] = await query<{ id: string; project: string; code: string }>(
      `SELECT _id AS id, project, code FROM ${schema}.room WHERE status = 'vacant' ORDER BY code LIMIT 1`,
    );
    [policy] = (await query<{ id: string; graceDays: number }>(
      `SELECT _id AS id, "graceDays"::int AS "graceDays" FROM ${schema}."lateFeePolicy" WHERE project = $1`,
      [room!.project],
    )) as [{ id: string; graceDays: number }];
    const applicant = await testApp
      .http()
      .post('/api/members')
      .set(admin)
      .send({ username: 'new.tenant', password: PASSWORD, displayName: '赵新', appRoles: ['tenant'] })
      .expect(201);
    const applicantId = (applicant.body as { id: string }).id;
    const leasing = await memberWith('leasing');
    finance = await memberWith('finance');
    const [butler] = await query<{ user_id: string }>(
      "SELECT user_id FROM workspace_member WHERE 'butler' = ANY(app_roles) ORDER BY user_id LIMIT 1",
    );

    const application = await create(leasing.auth, 'leaseApplication', {
      kind: 'person',
      applicantName: '赵新',
      idCard: '110101199003071233',
      phone: '13800138011',
      applicantAccount: applicantId,
      room: room!.id,
      project: room!.project,
      startDate: '2026-06-15',
      endDate: '2027-06-14',
      rent: 4650,
      deposit: 9300,
      paymentCycle: 'monthly',
    });

    // Leasing reviews: the agent, the butler and the project's late-fee policy are chosen here.
    const review = await openTask(application.id, 'review');
    const reviewer = await signInAs(review.assignees[0]!);
    if (review.assignees.length > 1) await act(reviewer, review, 'claim');
    await act(reviewer, review, 'approve', {
      data: {
        leasingAgent: leasing.id,
        butler: butler!.user_id,
        lateFeePolicy: policy.id,
        propertyFee: PROPERTY_FEE,
      },
      comment: '资料齐全',
    });
    const prepare = await openTask(application.id, 'prepareContract');
    const preparer = await signInAs(prepare.assignees[0]!);
    if (prepare.assignees.length > 1) await act(preparer, prepare, 'claim');
    await act(preparer, prepare, 'complete', { comment: '合同已发送' });

    // The applicant signs on their phone; the profile and the contract are created at once.
    const sign = await openTask(application.id, 'sign');
    expect(sign.assignees).toEqual([applicantId]);
    const applicantAuth = await signInAs(applicantId);
    await act(applicantAuth, sign, 'complete', { comment: '已阅读并同意' });
    await drainAutomation(testApp);

    const [named] = await query<{ tenant: string | null; contract: string | null }>(
      `SELECT tenant, contract FROM ${schema}."leaseApplication" WHERE _id = $1`,
      [application.id],
    );
    expect(named).toEqual({ tenant: expect.any(String), contract: expect.any(String) });
    contractId = named!.contract!;
    tenantId = named!.tenant!;
    const [tenant] = await query<{ name: string; account: string; butler: string }>(
      `SELECT name, account, butler FROM ${schema}.tenant WHERE _id = $1`,
      [named!.tenant],
    );
    expect(tenant).toEqual({ name: '赵新', account: applicantId, butler: butler!.user_id });
    const [contract] = await query<Record<string, unknown>>(
      `SELECT tenant, room, status, rent::float8 AS rent, "propertyFee"::float8 AS "propertyFee", "lateFeePolicy"
         FROM ${schema}.contract WHERE _id = $1`,
      [contractId],
    );
    expect(contract).toEqual({
      tenant: named!.tenant,
      room: room!.id,
      status: 'active',
      rent: 4650,
      propertyFee: PROPERTY_FEE,
      lateFeePolicy: policy.id,
    });

    // The room is leased to the new tenant.
    const [leased] = await query<{ status: string; currentTenant: string }>(
      `SELECT status, "currentTenant" FROM ${schema}.room WHERE _id = $1`,
      [room!.id],
    );
    expect(leased).toEqual({ status: 'leased', currentTenant: named!.tenant });

    // Its term is billed: twelve monthly rents (the last ends 06-14) and the deposit, rents under the policy.
    const bills = await billsOf(contractId);
    const rents = bills.filter((bill) => bill.type === 'rent');
    expect(rents).toHaveLength(12);
    expect(rents.every((bill) => bill.amount === 4650 && bill.status === 'unpaid')).toBe(true);
    expect(rents[0]).toMatchObject({
      dueDate: '2026-06-15',
      lateFeePolicy: policy.id,
      lateFeeFrom: addDays('2026-06-15', policy.graceDays + 1),
    });
    const deposit = bills.find((bill) => bill.type === 'deposit')!;
    expect(deposit).toMatchObject({ amount: 9300, status: 'unpaid', lateFeePolicy: null });
    // The property fee agreed at review is billed the same way, under the policy (it covers property fees).
    const propertyFees = bills.filter((bill) => bill.type === 'propertyFee');
    expect(propertyFees).toHaveLength(12);
    expect(propertyFees.every((bill) => bill.amount === PROPERTY_FEE && bill.status === 'unpaid')).toBe(true);
    expect(propertyFees[0]).toMatchObject({
      dueDate: '2026-06-15',
      lateFeePolicy: policy.id,
      lateFeeFrom: addDays('2026-06-15', policy.graceDays + 1),
    });
    // Every bill names the butler who looks after the room (the tenant's when the room names none), so
    // phone dunning and the payment notice reach a person.
    const [roomButler] = await query<{ butler: string | null }>(
      `SELECT butler FROM ${schema}.room WHERE _id = $1`,
      [room!.id],
    );
    const billButler = roomButler!.butler ?? butler!.user_id;
    expect(bills).toHaveLength(25);
    expect(bills.filter((bill) => bill.butler !== billButler)).toEqual([]);

    // Finance records the first rent and the deposit against those bills, then confirms.
    await pay(rents[0]!.id, 4650, '2026-06-01T03:00:00.000Z');
    await pay(deposit.id, 9300, '2026-06-01T03:00:00.000Z');
    expect(await billById(rents[0]!.id)).toMatchObject({
      status: 'paid',
      paidAmount: 4650,
      paidOn: '2026-06-01',
    });
    expect(await billById(deposit.id)).toMatchObject({ status: 'paid', paidAmount: 9300 });
    // The tenant prepays the year's property fee (the money tests below are about rent).
    for (const fee of propertyFees) await pay(fee.id, PROPERTY_FEE, '2026-06-01T03:00:00.000Z');
    expect(
      (await billsOf(contractId)).filter((bill) => bill.type === 'propertyFee' && bill.status !== 'paid'),
    ).toEqual([]);
    const deposits = await query<{ amount: number; status: string }>(
      `SELECT amount::float8 AS amount, status FROM ${schema}."depositRecord" WHERE contract = $1`,
      [contractId],
    );
    expect(deposits).toEqual([{ amount: 9300, status: 'received' }]);

    const confirm = await openTask(application.id, 'financeConfirm');
    const confirmer = await signInAs(
      confirm.assignees.includes(finance.id) ? finance.id : confirm.assignees[0]!,
    );
    // Any one of finance confirms (an or-sign): no claim.
    await act(confirmer, confirm, 'approve', { data: { firstRentReceived: true, depositReceived: true } });
    await drainAutomation(testApp);
    const [done] = await query<{ status: string }>(
      `SELECT status FROM ${schema}."leaseApplication" WHERE _id = $1`,
      [application.id],
    );
    expect(done!.status).toBe('completed');
    const [instance] = await query<{ status: string }>(
      "SELECT status FROM flow_instance WHERE record_id = $1 AND flow_key = 'onboarding'",
      [application.id],
    );
    expect(instance!.status).toBe('completed');
    const notices = await query<{ title: string; link: { kind: string; id: string } }>(
      `SELECT title->>'zh-CN' AS title, link FROM notification WHERE user_id = $1 AND title->>'zh-CN' LIKE '%交付钥匙%'`,
      [butler!.user_id],
    );
    // The butler learns who moves in where, and the notice opens the application.
    expect(notices).toEqual([
      {
        title: `新租户 赵新 已签约缴费（${room!.code}，起租 2026-06-15），请预约入住查验并交付钥匙`,
        link: expect.objectContaining({ kind: 'record', id: application.id }),
      },
    ]);
  });

  it('reopens a bill when its payment is removed, and settles a partly paid one', async () => {
    const [, second] = (await billsOf(contractId)).filter((bill) => bill.type === 'rent');
    const payment = await pay(second!.id, 1000, '2026-06-02T03:00:00.000Z');
    expect(await billById(second!.id)).toMatchObject({ status: 'partial', paidAmount: 1000 });
    await testApp
      .http()
      .delete(`${records('payment')}/${payment.id}`)
      .set(finance.auth)
      .expect(204);
    await drainAutomation(testApp);
    expect(await billById(second!.id)).toMatchObject({ status: 'unpaid', paidAmount: 0 });
  });

  it('charges a per-day late fee when a rent is paid after its grace period', async () => {
    const rents = (await billsOf(contractId)).filter((bill) => bill.type === 'rent');
    const july = rents[1]!; // due 07-15
    expect(july.dueDate).toBe('2026-07-15');
    // Overdue the day after; paid on 08-04: 20 days late, past the grace period.
    await at('2026-07-16T02:00:00Z');
    expect((await billById(july.id)).status).toBe('overdue');
    await pay(july.id, 4650, '2026-08-04T02:00:00.000Z');
    expect(await billById(july.id)).toMatchObject({ status: 'paid', paidOn: '2026-08-04' });
    const [rate] = await query<{ dailyRate: number; capPercent: number | null; cap: number | null }>(
      `SELECT "dailyRate"::float8 AS "dailyRate", "capPercent"::float8 AS "capPercent", cap::float8 AS cap
         FROM ${schema}."lateFeePolicy" WHERE _id = $1`,
      [policy.id],
    );
    // 4650 × 5 ‱ × 20 days = 46.50, under the 20 % cap (930).
    expect(rate).toEqual({ dailyRate: 5, capPercent: 20, cap: null });
    const fees = (await billsOf(contractId)).filter((bill) => bill.type === 'lateFee');
    expect(fees).toEqual([
      expect.objectContaining({
        amount: 46.5,
        status: 'unpaid',
        dueDate: '2026-08-11',
        periodStart: '2026-07-15',
      }),
    ]);
    // A rent paid within the grace period carries none.
    const august = rents[2]!; // due 08-15
    await pay(august.id, 4650, '2026-08-17T02:00:00.000Z');
    expect((await billById(august.id)).status).toBe('paid');
    expect((await billsOf(contractId)).filter((bill) => bill.type === 'lateFee')).toHaveLength(1);
  });

  it('charges a fixed late fee once when the grace period runs out, and a waiver settles a bill', async () => {
    // The project switches to a fixed fee of 200 (capped at 3 % of the arrears: 139.50).
    await testApp
      .http()
      .patch(`${records('lateFeePolicy')}/${policy.id}`)
      .set(admin)
      .send({
        version: await versionOf('lateFeePolicy', policy.id),
        values: { method: 'fixed', fixedAmount: 200, capPercent: 3 },
      })
      .expect(200);
    const september = (await billsOf(contractId)).filter((bill) => bill.type === 'rent')[3]!; // due 09-15
    expect(september.lateFeeFrom).toBe(addDays('2026-09-15', policy.graceDays + 1));
    // At 01:00 on the day late fees start: nothing yet. At 03:00: one fee.
    await at(`${addDays(september.lateFeeFrom!, -1)}T17:00:00Z`);
    const fees = async () => (await billsOf(contractId)).filter((bill) => bill.type === 'lateFee');
    expect(await fees()).toHaveLength(1);
    await at(`${addDays(september.lateFeeFrom!, -1)}T19:00:00Z`); // 03:00 in Shanghai
    expect((await fees()).map((bill) => bill.amount)).toEqual([46.5, 139.5]);
    await at(`${addDays(september.lateFeeFrom!, 3)}T19:00:00Z`);
    expect(await fees()).toHaveLength(2);

    // A waiver of the whole September rent, approved and applied: the bill is waived.
    const adjustment = await create(admin, 'feeAdjustment', {
      bill: september.id,
      tenant: tenantId,
      kind: 'waiver',
      amount: 4650,
      reason: 'hardship',
      detail: '租户家庭变故，经项目经理同意减免当月租金',
    });
    // Through its flow: a project manager approves (under 5,000 and no write-off: no finance countersign).
    const approval = await openTask(adjustment.id, 'managerApproval');
    const manager = await signInAs(approval.assignees[0]!);
    if (approval.assignees.length > 1) await act(manager, approval, 'claim');
    await act(manager, approval, 'approve', { comment: '同意减免' });
    await drainAutomation(testApp);
    expect(await billById(september.id)).toMatchObject({ status: 'waived', paidAmount: 0 });
    const [applied] = await query<{ status: string }>(
      `SELECT status FROM ${schema}."feeAdjustment" WHERE _id = $1`,
      [adjustment.id],
    );
    expect(applied!.status).toBe('applied');
  });

  async function versionOf(entity: string, id: string): Promise<number> {
    const response = await testApp
      .http()
      .get(`${records(entity)}/${id}`)
      .set(admin)
      .expect(200);
    return (response.body as { version: number }).version;
  }
});

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}
