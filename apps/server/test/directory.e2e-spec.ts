import { type AppDefinition } from '@lowcode/app-model';
import { addPeople, chain, flow, node, type Person } from './support/flow-fixtures';
import { bareApp } from './support/fixtures';
import { AutomationRunner } from '../src/jobs/automation-runner';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

const text = (value: string) => ({ 'zh-CN': value, en: value });

/** Requests that staff handle and the requester confirms; the requester's role is external (a tenant). */
function serviceApp(): AppDefinition {
  return bareApp('service', {
    entities: [
      {
        key: 'request',
        label: text('请求'),
        titleField: 'title',
        fields: [
          { key: 'title', type: 'text', label: text('标题') },
          { key: 'createdBy', type: 'createdBy', label: text('提交人') },
          // Handled by a member of staff: the picker offers them only, the server takes no one else.
          { key: 'handler', type: 'user', label: text('处理人'), roles: ['staff'] },
        ],
      },
    ],
    roles: [
      {
        key: 'staff',
        label: text('员工'),
        permissions: [{ entity: 'request', actions: ['read', 'update'] }],
      },
      {
        key: 'tenant',
        label: text('租户'),
        external: true,
        permissions: [{ entity: 'request', actions: ['read', 'create'] }],
      },
    ],
    flows: [
      flow(
        'confirm',
        'recordCreated',
        [
          node('start', 'start'),
          node('confirm', 'userTask', { assignee: { type: 'field', field: 'createdBy' } }),
          node('end', 'end'),
        ],
        chain('start', 'confirm', 'end'),
      ),
    ],
  });
}

describe('the directory is the company’s', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };
  let people: Record<string, Person>;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth: admin } = await loginAs(testApp));
    await testApp.http().post('/api/apps/import').set(admin).send(serviceApp()).expect(200);
    people = await addPeople(testApp, [
      { username: 'staff1', roles: ['staff'] },
      { username: 'tenant1', roles: ['tenant'] },
      { username: 'tenant2', roles: ['tenant'] },
      // Someone who is also staff is not outside the company.
      { username: 'both1', roles: ['tenant', 'staff'] },
    ]);
  });
  afterAll(() => testApp.close());

  const http = () => testApp.http();
  const usernames = async (auth: { Authorization: string }, q = '') =>
    ((await http().get('/api/users').query({ q }).set(auth).expect(200)).body as { username: string }[])
      .map((user) => user.username)
      .sort();

  it('shows a tenant only themself in the user directory, and no departments', async () => {
    const { tenant1, staff1, both1 } = people as Record<string, Person>;
    expect(await usernames(tenant1!.auth)).toEqual(['tenant1']);
    expect(await usernames(tenant1!.auth, 'tenant')).toEqual(['tenant1']);
    expect(await usernames(tenant1!.auth, 'staff')).toEqual([]);
    await http().get('/api/departments').set(tenant1!.auth).expect(403);

    expect(await usernames(staff1!.auth, 'tenant')).toEqual(['tenant1', 'tenant2']);
    expect(await usernames(both1!.auth, 'tenant')).toEqual(['tenant1', 'tenant2']);
    await http().get('/api/departments').set(staff1!.auth).expect(200);
  });

  it('offers and accepts only members of the roles a user field names', async () => {
    const { staff1, tenant1, both1 } = people as Record<string, Person>;
    const staffOnly = (
      (await http().get('/api/users').query({ q: '', appRoles: 'staff' }).set(admin).expect(200)).body as {
        username: string;
      }[]
    ).map((user) => user.username);
    expect(staffOnly.sort()).toEqual(['both1', 'staff1']);
    const records = '/api/apps/service/entities/request/records';
    const refused = await http()
      .post(records)
      .set(admin)
      .set('Accept-Language', 'zh-CN')
      .send({ values: { title: '换灯', handler: tenant1!.id } })
      .expect(400);
    expect(refused.body.error.details).toEqual([
      { path: 'handler', message: '处理人必须是本工作区中具有「员工」角色的成员' },
    ]);
    for (const handler of [staff1!.id, both1!.id])
      await http()
        .post(records)
        .set(admin)
        .send({ values: { title: '换灯', handler } })
        .expect(201);
  });

  it('lets a tenant act on their task but not hand it to someone else or send it back', async () => {
    const { tenant1, tenant2 } = people as Record<string, Person>;
    await http()
      .post('/api/apps/service/entities/request/records')
      .set(tenant1!.auth)
      .send({ values: { title: '门禁卡补办' } })
      .expect(201);
    await testApp.app.get(AutomationRunner).drain();
    const inbox = (await http().get('/api/tasks').query({ box: 'mine' }).set(tenant1!.auth).expect(200))
      .body as {
      items: { id: string }[];
    };
    const taskId = inbox.items[0]!.id;
    const task = (await http().get(`/api/tasks/${taskId}`).set(tenant1!.auth).expect(200)).body as {
      actions: string[];
    };
    expect(task.actions).toContain('complete');
    expect(task.actions).not.toContain('transfer');
    expect(task.actions).not.toContain('return');
    await http()
      .post(`/api/tasks/${taskId}/transfer`)
      .set(tenant1!.auth)
      .send({ to: tenant2!.id })
      .expect(403);
    await http()
      .post(`/api/tasks/${taskId}/return`)
      .set(tenant1!.auth)
      .send({ returnTo: 'start' })
      .expect(403);
    await http().post(`/api/tasks/${taskId}/complete`).set(tenant1!.auth).send({}).expect(200);
  });
});
