import { type Browser } from 'playwright-core';
import { launchChromium, phonePage, pickOption, screenshotPath, settled, signIn } from './browser';
import { type ApiCall, type ProductServer, signInToApi, startProductServer } from './product-server';

const ADMIN_PASSWORD = 'member-attributes-admin-password';
const text = (value: string) => ({ 'zh-CN': value, en: value });

/** An app that declares which projects a manager serves (records) and his skills (options). */
const app = {
  formatVersion: 1,
  key: 'sites',
  version: '1.0.0',
  label: text('项目'),
  entities: [
    {
      key: 'project',
      label: text('项目'),
      titleField: 'name',
      fields: [{ key: 'name', type: 'text', label: text('名称') }],
    },
  ],
  flows: [],
  rules: [],
  reports: [],
  dashboards: [],
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
  ],
};

/** On a phone, an admin gives a member projects by name (a record picker) and sees the names, not ids. */
describe('declared member attributes on the members page', () => {
  let server: ProductServer;
  let browser: Browser;
  let apiCall: ApiCall;

  beforeAll(async () => {
    server = await startProductServer({ ADMIN_PASSWORD });
    browser = await launchChromium();
    apiCall = await signInToApi(server, 'admin', ADMIN_PASSWORD);
    await apiCall('POST', '/api/apps/import', app);
    for (const name of ['阳光花园', '滨江一号'])
      await apiCall('POST', '/api/apps/sites/entities/project/records', { values: { name } });
    await apiCall('POST', '/api/members', { username: 'wang.pm', password: 'wang-pm-password-1' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('picks projects by name and shows them by name', async () => {
    const page = await phonePage(browser);
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.goto(`${server.url}/members`);
    await page.getByTestId('member-card-wang.pm').click();
    await page.getByTestId('member-drawer').waitFor();
    await page.getByTestId('declared-attribute-projects').waitFor();
    await pickOption(page, page.getByTestId('declared-attribute-input-projects'), '阳光花园');
    await page.keyboard.press('Escape');
    await pickOption(page, page.getByTestId('declared-attribute-input-skills'), '水暖');
    await page.keyboard.press('Escape');
    await settled(page);
    await page.screenshot({ path: screenshotPath('member-attributes-drawer-phone') });
    const saved = page.waitForResponse(
      (response) => response.url().includes('/api/members/') && response.request().method() === 'PATCH',
    );
    await page.getByTestId('member-save').click();
    const patched = await saved;
    expect(patched.status()).toBe(200);
    const member = (await patched.json()) as { attributes: { projects: string[] }; titles: object };
    expect(member.attributes.projects).toHaveLength(1);
    expect(Object.values(member.titles)).toEqual(['阳光花园']);
    const card = page.getByTestId('member-card-wang.pm');
    await card.getByTestId('member-attribute-projects').getByText('负责项目: 阳光花园').waitFor();
    await card.getByTestId('member-attribute-skills').getByText('技能: 水暖').waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('member-attributes-phone'), fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
