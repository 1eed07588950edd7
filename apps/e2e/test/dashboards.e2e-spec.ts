import { type Browser, type Page } from 'playwright-core';
import { launchChromium, pickOption, savedImport, screenshotPath, signIn } from './browser';
import { type ProductServer, signInToApi, startProductServer } from './product-server';

const ADMIN_PASSWORD = 'dashboards-admin-password';
const APP = 'property';
const DASHBOARD = 'benchSix';
const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Six charts over the template's demo data: a drillable bar, a KPI with a period, a ring, a line, a ranking, a pie. */
const REPORTS = [
  {
    key: 'benchRoomsByProject',
    label: label('各项目房间（可下钻）', 'Rooms by project (drill)'),
    entity: 'room',
    chart: { type: 'bar' },
    dimensions: [{ field: 'project' }],
    measures: [{ key: 'rooms', label: label('房间数', 'Rooms'), aggregate: 'count' }],
    drill: ['building', 'floor'],
  },
  {
    key: 'benchReceivable',
    label: label('应收金额', 'Receivable'),
    entity: 'bill',
    chart: { type: 'kpi', options: { precision: 0 } },
    dimensions: [],
    measures: [{ key: 'receivable', label: label('应收', 'Receivable'), aggregate: 'sum', field: 'amount' }],
    periodField: 'periodStart',
  },
];
const ITEMS = [
  { key: 'rooms', report: 'benchRoomsByProject', layout: { x: 0, y: 0, w: 12, h: 8 } },
  { key: 'receivable', report: 'benchReceivable', layout: { x: 12, y: 0, w: 6, h: 8 } },
  { key: 'status', report: 'roomStatus', layout: { x: 18, y: 0, w: 6, h: 8 } },
  { key: 'income', report: 'rentIncomeByMonth', layout: { x: 0, y: 8, w: 12, h: 8 } },
  { key: 'categories', report: 'repairCategoryRanking', layout: { x: 12, y: 8, w: 6, h: 8 } },
  { key: 'channels', report: 'ordersByChannel', layout: { x: 18, y: 8, w: 6, h: 8 } },
];

/**
 * The dashboards acceptance test on the property template with demo data: a six-chart dashboard renders
 * (and how long that takes is printed as a benchmark), a bar click cross-filters the other charts, the
 * same bar drills down to buildings, a chart exports as PNG, and a phone gets one column.
 */
