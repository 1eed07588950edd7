import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, screenshotPath, settled, signIn } from './browser';
import { type ProductServer, startProductServer } from './product-server';

const SMALL_APP = path.resolve(__dirname, '../../../packages/app-model/examples/small-app.json');
const APP_KEY = (JSON.parse(fs.readFileSync(SMALL_APP, 'utf8')) as { key: string }).key;
const ADMIN_PASSWORD = 'designer-admin-password';
const ENTITY = 'repairRequest';

/**
 * The form engine's acceptance test: a builder drags a dozen-ish field types into a new form and saves it;
 * an end user on a phone fills it in, meets the form engine's message for a bad mobile number before any
 * request is sent, corrects it, submits, and finds the record in the list.
 */
describe('a builder designs a form and an end user fills it in on a phone', () => {
  let server: ProductServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startProductServer({ ADMIN_PASSWORD });
    browser = await launchChromium();
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const imported = await fetch(`${server.url}/api/apps/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: fs.readFileSync(SMALL_APP, 'utf8'),
    });
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const logIn = (page: Page) => signIn(page, server.url, ADMIN_PASSWORD);

  const FIELDS: { type: string; zh: string; en: string; required?: boolean }[] = [
    { type: 'text', zh: '标题', en: 'Title', required: true },
    { type: 'phone', zh: '联系电话', en: 'Phone', required: true },
    { type: 'idCard', zh: '身份证号', en: 'ID number' },
    { type: 'money', zh: '预估费用', en: 'Estimated cost' },
    { type: 'date', zh: '期望上门日期', en: 'Preferred date' },
    { type: 'rating', zh: '紧急程度', en: 'Urgency' },
    { type: 'checkbox', zh: '需要入户', en: 'Needs entry' },
    { type: 'longText', zh: '问题描述', en: 'Description' },
  ];

  it('builds the form by dragging fields from the palette and saves it', async () => {
    // Tall enough that the palette and the drop zone stay in view: drags are real mouse moves.
    const context = await browser.newContext({ viewport: { width: 1440, height: 1800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page);
    await page.goto(`${server.url}/apps/${APP_KEY}/design`);
    await page.getByTestId('designer-canvas').waitFor();
    await page.getByTestId('designer-entity-label-zh').fill('报修登记');
    await page.getByTestId('designer-entity-label-en').fill('Repair request');
    await page.getByTestId('designer-entity-key').fill(ENTITY);

    for (const [index, field] of FIELDS.entries()) {
      await page.getByTestId(`designer-palette-${field.type}`).dragTo(page.getByTestId('designer-drop-end'));
      await page.locator('[data-testid^="designer-field-"]').nth(index).waitFor();
      // The dropped field is selected: name it in the property panel.
      await page.getByTestId('designer-prop-label-zh').fill(field.zh);
      await page.getByTestId('designer-prop-label-en').fill(field.en);
      if (field.required) await page.getByTestId('designer-prop-required').click();
    }
    await page.screenshot({ path: screenshotPath('designer-built'), fullPage: true });
    await page.getByTestId('designer-save').click();
    const saved = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/apps/import') || response.url().includes('/api/apps/import?'),
    );
    await page.getByTestId('designer-confirm').click();
    expect((await saved).status()).toBe(200);
    await context.close();

    const definition = await appDefinition();
    const entity = definition.entities.find((candidate) => candidate.key === ENTITY);
    expect(entity?.fields.map((field) => field.type)).toEqual(FIELDS.map((field) => field.type));
  });

  it('is filled in on a phone: the bad mobile number is refused in the page, the fixed record is saved', async () => {
    const definition = await appDefinition();
    const fields = definition.entities.find((candidate) => candidate.key === ENTITY)!.fields;
    const keyOf = (type: string) => fields.find((field) => field.type === type)!.key;

    const context = await browser.newContext({
      viewport: { width: 375, height: 740 },
      locale: 'zh-CN',
      isMobile: true,
    });
    const page = await context.newPage();
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes(`/entities/${ENTITY}/records`))
        posts.push(request.url());
    });
    await logIn(page);
    await page.goto(`${server.url}/apps/${APP_KEY}/e/${ENTITY}`);
    await page.getByTestId('records-new').click();
    await page.getByTestId('record-form').waitFor();
    await page
      .getByTestId(`field-${keyOf('text')}`)
      .locator('input')
      .fill('厨房水龙头漏水');
    await page
      .getByTestId(`field-${keyOf('phone')}`)
      .locator('input')
      .fill('12345');
    await page.getByTestId('record-submit').click();
    // The form engine's own message, under the field, before any request was sent.
    const phoneField = page.getByTestId(`field-${keyOf('phone')}`);
    await phoneField.getByText('请输入 11 位手机号码').waitFor();
    await page.waitForTimeout(500); // antd fades the message in; only the screenshot needs to wait for that
    await page.screenshot({ path: screenshotPath('form-phone-invalid'), fullPage: true });
    expect(posts).toEqual([]);

    await page
      .getByTestId(`field-${keyOf('phone')}`)
      .locator('input')
      .fill('13800138000');
    await page.getByTestId('record-submit').click();
    await page.getByText('厨房水龙头漏水').first().waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('form-phone-saved'), fullPage: true });
    expect(posts).toHaveLength(1);
    await context.close();
  });

  async function appDefinition(): Promise<{
    entities: { key: string; fields: { key: string; type: string }[] }[];
  }> {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const response = await fetch(`${server.url}/api/apps/${APP_KEY}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    return ((await response.json()) as { definition: never }).definition;
  }
});
