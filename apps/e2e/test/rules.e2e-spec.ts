import fs from 'node:fs';
import path from 'node:path';
import { type Browser } from 'playwright-core';
import { launchChromium, pickOption, savedImport, screenshotPath, settled, signIn } from './browser';
import { type ApiCall, type ProductServer, signInToApi, startProductServer } from './product-server';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const SMALL_APP = path.join(REPO_ROOT, 'packages/app-model/examples/small-app.json');
const ADMIN_PASSWORD = 'rules-admin-password';
const RULE_KEY = 'lowRatingToManager';

/**
 * The rules acceptance test: a builder makes "work order rating ≤ 2 → in-app notification to the managers"
 * with the visual builder and saves it; a work order rated 1 through the API makes the bell show one unread
 * notification, and the rule's log shows the firing. Screenshots at desktop and phone width.
 */
describe('a builder automates a bad-rating alert and sees it fire', () => {
  let server: ProductServer;
  let browser: Browser;
  let apiCall: ApiCall;
  let appKey: string;

  beforeAll(async () => {
    server = await startProductServer({ ADMIN_PASSWORD });
    browser = await launchChromium();
    apiCall = await signInToApi(server, 'admin', ADMIN_PASSWORD);
    // The example's own rules would notify the managers too; this test builds its rule from nothing.
    const definition = JSON.parse(fs.readFileSync(SMALL_APP, 'utf8')) as { key: string; rules: unknown[] };
    appKey = definition.key;
    await apiCall('POST', '/api/apps/import', { ...definition, rules: [] });

    // The admin takes the manager role, so the rule's notification reaches them.
    const me = await apiCall<{ user: { id: string } }>('GET', '/api/auth/me');
    const member = await apiCall<{ appRoles: string[] }>('PATCH', `/api/members/${me.user.id}`, {
      appRoles: ['manager'],
    });
    expect(member.appRoles).toEqual(['manager']);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('builds the rule visually, saves it, and the rating fires it into the bell and the log', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.goto(`${server.url}/apps/${appKey}`);
    await page.getByTestId('app-rules-link').click();
    await page.getByTestId('rules-page').waitFor();
    await page.getByTestId('rules-new').click();
    await page.getByTestId('rule-editor').waitFor();

    await page.getByTestId('rule-label-zh').fill('差评通知经理');
    await page.getByTestId('rule-label-en').fill('Bad rating to managers');
    await page.getByTestId('rule-key').fill(RULE_KEY);
    await pickOption(page, page.getByTestId('trigger-type'), '指定字段变化时');
    await pickOption(page, page.getByTestId('trigger-entity'), '工单');
    await pickOption(page, page.getByTestId('trigger-fields'), '评分');
    await page.keyboard.press('Escape');
    await page.getByTestId('trigger-sentence').getByText('工单的评分变化时').waitFor();

    const builder = page.getByTestId('rule-condition-builder');
    await builder.locator('.ruleGroup-addRule').first().click();
    await pickOption(page, builder.locator('.rule-fields').first(), '评分');
    await pickOption(page, builder.locator('.rule-operators').first(), '小于等于');
    await builder.locator('.rule-value input').first().fill('2');

    await page.getByTestId('action-add').click();
    await page.getByTestId('action-add-notify').click();
    await pickOption(page, page.getByTestId('assignee-role'), '项目经理');
    await page.getByTestId('action-template-zh').fill('工单「{{record.title}}」评分过低，请跟进');
    await page.getByTestId('action-template-en').fill('Work order "{{record.title}}" was rated badly');
    await page.screenshot({ path: screenshotPath('rules-builder-desktop'), fullPage: true });

    await page.getByTestId('rule-save').click();
    const saved = savedImport(page);
    await page.getByTestId('designer-confirm').click();
    expect((await saved).status()).toBe(200);
    await page.getByTestId('rule-log').waitFor();

    const rules = await apiCall<{ key: string; condition: unknown; actions: unknown[] }[]>(
      'GET',
      `/api/apps/${appKey}`,
    ).then(
      (app) =>
        (
          app as unknown as {
            definition: { rules: { key: string; condition: unknown; actions: unknown[] }[] };
          }
        ).definition.rules,
    );
    const rule = rules.find((candidate) => candidate.key === RULE_KEY);
    expect(rule?.condition).toEqual({ '<=': [{ var: 'record.rating' }, 2] });
    expect(rule?.actions).toEqual([
      expect.objectContaining({ type: 'notify', channel: 'inApp', to: { type: 'role', role: 'manager' } }),
    ]);

    // A work order is reported in one of the example's seeded rooms, then rated 1 (the rule watches the rating).
    const rooms = await apiCall<{ items: { id: string }[] }>(
      'GET',
      `/api/apps/${appKey}/entities/room/records?limit=1`,
    );
    const created = await apiCall<{ id: string; version: number }>(
      'POST',
      `/api/apps/${appKey}/entities/workOrder/records`,
      { values: { title: '电梯异响', category: 'elevator', room: rooms.items[0]!.id } },
    );
    await apiCall('PATCH', `/api/apps/${appKey}/entities/workOrder/records/${created.id}`, {
      version: created.version,
      values: { rating: 1 },
    });

    await page
      .getByTestId('notifications-badge')
      .locator('.ant-badge-count')
      .filter({ hasText: '1' })
      .waitFor({ timeout: 15_000 });
    await page.getByTestId('rule-log-refresh').click();
    await page.getByTestId('rule-run').first().waitFor({ timeout: 10_000 });
    await page.getByTestId('rule-run').first().click();
    await page.getByTestId('rule-run-details').waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('rules-log-desktop'), fullPage: true });

    await page.getByTestId('notifications-bell').click();
    await page.getByTestId('notification-item').filter({ hasText: '电梯异响' }).waitFor();
    await page.screenshot({ path: screenshotPath('rules-bell-desktop') });

    await page.goto(`${server.url}/apps/${appKey}/rules`);
    await page.getByTestId(`rule-row-${RULE_KEY}`).waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('rules-list-desktop'), fullPage: true });
    await context.close();
  });

  it('works on a 390 px phone: the list, the log and the stacked builder', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      isMobile: true,
    });
    const page = await context.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.goto(`${server.url}/apps/${appKey}/rules`);
    await page.getByTestId(`rule-row-${RULE_KEY}`).waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('rules-list-phone'), fullPage: true });

    await page.getByTestId(`rule-open-${RULE_KEY}`).click();
    await page.getByTestId('rule-run').first().waitFor();
    await page.screenshot({ path: screenshotPath('rules-log-phone'), fullPage: true });

    await page.getByTestId('rule-tab-edit').click();
    await page.getByTestId('rule-editor').waitFor();
    await page.screenshot({ path: screenshotPath('rules-builder-phone'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
