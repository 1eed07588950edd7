import { type AppDefinition, type FieldDefinition, type RuleDefinition } from '@lowcode/app-model';
import { bareApp } from './support/fixtures';
import { createTestApp, drainAutomation, loginAs, type TestApp } from './support/test-app';

interface RecordBody {
  id: string;
  version: number;
  values: Record<string, unknown>;
}

const label = (text: string) => ({ 'zh-CN': text, en: text });
const relation = (key: string, entity: string, multiple = false): FieldDefinition => ({
  key,
  type: 'relation',
  label: label(key),
  relation: { entity, ...(multiple ? { multiple } : {}) },
});

/**
 * Formulas over other rows: a contract's rent is its room's area (a lookup) × a price; a bill's outstanding
 * amount is its amount less its payments (a rollup); a reminder flags a bill whose outstanding amount (a
 * formula, through a lookup) is large; a node's depth is its parent's depth + 1 (formulas reading each other
 * along one entity).
 */
function leasingApp(): AppDefinition {
  const entity = (key: string, fields: FieldDefinition[]) => ({
    key,
    label: label(key),
    titleField: fields[0]!.key,
    fields,
  });
  return bareApp('leasing', {
    entities: [
      entity('room', [
        { key: 'name', type: 'text', label: label('name') },
        { key: 'area', type: 'number', label: label('area') },
      ]),
      entity('contract', [
        { key: 'name', type: 'text', label: label('name') },
        relation('room', 'room'),
        { key: 'price', type: 'money', label: label('price') },
        {
          key: 'roomArea',
          type: 'lookup',
          label: label('roomArea'),
          lookup: { relation: 'room', field: 'area' },
        },
        {
          key: 'rent',
          type: 'formula',
          label: label('rent'),
          resultType: 'money',
          expression: { '*': [{ var: ['record.roomArea', 0] }, { var: ['record.price', 0] }] },
        },
      ]),
      entity('bill', [
        { key: 'name', type: 'text', label: label('name') },
        { key: 'amount', type: 'money', label: label('amount') },
        {
          key: 'paid',
          type: 'rollup',
          label: label('paid'),
          rollup: { entity: 'payment', relation: 'bill', aggregate: 'sum', field: 'amount' },
        },
        {
          key: 'outstanding',
          type: 'formula',
          label: label('outstanding'),
          resultType: 'money',
          expression: { '-': [{ var: ['record.amount', 0] }, { var: ['record.paid', 0] }] },
        },
      ]),
      entity('payment', [
        { key: 'name', type: 'text', label: label('name') },
        relation('bill', 'bill'),
        { key: 'amount', type: 'money', label: label('amount') },
      ]),
      entity('reminder', [
        { key: 'name', type: 'text', label: label('name') },
        relation('bills', 'bill', true),
        {
          key: 'owed',
          type: 'lookup',
          label: label('owed'),
          lookup: { relation: 'bills', field: 'outstanding' },
        },
        {
          key: 'urgent',
          type: 'formula',
          label: label('urgent'),
          resultType: 'boolean',
          expression: { some: [{ var: 'record.owed' }, { '>': [{ var: '' }, 1000] }] },
        },
      ]),
      entity('node', [
        { key: 'name', type: 'text', label: label('name') },
        relation('parent', 'node'),
        {
          key: 'parentDepth',
          type: 'lookup',
          label: label('parentDepth'),
          lookup: { relation: 'parent', field: 'depth' },
        },
        {
          key: 'depth',
          type: 'formula',
          label: label('depth'),
          resultType: 'number',
          expression: { if: [{ var: 'record.parent' }, { '+': [{ var: 'record.parentDepth' }, 1] }, 0] },
        },
      ]),
    ],
    rules: [
      {
        key: 'flagUrgent',
        label: label('Flag an urgent reminder'),
        trigger: { type: 'fieldChanged', entity: 'reminder', fields: ['urgent'] },
        condition: { '==': [{ var: 'record.urgent' }, true] },
        actions: [
          {
            key: 'mark',
            type: 'updateRecord',
            values: { name: { cat: [{ var: 'record.name' }, ' (urgent)'] } },
          },
        ],
      },
    ] as RuleDefinition[],
  });
}

