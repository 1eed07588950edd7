import { amountInWords } from '@lowcode/app-model';
import { screenshotPath, settled, signIn } from './browser';
import { propertyJourney } from './journey';
import { signInToApi } from './product-server';

const ADMIN_PASSWORD = 'rent-history-admin';
const DEMO_PASSWORD = 'rent-history-demo';
const APP = 'property';

/**
 * The audit question of the security issue, answered in the UI: a project manager raises a contract's rent;
 * the admin opens the contract and its history says who changed the rent, from what to what, and when.
 */
describe("an admin finds who changed a contract's rent, and when", () => {
  const journey = propertyJourney(ADMIN_PASSWORD, DEMO_PASSWORD);

  it('shows the manager, the old and new rent and the time in the contract history', async () => {
    const { server, browser, admin } = journey;
    // projectManager1 raises the rent of a contract in his project, through the API as an integration would.
    const members = await admin<{
      items: { username: string; displayName: string; attributes: { projects?: string[] } }[];
    }>('GET', '/api/members?appRole=projectManager&limit=50');
    const manager = members.items.find((member) => member.username === 'projectManager1')!;
    const contracts = await admin<{ items: { id: string; version: number; values: { rent: number } }[] }>(
      'GET',
      `/api/apps/${APP}/entities/contract/records?limit=1&filter=${encodeURIComponent(
        JSON.stringify({ '==': [{ var: 'project' }, manager.attributes.projects![0]] }),
      )}`,
    );
    const contract = contracts.items[0]!;
    const raised = Math.round(contract.values.rent * 1.05);
    const asManager = await signInToApi(server, manager.username, DEMO_PASSWORD);
    await asManager('PATCH', `/api/apps/${APP}/entities/contract/records/${contract.id}`, {
      version: contract.version,
      values: { rent: raised },
    });

    // The admin opens the contract and its history.
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.goto(`${server.url}/apps/${APP}/e/contract?record=${contract.id}`);
    await page.getByTestId('record-tab-history').click();
    const history = page.getByTestId('record-history');
    await history.waitFor();
    const latest = history.locator('.ant-timeline-item').first();
    await latest.getByText(manager.displayName).waitFor();
    const text = (await latest.textContent()) ?? '';
    expect(text).toContain('租金');
    expect(text.replace(/,/g, '')).toContain(String(raised));
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    await settled(page);
    await page.screenshot({ path: screenshotPath('rent-history-desktop'), fullPage: true });

    // The contract prints as a lease on an A4 sheet, with the new rent, opened from the record's 打印 menu.
    await page.getByTestId('record-print').click();
    const leaseItem = page.getByTestId('record-print-leaseContract');
    await leaseItem.waitFor();
    const sheet = context.waitForEvent('page');
    await leaseItem.click();
    const printed = await sheet;
    await printed.getByTestId('print-document').waitFor();
    const lease = (await printed.getByTestId('print-document').textContent()) ?? '';
    expect(lease).toContain('房屋租赁合同');
    expect(lease.replace(/,/g, '')).toContain(`月租金 ¥${raised}.00（人民币大写：${amountInWords(raised)}）`);
    expect(lease).not.toMatch(/\{[^}]+\}/); // every placeholder filled
    await printed.screenshot({ path: screenshotPath('lease-contract-print'), fullPage: true });

    // A repair's dispatch slip lists the parts used by name, with their total.
    const orders = await admin<{
      items: { id: string; values: { partsUsed: { amount: number }[] | null } }[];
    }>(
      'GET',
      `/api/apps/${APP}/entities/workOrder/records?limit=100&filter=${encodeURIComponent(
        JSON.stringify({ '==': [{ var: 'status' }, 'closed'] }),
      )}&sort=-reportedAt`,
    );
    const order = orders.items.find((item) => (item.values.partsUsed ?? []).length > 0)!;
    expect(order).toBeDefined();
    await printed.goto(`${server.url}/apps/${APP}/e/workOrder/r/${order.id}/print/dispatchSlip`);
    const table = printed.locator('.print-table');
    await table.waitFor();
    const rows = order.values.partsUsed!;
    expect(await table.locator('tbody tr').count()).toBe(rows.length);
    const cells = (await table.locator('tbody td').allTextContents()).join(' ');
    expect(cells).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // parts by name, not by id
    const total = rows.reduce((sum, row) => sum + row.amount, 0);
    expect((await table.locator('tfoot').textContent())?.replace(/,/g, '')).toContain(`¥${total.toFixed(2)}`);
    await context.close();
  });
});