describe('dashboards over the property template', () => {
  let server: ProductServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startProductServer({
      ADMIN_PASSWORD,
      LOWCODE_TEMPLATE: 'property',
      LOWCODE_DEMO_SCALE: '0.05',
    });
    browser = await launchChromium();
    const apiCall = await signInToApi(server, 'admin', ADMIN_PASSWORD);
    const app = await apiCall<{ definition: { reports: unknown[]; dashboards: unknown[] } }>(
      'GET',
      `/api/apps/${APP}`,
    );
    const definition = {
      ...app.definition,
      reports: [...app.definition.reports, ...REPORTS],
      dashboards: [
        ...app.definition.dashboards,
        {
          key: DASHBOARD,
          label: label('六图看板', 'Six charts'),
          filters: [{ key: 'project', field: 'project' }],
          items: ITEMS,
        },
      ],
    };
    await apiCall('POST', '/api/apps/import', definition);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Every card has its data and every canvas chart has drawn a frame. */
  async function allDrawn(page: Page, count: number) {
    await page.waitForFunction(
      (expected) => {
        const cards = [...document.querySelectorAll('[data-testid^="dashboard-card-"][data-loading]')];
        if (cards.length !== expected) return false;
        return cards.every((card) => {
          if (card.getAttribute('data-loading') !== 'false') return false;
          if (card.querySelector('.ant-alert-error')) throw new Error(card.textContent ?? 'chart error');
          const chart = card.querySelector('[data-testid^="dashboard-chart-"]');
          return (
            !chart || (chart.getAttribute('data-rendered') === 'true' && !!chart.querySelector('canvas'))
          );
        });
      },
      count,
      { timeout: 60_000, polling: 50 },
    );
  }

  /** A point on a bar of the chart: the first pixel of the series colour near the bottom of the canvas. */
  async function barPoint(page: Page, item: string): Promise<{ x: number; y: number }> {
    const canvas = page.getByTestId(`dashboard-chart-${item}`).locator('canvas').first();
    const point = await canvas.evaluate((element: HTMLCanvasElement) => {
      const context = element.getContext('2d')!;
      const ratio = element.width / element.getBoundingClientRect().width;
      const y = Math.round(element.height * 0.85);
      const row = context.getImageData(0, y, element.width, 1).data;
      for (let x = 0; x < element.width; x += 1) {
        const [r, g, b] = [row[x * 4]!, row[x * 4 + 1]!, row[x * 4 + 2]!];
        if (Math.abs(r - 22) < 20 && Math.abs(g - 119) < 20 && Math.abs(b - 255) < 20)
          return { x: (x + 6) / ratio, y: y / ratio };
      }
      return null;
    });
    if (!point) throw new Error(`no bar drawn in ${item}`);
    return point;
  }

  async function clickBar(page: Page, item: string) {
    const point = await barPoint(page, item);
    await page.getByTestId(`dashboard-chart-${item}`).click({ position: point });
  }

  it('renders six charts, cross-filters, drills down and exports a PNG', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    // Warm the lazily loaded chart bundle once, as a returning user has it cached.
    await page.goto(`${server.url}/apps/${APP}/dashboards/roomStatus`);
    await allDrawn(page, 4);

    const started = Date.now();
    await page.goto(`${server.url}/apps/${APP}/dashboards/${DASHBOARD}`);
    await allDrawn(page, 6);
    const renderMs = Date.now() - started;
    // Small data and a busy CI machine: the figure that counts is `pnpm bench` (dashboard.render_ms over 1M rows).
    console.log(`six charts drawn in ${renderMs} ms`);
    await page.screenshot({ path: screenshotPath('dashboard-six'), fullPage: true });

    // Real numbers, not placeholders: the KPI shows a sum of the demo bills.
    const kpi = await page.getByTestId('kpi-value').textContent();
    expect(kpi).toMatch(/\d/);

    // Cross-filter: a project's bar filters the other charts.
    const statusRuns: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/reports/roomStatus/run')) statusRuns.push(request.postData() ?? '');
    });
    await clickBar(page, 'rooms');
    await page.getByRole('menuitem', { name: /联动筛选/ }).click();
    await page.getByTestId('dashboard-selection-rooms').waitFor();
    await allDrawn(page, 6);
    expect(
      statusRuns.some((body) => (JSON.parse(body) as { filters: Record<string, unknown> }).filters.project),
    ).toBe(true);
    await page.screenshot({ path: screenshotPath('dashboard-cross-filter'), fullPage: true });

    // Drill down: project → buildings of that project.
    await clickBar(page, 'rooms');
    await page.getByRole('menuitem', { name: /下钻/ }).click();
    await page.getByTestId('dashboard-breadcrumb-rooms').waitFor();
    await allDrawn(page, 6);
    await page.screenshot({ path: screenshotPath('dashboard-drill'), fullPage: true });

    // Export the chart as a PNG.
    await page.getByTestId('dashboard-card-menu-rooms').click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: /PNG/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.png$/);
    await context.close();
  });

  it('lets the builder add a filter for the whole dashboard, which then filters every chart with the field', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.goto(`${server.url}/apps/${APP}/dashboards/${DASHBOARD}`);
    await allDrawn(page, 6);

    // Edit mode lists the filters; the builder adds one on the room's status.
    await page.getByTestId('dashboard-layout-edit').click();
    await page.getByTestId('dashboard-filter-tag-project').waitFor();
    await pickOption(page, page.getByTestId('dashboard-filter-add'), /^房态/);
    await page.getByTestId('dashboard-filter-tag-status').waitFor();
    await page.screenshot({ path: screenshotPath('dashboard-filter-editor'), fullPage: true });
    const saved = savedImport(page);
    await page.getByTestId('dashboard-layout-save').click();
    await page.getByTestId('designer-confirm').click();
    expect((await saved).status()).toBe(200);

    // Stored in the definition, and offered to everyone who opens the dashboard.
    const apiCall = await signInToApi(server, 'admin', ADMIN_PASSWORD);
    const app = await apiCall<{ definition: { dashboards: { key: string; filters?: unknown[] }[] } }>(
      'GET',
      `/api/apps/${APP}`,
    );
    expect(app.definition.dashboards.find((dashboard) => dashboard.key === DASHBOARD)!.filters).toEqual([
      { key: 'project', field: 'project' },
      { key: 'status', field: 'status' },
    ]);
    const control = page.getByTestId('dashboard-filter-status');
    await control.waitFor();
    const statusRuns: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/reports/roomStatus/run')) statusRuns.push(request.postData() ?? '');
    });
    await pickOption(page, control, '已租');
    await allDrawn(page, 6);
    expect(
      statusRuns.some(
        (body) =>
          JSON.stringify((JSON.parse(body) as { filters: Record<string, unknown> }).filters.status) ===
          '["leased"]',
      ),
    ).toBe(true);
    await context.close();
  });

  it('stacks the charts in one column on a phone', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.goto(`${server.url}/apps/${APP}/dashboards/${DASHBOARD}`);
    await allDrawn(page, 6);
    expect(await page.getByTestId('dashboard-grid').getAttribute('data-layout')).toBe('phone');
    const boxes = await Promise.all(
      ITEMS.map((item) => page.getByTestId(`dashboard-card-${item.key}`).boundingBox()),
    );
    // Full width, in the grid's reading order.
    const order = boxes
      .map((box, index) => ({ key: ITEMS[index]!.key, y: box!.y, width: box!.width }))
      .sort((a, b) => a.y - b.y);
    expect(order.map((entry) => entry.key)).toEqual([
      'rooms',
      'receivable',
      'status',
      'income',
      'categories',
      'channels',
    ]);
    for (const entry of order) expect(entry.width).toBeGreaterThan(330);
    await page.screenshot({ path: screenshotPath('dashboard-phone'), fullPage: true });
    await context.close();
  });
});
