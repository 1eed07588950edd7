import { type AppDefinition } from '@lowcode/app-model';
import { DataSource } from 'typeorm';
import { AutomationRunner } from '../src/jobs/automation-runner';
import { showcaseBusiest } from '../src/templates/demo-users';
import { addPeople, chain, flow, node } from './support/flow-fixtures';
import { bareApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

const text = (value: string) => ({ 'zh-CN': value, en: value });

/** Orders a flow hands to one named technician. */
function ordersApp(): AppDefinition {
  return bareApp('orders', {
    entities: [
      {
        key: 'order',
        label: text('工单'),
        titleField: 'title',
        fields: [{ key: 'title', type: 'text', label: text('标题') }],
      },
    ],
    roles: [
      {
        key: 'technician',
        label: text('维修师傅'),
        permissions: [{ entity: 'order', actions: ['read', 'update'] }],
      },
    ],
    flows: [
      flow(
        'fix',
        'recordCreated',
        [
          node('start', 'start'),
          node('fix', 'userTask', { assignee: { type: 'user', users: ['technician2'] } }),
          node('end', 'end'),
        ],
        chain('start', 'fix', 'end'),
        'order',
      ),
    ],
  });
}

/**
 * The README sends people to technician1 for orders to accept; who the demo's flows dispatched to is known
 * only after they ran, so the login goes to the busiest technician then.
 */
describe('the demo’s showcase login', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('gives technician1 to the technician with the most open tasks, swapping the two logins', async () => {
    const { auth: admin } = await loginAs(testApp);
    const people = await addPeople(testApp, [
      { username: 'technician1', roles: ['technician'] },
      { username: 'technician2', roles: ['technician'] },
    ]);
    const imported = await testApp.http().post('/api/apps/import').set(admin).send(ordersApp());
    expect(imported.body.error).toBeUndefined();
    for (const title of ['换灯泡', '修水管'])
      await testApp
        .http()
        .post('/api/apps/orders/entities/order/records')
        .set(admin)
        .send({ values: { title } })
        .expect(201);
    await testApp.app.get(AutomationRunner).drain();
    const [{ workspace_id: workspaceId } = { workspace_id: '' }] = await testApp.database.query<{
      workspace_id: string;
    }>(`SELECT workspace_id FROM workspace_member WHERE user_id = $1`, [people.technician2!.id]);

    await showcaseBusiest(testApp.app.get(DataSource).manager, workspaceId, 'technician');
    const logins = await testApp.database.query<{ id: string; username: string }>(
      `SELECT id, username FROM app_user WHERE id = ANY($1::uuid[]) ORDER BY username`,
      [[people.technician1!.id, people.technician2!.id]],
    );
    expect(logins).toEqual([
      { id: people.technician2!.id, username: 'technician1' },
      { id: people.technician1!.id, username: 'technician2' },
    ]);
    // Again: technician1 is the busiest now, and nothing changes.
    await showcaseBusiest(testApp.app.get(DataSource).manager, workspaceId, 'technician');
    expect(
      (
        await testApp.database.query<{ username: string }>('SELECT username FROM app_user WHERE id = $1', [
          people.technician2!.id,
        ])
      )[0],
    ).toEqual({ username: 'technician1' });
  });
});