describe('formulas over other rows', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth } = await loginAs(testApp));
    await http().post('/api/apps/import').set(auth).send(leasingApp()).expect(200);
  });
  afterAll(() => testApp.close());

  const http = () => testApp.http();
  const base = (entity: string) => `/api/apps/leasing/entities/${entity}/records`;
  const create = async (entity: string, values: Record<string, unknown>) =>
    (await http().post(base(entity)).set(auth).send({ values }).expect(201)).body as RecordBody;
  const read = async (entity: string, id: string) =>
    (
      await http()
        .get(`${base(entity)}/${id}`)
        .set(auth)
        .expect(200)
    ).body as RecordBody;
  const patch = async (entity: string, id: string, values: Record<string, unknown>) => {
    const { version } = await read(entity, id);
    return (
      await http()
        .patch(`${base(entity)}/${id}`)
        .set(auth)
        .send({ version, values })
        .expect(200)
    ).body as RecordBody;
  };
  const settled = async () => drainAutomation(testApp);

  it('computes a formula over a lookup as the record is written, and again when the relation moves', async () => {
    const small = await create('room', { name: 'A-101', area: 50 });
    const large = await create('room', { name: 'A-102', area: 80 });
    const contract = await create('contract', { name: 'HT-1', room: small.id, price: 30 });
    expect(contract.values).toMatchObject({ roomArea: 50, rent: 1500 });
    const moved = await patch('contract', contract.id, { room: large.id });
    expect(moved.values).toMatchObject({ roomArea: 80, rent: 2400 });
    await settled();
    // Right when written: nothing left to recompute.
    const history = (
      await http()
        .get(`${base('contract')}/${contract.id}/history`)
        .set(auth)
        .expect(200)
    ).body as { source: string }[];
    expect(history.map((entry) => entry.source)).toEqual(['api', 'api']);
    // Several at once (an import's batch), each with its own room.
    const bulk = (
      await http()
        .post(`${base('contract')}/bulk`)
        .set(auth)
        .send({
          create: [
            { name: 'HT-1a', room: small.id, price: 2 },
            { name: 'HT-1b', room: large.id, price: 3 },
            { name: 'HT-1c', price: 3 },
          ],
        })
        .expect(200)
    ).body as { created: { id: string }[] };
    const rents = await Promise.all(
      bulk.created.map(async ({ id }) => (await read('contract', id)).values.rent),
    );
    expect(rents).toEqual([100, 240, null]);
    // Restored after its room was re-measured: the formula catches up.
    await http()
      .delete(`${base('contract')}/${contract.id}`)
      .set(auth)
      .expect(204);
    await patch('room', large.id, { area: 90 });
    await http()
      .post(`${base('contract')}/${contract.id}/restore`)
      .set(auth)
      .expect(200);
    await settled();
    expect((await read('contract', contract.id)).values).toMatchObject({ roomArea: 90, rent: 2700 });
  });

  it('recomputes the formulas of the records whose lookup shows a changed field, and says so in their history', async () => {
    const room = await create('room', { name: 'B-201', area: 40 });
    const contracts = await Promise.all(
      ['HT-2', 'HT-3'].map((name) => create('contract', { name, room: room.id, price: 10 })),
    );
    const other = await create('contract', { name: 'HT-4', price: 10 });
    await settled();

    await patch('room', room.id, { area: 45.5 });
    // Renaming the room changes no area: nothing to recompute.
    await patch('room', room.id, { name: 'B-201 (east)' });
    await settled();
    for (const contract of contracts)
      expect((await read('contract', contract.id)).values).toMatchObject({ roomArea: 45.5, rent: 455 });
    // No room, no area: no rent (an empty input gives an empty result, not 0).
    expect((await read('contract', other.id)).values).toMatchObject({ rent: null });

    const history = (
      await http()
        .get(`${base('contract')}/${contracts[0]!.id}/history`)
        .set(auth)
        .expect(200)
    ).body as { source: string; actor: unknown; changes: { field: string; from: unknown; to: unknown }[] }[];
    expect(history.at(-1)).toMatchObject({ source: 'formula', actor: null, version: contracts[0]!.version });
    // The stored search text still holds the record's own fields.
    const found = (await http().get(base('contract')).query({ q: 'HT-2' }).set(auth).expect(200)).body as {
      items: RecordBody[];
    };
    expect(found.items.map((item) => item.values.name)).toEqual(['HT-2']);
    const rentChanges = history.flatMap((entry) => entry.changes.filter((change) => change.field === 'rent'));
    // Written with its room's area, then recomputed when the room changed: the history tells both.
    expect(rentChanges.map((change) => [change.from, change.to])).toEqual([
      [null, 400],
      [400, 455],
    ]);
  });

  it('keeps a formula over a rollup true as payments come, move to another bill and go', async () => {
    const january = await create('bill', { name: '2026-01', amount: 3000 });
    const february = await create('bill', { name: '2026-02', amount: 3000 });
    await settled();
    expect((await read('bill', january.id)).values).toMatchObject({ paid: null, outstanding: 3000 });

    const first = await create('payment', { name: 'P1', bill: january.id, amount: 1000 });
    const second = await create('payment', { name: 'P2', bill: january.id, amount: 500 });
    await settled();
    expect((await read('bill', january.id)).values).toMatchObject({ paid: 1500, outstanding: 1500 });

    // Booked against the wrong month: both bills change.
    await patch('payment', second.id, { bill: february.id });
    await settled();
    expect((await read('bill', january.id)).values).toMatchObject({ outstanding: 2000 });
    expect((await read('bill', february.id)).values).toMatchObject({ outstanding: 2500 });

    await http()
      .delete(`${base('payment')}/${first.id}`)
      .set(auth)
      .expect(204);
    await settled();
    expect((await read('bill', january.id)).values).toMatchObject({ paid: null, outstanding: 3000 });
    await http()
      .post(`${base('payment')}/${first.id}/restore`)
      .set(auth)
      .expect(200);
    await settled();
    expect((await read('bill', january.id)).values).toMatchObject({ outstanding: 2000 });

    // Lists filter on the stored value.
    const owing = (
      await http()
        .get(base('bill'))
        .query({ filter: JSON.stringify({ '>': [{ var: 'outstanding' }, 2200] }) })
        .set(auth)
        .expect(200)
    ).body as { items: RecordBody[] };
    expect(owing.items.map((bill) => bill.values.name)).toEqual(['2026-02']);
  });

  it('carries a recomputed formula on to the formulas that look it up, and rules see the change', async () => {
    const bill = await create('bill', { name: '2026-03', amount: 900 });
    const reminder = await create('reminder', { name: 'R1', bills: [bill.id] });
    await settled();
    expect((await read('reminder', reminder.id)).values).toMatchObject({ owed: [900], urgent: false });

    // The bill's amount grows: its outstanding amount (a formula) changes, and so does the reminder's flag.
    await patch('bill', bill.id, { amount: 1900 });
    await settled();
    // A rule on the flag sees the recomputed value as any change.
    expect((await read('reminder', reminder.id)).values).toMatchObject({
      owed: [1900],
      urgent: true,
      name: 'R1 (urgent)',
    });
    // A payment reaches the reminder through the bill's rollup and formula.
    await create('payment', { name: 'P3', bill: bill.id, amount: 1500 });
    await settled();
    expect((await read('reminder', reminder.id)).values).toMatchObject({ owed: [400], urgent: false });
  });

  it('stops where formulas read themselves along one entity instead of looping', async () => {
    const root = await create('node', { name: 'root' });
    const child = await create('node', { name: 'child', parent: root.id });
    await settled();
    expect((await read('node', root.id)).values).toMatchObject({ depth: 0 });
    expect((await read('node', child.id)).values).toMatchObject({ depth: 1 });
    const grandchild = await create('node', { name: 'grandchild', parent: child.id });
    await settled();
    expect((await read('node', grandchild.id)).values).toMatchObject({ depth: 2 });
    // Moving the child under the grandchild would be a cycle of depths; the chain stops after one round.
    await patch('node', child.id, { parent: grandchild.id });
    await settled();
    expect((await read('node', child.id)).values).toMatchObject({ depth: 3 });
  });
});
