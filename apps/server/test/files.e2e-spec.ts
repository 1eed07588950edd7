import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('files', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowcode-files-'));

  beforeAll(async () => {
    testApp = await createTestApp({ dataDir });
    ({ auth } = await loginAs(testApp));
  });
  afterAll(async () => {
    await testApp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores an image and serves it back to the same workspace only', async () => {
    const uploaded = await testApp
      .http()
      .post('/api/files')
      .set(auth)
      .attach('file', PNG, '../../etc/门牌.png')
      .expect(201);
    expect(uploaded.body).toMatchObject({ name: '门牌.png', size: PNG.length, mimeType: 'image/png' });
    const download = await testApp.http().get(uploaded.body.url).set(auth).expect(200);
    expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    await testApp
      .http()
      .post('/api/workspaces')
      .set(auth)
      .send({ slug: 'elsewhere', name: 'Elsewhere' })
      .expect(201);
    const workspaces = await testApp.http().get('/api/workspaces').set(auth).expect(200);
    const elsewhere = (workspaces.body as { id: string; slug: string }[]).find(
      (w) => w.slug === 'elsewhere',
    )!;
    const switched = await testApp
      .http()
      .post(`/api/workspaces/${elsewhere.id}/switch`)
      .set(auth)
      .expect(200);
    await testApp
      .http()
      .get(uploaded.body.url)
      .set('Authorization', `Bearer ${switched.body.accessToken}`)
      .expect(404);
  });

  it.each([
    ['an executable', Buffer.from('MZ\x90\x00 this is a PE file'), 'setup.pdf'],
    ['a script by name', Buffer.from('alert(1)'), 'x.js'],
    ['a page', Buffer.from('<html><script>alert(1)</script></html>'), 'index.html'],
    ['a misnamed image', Buffer.from('not really a png'), 'photo.png'],
    ['an empty file', Buffer.alloc(0), 'empty.txt'],
  ])('refuses %s with a clear 400', async (_name, content, filename) => {
    const response = await testApp
      .http()
      .post('/api/files')
      .set(auth)
      .attach('file', content, filename)
      .expect(400);
    expect(response.body.error).toMatchObject({ code: 'FILE_REFUSED', details: [{ path: 'file' }] });
  });

  it('refuses an oversized file with 413', async () => {
    const response = await testApp
      .http()
      .post('/api/files')
      .set(auth)
      .attach('file', Buffer.alloc(21 * 1024 * 1024, 1), 'big.bin');
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lists workspace members for user pickers', async () => {
    const users = await testApp.http().get('/api/users?q=adm').set(auth).expect(200);
    expect(users.body).toEqual([expect.objectContaining({ username: 'admin' })]);
  });
});
