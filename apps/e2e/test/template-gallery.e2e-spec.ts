import { type Browser } from 'playwright-core';
import { launchChromium, screenshotPath, settled, signIn } from './browser';
import { type ProductServer, startProductServer } from './product-server';

const ADMIN_PASSWORD = 'gallery-admin-password';

describe('an admin installs the property template from the gallery', () => {
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

  it('sees what the template holds, installs it, and lands on the working app', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.getByTestId('nav-templates').click();
    await page.getByTestId('template-card-property').waitFor();
    await page.screenshot({ path: screenshotPath('template-gallery') });

    await page.getByTestId('template-preview-property').click();
    await page.getByTestId('template-changes').waitFor();
    expect(await page.getByTestId('template-changes').textContent()).toContain('workOrder');
    // Without the demo company: the test is about the install, and it stays fast.
    await page.getByTestId('template-demo-checkbox').uncheck();
    await page.screenshot({ path: screenshotPath('template-preview') });
    await page.getByTestId('template-confirm').click();

    await page.waitForURL(/\/apps\/property$/);
    await page.getByTestId('entity-card-workOrder').waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('template-installed') });
    await page.getByTestId('entity-card-workOrder').click();
    await page.getByTestId('records-new').waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('template-work-orders') });
    await context.close();
  });
});
