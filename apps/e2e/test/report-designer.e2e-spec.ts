import { type Browser, type Page, type Response } from 'playwright-core';
import { launchChromium, pickOption, savedImport, screenshotPath, signIn } from './browser';
import { type ApiCall, type ProductServer, signInToApi, startProductServer } from './product-server';

const ADMIN_PASSWORD = 'report-designer-admin';
const APP = 'property';
const DASHBOARD = 'cx';

interface RunAnswer {
  rows: Record<string, unknown>[];
}

/**
 * The report designer acceptance test on the property template: a manager builds "repairs by category per
 * month" (with the report date as the dashboard's period) and an NPS gauge by dragging fields, saves both onto
 * the CX dashboard, narrows the dashboard to this year with the date filter, and every number matches what
 * the records API lists, counted here by hand.
 */
describe('a manager builds charts by dragging fields and puts them on a dashboard', () => {
  let server: ProductServer;
  let browser: Browser;
  let api: ApiCall;

  beforeAll(async () => {
    server = await startProductServer({ ADMIN_PASSWORD, LOWCODE_TEMPLATE: APP, LOWCODE_DEMO_SCALE: '0.02' });
    browser = await launchChromium();
    api = await signInToApi(server, 'admin', ADMIN_PASSWORD);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Every record of an entity matching `filter`, page by page through the records API. */
  async function listAll(entity: string, filter?: unknown): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '200' });
      if (filter) query.set('filter', JSON.stringify(filter));
      if (cursor) query.set('cursor', cursor);
      const page = await api<{ items: { values: Record<string, unknown> }[]; nextCursor?: string | null }>(
        'GET',
        `/api/apps/${APP}/entities/${entity}/records?${query.toString()}`,
      );
      all.push(...page.items.map((item) => item.values));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  /** Drags a field from the palette into a zone of the designer. */
  async function drag(page: Page, field: string, zone: 'dimensions' | 'measures' | 'filters') {
    await page.getByTestId(`report-palette-${field}`).dragTo(page.getByTestId(`report-${zone}`));
  }

  async function startReport(page: Page, entity: string, labelZh: string, labelEn: string, key: string) {
    await page.goto(`${server.url}/apps/${APP}/dashboards/${DASHBOARD}`);
    await page.getByTestId('dashboard-new-report').click();
    await page.getByTestId('report-designer').waitFor();
    await pickOption(page, page.getByTestId('report-entity'), entity);
    await page.getByTestId('report-label-zh').fill(labelZh);
    await page.getByTestId('report-label-en').fill(labelEn);
    await page.getByTestId('report-key').fill(key);
  }

  async function save(page: Page) {
    const saved = savedImport(page);
    await page.getByTestId('report-save').click();
    await page.getByTestId('designer-confirm').click();
    expect((await saved).status()).toBe(200);
    await page.waitForURL(new RegExp(`/dashboards/${DASHBOARD}$`));
  }

  const runOf = (page: Page, report: string, test: (body: Record<string, unknown>) => boolean = () => true) =>
    page.waitForResponse(
      (response: Response) =>
        response.url().endsWith(`/reports/${report}/run`) &&
        response.request().method() === 'POST' &&
        test(JSON.parse(response.request().postData() ?? '{}') as Record<string, unknown>),
    );

  it('builds the monthly repairs chart and the NPS gauge, and the dashboard numbers match the records', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);

    // Repairs by category per month: the report date by month and the category as dimensions, a count.
    await startReport(
      page,
      '工单',
      '各类报修（按月）',
      'Repairs by category per month',
      'repairsByMonthCategory',
    );
    await drag(page, 'reportedAt', 'dimensions');
    await pickOption(page, page.getByTestId('report-bucket-reportedAt'), '按月');
    await drag(page, 'category', 'dimensions');
    await page.getByTestId('report-add-count').click();
    await page.getByTestId('report-chart-stackedBar').click();
    await pickOption(page, page.getByTestId('report-period-field'), /^报事时间/);
    await page.getByTestId('report-preview').locator('canvas').first().waitFor();
    await page.screenshot({ path: screenshotPath('report-designer-repairs'), fullPage: true });
    await save(page);

    // NPS: the recommendation score dragged in as a measure, counted as the built-in NPS metric, on a gauge.
    await startReport(page, '评价与调研', 'NPS 净推荐值', 'NPS', 'npsDial');
    await drag(page, 'nps', 'measures');
    const measure = page.locator('[data-testid^="report-measure-"]').first();
    await pickOption(page, measure.locator('[data-testid^="report-aggregate-"]'), 'NPS 净推荐值');
    await page.getByTestId('report-chart-gauge').click();
    await page.getByTestId('report-preview').locator('canvas').first().waitFor();
    await page.screenshot({ path: screenshotPath('report-designer-nps'), fullPage: true });
    const npsRun = runOf(page, 'npsDial');
    await save(page);

    // Both are on the CX dashboard, which now has a date filter for the monthly chart.
    await page.getByTestId('dashboard-card-repairsByMonthCategory').waitFor();
    await page.getByTestId('dashboard-card-npsDial').waitFor();
    const nps = (await (await npsRun).json()) as RunAnswer;
    const scores = (await listAll('rating'))
      .map((rating) => rating.nps)
      .filter((score): score is number => typeof score === 'number');
    expect(scores.length).toBeGreaterThan(10);
    const byHand =
      ((scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length) / scores.length) * 100;
    expect(Number(Object.values(nps.rows[0]!)[0])).toBeCloseTo(byHand, 6);

    // This year only, through the dashboard's date filter.
    const year = new Date().getFullYear();
    const yearRun = runOf(page, 'repairsByMonthCategory', (body) =>
      JSON.stringify(body).includes(`"from":"${year}-01-01"`),
    );
    await page.getByTestId('dashboard-filter-period').first().click();
    await page.locator('.ant-picker-presets li').filter({ hasText: '今年' }).click();
    const monthly = (await (await yearRun).json()) as RunAnswer;
    await page.screenshot({ path: screenshotPath('report-designer-dashboard'), fullPage: true });

    const orders = await listAll('workOrder', {
      and: [
        { '>=': [{ var: 'reportedAt' }, `${year}-01-01T00:00:00+08:00`] },
        { '<': [{ var: 'reportedAt' }, `${year + 1}-01-01T00:00:00+08:00`] },
      ],
    });
    expect(orders.length).toBeGreaterThan(0);
    const counted = new Map<string, number>();
    for (const order of orders) {
      const month = new Date(Date.parse(String(order.reportedAt)) + 8 * 3_600_000).toISOString().slice(0, 7);
      const key = `${month}|${String(order.category)}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
    const charted = new Map(
      monthly.rows.map((row) => {
        const [month, category, count] = Object.values(row);
        return [`${String(month).slice(0, 7)}|${String(category)}`, Number(count)];
      }),
    );
    expect(charted).toEqual(counted);
    await context.close();
  });
});
