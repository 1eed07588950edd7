import { type AppDefinition } from '@lowcode/app-model';
import { AutomationRunner } from '../src/jobs/automation-runner';
import { addPeople, chain, flow, node, type Person } from './support/flow-fixtures';
import { bareApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

const text = (value: string) => ({ 'zh-CN': value, en: value });

/** A key handover: when a lease is signed, the flow tells the butlers who moves into which room. */
function handoverApp(): AppDefinition {
  return bareApp('handover', {
    entities: [
      {
        key: 'room',
        label: text('房间'),
        titleField: 'code',
        fields: [{ key: 'code', type: 'text', label: text('房号') }],
      },
      {
        key: 'lease',
        label: text('租约'),
        titleField: 'tenantName',
        fields: [
          { key: 'tenantName', type: 'text', label: text('租户') },
          { key: 'room', type: 'relation', label: text('房间'), relation: { entity: 'room' } },
        ],
      },
    ],
    roles: [{ key: 'butler', label: text('管家'), permissions: [{ entity: 'lease', actions: ['read'] }] }],
    flows: [
      flow(
        'signed',
        'recordCreated',
        [
          node('start', 'start'),
          node('tellButler', 'action', {
            action: {
              type: 'notify',
              to: { type: 'role', role: 'butler' },
              template: {
                'zh-CN': '{{record.tenantName}} 已签约 {{record.room}}，请预约交房',
                en: '{{record.tenantName}} signed for {{record.room}}; book the handover',
              },
            },
          }),
          node('end', 'end'),
        ],
        chain('start', 'tellButler', 'end'),
        'lease',
      ),
    ],
  });
}

describe('a flow’s notification', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };
  let people: Record<string, Person>;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth: admin } = await loginAs(testApp));
    await testApp.http().post('/api/apps/import').set(admin).send(handoverApp()).expect(200);
    people = await addPeople(testApp, [{ username: 'butler1', roles: ['butler'] }]);
  });
  afterAll(() => testApp.close());

  it('names the tenant and the room by their titles, and opens the record it is about', async () => {
    const records = (entity: string) => `/api/apps/handover/entities/${entity}/records`;
    const room = (
      await testApp
        .http()
        .post(records('room'))
        .set(admin)
        .send({ values: { code: '1-1203' } })
    ).body as { id: string };
    const lease = (
      await testApp
        .http()
        .post(records('lease'))
        .set(admin)
        .send({ values: { tenantName: '张三', room: room.id } })
        .expect(201)
    ).body as { id: string };
    await testApp.app.get(AutomationRunner).drain();
    const [notification] = (
      await testApp.http().get('/api/notifications').set(people.butler1!.auth).expect(200)
    ).body as { title: Record<string, string>; link: Record<string, string> }[];
    expect(notification!.title['zh-CN']).toBe('张三 已签约 1-1203，请预约交房');
    expect(notification!.link).toEqual({ kind: 'record', app: 'handover', entity: 'lease', id: lease.id });
  });
});
