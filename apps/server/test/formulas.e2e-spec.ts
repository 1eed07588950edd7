import { type AppDefinition, type FieldDefinition, type FormulaField } from '@lowcode/app-model';
import { bareApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

interface RecordBody {
  id: string;
  version: number;
  values: Record<string, unknown>;
}

const label = (text: string) => ({ 'zh-CN': text, en: text });
const formula = (
  key: string,
  resultType: 'number' | 'boolean',
  expression: Record<string, unknown>,
): FormulaField => ({ key, type: 'formula', label: label(key), resultType, expression });

/** An order with a quantity, a formula over it, and lines whose amount is a formula over their row. */
function ordersApp(): AppDefinition {
  const fields: FieldDefinition[] = [
    { key: 'name', type: 'text', label: label('Name') },
    { key: 'qty', type: 'number', label: label('Qty') },
    formula('double', 'number', { '*': [{ var: 'record.qty' }, 2] }),
    {
      key: 'lines',
      type: 'subTable',
      label: label('Lines'),
      fields: [
        { key: 'quantity', type: 'number', label: label('Quantity') },
        { key: 'unitPrice', type: 'money', label: label('Unit price') },
        formula('amount', 'number', { '*': [{ var: 'row.quantity' }, { var: ['row.unitPrice', 0] }] }),
      ],
    },
    formula('total', 'number', {
      reduce: [{ var: 'record.lines' }, { '+': [{ var: 'accumulator' }, { var: 'current.amount' }] }, 0],
    }),
  ];
  return bareApp('orders', {
    entities: [{ key: 'order', label: label('Order'), titleField: 'name', fields }],
  });
}

/** A field of the order, to change in place. */
const field = (definition: AppDefinition, key: string) =>
  definition.entities[0]!.fields.find((candidate) => candidate.key === key) as unknown as Record<
    string,
    unknown
  >;

describe('formulas', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };
  const base = '/api/apps/orders/entities/order/records';

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth } = await loginAs(testApp));
    await importApp(ordersApp()).expect(200);
  });
  afterAll(() => testApp.close());

  const http = () => testApp.http();
  const importApp = (definition: AppDefinition) => http().post('/api/apps/import').set(auth).send(definition);
  const read = async (id: string) =>
    (await http().get(`${base}/${id}`).set(auth).expect(200)).body as RecordBody;

  it('fills the formula columns of sub-table rows, and the formulas that read them, at every write', async () => {
    const created = (
      await http()
        .post(base)
        .set(auth)
        .send({ values: { name: 'A', qty: 3, lines: [{ quantity: 2, unitPrice: 35 }, { quantity: 1 }] } })
        .expect(201)
    ).body as RecordBody;
    expect(created.values).toMatchObject({
      double: 6,
      lines: [
        { quantity: 2, unitPrice: 35, amount: 70 },
        { quantity: 1, amount: 0 },
      ],
      total: 70,
    });
    // A patch that replaces the rows recomputes them; a row that sends its amount is refused by name.
    const patched = (
      await http()
        .patch(`${base}/${created.id}`)
        .set(auth)
        .send({ version: created.version, values: { lines: [{ quantity: 4, unitPrice: 10 }] } })
        .expect(200)
    ).body as RecordBody;
    expect(patched.values).toMatchObject({ lines: [{ quantity: 4, unitPrice: 10, amount: 40 }], total: 40 });
    const refused = await http()
      .patch(`${base}/${created.id}`)
      .set(auth)
      .set('Accept-Language', 'en')
      .send({ version: patched.version, values: { lines: [{ quantity: 1, unitPrice: 1, amount: 999 }] } })
      .expect(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'lines[0].amount' })]);
  });

  it('imports an exported record back: its rows bring their amounts, which are computed again', async () => {
    const only = { filter: JSON.stringify({ '==': [{ var: 'name' }, 'A'] }) };
    const exported = await http()
      .get(`${base}/export`)
      .query({ ...only, format: 'csv' })
      .set(auth)
      .expect(200);
    expect(exported.text).toContain('amount');
    const imported = await http()
      .post(`${base}/import`)
      .set(auth)
      .field('mode', 'allOrNothing')
      .attach('file', Buffer.from(exported.text, 'utf8'), 'orders.csv')
      .expect(200);
    expect(imported.body).toMatchObject({ imported: 1, invalid: 0 });
    const copies = (await http().get(base).query(only).set(auth).expect(200)).body as { items: RecordBody[] };
    expect(copies.items.map((copy) => copy.values.lines)).toEqual([
      [{ quantity: 4, unitPrice: 10, amount: 40 }],
      [{ quantity: 4, unitPrice: 10, amount: 40 }],
    ]);
  });

  it('stores what changed formulas give on every existing record when an upgrade changes them', async () => {
    // Enough records for three batches of the recompute, one of them deleted.
    const values = Array.from({ length: 1100 }, (_, index) => ({
      name: `order ${index}`,
      qty: index,
      lines: [{ quantity: index, unitPrice: 2 }],
    }));
    const created: { id: string }[] = [];
    for (let from = 0; from < values.length; from += 1000) {
      const response = await http()
        .post(`${base}/bulk`)
        .set(auth)
        .send({ create: values.slice(from, from + 1000) })
        .expect(200);
      created.push(...(response.body as { created: { id: string }[] }).created);
    }
    const [sample, deleted] = [created[7]!.id, created[8]!.id];
    await http().delete(`${base}/${deleted}`).set(auth).expect(204);
    const before = await read(sample);
    const historyRows = async () =>
      (
        await testApp.database.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM record_change WHERE entity_key = 'order'`,
        )
      )[0]!.count;
    const changesBefore = await historyRows();

    // A label alone changes no result: nothing is recomputed.
    const relabelled = ordersApp();
    field(relabelled, 'double').label = { 'zh-CN': '两倍', en: 'Twice' };
    const unchanged = await importApp(relabelled).expect(200);
    expect(unchanged.body.formulasRecomputed).toEqual([]);

    // A rewritten formula, a row formula rewritten, and a new formula.
    const upgraded = ordersApp();
    field(upgraded, 'double').expression = { '*': [{ var: 'record.qty' }, 3] };
    const lines = field(upgraded, 'lines') as { fields: Record<string, unknown>[] };
    lines.fields[2]!.expression = { '*': [{ var: 'row.quantity' }, { var: ['row.unitPrice', 0] }, 10] };
    upgraded.entities[0]!.fields.push(formula('large', 'boolean', { '>': [{ var: 'record.total' }, 1000] }));
    const imported = await importApp(upgraded).expect(200);
    expect(imported.body.formulasRecomputed).toEqual([{ entity: 'order', checked: 1102, changed: 1102 }]);

    const after = await read(sample);
    expect(after.values).toMatchObject({
      double: 21,
      lines: [{ quantity: 7, unitPrice: 2, amount: 140 }],
      total: 140,
      large: false,
    });
    // Derived values: the record keeps its version and gains no history row.
    expect(after.version).toBe(before.version);
    expect(await historyRows()).toBe(changesBefore);
    // A deleted record too: restored, it shows what its formulas give now.
    await http().post(`${base}/${deleted}/restore`).set(auth).expect(200);
    expect((await read(deleted)).values).toMatchObject({ double: 24, total: 160, large: false });
  });
});
