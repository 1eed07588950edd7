import { type AppDefinition } from '@lowcode/app-model';
import { bareApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

type Auth = { Authorization: string };
const text = (value: string) => ({ 'zh-CN': value, en: value });

/** Projects, and the member attributes the app reads: which projects, skills, a grade, a cap, on duty. */
function siteApp(): AppDefinition {
  return bareApp('sites', {
    entities: [
      {
        key: 'project',
        label: text('项目'),
        titleField: 'name',
        fields: [{ key: 'name', type: 'text', label: text('名称') }],
      },
    ],
    roles: [{ key: 'pm', label: text('项目经理'), permissions: [{ entity: 'project', actions: ['read'] }] }],
    memberAttributes: [
      { key: 'projects', label: text('负责项目'), type: 'relation', entity: 'project', multiple: true },
      {
        key: 'skills',
        label: text('技能'),
        type: 'select',
        multiple: true,
        options: [
          { value: 'electric', label: text('电工') },
          { value: 'plumbing', label: text('水暖') },
        ],
      },
      {
        key: 'grade',
        label: text('级别'),
        type: 'select',
        options: [{ value: 'senior', label: text('高级') }],
      },
      { key: 'maxOpenTasks', label: text('最多在办'), type: 'number' },
      { key: 'onDuty', label: text('值班'), type: 'boolean' },
    ],
  });
}

interface Detail {
  path: string;
  message: string;
}

/** Declared member attributes are checked against their declaration; undeclared ones stay free. */
describe('members: declared attributes', () => {
  let testApp: TestApp;
  let admin: Auth;
  const projects: Record<string, string> = {};
  let memberId: string;
  const http = () => testApp.http();
  const records = '/api/apps/sites/entities/project/records';

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth: admin } = await loginAs(testApp));
    await http().post('/api/apps/import').set(admin).send(siteApp()).expect(200);
    for (const name of ['North', 'South', 'Closed']) {
      const created = await http().post(records).set(admin).send({ values: { name } }).expect(201);
      projects[name] = (created.body as { id: string }).id;
    }
    await http().delete(`${records}/${projects.Closed}`).set(admin).expect(204);
    const added = await http()
      .post('/api/members')
      .set(admin)
      .send({ username: 'wang.pm', password: 'long-enough-1', appRoles: ['pm'] })
      .expect(201);
    memberId = (added.body as { id: string }).id;
  });
  afterAll(() => testApp.close());

  const patch = (attributes: Record<string, unknown>) =>
    http().patch(`/api/members/${memberId}`).set(admin).send({ attributes });

  it('answers the declarations to admins, a relation with its target entity', async () => {
    const response = await http().get('/api/members/attributes').set(admin).expect(200);
    const body = response.body as Array<Record<string, unknown>>;
    expect(body.map((attribute) => attribute.key)).toEqual([
      'projects',
      'skills',
      'grade',
      'maxOpenTasks',
      'onDuty',
    ]);
    expect(body[0]).toMatchObject({
      app: 'sites',
      appLabel: expect.any(Object),
      type: 'relation',
      entity: 'project',
      multiple: true,
      target: { key: 'project', titleField: 'name' },
    });
    expect(body[1]).not.toHaveProperty('target');
    const { auth: member } = await loginAs(testApp, { username: 'wang.pm', password: 'long-enough-1' });
    await http().get('/api/members/attributes').set(member).expect(403);
  });

  it.each([
    [{ projects: ['North', 'not-an-id'] }, 'attributes.projects[1]', 'is not a record id'],
    [{ projects: ['North', 'ghost'] }, 'attributes.projects[1]', 'is no record of project'],
    [{ projects: ['North', 'Closed'] }, 'attributes.projects[1]', 'is no record of project'],
    [{ projects: 'North' }, 'attributes.projects', 'must be a list'],
    [{ skills: ['electric', 'welding'] }, 'attributes.skills[1]', 'is not one of: electric, plumbing'],
    [{ grade: ['senior'] }, 'attributes.grade', 'must be one value'],
    [{ maxOpenTasks: '5' }, 'attributes.maxOpenTasks', 'must be a number'],
    [{ onDuty: 'yes' }, 'attributes.onDuty', 'must be true or false'],
  ])('refuses %j, naming %s', async (attributes, path, reason) => {
    const ids = (value: unknown) =>
      Array.isArray(value)
        ? value.map((name) => projects[name as string] ?? (name === 'ghost' ? GHOST : name))
        : (projects[value as string] ?? value);
    const body = Object.fromEntries(
      Object.entries(attributes).map(([key, value]) => [key, key === 'projects' ? ids(value) : value]),
    );
    const response = await patch(body).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    const details = response.body.error.details as Detail[];
    expect(details).toEqual([{ path, message: expect.stringContaining(reason) }]);
    const stored = await http().get(`/api/members/${memberId}`).set(admin).expect(200);
    expect(stored.body.attributes).toEqual({});
  });

  it('refuses a bad declared value when a member is added, too', async () => {
    const response = await http()
      .post('/api/members')
      .set(admin)
      .send({ username: 'new.one', password: 'long-enough-1', attributes: { skills: ['welding'] } })
      .expect(400);
    expect(response.body.error.details).toEqual([expect.objectContaining({ path: 'attributes.skills[0]' })]);
  });

  it('stores values that fit, keeps undeclared attributes free, and shows projects by title', async () => {
    const attributes = {
      projects: [projects.North, projects.South],
      skills: ['plumbing'],
      grade: 'senior',
      maxOpenTasks: 4,
      onDuty: true,
      badge: 'A-7',
      areas: ['east', 3],
    };
    const saved = await patch(attributes).expect(200);
    expect(saved.body).toMatchObject({
      attributes,
      titles: { [projects.North!]: 'North', [projects.South!]: 'South' },
    });
    const listed = await http().get('/api/members').query({ q: 'wang.pm' }).set(admin).expect(200);
    expect(listed.body.items[0]).toMatchObject({ attributes, titles: { [projects.North!]: 'North' } });
    // The admin has no declared relation values: no titles.
    const self = await http().get('/api/members').query({ q: 'admin' }).set(admin).expect(200);
    expect(self.body.items[0].titles).toEqual({});
  });
});

const GHOST = '00000000-0000-4000-8000-000000000000';
