import { type AppDefinition } from '@lowcode/app-model';
import { smallApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

describe('apps', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth } = await loginAs(testApp));
  });
  afterAll(() => testApp.close());

  const importApp = (definition: unknown, query = '') =>
    testApp
      .http()
      .post(`/api/apps/import${query}`)
      .set(auth)
      .set('Accept-Language', 'en')
      .send(definition as object);

  async function appRows(): Promise<number> {
    const [row] = await testApp.database.query<{ count: number }>('SELECT count(*)::int AS count FROM app');
    return row!.count;
  }

  it('previews a new app as additions without writing anything', async () => {
    const response = await importApp(smallApp(), '?dryRun=true').expect(200);
    expect(response.body).toMatchObject({ dryRun: true, action: 'create', appKey: smallApp().key });
    const kinds = new Set((response.body.changes as { change: string; kind: string }[]).map((c) => c.kind));
    expect(kinds.has('entity')).toBe(true);
    expect((response.body.changes as { change: string }[]).every((c) => c.change === 'add')).toBe(true);
    expect(await appRows()).toBe(0);
  });

  it('imports, lists, gets and exports an app; export → import → export is byte-identical', async () => {
    const definition = smallApp();
    const created = await importApp(definition).expect(200);
    expect(created.body).toMatchObject({
      dryRun: false,
      action: 'create',
      app: { key: definition.key, revision: 1 },
    });

    const list = await testApp.http().get('/api/apps').set(auth).expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        key: definition.key,
        revision: 1,
        counts: expect.objectContaining({
          entities: definition.entities.length,
          flows: definition.flows.length,
        }),
      }),
    ]);
    const detail = await testApp.http().get(`/api/apps/${definition.key}`).set(auth).expect(200);
    expect(detail.body.definition.entities).toHaveLength(definition.entities.length);

    const first = await testApp.http().get(`/api/apps/${definition.key}/export`).set(auth).expect(200);
    expect(first.headers['content-type']).toMatch(/application\/json/);
    const firstText = first.text;
    const again = await importApp(JSON.parse(firstText)).expect(200);
    expect(again.body).toMatchObject({ action: 'unchanged', changes: [], app: { revision: 1 } });
    const second = await testApp.http().get(`/api/apps/${definition.key}/export`).set(auth).expect(200);
    expect(second.text).toBe(firstText);
  });

  it('upgrades an app: the dry run lists added, changed and removed parts, the import bumps the revision', async () => {
    const definition = smallApp();
    const entity = definition.entities[0]!;
    entity.label = { 'zh-CN': `${entity.label['zh-CN']}（新）`, en: 'Renamed' };
    entity.fields.push({
      key: 'remark',
      label: { 'zh-CN': '备注', en: 'Remark' },
      type: 'longText',
    } as never);
    const removedReport = definition.reports.pop();
    definition.dashboards = definition.dashboards.map((dashboard) => ({
      ...dashboard,
      items: dashboard.items.filter((item) => item.report !== removedReport?.key),
    }));
    definition.version = '1.1.0';

    const preview = await importApp(definition, '?dryRun=true').expect(200);
    expect(preview.body.action).toBe('update');
    const changes = preview.body.changes as { change: string; kind: string; key: string }[];
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ change: 'add', kind: 'field', key: 'remark' }),
        expect.objectContaining({ change: 'change', kind: 'entity', key: entity.key }),
      ]),
    );
    if (removedReport) {
      expect(changes).toContainEqual(
        expect.objectContaining({ change: 'remove', kind: 'report', key: removedReport.key }),
      );
    }
    const [before] = await testApp.database.query<{ revision: number }>('SELECT revision FROM app');
    expect(before!.revision).toBe(1);

    const imported = await importApp(definition).expect(200);
    expect(imported.body).toMatchObject({ action: 'update', app: { revision: 2, version: '1.1.0' } });
    const revisions = await testApp.database.query<{ revision: number }>(
      'SELECT revision FROM app_revision ORDER BY revision',
    );
    expect(revisions.map((row) => row.revision)).toEqual([1, 2]);
  });

  it('refuses an import based on a stale revision with 409 and the current state', async () => {
    const definition = smallApp();
    definition.version = '9.9.9';
    const response = await importApp(definition, '?expectedRevision=1').expect(409);
    expect(response.body.error).toMatchObject({ code: 'APP_REVISION_CONFLICT', current: { revision: 2 } });
  });

  describe('invalid definitions change nothing', () => {
    const cases: [string, (app: AppDefinition) => unknown, string][] = [
      [
        'a wrong field type',
        (app) => ((app.entities[0]!.fields[0] as { type: string }).type = 'banana'),
        'type',
      ],
      ['a non-string label', (app) => ((app as { label: unknown }).label = 42), '$.label'],
      [
        'an unknown relation target',
        (app) =>
          app.entities[0]!.fields.push({
            key: 'ghost',
            label: { 'zh-CN': '幽灵' },
            type: 'relation',
            relation: { entity: 'noSuchEntity' },
          } as never),
        'noSuchEntity',
      ],
      ['a duplicate entity key', (app) => app.entities.push({ ...app.entities[0]! }), '$.entities['],
      [
        'a duplicate field key',
        (app) => app.entities[0]!.fields.push({ ...app.entities[0]!.fields[0]! }),
        '.fields[',
      ],
    ];

    it.each(cases)('%s → 400 APP_DEFINITION_INVALID with paths', async (_name, breakIt, expectedPathPart) => {
      const definition = smallApp();
      definition.version = '5.0.0';
      breakIt(definition);
      const before = await testApp.database.query('SELECT revision, definition_text FROM app');
      const response = await importApp(definition).expect(400);
      expect(response.body.error.code).toBe('APP_DEFINITION_INVALID');
      const details = response.body.error.details as { path: string; message: string }[];
      expect(details.length).toBeGreaterThan(0);
      expect(details.every((detail) => detail.path.startsWith('$') && detail.message.length > 0)).toBe(true);
      expect(JSON.stringify(details)).toContain(expectedPathPart);
      expect(await testApp.database.query('SELECT revision, definition_text FROM app')).toEqual(before);
    });

    it('reports every problem at once, in Chinese when asked', async () => {
      const definition = smallApp();
      (definition.entities[0]!.fields[0] as { type: string }).type = 'banana';
      definition.entities.push({ ...definition.entities[0]! });
      (definition as { label: unknown }).label = 42;
      const response = await testApp
        .http()
        .post('/api/apps/import')
        .set(auth)
        .set('Accept-Language', 'zh-CN')
        .send(definition)
        .expect(400);
      expect(response.body.error.details.length).toBeGreaterThanOrEqual(3);
      expect(response.body.error.message).toMatch(/应用定义有 \d+ 处问题/);
    });

    it('refuses a body that is not an object', async () => {
      const response = await importApp([1, 2, 3]).expect(400);
      expect(response.body.error.code).toBe('APP_DEFINITION_INVALID');
    });
  });

  it('validates the query string', async () => {
    const response = await importApp(smallApp(), '?dryRun=maybe&expectedRevision=x').expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    const paths = new Set((response.body.error.details as { path: string }[]).map((detail) => detail.path));
    expect(paths).toEqual(new Set(['dryRun', 'expectedRevision']));
  });

  it('answers 404 for an app that does not exist', async () => {
    const response = await testApp
      .http()
      .get('/api/apps/nope')
      .set(auth)
      .set('Accept-Language', 'en')
      .expect(404);
    expect(response.body.error).toEqual({
      code: 'APP_NOT_FOUND',
      message: 'App "nope" does not exist.',
      details: [],
    });
  });

  it('deletes an app (admin)', async () => {
    const definition = smallApp();
    await testApp.http().delete(`/api/apps/${definition.key}`).set(auth).expect(204);
    await testApp.http().get(`/api/apps/${definition.key}`).set(auth).expect(404);
    expect(await appRows()).toBe(0);
  });
});
