import fs from 'node:fs';
import path from 'node:path';
import { type Browser } from 'playwright-core';
import { launchChromium, screenshotPath, settled, signIn } from './browser';
import { type ProductServer, startProductServer } from './product-server';

const SMALL_APP = path.resolve(__dirname, '../../../packages/app-model/examples/small-app.json');
const ADMIN_PASSWORD = 'e2e-admin-password';
const APP_KEY = (JSON.parse(fs.readFileSync(SMALL_APP, 'utf8')) as { key: string }).key;

describe('an admin imports an app in the browser', () => {
  let server: ProductServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startProductServer({ ADMIN_PASSWORD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function logIn(viewport: { width: number; height: number }, shotName: string) {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByText('用户名或密码错误').waitFor();
    await page.screenshot({ path: screenshotPath(`login-error-${shotName}`) });
    await signIn(page, server.url, ADMIN_PASSWORD);
    return { context, page };
  }

  it('shows the problems of an invalid definition and imports nothing', async () => {
    const { context, page } = await logIn({ width: 1366, height: 900 }, 'desktop');
    await page.getByTestId('apps-import-button').click();
    await page.getByTestId('import-textarea').fill(JSON.stringify({ formatVersion: 1, key: 'Bad Key' }));
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-errors').waitFor();
    expect(await page.getByTestId('import-errors').textContent()).toContain('$');
    await page.screenshot({ path: screenshotPath('import-errors'), fullPage: true });
    await context.close();
  });

  it('logs in, previews and imports the small app, and sees it listed', async () => {
    const { context, page } = await logIn({ width: 1366, height: 900 }, 'desktop');
    await page.getByTestId('apps-import-button').click();
    await page.getByTestId('import-file').setInputFiles(SMALL_APP);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-changes').waitFor();
    await page.screenshot({ path: screenshotPath('import-preview'), fullPage: true });
    await page.getByTestId('import-confirm').click();
    await page.getByTestId(`app-row-${APP_KEY}`).waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('apps-list'), fullPage: true });
    await context.close();
  });

  it('shows the imported app on a phone', async () => {
    const { context, page } = await logIn({ width: 375, height: 740 }, 'phone');
    await page.getByTestId(`app-row-${APP_KEY}`).waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('apps-list-phone'), fullPage: true });
    await context.close();
  });

  it('stops the embedded database cleanly on SIGTERM', async () => {
    const code = await server.stop();
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(server.dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(fs.existsSync(path.join(server.dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
  });
});
