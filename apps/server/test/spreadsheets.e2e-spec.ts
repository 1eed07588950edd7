import ExcelJS from 'exceljs';
import { createMember } from './reports-support';
import { smallApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

describe('spreadsheet import and export', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };
  const app = smallApp();
  const base = `/api/apps/${app.key}/entities/room/records`;
  // A computed size band whose codes have labels: a sheet shows the labels.
  app.entities
    .find((entity) => entity.key === 'room')!
    .fields.push({
      key: 'sizeBand',
      type: 'formula',
      label: { 'zh-CN': '户型', en: 'Size band' },
      resultType: 'text',
      expression: { if: [{ '>=': [{ var: 'record.area' }, 55] }, 'large', 'small'] },
      options: [
        { value: 'large', label: { 'zh-CN': '大户型', en: 'Large' } },
        { value: 'small', label: { 'zh-CN': '小户型', en: 'Small' } },
      ],
    });
  // A building's use is a select; a room shows it through a lookup, which a sheet writes as its label too.
  app.entities
    .find((entity) => entity.key === 'building')!
    .fields.push({
      key: 'use',
      type: 'select',
      label: { 'zh-CN': '用途', en: 'Use' },
      options: [
        { value: 'residential', label: { 'zh-CN': '住宅', en: 'Residential' } },
        { value: 'office', label: { 'zh-CN': '办公', en: 'Office' } },
      ],
    });
  for (const building of app.seed!.building!) building.use = 'residential';
  app.entities
    .find((entity) => entity.key === 'room')!
    .fields.push({
      key: 'buildingUse',
      type: 'lookup',
      label: { 'zh-CN': '楼宇用途', en: 'Building use' },
      lookup: { relation: 'building', field: 'use' },
    });
  // A clerk imports rooms, but only vacant ones, and may not choose their area.
  app.roles.push({
    key: 'clerk',
    label: { 'zh-CN': '文员', en: 'Clerk' },
    permissions: [
      {
        entity: 'room',
        actions: ['read', 'create', 'import'],
        scope: { '==': [{ var: 'record.status' }, 'vacant'] },
        fields: { readOnly: ['area'] },
      },
      // A room names its building: a role links only records it may read.
      { entity: 'building', actions: ['read'] },
    ],
  });

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth } = await loginAs(testApp));
    await testApp.http().post('/api/apps/import').set(auth).send(app).expect(200);
  });
  afterAll(() => testApp.close());

  const roomCount = async () =>
    (
      await testApp.database.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM record_change WHERE entity_key = $1',
        ['room'],
      )
    )[0]!.count;

  const CSV = [
    '房号,所属楼宇,楼层,面积,状态',
    'X-1,1号楼,3,50.5,空置',
    'X-2,不存在的楼,1,50,',
    'X-3,2号楼,abc,50,',
    ',2号楼,2,40,',
    'X-5,2号楼,2,60,Leased',
  ].join('\n');

  const upload = (mode: string, content = CSV, name = 'rooms.csv') =>
    testApp
      .http()
      .post(`${base}/import`)
      .set(auth)
      .set('Accept-Language', 'en')
      .field('mode', mode)
      .attach('file', Buffer.from(content, 'utf8'), name);

  it('previews with per-row errors and writes nothing', async () => {
    const before = await roomCount();
    const response = await upload('preview').expect(200);
    expect(response.body).toMatchObject({ mode: 'preview', total: 5, valid: 2, invalid: 3, imported: 0 });
    expect(response.body.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'building', message: expect.stringContaining('不存在的楼') }),
      expect.objectContaining({ row: 4, field: 'floor' }),
      expect.objectContaining({ row: 5, field: 'code' }),
    ]);
    expect(await roomCount()).toBe(before);
  });

  it('imports nothing when all-or-nothing meets a bad row, and the good rows when asked', async () => {
    const before = await roomCount();
    const strict = await upload('allOrNothing').expect(200);
    expect(strict.body).toMatchObject({ imported: 0, invalid: 3 });
    expect(await roomCount()).toBe(before);

    const lenient = await upload('validOnly').expect(200);
    expect(lenient.body).toMatchObject({ imported: 2, invalid: 3 });
    const rooms = await testApp
      .http()
      .get(base)
      .query({ filter: JSON.stringify({ startsWith: [{ var: 'code' }, 'X-'] }), sort: 'code' })
      .set(auth)
      .expect(200);
    expect(rooms.body.items.map((room: { values: Record<string, unknown> }) => room.values)).toEqual([
      expect.objectContaining({ code: 'X-1', floor: 3, area: 50.5, status: 'vacant', buildingName: '1号楼' }),
      expect.objectContaining({ code: 'X-5', floor: 2, status: 'leased', buildingName: '2号楼' }),
    ]);
    const sources = await testApp.database.query<{ source: string }>(
      "SELECT DISTINCT source FROM record_change WHERE entity_key = 'room' AND source = 'import'",
    );
    expect(sources).toEqual([{ source: 'import' }]);
  });

  it('exports the filtered list as xlsx with headers that import back', async () => {
    const response = await testApp
      .http()
      .get(`${base}/export`)
      .query({
        format: 'xlsx',
        sort: 'code',
        filter: JSON.stringify({ startsWith: [{ var: 'code' }, 'X-'] }),
      })
      .set(auth)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('房号* (code)');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(2).value).toBe('1号楼');
    const header = sheet.getRow(1).values as unknown[];
    const band = header.findIndex((title) => String(title).includes('(sizeBand)'));
    expect([2, 3].map((row) => sheet.getRow(row).getCell(band).value)).toEqual(
      expect.arrayContaining(['小户型']),
    );
    expect([2, 3].map((row) => sheet.getRow(row).getCell(band).value)).not.toContain('small');
    const use = header.findIndex((title) => String(title).includes('(buildingUse)'));
    expect([2, 3].map((row) => sheet.getRow(row).getCell(use).value)).toEqual(['住宅', '住宅']);

    const reimport = await upload('preview', await workbookAsCsv(workbook), 'again.csv').expect(200);
    expect(reimport.body).toMatchObject({ total: 2, valid: 2, invalid: 0 });
  });

  it("keeps a role's import inside its row scope and off its read-only fields", async () => {
    await createMember(testApp, 'clerk1', ['clerk'], 'clerk-password-1');
    const { auth: clerk } = await loginAs(testApp, { username: 'clerk1', password: 'clerk-password-1' });
    const clerkUpload = (mode: string, lines: string[]) =>
      testApp
        .http()
        .post(`${base}/import`)
        .set(clerk)
        .field('mode', mode)
        .attach('file', Buffer.from(lines.join('\n'), 'utf8'), 'rooms.csv');
    const before = await roomCount();

    const outside = await clerkUpload('validOnly', [
      '房号,所属楼宇,状态',
      'C-1,1号楼,空置',
      'C-2,1号楼,已租',
    ]);
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatchObject({ code: 'FORBIDDEN', details: [{ path: 'row 3' }] });
    expect(await roomCount()).toBe(before);

    const area = await clerkUpload('preview', ['房号,所属楼宇,面积', 'C-3,1号楼,40']).expect(200);
    expect(area.body).toMatchObject({
      valid: 0,
      invalid: 1,
      errors: [expect.objectContaining({ row: 2, field: 'area' })],
    });

    const inside = await clerkUpload('validOnly', ['房号,所属楼宇,状态', 'C-4,1号楼,空置']).expect(200);
    expect(inside.body).toMatchObject({ imported: 1, invalid: 0 });
    expect(await roomCount()).toBe(before + 1);
  });

  it('refuses files it cannot read with a clear 400', async () => {
    const wrongType = await upload('preview', 'hello', 'notes.txt').expect(400);
    expect(wrongType.body.error).toMatchObject({ code: 'IMPORT_INVALID', details: [{ path: 'file' }] });
    const noColumns = await upload('preview', 'foo,bar\n1,2', 'x.csv').expect(400);
    expect(noColumns.body.error.code).toBe('IMPORT_INVALID');
    await upload('everything').expect(400);
  });
});

async function workbookAsCsv(workbook: ExcelJS.Workbook): Promise<string> {
  const rows: string[] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    const values = (row.values as unknown[])
      .slice(1)
      .map((value) => (value === null || value === undefined ? '' : String(value)));
    rows.push(
      values.map((value) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)).join(','),
    );
  });
  return rows.join('\n');
}
