import { DataSource } from 'typeorm';
import { type AssigneeContext } from '@lowcode/flow-engine';
import { type AssigneeScope, FlowAssignees } from '../src/flows/services/flow-assignees.service';
import { PeopleService } from '../src/people/people.service';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

type Auth = { Authorization: string };

/** The organisation: departments in a tree, named by key in attributes, assignments and record fields. */
describe('departments', () => {
  let testApp: TestApp;
  let admin: Auth;
  let member: Auth;
  let memberId: string;
  const http = () => testApp.http();
  const create = (body: Record<string, unknown>, auth: Auth = admin) =>
    http().post('/api/departments').set(auth).send(body);
  const list = async () =>
    (await http().get('/api/departments').set(admin).expect(200)).body as Array<{
      key: string;
      name: string;
      parentKey: string | null;
      version: number;
      memberCount: number;
      manager: { id: string; displayName: string } | null;
    }>;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth: admin } = await loginAs(testApp));
    const added = await http()
      .post('/api/members')
      .set(admin)
      .send({ username: 'wang.gong', displayName: '王工', password: 'plumber-password-1' })
      .expect(201);
    memberId = added.body.id as string;
    ({ auth: member } = await loginAs(testApp, { username: 'wang.gong', password: 'plumber-password-1' }));
  });
  afterAll(() => testApp.close());

  it('builds a tree that everyone reads and only admins change, with clear errors', async () => {
    await create({ key: 'operations', name: '运营中心', sortOrder: 1 }).expect(201);
    await create({ key: 'engineering', name: '工程部', parentKey: 'operations', managerId: memberId }).expect(
      201,
    );
    await create({ key: 'plumbing', name: '水电组', parentKey: 'engineering' }).expect(201);

    const departments = await list();
    expect(departments.map((d) => [d.key, d.parentKey])).toEqual(
      expect.arrayContaining([
        ['operations', null],
        ['engineering', 'operations'],
        ['plumbing', 'engineering'],
      ]),
    );
    expect(departments.find((d) => d.key === 'engineering')!.manager).toEqual({
      id: memberId,
      displayName: '王工',
    });
    // A member reads the directory (pickers show names) but does not change it.
    expect((await http().get('/api/departments').set(member).expect(200)).body).toHaveLength(3);
    await create({ key: 'finance', name: '财务部' }, member).expect(403);

    const errors = async (body: Record<string, unknown>, status: number) =>
      (await create(body).set('Accept-Language', 'en').expect(status)).body.error;
    expect((await errors({ key: 'engineering', name: '另一个' }, 409)).code).toBe('DEPARTMENT_EXISTS');
    expect((await errors({ key: 'plumbing2', name: ' 水电组 ', parentKey: 'engineering' }, 409)).code).toBe(
      'DEPARTMENT_NAME_TAKEN',
    );
    expect((await errors({ key: 'x', name: 'X', parentKey: 'nowhere' }, 400)).details).toEqual([
      { path: 'parentKey', message: '"nowhere" names no department of this workspace' },
    ]);
    expect((await errors({ key: '工程', name: 'X' }, 400)).details[0].path).toBe('key');
    expect((await errors({ key: 'x', name: '  ' }, 400)).details[0].path).toBe('name');
    expect(
      (await errors({ key: 'x', name: 'X', managerId: '00000000-0000-4000-8000-000000000000' }, 400)).details,
    ).toEqual([{ path: 'managerId', message: 'the manager must be a member of this workspace' }]);
  });

  it('moves and renames by version, never under itself', async () => {
    const operations = (await list()).find((d) => d.key === 'operations')!;
    const cycle = await http()
      .patch('/api/departments/operations')
      .set(admin)
      .send({ version: operations.version, parentKey: 'plumbing' })
      .expect(400);
    expect(cycle.body.error.details[0].path).toBe('parentKey');

    const renamed = await http()
      .patch('/api/departments/operations')
      .set(admin)
      .send({ version: operations.version, name: '运营管理中心' })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: '运营管理中心', version: operations.version + 1 });
    // A second edit made from the same read is refused, not silently applied over the first.
    const stale = await http()
      .patch('/api/departments/operations')
      .set(admin)
      .send({ version: operations.version, name: '运营部' })
      .expect(409);
    expect(stale.body.error.code).toBe('DEPARTMENT_VERSION_CONFLICT');
    await http().patch('/api/departments/nowhere').set(admin).send({ version: 1 }).expect(404);
  });

  it('takes members by key, reaches sub-departments, and keeps a department that is in use', async () => {
    const refused = await http()
      .patch(`/api/members/${memberId}`)
      .set(admin)
      .send({ attributes: { department: 'plumbin', departments: ['operations', 'nope'] } })
      .expect(400);
    expect(refused.body.error.details).toEqual([
      { path: 'attributes.department', message: '"plumbin" names no department of this workspace' },
      { path: 'attributes.departments[1]', message: '"nope" names no department of this workspace' },
    ]);
    await http()
      .patch(`/api/members/${memberId}`)
      .set(admin)
      .send({ attributes: { department: 'plumbing' } })
      .expect(200);
    expect((await list()).find((d) => d.key === 'plumbing')!.memberCount).toBe(1);

    // A task for 工程部 reaches the members of its 水电组; one for 水电组 does not reach 工程部's others.
    const people = testApp.app.get(PeopleService);
    const workspaceId = (
      await testApp.database.query<{ workspace_id: string }>(
        'SELECT workspace_id FROM workspace_member WHERE user_id = $1',
        [memberId],
      )
    )[0]!.workspace_id;
    const manager = testApp.app.get(DataSource).manager;
    expect(await people.inDepartment(manager, workspaceId, 'engineering')).toEqual([memberId]);
    expect(await people.inDepartment(manager, workspaceId, 'operations')).toEqual([memberId]);
    expect(await people.inDepartment(manager, workspaceId, 'finance')).toEqual([]);

    const inUse = await http().delete('/api/departments/plumbing').set(admin).expect(409);
    expect(inUse.body.error).toMatchObject({ code: 'DEPARTMENT_IN_USE' });
    await http().delete('/api/departments/engineering').set(admin).expect(409);
    await http().delete('/api/departments/plumbing').set(member).expect(403);

    await http().patch(`/api/members/${memberId}`).set(admin).send({ attributes: {} }).expect(200);
    await http().delete('/api/departments/plumbing').set(admin).expect(204);
    expect((await list()).map((d) => d.key).sort()).toEqual(['engineering', 'operations']);
    const audit = await testApp.database.query<{ action: string; target: string }>(
      "SELECT action, target FROM audit_event WHERE action LIKE 'department.%' ORDER BY id",
    );
    expect(audit.map((entry) => `${entry.action} ${entry.target}`)).toEqual([
      'department.created operations',
      'department.created engineering',
      'department.created plumbing',
      'department.updated operations',
      'department.deleted plumbing',
    ]);
  });

  it('fills department fields of records by key and shows them by name', async () => {
    const app = {
      formatVersion: 1,
      key: 'orgApp',
      label: { 'zh-CN': '组织', en: 'Org' },
      version: '1.0.0',
      entities: [
        {
          key: 'notice',
          label: { 'zh-CN': '通知', en: 'Notice' },
          fields: [
            { key: 'title', type: 'text', label: { 'zh-CN': '标题', en: 'Title' } },
            { key: 'owner', type: 'department', label: { 'zh-CN': '责任部门', en: 'Owner' } },
            {
              key: 'copied',
              type: 'department',
              multiple: true,
              label: { 'zh-CN': '抄送部门', en: 'Copied' },
            },
          ],
        },
      ],
      flows: [],
      rules: [],
      reports: [],
      dashboards: [],
      roles: [],
    };
    await http().post('/api/apps/import').set(admin).send(app).expect(200);
    const records = '/api/apps/orgApp/entities/notice/records';
    const created = await http()
      .post(records)
      .set(admin)
      .send({ values: { title: '停水通知', owner: 'engineering', copied: ['operations'] } })
      .expect(201);
    expect(created.body.display).toMatchObject({ owner: '工程部', copied: ['运营管理中心'] });
    const unknown = await http()
      .post(records)
      .set(admin)
      .set('Accept-Language', 'en')
      .send({ values: { title: 'x', owner: 'plumbing' } })
      .expect(400);
    expect(unknown.body.error.details).toEqual([
      { path: 'owner', message: 'Owner must be a department of this workspace' },
    ]);

    // A sheet names departments as the export writes them, by name (or key); an unknown one is its row's error.
    const sheet = [
      '标题,责任部门,抄送部门',
      '检修通知,工程部,运营管理中心',
      '另一条,operations,',
      '坏的一行,不存在的部门,',
    ].join('\n');
    const imported = await http()
      .post(`${records}/import`)
      .set(admin)
      .set('Accept-Language', 'en')
      .field('mode', 'validOnly')
      .attach('file', Buffer.from(sheet, 'utf8'), 'notices.csv')
      .expect(200);
    expect(imported.body).toMatchObject({ imported: 2, invalid: 1 });
    expect(imported.body.errors).toEqual([
      expect.objectContaining({ row: 4, field: 'owner', message: expect.stringContaining('不存在的部门') }),
    ]);
    const rows = await http().get(records).query({ sort: 'title' }).set(admin).expect(200);
    expect(
      (rows.body.items as { values: Record<string, unknown> }[]).map(({ values }) => [
        values.title,
        values.owner,
        values.copied,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['检修通知', 'engineering', ['operations']],
        ['另一条', 'operations', null],
      ]),
    );
  });

  it('keeps a department that records still hold or a rule still notifies', async () => {
    await create({ key: 'quality', name: '品质部' }).expect(201);
    const app = (await http().get('/api/apps/orgApp').set(admin).expect(200)).body.definition as {
      rules: unknown[];
    };
    const tellQuality = {
      key: 'tellQuality',
      label: { 'zh-CN': '通知品质部', en: 'Tell quality' },
      trigger: { type: 'recordCreated', entity: 'notice' },
      actions: [
        {
          key: 'notify',
          type: 'notify',
          to: { type: 'department', department: 'quality' },
          channel: 'inApp',
          template: { 'zh-CN': '新通知', en: 'New notice' },
        },
      ],
    };
    await http()
      .post('/api/apps/import')
      .set(admin)
      .send({ ...app, rules: [tellQuality] })
      .expect(200);
    const records = '/api/apps/orgApp/entities/notice/records';
    const notice = (
      await http()
        .post(records)
        .set(admin)
        .send({ values: { title: '品质检查', copied: ['operations', 'quality'] } })
        .expect(201)
    ).body as { id: string; version: number };

    const inUse = await http()
      .delete('/api/departments/quality')
      .set(admin)
      .set('Accept-Language', 'en')
      .expect(409);
    expect(inUse.body.error).toMatchObject({
      code: 'DEPARTMENT_IN_USE',
      message: expect.stringContaining('1 records and 1 flow or rule settings'),
      details: [
        { path: 'orgApp.notice.copied', message: '1 record(s) name this department' },
        { path: 'orgApp.rules.tellQuality.actions.notify.to', message: 'assigns to this department' },
      ],
    });

    // A deleted record does not hold it; the rule is changed to notify someone else.
    await http().delete(`${records}/${notice.id}`).set(admin).expect(204);
    await http()
      .post('/api/apps/import')
      .set(admin)
      .send({ ...app, rules: [] })
      .expect(200);
    await http().delete('/api/departments/quality').set(admin).expect(204);
  });

  it('finds a member’s manager, and the manager above, for approvals by manager (直属主管)', async () => {
    const addMember = async (username: string, department: string) =>
      (
        await http()
          .post('/api/members')
          .set(admin)
          .send({ username, password: `${username}-password-1`, attributes: { department } })
          .expect(201)
      ).body.id as string;
    const adminId = (await http().get('/api/auth/me').set(admin).expect(200)).body.user.id as string;
    await create({ key: 'hq', name: '总部', managerId: adminId }).expect(201);
    await create({ key: 'service', name: '服务部', parentKey: 'hq' }).expect(201);
    const lead = await addMember('lead', 'service');
    const staff = await addMember('staff', 'service');
    const service = (await list()).find((department) => department.key === 'service')!;
    await http()
      .patch('/api/departments/service')
      .set(admin)
      .send({ version: service.version, managerId: lead })
      .expect(200);

    const people = testApp.app.get(PeopleService);
    const manager = testApp.app.get(DataSource).manager;
    const workspaceId = (
      await testApp.database.query<{ workspace_id: string }>(
        'SELECT workspace_id FROM workspace_member WHERE user_id = $1',
        [staff],
      )
    )[0]!.workspace_id;
    const managerOf = (user: string, level = 1) => people.managerOf(manager, workspaceId, user, level);
    expect(await managerOf(staff)).toEqual([lead]);
    expect(await managerOf(staff, 2)).toEqual([adminId]);
    // The lead manages his own department: his manager is the one above.
    expect(await managerOf(lead)).toEqual([adminId]);
    // Past the top there is nobody: the task falls back, or the instance fails saying so.
    expect(await managerOf(staff, 3)).toEqual([]);
    expect(await managerOf(adminId)).toEqual([]);

    // An overdue task escalates to its assignees' managers: each one's, once (staff's and lead's).
    const assignees = testApp.app.get(FlowAssignees);
    const scope = { workspaceId } as AssigneeScope;
    const escalation = { flow: {}, nodeKey: 'approve', record: {}, variables: {}, actor: 'system' };
    expect(
      await assignees.resolve(manager, scope, { type: 'manager', of: 'assignee' }, {
        ...escalation,
        starter: adminId,
        assignees: [staff, lead],
      } as AssigneeContext),
    ).toEqual([lead, adminId].sort());
  });
});
