import { type Page } from 'playwright-core';
import { phonePage, pickOption, screenshotPath, settled, signInAsMember } from './browser';
import { propertyJourney } from './journey';

const ADMIN_PASSWORD = 'tenant-repair-admin';
const DEMO_PASSWORD = 'tenant-repair-demo';
const APP = 'property';
const TITLE = '卫生间水管漏水';

interface Member {
  id: string;
  username: string;
  attributes: { projects?: string[]; skills?: string[]; qualifications?: string[] };
}

/**
 * The template's repair flow from the people's side: a tenant reports a leak on a phone; the repair flow
 * dispatches it by project, category and skill, and it appears in the inbox of one of the qualified
 * technicians, whose pages are open on their phones, without a reload; nobody else gets it. The project
 * manager's cockpit, open on a desktop, redraws its repair ranking with one more plumbing order.
 */
describe('a tenant reports a repair on a phone and a qualified technician sees it arrive', () => {
  const journey = propertyJourney(ADMIN_PASSWORD, DEMO_PASSWORD, { LOWCODE_JOB_POLL_MS: '200' });

  const records = (entity: string, filter?: unknown) =>
    journey.admin<{ items: { id: string; values: Record<string, unknown> }[] }>(
      'GET',
      `/api/apps/${APP}/entities/${entity}/records?limit=50${filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`,
    );

  it('is dispatched to one qualified technician, live', async () => {
    const { server, browser, admin } = journey;
    // Who the tenant is: their profile, the room they rent and its project.
    // A tenant with a sign-in account who rents a room.
    const tenants = await admin<{ items: Member[] }>('GET', '/api/members?appRole=tenant&limit=100');
    let account: Member | undefined;
    let profile: { id: string; values: Record<string, unknown> } | undefined;
    let room: { id: string; values: Record<string, unknown> } | undefined;
    for (const candidate of tenants.items) {
      [profile] = (await records('tenant', { '==': [{ var: 'account' }, candidate.id] })).items;
      [room] = profile ? (await records('room', { '==': [{ var: 'currentTenant' }, profile.id] })).items : [];
      if (profile && room) {
        account = candidate;
        break;
      }
    }
    expect(account).toBeDefined();
    const project = await admin<{ values: { name: string } }>(
      'GET',
      `/api/apps/${APP}/entities/project/records/${String(room!.values.project)}`,
    );

    // The technicians who could get it (serving the project, fixing pipes, general skill) watch their inboxes.
    const technicians = await admin<{ items: Member[] }>('GET', '/api/members?appRole=technician&limit=500');
    const qualified = technicians.items.filter(
      (member) =>
        member.attributes.projects?.includes(String(room!.values.project)) &&
        member.attributes.skills?.includes('plumbing') &&
        member.attributes.qualifications?.includes('general'),
    );
    expect(qualified.length).toBeGreaterThan(0);
    const inboxes: Page[] = [];
    for (const technician of qualified) {
      const page = await phonePage(browser);
      await signInAsMember(page, server.url, technician.username, DEMO_PASSWORD);
      await page.goto(`${server.url}/tasks`);
      await page.getByTestId('tasks-page').waitFor();
      inboxes.push(page);
    }

    // The project's manager watches the cockpit: the repair ranking as the page drew it.
    const managers = await admin<{ items: Member[] }>('GET', '/api/members?appRole=projectManager&limit=100');
    const manager = managers.items.find((member) =>
      member.attributes.projects?.includes(String(room!.values.project)),
    );
    expect(manager).toBeDefined();
    const cockpit = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const rankings: number[] = [];
    cockpit.on('response', (response) => {
      if (!response.url().includes('/reports/repairCategoryRanking/run') || response.status() !== 200) return;
      void response
        .json()
        .then((body: { rows: Record<string, unknown>[] }) =>
          rankings.push(Number(body.rows.find((row) => row.category === 'plumbing')?.orders ?? 0)),
        )
        .catch(() => undefined); // a response the page abandoned (navigation) has no body
    });
    await signInAsMember(cockpit, server.url, manager!.username, DEMO_PASSWORD);
    await cockpit.goto(`${server.url}/apps/${APP}/dashboards/manager`);
    await cockpit.getByTestId('dashboard-chart-categories').locator('canvas').first().waitFor();
    await waitFor(() => rankings.length > 0);
    const plumbingBefore = rankings.at(-1)!;

    // The tenant, on a phone, files the request in the generated form.
    const phone = await phonePage(browser);
    await signInAsMember(phone, server.url, account!.username, DEMO_PASSWORD);
    // They land in the app's home — their records, not a builder's overview — and file from there.
    await phone.getByTestId('member-app-home').waitFor();
    // It opens on what they owe and asked for (their one dashboard), with filing a request at the top.
    await phone.getByTestId('home-dashboard').getByText('待缴金额').first().waitFor();
    await settled(phone);
    await phone.screenshot({ path: screenshotPath('tenant-repair-home-phone'), fullPage: true });
    await phone.getByTestId('home-new-workOrder').click();
    const field = (key: string) => phone.getByTestId(`field-${key}`);
    // The form asks what a tenant may say, not the staff's fields, which take their defaults on the server.
    await field('title').waitFor();
    for (const staffOnly of ['status', 'technician', 'priority', 'resolution', 'reportedAt', 'createdBy'])
      expect(await field(staffOnly).count()).toBe(0);
    // Their own profile is the one they may read: the form starts with it as the requester.
    await field('requester').getByText(String(profile!.values.name)).waitFor();
    await pickOption(phone, field('project').locator('.ant-select'), project.values.name);
    await pickOption(phone, field('room').locator('.ant-select'), String(room!.values.code));
    await pickOption(phone, field('category').locator('.ant-select'), '水暖管道');
    await field('title').locator('input').fill(TITLE);
    await field('description').locator('textarea').fill('洗手盆下方水管接口渗水，地面有积水');
    await phone.screenshot({ path: screenshotPath('tenant-repair-form-phone'), fullPage: true });
    const created = phone.waitForResponse(
      (response) =>
        response.url().endsWith(`/entities/workOrder/records`) && response.request().method() === 'POST',
    );
    await phone.getByTestId('record-submit').click();
    const createdResponse = await created;
    expect(createdResponse.status()).toBe(201);
    // The inbox shows an order by its number, the work order's title field.
    const number = String(((await createdResponse.json()) as { values: { no: string } }).values.no);

    // One of the qualified technicians sees it appear without reloading; the others do not get it.
    const arrived = await Promise.any(
      inboxes.map(async (page, index) => {
        await page.getByTestId('task-row').filter({ hasText: number }).waitFor({ timeout: 20_000 });
        return index;
      }),
    );
    const receiver = inboxes[arrived]!;
    // His card says what and where before he opens it: the tenant's title and the room, not only a number.
    const preview = receiver
      .getByTestId('task-row')
      .filter({ hasText: number })
      .getByTestId('task-record-preview');
    expect(await preview.textContent()).toEqual(
      expect.stringMatching(new RegExp(`${TITLE}.*${String(room!.values.code)}`)),
    );
    await settled(receiver);
    await receiver.screenshot({ path: screenshotPath('tenant-repair-technician-phone'), fullPage: true });
    for (const [index, page] of inboxes.entries())
      if (index !== arrived)
        expect(await page.getByTestId('task-row').filter({ hasText: number }).count()).toBe(0);
    const overflow = await receiver.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The tenant's own dashboard (我的物业): what he owes, his requests — on his phone, from his rows.
    await phone.goto(`${server.url}/apps/${APP}/dashboards`);
    await phone.waitForURL(/\/dashboards\/tenantMobile$/);
    await phone.getByTestId('dashboard-card-due').getByText('待缴金额').waitFor();
    await phone.getByTestId('dashboard-card-bills').waitFor();
    await phone
      .getByTestId('dashboard-card-repairs')
      .getByText(/待受理|已派单/)
      .first()
      .waitFor();
    await phone.getByTestId('dashboard-chart-payments').locator('canvas').first().waitFor();
    await settled(phone);
    await phone.screenshot({ path: screenshotPath('tenant-dashboard-phone'), fullPage: true });
    const phoneOverflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(phoneOverflow).toBeLessThanOrEqual(0);

    // The cockpit refreshed itself: one more plumbing repair in the ranking.
    await waitFor(() => rankings.at(-1) === plumbingBefore + 1);
    await settled(cockpit);
    await cockpit.screenshot({ path: screenshotPath('tenant-repair-manager-cockpit'), fullPage: true });

    for (const page of [...inboxes, phone, cockpit]) await page.context().close();
  });
});

/** Polls a condition the page's responses make true, for up to 30 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (const started = Date.now(); !condition();) {
    if (Date.now() - started > 30_000) throw new Error(`timed out waiting for ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
