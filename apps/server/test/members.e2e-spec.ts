import { smallApp } from './support/fixtures';
import { ADMIN, createTestApp, loginAs, type TestApp } from './support/test-app';

type Auth = { Authorization: string };

interface Member {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: string;
  appRoles: string[];
  attributes: Record<string, unknown>;
  active: boolean;
  otherWorkspaces: number;
}

const workOrders = '/api/apps/propertyLite/entities/workOrder/records';

/** Members, their workspace role, app roles and attributes, managed by workspace admins over the API. */
describe('members API', () => {
  let testApp: TestApp;
  let admin: Auth;
  let adminId: string;
  const http = () => testApp.http();

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth: admin } = await loginAs(testApp));
    adminId = ((await http().get('/api/auth/me').set(admin).expect(200)).body as { user: { id: string } })
      .user.id;
    await http().post('/api/apps/import').set(admin).send(smallApp()).expect(200);
    // Members' department attributes name departments of the workspace.
    for (const [key, name] of [
      ['maintenance', '工程维修部'],
      ['office', '综合办公室'],
    ])
      await http().post('/api/departments').set(admin).send({ key, name }).expect(201);
  });
  afterAll(() => testApp.close());

  const add = (body: Record<string, unknown>, auth: Auth = admin) =>
    http().post('/api/members').set(auth).send(body);
  const patch = (userId: string, body: Record<string, unknown>, auth: Auth = admin) =>
    http().patch(`/api/members/${userId}`).set(auth).send(body);

  it('creates a user as a member with app roles and attributes, lists and filters them', async () => {
    const created = await add({
      username: 'li.ming',
      displayName: '李明',
      email: 'li.ming@example.com',
      password: 'first-password-1',
      appRoles: ['technician'],
      attributes: { projects: ['P01', ' P02 ', ''], department: 'maintenance', level: 3, onCall: true },
    }).expect(201);
    expect(created.body).toMatchObject({
      username: 'li.ming',
      displayName: '李明',
      email: 'li.ming@example.com',
      role: 'member',
      appRoles: ['technician'],
      attributes: { projects: ['P01', 'P02'], department: 'maintenance', level: 3, onCall: true },
      active: true,
      otherWorkspaces: 0,
    });
    await loginAs(testApp, { username: 'li.ming', password: 'first-password-1' });

    const all = (await http().get('/api/members').set(admin).expect(200)).body as {
      items: Member[];
      total: number;
    };
    expect(all.total).toBe(2);
    expect(all.items.map((member) => member.username).sort()).toEqual(['admin', 'li.ming']);
    const technicians = await http()
      .get('/api/members')
      .query({ appRole: 'technician' })
      .set(admin)
      .expect(200);
    expect(technicians.body.items.map((member: Member) => member.username)).toEqual(['li.ming']);
    const admins = await http().get('/api/members').query({ role: 'admin' }).set(admin).expect(200);
    expect(admins.body.items.map((member: Member) => member.username)).toEqual(['admin']);
    const searched = await http().get('/api/members').query({ q: '李' }).set(admin).expect(200);
    expect(searched.body.total).toBe(1);
    const byMail = await http().get('/api/members').query({ q: 'EXAMPLE.com' }).set(admin).expect(200);
    expect(byMail.body.total).toBe(1);
    const none = await http().get('/api/members').query({ q: '%' }).set(admin).expect(200);
    expect(none.body.total).toBe(0);

    const roles = await http().get('/api/members/app-roles').set(admin).expect(200);
    expect(roles.body).toEqual([
      expect.objectContaining({
        app: 'propertyLite',
        key: 'manager',
        label: { 'zh-CN': '项目经理', en: 'Project manager' },
      }),
      expect.objectContaining({ app: 'propertyLite', key: 'technician' }),
    ]);
  });

  it.each([
    [{ username: 'x', password: 'long-enough-1' }, 'username'],
    [{ username: 'new.one', password: 'short' }, 'password'],
    [{ username: 'new.one', password: 'long-enough-1', email: 'not-mail' }, 'email'],
    [{ username: 'new.one', password: 'long-enough-1', role: 'owner' }, 'role'],
    [{ username: 'new.one', password: 'long-enough-1', appRoles: 'technician' }, 'appRoles'],
    [
      { username: 'new.one', password: 'long-enough-1', attributes: { projects: [{ nested: 1 }] } },
      'attributes.projects[0]',
    ],
    [
      { username: 'new.one', password: 'long-enough-1', attributes: { nested: { a: 1 } } },
      'attributes.nested',
    ],
    [{ username: 'new.one', password: 'long-enough-1', attributes: { id: 'spoof' } }, 'attributes.id'],
    [
      { username: 'new.one', password: 'long-enough-1', attributes: { 'bad key': 'x' } },
      'attributes.bad key',
    ],
    [{ username: 'new.one', password: 'long-enough-1', isSystemAdmin: true }, 'isSystemAdmin'],
  ])('refuses an invalid new member %j, naming %s', async (body, path) => {
    const response = await add(body).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
    const count = await testApp.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM app_user WHERE username = 'new.one'`,
    );
    expect(count[0]!.n).toBe(0);
  });

  it('names an app role no app defines, and refuses duplicates', async () => {
    const unknown = await add({
      username: 'new.one',
      password: 'long-enough-1',
      appRoles: ['technician', 'janitor'],
    }).expect(400);
    expect(unknown.body.error).toMatchObject({
      code: 'APP_ROLE_UNKNOWN',
      details: [{ path: 'appRoles[1]' }],
    });
    expect(unknown.body.error.message).toContain('janitor');
    const taken = await add({ username: 'LI.MING', password: 'long-enough-1' }).expect(409);
    expect(taken.body.error.code).toBe('USERNAME_TAKEN');
    const existing = await add({ username: 'li.ming' }).expect(409);
    expect(existing.body.error.code).toBe('MEMBER_EXISTS');
    const missing = await add({ username: 'nobody.here' }).expect(404);
    expect(missing.body.error.code).toBe('MEMBER_USER_NOT_FOUND');
  });

  it('updates roles, attributes and the identity, and audits before and after', async () => {
    const member = (await http().get('/api/members').query({ q: 'li.ming' }).set(admin).expect(200)).body
      .items[0] as Member;
    const updated = await patch(member.id, {
      appRoles: ['technician', 'manager'],
      attributes: { projects: ['P03'], skills: ['electric', 'plumbing'] },
      displayName: '李明（电工）',
      email: '',
    }).expect(200);
    expect(updated.body).toMatchObject({
      appRoles: ['technician', 'manager'],
      attributes: { projects: ['P03'], skills: ['electric', 'plumbing'] },
      displayName: '李明（电工）',
      email: null,
    });
    const bad = await patch(member.id, { appRoles: ['ghost'] }).expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'appRoles[0]' })]);
    await patch(member.id, { attributes: { notes: 'x'.repeat(201) } }).expect(400);

    const log = await http().get('/api/audit').query({ action: 'member.updated' }).set(admin).expect(200);
    expect(log.body).toHaveLength(1);
    expect(log.body[0]).toMatchObject({
      target: 'li.ming',
      actorId: adminId,
      details: {
        userId: member.id,
        changed: ['appRoles', 'attributes', 'displayName', 'email'],
        before: { appRoles: ['technician'], email: 'li.ming@example.com' },
        after: { appRoles: ['technician', 'manager'], email: null },
      },
    });
    const added = await http().get('/api/audit').query({ action: 'member.added' }).set(admin).expect(200);
    expect(added.body[0]).toMatchObject({
      target: 'li.ming',
      details: { created: true, appRoles: ['technician'] },
    });
  });

  it('resets a password and deactivates a member, both taking effect at once', async () => {
    const member = (await http().get('/api/members').query({ q: 'li.ming' }).set(admin).expect(200)).body
      .items[0] as Member;
    const session = await loginAs(testApp, { username: 'li.ming', password: 'first-password-1' });
    await http()
      .post(`/api/members/${member.id}/password`)
      .set(admin)
      .send({ password: 'short' })
      .expect(400);
    await http()
      .post(`/api/members/${member.id}/password`)
      .set(admin)
      .send({ password: 'second-password-2' })
      .expect(204);
    await http()
      .post('/api/auth/login')
      .send({ username: 'li.ming', password: 'first-password-1' })
      .expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    const fresh = await loginAs(testApp, { username: 'li.ming', password: 'second-password-2' });

    await patch(member.id, { active: false }).expect(200);
    await http().get('/api/auth/me').set(fresh.auth).expect(401);
    await http()
      .post('/api/auth/login')
      .send({ username: 'li.ming', password: 'second-password-2' })
      .expect(401);
    await patch(member.id, { active: true }).expect(200);
    await http().get('/api/auth/me').set(fresh.auth).expect(200);

    const actions = (
      await http().get('/api/audit').query({ action: 'member.password_reset' }).set(admin).expect(200)
    ).body;
    expect(actions).toEqual([expect.objectContaining({ target: 'li.ming', details: { userId: member.id } })]);
  });

  it('forbids members who are not workspace admins', async () => {
    const { auth } = await loginAs(testApp, { username: 'li.ming', password: 'second-password-2' });
    await http().get('/api/members').set(auth).expect(403);
    await http().get('/api/members/app-roles').set(auth).expect(403);
    await add({ username: 'sneaky', password: 'long-enough-1' }, auth).expect(403);
    await patch(adminId, { role: 'member' }, auth).expect(403);
    await http().delete(`/api/members/${adminId}`).set(auth).expect(403);
    await http()
      .post(`/api/members/${adminId}/password`)
      .set(auth)
      .send({ password: 'long-enough-1' })
      .expect(403);
  });

  it('keeps the last admin: no demoting, deactivating or removing them', async () => {
    for (const change of [{ role: 'member' }, { active: false }]) {
      const response = await patch(adminId, change).set('Accept-Language', 'en').expect(409);
      expect(response.body.error.code).toBe('MEMBER_LAST_ADMIN');
      expect(response.body.error.message).toMatch(/last admin/);
    }
    await http().delete(`/api/members/${adminId}`).set(admin).expect(409);
    await patch(adminId, { attributes: { department: 'office' } }).expect(200);

    // With a second admin, the first may step down.
    const member = (await http().get('/api/members').query({ q: 'li.ming' }).set(admin).expect(200)).body
      .items[0] as Member;
    await patch(member.id, { role: 'admin' }).expect(200);
    await patch(adminId, { role: 'member' }).expect(200);
    const { auth: second } = await loginAs(testApp, { username: 'li.ming', password: 'second-password-2' });
    await http().get('/api/members').set(admin).expect(403);
    await patch(adminId, { role: 'admin' }, second).expect(200);
    await http().get('/api/members').set(admin).expect(200);
  });

  it('answers 404 for users of another workspace and guards their shared identity', async () => {
    const workspace = await http()
      .post('/api/workspaces')
      .set(admin)
      .send({ slug: 'other', name: 'Other' })
      .expect(201);
    const switched = await http().post(`/api/workspaces/${workspace.body.id}/switch`).set(admin).expect(200);
    const other: Auth = { Authorization: `Bearer ${switched.body.accessToken}` };
    const outsider = await add({ username: 'outsider', password: 'outsider-pass-1' }, other).expect(201);
    const outsiderId = outsider.body.id as string;

    await http().get(`/api/members/${outsiderId}`).set(admin).expect(404);
    await patch(outsiderId, { appRoles: ['technician'] }).expect(404);
    await http().delete(`/api/members/${outsiderId}`).set(admin).expect(404);
    await http()
      .post(`/api/members/${outsiderId}/password`)
      .set(admin)
      .send({ password: 'taken-over-1' })
      .expect(404);
    await http().get('/api/members/not-a-uuid').set(admin).expect(404);
    expect(
      (await http().get('/api/members').set(admin).expect(200)).body.items.map((m: Member) => m.username),
    ).not.toContain('outsider');

    // Added here too: roles are this workspace's business, the identity is not (li.ming is no system admin).
    await add({ username: 'outsider', appRoles: ['technician'] }).expect(201);
    const { auth: second } = await loginAs(testApp, { username: 'li.ming', password: 'second-password-2' });
    await patch(outsiderId, { appRoles: [] }, second).expect(200);
    const shared = await http()
      .post(`/api/members/${outsiderId}/password`)
      .set(second)
      .send({ password: 'taken-over-1' })
      .expect(409);
    expect(shared.body.error.code).toBe('MEMBER_SHARED_IDENTITY');
    await patch(outsiderId, { active: false }, second).expect(409);

    await http().delete(`/api/members/${outsiderId}`).set(admin).expect(204);
    await http().get(`/api/members/${outsiderId}`).set(admin).expect(404);
    const removed = await http().get('/api/audit').query({ action: 'member.removed' }).set(admin).expect(200);
    expect(removed.body).toEqual([expect.objectContaining({ target: 'outsider' })]);
    await http().get(`/api/members/${outsiderId}`).set(other).expect(200);
  });

  it('changes what the records API shows a member as soon as their app role changes', async () => {
    const technician = await add({
      username: 'wang.gong',
      displayName: '王工',
      password: 'tech-password-1',
    }).expect(201);
    const technicianId = technician.body.id as string;
    const rooms = await http().get('/api/apps/propertyLite/entities/room/records').set(admin).expect(200);
    const room = rooms.body.items[0].id as string;
    const order = (title: string, assignee: string) =>
      http()
        .post(workOrders)
        .set(admin)
        .send({ values: { title, category: 'plumbing', room, technician: assignee } })
        .expect(201);
    await order('漏水 A', technicianId);
    await order('漏水 B', technicianId);
    await order('跳闸', adminId);

    const { auth } = await loginAs(testApp, { username: 'wang.gong', password: 'tech-password-1' });
    await http().get(workOrders).set(auth).expect(403);

    await patch(technicianId, { appRoles: ['technician'] }).expect(200);
    const mine = await http().get(workOrders).set(auth).expect(200);
    expect(mine.body.items.map((item: { values: { title: string } }) => item.values.title).sort()).toEqual([
      '漏水 A',
      '漏水 B',
    ]);

    await patch(technicianId, { appRoles: ['manager'] }).expect(200);
    const managed = await http().get(workOrders).set(auth).expect(200);
    expect(managed.body.items.length).toBeGreaterThanOrEqual(3);

    await http().delete(`/api/members/${technicianId}`).set(admin).expect(204);
    await http().get(workOrders).set(auth).expect(401);
  });

  it('keeps the default admin able to sign in', async () => {
    await loginAs(testApp, ADMIN);
  });
});
