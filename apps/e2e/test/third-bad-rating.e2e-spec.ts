import fs from 'node:fs';
import path from 'node:path';
import { type Page } from 'playwright-core';
import {
  phonePage,
  pickOption,
  savedImport,
  screenshotPath,
  settled,
  signIn,
  signInAsMember,
} from './browser';
import { propertyJourney } from './journey';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const TEMPLATE_RULE = path.join(REPO_ROOT, 'templates/property/app/rules/consecutiveBadRatings.json');
const ADMIN_PASSWORD = 'third-bad-rating-admin';
const DEMO_PASSWORD = 'third-bad-rating-demo';
const APP = 'property';
const RULE_KEY = 'thirdBadRating';

interface Saved {
  id: string;
  version: number;
  values: Record<string, unknown>;
}

/**
 * The rules acceptance test on the property template: a builder makes "the same owner's last three answered
 * ratings are all 2 or lower → alert the project manager" in the visual builder, related-records block
 * included, without writing JSON; tests it against a rating (no match yet: only two answered); enables it;
 * the owner answers a third bad rating and the project manager, whose page is open, gets the alert without
 * reloading; the rule's log shows the three ratings it read.
 */
describe('a builder makes the third-bad-rating rule without code and the manager is alerted live', () => {
  const journey = propertyJourney(ADMIN_PASSWORD, DEMO_PASSWORD);
  beforeAll(async () => {
    // The template ships this rule already; it is switched off so only the one built here alerts.
    await journey.admin('PATCH', `/api/apps/${APP}/rules/consecutiveBadRatings`, { enabled: false });
  });

  const records = (entity: string) => `/api/apps/${APP}/entities/${entity}/records`;

  it('is built visually, tested, enabled, and alerts the open manager page on the third bad rating', async () => {
    const { server, browser, admin } = journey;
    // An owner of the project projectManager1 runs with two bad ratings answered already and
    // a third survey still waiting for an answer.
    const members = await admin<{ items: { username: string; attributes: { projects?: string[] } }[] }>(
      'GET',
      '/api/members?q=projectManager1',
    );
    const project = {
      id: members.items.find((m) => m.username === 'projectManager1')!.attributes.projects![0]!,
    };
    const owner = await admin<Saved>('POST', records('tenant'), {
      values: {
        kind: 'person',
        relationship: 'owner',
        name: '差评测试业主',
        phone: '13800138000',
        idCard: '11010519491231002X',
        project: project.id,
      },
    });
    const rating = (values: Record<string, unknown>) =>
      admin<Saved>('POST', records('rating'), {
        values: {
          surveyType: 'afterService',
          tenant: owner.id,
          project: project.id,
          serviceLine: 'repair',
          ...values,
        },
      });
    await rating({
      status: 'answered',
      csat: 1,
      answeredAt: '2026-11-01T02:00:00.000Z',
      comment: '维修拖延',
    });
    const second = await rating({
      status: 'answered',
      csat: 2,
      answeredAt: '2026-11-10T02:00:00.000Z',
      comment: '又没修好',
    });
    const third = await rating({ status: 'invited', invitedAt: '2026-11-20T02:00:00.000Z' });

    // The project manager has the app open on a phone.
    const managerPage = await phonePage(browser);
    await signInAsMember(managerPage, server.url, 'projectManager1', DEMO_PASSWORD);
    await managerPage.goto(`${server.url}/apps/${APP}`);
    await managerPage.getByTestId('notifications-bell').waitFor();
    const unreadBefore = await unread(managerPage);

    // The builder, at a desk: a new rule, in the visual builder only.
    const desk = await browser.newContext({ viewport: { width: 1440, height: 1100 }, locale: 'zh-CN' });
    const page = await desk.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.goto(`${server.url}/apps/${APP}/rules`);
    await page.getByTestId('rules-new').click();
    await page.getByTestId('rule-editor').waitFor();
    await page.getByTestId('rule-label-zh').fill('第三次差评提醒项目经理');
    await page.getByTestId('rule-label-en').fill('Third bad rating alerts the project manager');
    await page.getByTestId('rule-key').fill(RULE_KEY);
    await pickOption(page, page.getByTestId('trigger-type'), '指定字段变化时');
    await pickOption(page, page.getByTestId('trigger-entity'), '评价与调研');
    await pickOption(page, page.getByTestId('trigger-fields'), '满意度 CSAT');
    await page.keyboard.press('Escape');

    // Only if: this rating is 2 or lower …
    const builder = page.getByTestId('rule-condition-builder');
    await builder.locator('.ruleGroup-addRule').first().click();
    await pickOption(page, builder.locator('.rule-fields').first(), '满意度 CSAT');
    await pickOption(page, builder.locator('.rule-operators').first(), '小于等于');
    await builder.locator('.rule-value input').first().fill('2');

    // … and the same owner's last three answered ratings are all 2 or lower, and there are three.
    await page.getByTestId('related-add').click();
    const row = page.getByTestId('related-row').first();
    await pickOption(page, row.getByTestId('related-entity'), '评价与调研');
    await pickOption(page, row.getByTestId('related-by'), '评价人');
    await pickOption(page, row.getByTestId('related-fn'), '每个值：');
    await pickOption(page, row.getByTestId('related-field'), '满意度 CSAT');
    await row.getByTestId('related-where-add').click();
    await pickOption(page, row.getByTestId('related-where-field'), '状态');
    await pickOption(page, row.getByTestId('related-where-value'), '已评价');
    await pickOption(page, row.getByTestId('related-order-field'), '评价时间');
    await row.getByTestId('related-limit').fill('3');
    await pickOption(page, row.getByTestId('related-quantifier'), '全部');
    await pickOption(page, row.getByTestId('related-comparison'), '小于等于');
    await row.getByTestId('related-value').fill('2');
    await row.getByTestId('related-require-full').click();
    await row.getByTestId('related-name').fill('lastRatings');

    await page.getByTestId('action-add').click();
    await page.getByTestId('action-add-notify').click();
    await pickOption(page, page.getByTestId('assignee-role'), '项目经理');
    await page.getByTestId('action-template-zh').fill('业主连续三次差评，请立即跟进');
    await page.getByTestId('action-template-en').fill('An owner has rated badly three times in a row');
    // Saved switched off: it is tried on a record first.
    await page.getByTestId('rule-enabled').click();
    await settled(page);
    await page.screenshot({ path: screenshotPath('third-bad-rating-builder'), fullPage: true });

    await page.getByTestId('rule-save').click();
    const saved = savedImport(page);
    await page.getByTestId('designer-confirm').click();
    expect((await saved).status()).toBe(200);
    await page.getByTestId('rule-detail').waitFor();

    // What the builder wrote is exactly the condition the template's authors wrote by hand.
    const app = await admin<{
      definition: { rules: { key: string; condition: unknown; enabled?: boolean }[] };
    }>('GET', `/api/apps/${APP}`);
    const built = app.definition.rules.find((candidate) => candidate.key === RULE_KEY)!;
    const template = JSON.parse(fs.readFileSync(TEMPLATE_RULE, 'utf8')) as { condition: unknown };
    expect(built.condition).toEqual(template.condition);
    expect(built.enabled).toBe(false);

    // Test it against the second rating: no match, and the values read say why (only two answered so far).
    await page.getByTestId('rule-tab-test').click();
    await pickOption(page, page.getByTestId('rule-test-record'), String(second.values.no));
    await page.getByTestId('rule-test-run').click();
    const result = page.getByTestId('rule-test-result');
    await result.waitFor();
    await result.getByTestId('rule-test-matched').getByText('不成立').waitFor();
    await result.getByText('lastRatings').first().waitFor();
    await page.screenshot({ path: screenshotPath('third-bad-rating-test'), fullPage: true });

    // Enabled; the owner answers the third survey with a 1.
    await page.getByTestId('rule-detail-enabled').click();
    await page.getByTestId('rule-detail-enabled').and(page.locator('.ant-switch-checked')).waitFor();
    await admin('PATCH', `${records('rating')}/${third.id}`, {
      version: third.version,
      values: { status: 'answered', csat: 1, answeredAt: '2026-11-21T02:00:00.000Z', comment: '第三次了' },
    });

    // The manager's open page shows the alert without a reload.
    await managerPage.waitForFunction(
      (before) => {
        const count = document.querySelector('[data-testid="notifications-badge"] .ant-badge-count');
        return Number(count?.getAttribute('title') ?? count?.textContent ?? 0) > before;
      },
      unreadBefore,
      { timeout: 20_000 },
    );
    await managerPage.getByTestId('notifications-bell').click();
    await managerPage
      .getByTestId('notification-item')
      .filter({ hasText: '业主连续三次差评' })
      .first()
      .waitFor();
    // On a phone the list slides down as a sheet, inside the screen.
    await managerPage.waitForFunction(() => {
      const panel = document.querySelector('[data-testid="notifications-panel"]')!.getBoundingClientRect();
      return panel.top >= 0 && panel.right <= window.innerWidth;
    });
    await managerPage.screenshot({ path: screenshotPath('third-bad-rating-manager-phone') });

    // The log shows the firing and the three ratings it read.
    await page.getByTestId('rule-tab-log').click();
    await page.getByTestId('rule-log-refresh').click();
    const run = page.getByTestId('rule-run').first();
    await run.waitFor({ timeout: 10_000 });
    await run.click();
    const details = page.getByTestId('rule-run-details');
    await details.waitFor();
    await details.getByText('lastRatings').first().waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('third-bad-rating-log'), fullPage: true });

    const runs = await admin<{ matched: boolean; read: Record<string, unknown> }[]>(
      'GET',
      `/api/apps/${APP}/rules/${RULE_KEY}/runs`,
    );
    expect(runs[0]).toMatchObject({ matched: true, read: { 'aggregates.lastRatings': [1, 2, 1] } });
    await desk.close();
    await managerPage.context().close();
  });
});

/** The unread count the bell shows (0 when it shows none). */
async function unread(page: Page): Promise<number> {
  const count = page.getByTestId('notifications-badge').locator('.ant-badge-count');
  if ((await count.count()) === 0) return 0;
  return Number((await count.first().getAttribute('title')) ?? (await count.first().textContent()) ?? 0);
}
