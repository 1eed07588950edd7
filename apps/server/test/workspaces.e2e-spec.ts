import { UsersService } from '../src/users/users.service';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { smallApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

describe('workspaces and isolation', () => {
  let testApp: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth: admin } = await loginAs(testApp));
  });
  afterAll(() => testApp.close());

  async function createMember(username: string, workspaceSlug: string, role: 'admin' | 'member') {
    const user = await testApp.app.get(UsersService).create({ username, password: `${username}-password` });
    const workspace = await testApp.app.get(WorkspacesService).findBySlug(workspaceSlug);
    await testApp.app.get(WorkspacesService).addMember(workspace!.id, user.id, role);
    return loginAs(testApp, { username, password: `${username}-password` });
  }

  it('lets a system admin create a workspace and switch into it; its apps are its own', async () => {
    const created = await testApp
      .http()
      .post('/api/workspaces')
      .set(admin)
      .send({ slug: 'sunshine', name: '阳光物业' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'sunshine', role: 'admin' });

    const mine = await testApp.http().get('/api/workspaces').set(admin).expect(200);
    expect((mine.body as { slug: string }[]).map((workspace) => workspace.slug)).toEqual([
      'default',
      'sunshine',
    ]);

    await testApp.http().post('/api/apps/import').set(admin).send(smallApp()).expect(200);
    const switched = await testApp
      .http()
      .post(`/api/workspaces/${created.body.id}/switch`)
      .set(admin)
      .expect(200);
    expect(switched.body.workspace.slug).toBe('sunshine');
    const inSunshine = { Authorization: `Bearer ${switched.body.accessToken}` };
    expect((await testApp.http().get('/api/apps').set(inSunshine).expect(200)).body).toEqual([]);
    await testApp.http().get(`/api/apps/${smallApp().key}`).set(inSunshine).expect(404);
    await testApp.http().get(`/api/apps/${smallApp().key}/export`).set(inSunshine).expect(404);
  });

  it('refuses a duplicate or malformed slug with a clear error', async () => {
    const duplicate = await testApp
      .http()
      .post('/api/workspaces')
      .set(admin)
      .send({ slug: 'sunshine', name: 'x' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('WORKSPACE_SLUG_TAKEN');
    const malformed = await testApp
      .http()
      .post('/api/workspaces')
      .set(admin)
      .send({ slug: 'Bad Slug!', name: '' });
    expect(malformed.status).toBe(400);
    const paths = (malformed.body.error.details as { path: string }[]).map((detail) => detail.path).sort();
    expect(paths).toEqual(['name', 'slug']);
  });

  it('lets members preview but not import or delete apps, nor create workspaces', async () => {
    const member = await createMember('clerk', 'default', 'member');
    await testApp.http().get('/api/apps').set(member.auth).expect(200);
    await testApp.http().post('/api/apps/import?dryRun=true').set(member.auth).send(smallApp()).expect(200);
    const imported = await testApp
      .http()
      .post('/api/apps/import')
      .set(member.auth)
      .send(smallApp())
      .expect(403);
    expect(imported.body.error.code).toBe('FORBIDDEN');
    await testApp.http().delete(`/api/apps/${smallApp().key}`).set(member.auth).expect(403);
    await testApp
      .http()
      .post('/api/workspaces')
      .set(member.auth)
      .send({ slug: 'mine', name: 'x' })
      .expect(403);
  });

  it('does not let a user switch into a workspace they are not a member of', async () => {
    const outsider = await createMember('outsider', 'default', 'member');
    const sunshine = await testApp.app.get(WorkspacesService).findBySlug('sunshine');
    const response = await testApp
      .http()
      .post(`/api/workspaces/${sunshine!.id}/switch`)
      .set(outsider.auth)
      .expect(404);
    expect(response.body.error.code).toBe('WORKSPACE_NOT_FOUND');
    await testApp.http().post('/api/workspaces/not-a-uuid/switch').set(outsider.auth).expect(400);
  });

  it('takes a removed membership into account at once', async () => {
    const leaver = await createMember('leaver', 'default', 'member');
    await testApp.database.query(
      "DELETE FROM workspace_member WHERE user_id = (SELECT id FROM app_user WHERE username = 'leaver')",
    );
    await testApp.http().get('/api/apps').set(leaver.auth).expect(401);
  });
});
