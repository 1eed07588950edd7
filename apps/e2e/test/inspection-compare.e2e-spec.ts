import { screenshotPath, settled, signIn } from './browser';
import { propertyJourney } from './journey';

const ADMIN_PASSWORD = 'inspection-compare-admin';
const DEMO_PASSWORD = 'inspection-compare-demo';
const APP = 'property';

interface Inspection {
  id: string;
  values: { compareWith?: string; items?: { space: string; item: string; condition: string }[] };
}

/**
 * Move-out against move-in, room by room: a move-out inspection names the move-in one it compares with, and
 * its page shows both side by side — the items matched by space and item, what changed marked.
 */
describe('a move-out inspection beside its move-in one', () => {
  const journey = propertyJourney(ADMIN_PASSWORD, DEMO_PASSWORD);

  it('lines up the rooms and items of both and marks what changed', async () => {
    const { server, browser, admin } = journey;
    const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'kind' }, 'moveOut'] }));
    const moveOuts = await admin<{ items: Inspection[] }>(
      'GET',
      `/api/apps/${APP}/entities/inspection/records?limit=50&filter=${filter}`,
    );
    const moveOut = moveOuts.items.find((inspection) => inspection.values.compareWith)!;
    expect(moveOut).toBeDefined();
    const moveIn = await admin<Inspection>(
      'GET',
      `/api/apps/${APP}/entities/inspection/records/${moveOut.values.compareWith}`,
    );
    const key = (row: { space: string; item: string }) => `${row.space}/${row.item}`;
    const changed = (moveOut.values.items ?? []).filter((row) => {
      const before = (moveIn.values.items ?? []).find((other) => key(other) === key(row));
      return before && before.condition !== row.condition;
    });

    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.goto(`${server.url}/apps/${APP}/e/inspection?record=${moveOut.id}`);
    await page.getByTestId('record-tab-compare').click();
    const items = page.getByTestId('record-compare-items');
    await items.waitFor();
    const rows = items.locator('tbody tr.ant-table-row');
    // Every item of either inspection has one row.
    const names = new Set([...(moveIn.values.items ?? []), ...(moveOut.values.items ?? [])].map(key));
    expect(await rows.count()).toBeGreaterThanOrEqual(names.size);
    expect(await items.locator('tbody tr[data-changed="true"]').count()).toBeGreaterThanOrEqual(
      changed.length,
    );
    await settled(page);
    await items.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('inspection-compare-desktop') });
    await context.close();
  });
});
