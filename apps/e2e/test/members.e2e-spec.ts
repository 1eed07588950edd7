import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, pickOption as pickByLabel, screenshotPath, settled, signIn } from './browser';
import { type ApiCall, type ProductServer, signInToApi, startProductServer } from './product-server';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const SMALL_APP = path.join(REPO_ROOT, 'packages/app-model/examples/small-app.json');
const ADMIN_PASSWORD = 'members-admin-password';
const TECH = { username: 'wang.gong', password: 'wang-gong-password-1', name: '王工' };

/**
 * The admin adds a member in the UI and gives them the technician role (whose scope is "work orders
 * assigned to me"); the member signs in and sees only their own work orders. Screenshots at desktop and phone width.
 */
describe('an admin gives a new member an app role in the UI', () => {
  let server: ProductServer;
  let browser: Browser;
  let apiCall: ApiCall;
  let appKey: string;

  beforeAll(async () => {
    server = await startProductServer({ ADMIN_PASSWORD });
    browser = await launchChromium();
    apiCall = await signInToApi(server, 'admin', ADMIN_PASSWORD);
    const definition = JSON.parse(fs.readFileSync(SMALL_APP, 'utf8')) as { key: string };
    appKey = definition.key;
    await apiCall('POST', '/api/apps/import', definition);
    await apiCall('POST', '/api/departments', { key: 'engineering', name: '工程部' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function pickOption(page: Page, testId: string) {
    await page.getByTestId(testId).first().click();
  }

  it('adds the member, assigns the technician role, and the member sees only their work orders', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.getByTestId('nav-members').click();
    await page.getByTestId('member-row-admin').waitFor();

    // Add: a new user with an initial password and a project attribute, no app role yet.
    await page.getByTestId('member-add').click();
    await page.getByTestId('member-username').fill(TECH.username);
    await page.getByTestId('member-display-name').fill(TECH.name);
    await page.getByTestId('member-password').fill(TECH.password);
    await page.getByTestId('member-add-modal').getByTestId('attribute-add').click();
    await page
      .getByTestId('member-add-modal')
      .getByTestId('attribute-key-0')
      .locator('input')
      .fill('department');
    // The department is picked from the organisation by name; the attribute holds its key.
    await page.getByTestId('member-add-modal').getByTestId('attribute-department-0').click();
    await page.keyboard.type('工程');
    await page
      .locator('.ant-select-tree-title')
      .filter({ hasText: /^工程部$/ })
      .click();
    const added = page.waitForResponse(
      (r) => r.url().endsWith('/api/members') && r.request().method() === 'POST',
    );
    await page.getByTestId('member-add-confirm').click();
    expect((await added).status()).toBe(201);
    await page.getByTestId(`member-row-${TECH.username}`).waitFor();

    // Edit: give the technician role in the drawer.
    await page.getByTestId(`member-edit-${TECH.username}`).click();
    await page.getByTestId('member-drawer').waitFor();
    await page.getByTestId('member-app-roles').click();
    await pickOption(page, 'app-role-option-technician');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: screenshotPath('members-drawer-desktop') });
    const saved = page.waitForResponse(
      (r) => r.url().includes('/api/members/') && r.request().method() === 'PATCH',
    );
    await page.getByTestId('member-save').click();
    const patched = await saved;
    expect(patched.status()).toBe(200);
    const member = (await patched.json()) as {
      id: string;
      appRoles: string[];
      attributes: Record<string, unknown>;
    };
    expect(member.appRoles).toEqual(['technician']);
    expect(member.attributes).toEqual({ department: 'engineering' });
    await page.getByTestId(`member-row-${TECH.username}`).getByText('维修师傅').waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('members-desktop'), fullPage: true });

    // The roles page of the app shows the technician's scope as a condition.
    await page.goto(`${server.url}/apps/${appKey}/roles`);
    await page.getByTestId('role-matrix').waitFor();
    await page.getByTestId('role-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'technician' }).click();
    await page
      .getByTestId('role-matrix')
      .locator('tr[data-row-key="workOrder"] .ant-table-row-expand-icon')
      .click();
    await page.getByTestId('scope-workOrder-logic').waitFor();
    expect(await page.getByTestId('scope-workOrder-logic').textContent()).toBe(
      '{"==":[{"var":"record.technician"},{"var":"user.id"}]}',
    );
    await page.screenshot({ path: screenshotPath('roles-desktop'), fullPage: true });

    // Phone width: the members list becomes cards.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/members`);
    await page.getByTestId(`member-card-${TECH.username}`).waitFor();
    await settled(page);
    await page.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await page.screenshot({ path: screenshotPath('members-phone'), fullPage: true });
    await context.close();

    // Two work orders for the new technician, one for someone else.
    const rooms = await apiCall<{ items: { id: string }[] }>(
      'GET',
      `/api/apps/${appKey}/entities/room/records?limit=1`,
    );
    const me = await apiCall<{ user: { id: string } }>('GET', '/api/auth/me');
    for (const [title, technician] of [
      ['卫生间漏水', member.id],
      ['空调不制冷', member.id],
      ['电梯异响', me.user.id],
    ] as const)
      await apiCall('POST', `/api/apps/${appKey}/entities/workOrder/records`, {
        values: { title, category: 'other', room: rooms.items[0]!.id, technician },
      });

    const techContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const techPage = await techContext.newPage();
    await techPage.goto(server.url);
    await techPage.getByTestId('login-username').fill(TECH.username);
    await techPage.getByTestId('login-password').fill(TECH.password);
    const listed = techPage.waitForResponse((r) => r.url().includes('/entities/workOrder/records'));
    await techPage.getByTestId('login-submit').click();
    await techPage.waitForURL(/\/apps/);
    await techPage.goto(`${server.url}/apps/${appKey}/e/workOrder`);
    const list = (await (await listed).json()) as { items: { values: { title: string } }[] };
    expect(list.items.map((item) => item.values.title).sort()).toEqual(['卫生间漏水', '空调不制冷']);
    await techPage.locator('[data-testid^="record-row-"]').first().waitFor();
    expect(await techPage.locator('[data-testid^="record-row-"]').count()).toBe(2);
    await techPage
      .getByText('电梯异响')
      .waitFor({ state: 'detached', timeout: 1000 })
      .catch(() => {
        throw new Error('the technician sees a work order assigned to someone else');
      });
    await settled(techPage);
    await techPage.screenshot({ path: screenshotPath('members-technician-phone'), fullPage: true });
    await techContext.close();
  });

  it('shows the role change in the audit log, with who, when, from where and what changed', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-page').waitFor();
    // The unfiltered log already holds the technician's sign-in, so the filter is judged by the sign-ins going away.
    await page.getByTestId('audit-row').filter({ hasText: '登录' }).first().waitFor();
    await pickByLabel(page, page.getByTestId('audit-action'), '修改成员');
    await page
      .getByTestId('audit-row')
      .filter({ hasText: '登录' })
      .first()
      .waitFor({ state: 'detached', timeout: 5000 })
      .catch(() => {
        throw new Error('the audit log still lists sign-ins after filtering by 修改成员');
      });
    const row = page.getByTestId('audit-row').filter({ hasText: TECH.username });
    await row.first().waitFor();
    await row.first().locator('.ant-table-row-expand-icon').click();
    const details = page.getByTestId('audit-details').first();
    await details.getByText('technician').first().waitFor();
    await page.screenshot({ path: screenshotPath('audit-desktop'), fullPage: true });
    await context.close();
  });
});
