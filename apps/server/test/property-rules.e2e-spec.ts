import { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { clockOf, createTestApp, drainAutomation, loginAs, type TestApp } from './support/test-app';

const PASSWORD = 'demo-password-rules';

/**
 * The property template's own rules with a clock moved by hand: the third consecutive bad rating of an
 * owner alerts the project manager and opens a care task for the butler; a bill 30 days overdue with more
 * than 5,000 outstanding becomes a legal to-do (and an e-mail when SMTP is set), once.
 */
describe('property template rules', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };
  let schema: string;

  const mails: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      stream.on('end', () => {
        mails.push(text);
        callback();
      });
    },
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    testApp = await createTestApp({ demoScale: 0.02, demoPassword: PASSWORD, smtpUrl });
    ({ auth: admin } = await loginAs(testApp));
    clockOf(testApp).set(new Date('2026-05-31T02:00:00Z')); // 10:00 on 05-31: that day's runs are past
    await testApp.http().post('/api/templates/property/install?demo=true').set(admin).expect(200);
    const [app] = await query<{ storage_schema: string }>(
      "SELECT storage_schema FROM app WHERE key = 'property'",
    );
    schema = `"${app!.storage_schema}"`;
    await drainAutomation(testApp);
  });
  afterAll(async () => {
    await testApp.close();
    smtp.close();
  });

  const query = <T>(sql: string, params: unknown[] = []) => testApp.database.query<T>(sql, params);
  const records = (entity: string) => `/api/apps/property/entities/${entity}/records`;

  it('compiles every rule of the template against it: none is broken', async () => {
    const rules = (await testApp.http().get('/api/apps/property/rules').set(admin).expect(200)).body as {
      key: string;
      broken?: string;
    }[];
    expect(rules.length).toBeGreaterThan(20);
    expect(rules.filter((rule) => rule.broken).map((rule) => `${rule.key}: ${rule.broken}`)).toEqual([]);
  });

  it('alerts the manager and opens a care task for the butler on the third consecutive bad rating', async () => {
    const [tenant] = await query<{ id: string; project: string; butler: string; name: string }>(
      `SELECT t._id AS id, r.project, t.butler, t.name FROM ${schema}.tenant t
         JOIN ${schema}.contract c ON c.tenant = t._id JOIN ${schema}.room r ON r._id = c.room
        WHERE t.butler IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${schema}.rating x WHERE x.tenant = t._id) LIMIT 1`,
    );
    const rate = async (csat: number, minute: number) =>
      create('rating', {
        tenant: tenant!.id,
        project: tenant!.project,
        serviceLine: 'repair',
        status: 'answered',
        csat,
        answeredAt: `2026-06-01T02:${String(minute).padStart(2, '0')}:00.000Z`,
        comment: '维修拖延',
      });
    const careTasks = () =>
      query<{ owner: string; risk: string; title: string }>(
        `SELECT owner, risk, title FROM ${schema}."careTask" WHERE tenant = $1`,
        [tenant!.id],
      );

    await rate(1, 1);
    await rate(2, 2);
    await drainAutomation(testApp);
    expect(await careTasks()).toEqual([]);

    await rate(1, 3);
    await drainAutomation(testApp);
    expect(await careTasks()).toEqual([
      { owner: tenant!.butler, risk: 'high', title: `连续差评关怀：${tenant!.name}` },
    ]);
    const alerts = await query<{ user_id: string }>(
      "SELECT user_id FROM notification WHERE source->>'rule' = 'consecutiveBadRatings'",
    );
    // Only the manager of the owner's project: the others may not read this owner's ratings.
    const managers = await query<{ user_id: string; own: boolean }>(
      `SELECT user_id, attributes->'projects' ? $1 AS own FROM workspace_member
        WHERE 'projectManager' = ANY(app_roles)`,
      [tenant!.project],
    );
    expect(managers.filter((row) => !row.own).length).toBeGreaterThan(0);
    expect(alerts.map((row) => row.user_id).sort()).toEqual(
      managers
        .filter((row) => row.own)
        .map((row) => row.user_id)
        .sort(),
    );
    expect(alerts.length).toBeGreaterThan(0);

    // A good rating breaks the streak: the next bad one starts counting again.
    await rate(5, 4);
    await rate(1, 5);
    await drainAutomation(testApp);
    expect(await careTasks()).toHaveLength(1);
  });

  it('turns a bill 30 days overdue with more than 5,000 outstanding into one legal to-do', async () => {
    // Every unpaid bill due on 2026-05-02 is 30 days overdue at 09:00 on 2026-06-01.
    const [bill] = await query<{ id: string }>(
      `SELECT _id AS id FROM ${schema}.bill WHERE status IN ('unpaid', 'partial', 'overdue') LIMIT 1`,
    );
    await query(
      `UPDATE ${schema}.bill SET "dueDate" = '2026-05-02', amount = 9000, "paidAmount" = 0, outstanding = 9000 WHERE _id = $1`,
      [bill!.id],
    );
    const due = await query<{ id: string }>(
      `SELECT _id AS id FROM ${schema}.bill
        WHERE "dueDate" = '2026-05-02' AND status IN ('unpaid', 'partial', 'overdue') AND outstanding > 5000 AND _deleted_at IS NULL`,
    );
    expect(due.map((row) => row.id)).toContain(bill!.id);

    clockOf(testApp).set(new Date('2026-06-01T01:05:00Z')); // 09:05 in Shanghai
    await drainAutomation(testApp);
    await drainAutomation(testApp);
    const legal = await query<{ record_id: string }>(
      `SELECT record_id FROM flow_task WHERE source->>'rule' = 'arrearsToLegal' AND kind = 'standalone'`,
    );
    expect(legal.map((row) => row.record_id).sort()).toEqual(due.map((row) => row.id).sort());
    // …and legal hears of each by e-mail.
    const lawyers = await query<{ email: string }>(
      `SELECT u.email FROM workspace_member m JOIN app_user u ON u.id = m.user_id WHERE 'legal' = ANY(m.app_roles)`,
    );
    expect(lawyers.length).toBeGreaterThan(0);
    const legalMails = mails.filter((mail) => mail.includes('5000'));
    expect(legalMails).toHaveLength(due.length);
    for (const { email } of lawyers) expect(legalMails[0]).toContain(email);

    // The next day's run does not repeat it.
    clockOf(testApp).set(new Date('2026-06-02T01:05:00Z'));
    await drainAutomation(testApp);
    const again = await query<{ record_id: string }>(
      `SELECT record_id FROM flow_task WHERE source->>'rule' = 'arrearsToLegal' AND record_id = $1`,
      [bill!.id],
    );
    expect(again).toHaveLength(1);
  });

  it('greets owners on their birthday at 09:00 and tells their butler', async () => {
    const [owner] = await query<{ id: string; butler: string }>(
      `SELECT _id AS id, butler FROM ${schema}.tenant WHERE kind = 'person' AND butler IS NOT NULL LIMIT 1`,
    );
    await query(`UPDATE ${schema}.tenant SET birthday = '1988-06-03' WHERE _id = $1`, [owner!.id]);
    clockOf(testApp).set(new Date('2026-06-03T01:05:00Z')); // 09:05 on 06-03
    await drainAutomation(testApp);
    const told = await query<{ user_id: string; link: { id: string } }>(
      "SELECT user_id, link FROM notification WHERE source->>'rule' = 'birthdayGreeting' AND link->>'id' = $1",
      [owner!.id],
    );
    expect(told).toEqual([{ user_id: owner!.butler, link: expect.objectContaining({ id: owner!.id }) }]);
  });

  it('asks the project managers to reorder a spare part that falls below its safety stock, once', async () => {
    const [part] = await query<{ id: string; safety: number }>(
      `SELECT _id AS id, "safetyStock"::float AS safety FROM ${schema}."sparePart"
        WHERE stock >= "safetyStock" AND "safetyStock" > 1 LIMIT 1`,
    );
    const current = await testApp
      .http()
      .get(`${records('sparePart')}/${part!.id}`)
      .set(admin)
      .expect(200);
    const setStock = (version: number, stock: number) =>
      testApp
        .http()
        .patch(`${records('sparePart')}/${part!.id}`)
        .set(admin)
        .send({ version, values: { stock } })
        .expect(200);
    const updated = await setStock((current.body as { version: number }).version, part!.safety - 1);
    await drainAutomation(testApp);
    // Falling further while already below is not news.
    await setStock((updated.body as { version: number }).version, 0);
    await drainAutomation(testApp);
    const tasks = await query<{ record_id: string }>(
      "SELECT record_id FROM flow_task WHERE source->>'rule' = 'lowStock'",
    );
    expect(tasks).toEqual([{ record_id: part!.id }]);
    const alerts = await query<{ count: number }>(
      "SELECT count(DISTINCT link->>'id')::int AS count FROM notification WHERE source->>'rule' = 'lowStock'",
    );
    expect(alerts[0]!.count).toBe(1);
  });

  /** Creates a record through the API (so rules see it) and returns its id and version. */
  async function create(entity: string, values: Record<string, unknown>) {
    const response = await testApp.http().post(records(entity)).set(admin).send({ values });
    if (response.status !== 201) throw new Error(`create ${entity}: ${JSON.stringify(response.body)}`);
    return response.body as { id: string; version: number };
  }
  async function patch(
    entity: string,
    record: { id: string; version: number },
    values: Record<string, unknown>,
  ) {
    const response = await testApp
      .http()
      .patch(`${records(entity)}/${record.id}`)
      .set(admin)
      .send({ version: record.version, values });
    if (response.status !== 200) throw new Error(`patch ${entity}: ${JSON.stringify(response.body)}`);
    return response.body as { id: string; version: number };
  }

  it('bills a contract that takes effect for its whole term: escalated on anniversaries, the last period prorated', async () => {
    const [room] = await query<{ id: string; project: string }>(
      `SELECT _id AS id, project FROM ${schema}.room WHERE status = 'vacant' LIMIT 1`,
    );
    const [tenant] = await query<{ id: string }>(`SELECT _id AS id FROM ${schema}.tenant LIMIT 1`);
    const contract = await create('contract', {
      room: room!.id,
      tenant: tenant!.id,
      project: room!.project,
      status: 'pendingSign',
      signedOn: '2026-06-20',
      startDate: '2026-07-01',
      endDate: '2028-08-15',
      rent: 5000,
      propertyFee: 300,
      deposit: 10000,
      paymentCycle: 'quarterly',
      dueDay: 10,
      escalationType: 'percent',
      escalationValue: 5,
      escalationEveryMonths: 12,
      escalationBasis: 'compound',
      escalationMin: 100,
      escalationMax: 400,
    });
    await drainAutomation(testApp);
    const bills = () =>
      query<{
        id: string;
        type: string;
        periodStart: string;
        periodEnd: string;
        dueDate: string;
        amount: number;
      }>(
        `SELECT _id AS id, type, "periodStart"::text, "periodEnd"::text, "dueDate"::text, amount::float AS amount
           FROM ${schema}.bill WHERE contract = $1 ORDER BY type, "periodStart"`,
        [contract.id],
      );
    expect(await bills()).toEqual([]); // signing is not taking effect

    await patch('contract', contract, { status: 'active' });
    await drainAutomation(testApp);
    const all = await bills();
    const rent = all.filter((bill) => bill.type === 'rent');
    // Worked by hand: 5,000 a month for the first year; +5 % (250, within 100–400) from 2027-07-01; +5 % of
    // 5,250 (262.50) from 2028-07-01. Quarters from the start; the last runs 07-01 … 08-15: 1 + 15/31 months.
    expect(rent.map((bill) => [bill.periodStart, bill.periodEnd, bill.dueDate, bill.amount])).toEqual([
      ['2026-07-01', '2026-09-30', '2026-06-21', 15000],
      ['2026-10-01', '2026-12-31', '2026-09-21', 15000],
      ['2027-01-01', '2027-03-31', '2026-12-22', 15000],
      ['2027-04-01', '2027-06-30', '2027-03-22', 15000],
      ['2027-07-01', '2027-09-30', '2027-06-21', 15750],
      ['2027-10-01', '2027-12-31', '2027-09-21', 15750],
      ['2028-01-01', '2028-03-31', '2027-12-22', 15750],
      ['2028-04-01', '2028-06-30', '2028-03-22', 15750],
      ['2028-07-01', '2028-08-15', '2028-06-21', 8179.84], // 5,512.50 × 1.483871
    ]);
    const fees = all.filter((bill) => bill.type === 'propertyFee').map((bill) => bill.amount);
    expect(fees).toEqual([900, 900, 900, 900, 900, 900, 900, 900, 445.16]);
    const deposit = all.filter((bill) => bill.type === 'deposit');
    expect(deposit).toMatchObject([{ amount: 10000, periodStart: '2026-07-01', dueDate: '2026-06-20' }]);

    // Another save of the active contract bills nothing twice.
    const [again] = await query<{ version: number }>(
      `SELECT _version AS version FROM ${schema}.contract WHERE _id = $1`,
      [contract.id],
    );
    await patch('contract', { id: contract.id, version: again!.version }, { terms: '补充条款' });
    await drainAutomation(testApp);
    expect(await bills()).toHaveLength(all.length);

    // The deposit paid in full goes into the deposit ledger.
    const [depositBill] = await query<{ version: number }>(
      `SELECT _version AS version FROM ${schema}.bill WHERE _id = $1`,
      [deposit[0]!.id],
    );
    await patch(
      'bill',
      { id: deposit[0]!.id, version: depositBill!.version },
      { status: 'paid', paidAmount: 10000, paidOn: '2026-06-25' },
    );
    await drainAutomation(testApp);
    const ledger = await query<{ amount: number; status: string; receivedOn: string }>(
      `SELECT amount::float AS amount, status, "receivedOn"::text FROM ${schema}."depositRecord" WHERE contract = $1`,
      [contract.id],
    );
    expect(ledger).toEqual([{ amount: 10000, status: 'received', receivedOn: '2026-06-25' }]);
  });

  it('takes the parts of a completed work order out of stock, once, and the reorder rule follows', async () => {
    const [part] = await query<{ id: string; safety: number }>(
      `SELECT _id AS id, "safetyStock"::float AS safety FROM ${schema}."sparePart"
        WHERE "safetyStock" > 2 AND NOT EXISTS (SELECT 1 FROM flow_task t WHERE t.record_id = "sparePart"._id) LIMIT 1`,
    );
    const [partNow] = await query<{ version: number }>(
      `SELECT _version AS version FROM ${schema}."sparePart" WHERE _id = $1`,
      [part!.id],
    );
    // Two above safety stock; two orders take 1.5 each, completed one after the other.
    await patch('sparePart', { id: part!.id, version: partNow!.version }, { stock: part!.safety + 2 });
    await drainAutomation(testApp);
    const [project] = await query<{ id: string }>(`SELECT _id AS id FROM ${schema}.project LIMIT 1`);
    const orders = [];
    for (const title of ['更换水龙头', '更换角阀'])
      orders.push(
        await create('workOrder', {
          type: 'repair',
          channel: 'app',
          project: project!.id,
          category: 'plumbing',
          priority: 'normal',
          title,
          status: 'inProgress',
          reportedAt: '2026-06-03T02:00:00.000Z',
          partsUsed: [{ part: part!.id, quantity: 1.5, unitPrice: 20 }],
        }),
      );
    await drainAutomation(testApp);
    for (const order of orders) {
      const [current] = await query<{ version: number }>(
        `SELECT _version AS version FROM ${schema}."workOrder" WHERE _id = $1`,
        [order.id],
      );
      await patch(
        'workOrder',
        { id: order.id, version: current!.version },
        { status: 'completed', completedAt: '2026-06-03T06:00:00.000Z' },
      );
    }
    await drainAutomation(testApp);
    await drainAutomation(testApp);

    const [after] = await query<{ stock: number }>(
      `SELECT stock::float AS stock FROM ${schema}."sparePart" WHERE _id = $1`,
      [part!.id],
    );
    expect(after!.stock).toBe(part!.safety - 1);
    const movements = await query<{ workOrder: string; direction: string; quantity: number }>(
      `SELECT "workOrder", direction, quantity::float AS quantity FROM ${schema}."stockMovement" WHERE part = $1 AND "workOrder" = ANY($2::uuid[])`,
      [part!.id, orders.map((order) => order.id)],
    );
    expect(movements.map((row) => [row.workOrder, row.direction, row.quantity]).sort()).toEqual(
      orders.map((order) => [order.id, 'out', 1.5]).sort(),
    );
    const reorder = await query<{ record_id: string }>(
      "SELECT record_id FROM flow_task WHERE source->>'rule' = 'lowStock' AND record_id = $1",
      [part!.id],
    );
    expect(reorder).toHaveLength(1);
  });

  it('marks a bill not paid in full overdue at 01:00 the day after it falls due', async () => {
    const [bill] = await query<{ id: string }>(
      `SELECT _id AS id FROM ${schema}.bill WHERE status = 'unpaid' AND "dueDate" > '2026-07-01' LIMIT 1`,
    );
    await query(
      `UPDATE ${schema}.bill SET "dueDate" = '2026-06-10', "reminderDate" = '2026-06-03' WHERE _id = $1`,
      [bill!.id],
    );
    const status = async () =>
      (await query<{ status: string }>(`SELECT status FROM ${schema}.bill WHERE _id = $1`, [bill!.id]))[0]!
        .status;
    clockOf(testApp).set(new Date('2026-06-10T16:55:00Z')); // 00:55 on 06-11 in Shanghai
    await drainAutomation(testApp);
    expect(await status()).toBe('unpaid');
    clockOf(testApp).set(new Date('2026-06-10T17:05:00Z')); // 01:05
    await drainAutomation(testApp);
    expect(await status()).toBe('overdue');
  });

  it("bills a room meter's reading to the room's tenant, shared usage included, reading two relations away", async () => {
    const [meter] = await query<{
      id: string;
      room: string;
      tenant: string;
      price: number;
      multiplier: number;
    }>(
      `SELECT m._id AS id, m.room, r."currentTenant" AS tenant, m."unitPrice"::float8 AS price,
              coalesce(m.multiplier, 1)::float8 AS multiplier
         FROM ${schema}.meter m JOIN ${schema}.room r ON r._id = m.room
        WHERE NOT coalesce(m.shared, false) AND r."currentTenant" IS NOT NULL ORDER BY m.code LIMIT 1`,
    );
    const reading = await create('meterReading', {
      meter: meter!.id,
      period: '2026-05',
      readOn: '2026-05-31',
      previous: 12_000,
      current: 12_480.5,
      sharedUsage: 19.5,
    });
    await drainAutomation(testApp);
    // (12,480.5 − 12,000 + 19.5) × unit price × multiplier, to the cent.
    const expected = Math.round(500 * meter!.price * meter!.multiplier * 100) / 100;
    const [charged] = await query<{ amount: number }>(
      `SELECT amount::float8 AS amount FROM ${schema}."meterReading" WHERE _id = $1`,
      [reading.id],
    );
    expect(charged!.amount).toBe(expected);
    const bills = await query<Record<string, unknown>>(
      `SELECT tenant, amount::float8 AS amount, "periodStart"::text AS "periodStart", "periodEnd"::text AS "periodEnd",
              "dueDate"::text AS "dueDate", status
         FROM ${schema}.bill WHERE room = $1 AND type = 'utilities' AND "periodEnd" = '2026-05-31'`,
      [meter!.room],
    );
    expect(bills).toContainEqual({
      tenant: meter!.tenant,
      amount: expected,
      periodStart: '2026-05-01',
      periodEnd: '2026-05-31',
      dueDate: '2026-06-15',
      status: 'unpaid',
    });
  });

  it('ends the lease when a notice to vacate is completed: contract terminated, room to let, deposit to return', async () => {
    const [lease] = await query<{ contract: string; room: string; tenant: string; deposit: string }>(
      `SELECT c._id AS contract, c.room, c.tenant, d._id AS deposit
         FROM ${schema}.contract c
         JOIN ${schema}."depositRecord" d ON d.contract = c._id AND d.status = 'received'
         JOIN ${schema}.room r ON r._id = c.room AND r.status = 'leased'
        WHERE c.status = 'active' ORDER BY c.no LIMIT 1`,
    );
    const { id } = await create('leaseNotice', {
      kind: 'noticeToVacate',
      contract: lease!.contract,
      tenant: lease!.tenant,
      room: lease!.room,
      noticeDate: '2026-05-31',
      effectiveDate: '2026-06-30',
      status: 'sent',
    });
    for (const status of ['accepted', 'completed']) {
      const current = await testApp
        .http()
        .get(`${records('leaseNotice')}/${id}`)
        .set(admin)
        .expect(200);
      await testApp
        .http()
        .patch(`${records('leaseNotice')}/${id}`)
        .set(admin)
        .send({ version: (current.body as { version: number }).version, values: { status } })
        .expect(200);
      await drainAutomation(testApp);
    }
    const [after] = await query<Record<string, unknown>>(
      `SELECT c.status AS contract, r.status AS room, r."currentTenant" AS tenant, d.status AS deposit
         FROM ${schema}.contract c, ${schema}.room r, ${schema}."depositRecord" d
        WHERE c._id = $1 AND r._id = $2 AND d._id = $3`,
      [lease!.contract, lease!.room, lease!.deposit],
    );
    expect(after).toEqual({ contract: 'terminated', room: 'toLet', tenant: null, deposit: 'returning' });
  });

  it("allocates a shared meter's charge over its building by floor area, billing each occupied room (and its butler)", async () => {
    const [meter] = await query<{ id: string; building: string; price: number; multiplier: number }>(
      `SELECT _id AS id, building, "unitPrice"::float8 AS price, coalesce(multiplier, 1)::float8 AS multiplier
         FROM ${schema}.meter WHERE shared AND allocation = 'byArea' ORDER BY code LIMIT 1`,
    );
    const rooms = await query<{ id: string; area: number; tenant: string | null; butler: string | null }>(
      `SELECT _id AS id, area::float8 AS area, "currentTenant" AS tenant, butler FROM ${schema}.room
        WHERE building = $1 AND _deleted_at IS NULL`,
      [meter!.building],
    );
    const totalArea = rooms.reduce((sum, room) => sum + room.area, 0);
    await create('meterReading', {
      meter: meter!.id,
      period: '2026-05',
      readOn: '2026-05-30',
      previous: 50_000,
      current: 51_000,
    });
    await drainAutomation(testApp);
    const charge = 1000 * meter!.price * meter!.multiplier;
    const bills = await query<{ room: string; tenant: string; amount: number; butler: string | null }>(
      `SELECT room, tenant, amount::float8 AS amount, butler FROM ${schema}.bill
        WHERE type = 'utilities' AND "periodEnd" = '2026-05-30' AND room = ANY($1::uuid[])`,
      [rooms.map((room) => room.id)],
    );
    const occupied = rooms.filter((room) => room.tenant);
    expect(occupied.length).toBeGreaterThan(0);
    expect(bills).toHaveLength(occupied.length);
    for (const room of occupied)
      expect(bills).toContainEqual({
        room: room.id,
        tenant: room.tenant,
        amount: Math.round(((charge * room.area) / totalArea) * 100) / 100,
        // Each bill names its room's butler, whom dunning sends to phone.
        butler: room.butler,
      });
    // Vacant rooms' shares are the company's: the tenants pay less than the whole charge.
    const billed = bills.reduce((sum, bill) => sum + bill.amount, 0);
    expect(billed).toBeLessThanOrEqual(charge + 0.01 * bills.length);
  });

  it('starts a maintenance plan when due and moves its next due date on by its cycle', async () => {
    const [plan] = await query<{ id: string }>(
      `SELECT _id AS id FROM ${schema}."maintenancePlan" WHERE active AND cycle = 'monthly' ORDER BY name LIMIT 1`,
    );
    // Last done a month before it is due on 06-30 (the demo company's dates follow the real calendar).
    await query(
      `UPDATE ${schema}."maintenancePlan" SET "lastDone" = '2026-05-30', "nextDue" = '2026-06-30' WHERE _id = $1`,
      [plan!.id],
    );
    clockOf(testApp).set(new Date('2026-06-29T23:05:00Z')); // 07:05 on 06-30
    await drainAutomation(testApp);
    await drainAutomation(testApp);
    const [after] = await query<{ nextDue: string }>(
      `SELECT "nextDue"::text AS "nextDue" FROM ${schema}."maintenancePlan" WHERE _id = $1`,
      [plan!.id],
    );
    expect(after!.nextDue).toBe('2026-07-30');
    const started = await query(
      "SELECT 1 FROM flow_instance WHERE record_id = $1 AND flow_key = 'periodicMaintenance'",
      [plan!.id],
    );
    expect(started).toHaveLength(1);
  });
});
