import { type Browser, type Page } from 'playwright-core';
import {
  launchChromium,
  phonePage,
  pickOption,
  savedImport,
  screenshotPath,
  settled,
  signIn,
  signInAsMember,
} from './browser';
import { type ApiCall, type ProductServer, signInToApi, startProductServer } from './product-server';

const ADMIN_PASSWORD = 'repair-dispatch-admin';
const PASSWORD = 'repair-dispatch-member';
const APP = 'repairDesk';
const FLOW = 'dispatch';
/** Short enough for a test, long enough that the task is seen open first. */
const SLA_SECONDS = 20;
const text = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const option = (value: string, zh: string) => ({ value, label: text(zh, value) });

/** A repair desk with no flow yet: requests with an area and a category, technicians and a manager. */
function repairDesk() {
  return {
    formatVersion: 1,
    key: APP,
    version: '1.0.0',
    label: text('维修台', 'Repair desk'),
    entities: [
      {
        key: 'request',
        label: text('报修单', 'Request'),
        titleField: 'title',
        fields: [
          { key: 'title', type: 'text', label: text('标题', 'Title'), required: true },
          {
            key: 'area',
            type: 'select',
            label: text('区域', 'Area'),
            options: [option('north', '北区'), option('south', '南区')],
          },
          {
            key: 'category',
            type: 'select',
            label: text('类别', 'Category'),
            options: [option('plumbing', '水暖'), option('electrical', '电工')],
          },
        ],
      },
    ],
    roles: [
      {
        key: 'technician',
        label: text('维修师傅', 'Technician'),
        permissions: [{ entity: 'request', actions: ['read', 'update'] }],
      },
      {
        key: 'manager',
        label: text('维修主管', 'Repair manager'),
        permissions: [{ entity: 'request', actions: ['read', 'update'] }],
      },
    ],
    flows: [],
    rules: [],
    reports: [],
    dashboards: [],
  };
}

/** Three technicians, only one of whom both serves the north and fixes pipes, and their manager. */
const PEOPLE = [
  {
    username: 'li',
    displayName: '李师傅',
    appRoles: ['technician'],
    attributes: { areas: ['north'], skills: ['plumbing'] },
  },
  {
    username: 'zhao',
    displayName: '赵师傅',
    appRoles: ['technician'],
    attributes: { areas: ['north'], skills: ['electrical'] },
  },
  {
    username: 'sun',
    displayName: '孙师傅',
    appRoles: ['technician'],
    attributes: { areas: ['south'], skills: ['plumbing'] },
  },
  { username: 'boss', displayName: '周主管', appRoles: ['manager'], attributes: {} },
];

/**
 * The flow acceptance test: a builder draws a dispatch flow from nothing in the designer (start → a task
 * auto-dispatched by area and category, with a 20-second SLA that escalates to the manager → end), saves it,
 * and it runs: a new request lands in the inbox of the one qualified technician, open on his phone, without a
 * reload; nobody else gets it; when the SLA passes unanswered it moves to the manager's open inbox, marked
 * urgent, on time.
 */
describe('a builder draws the dispatch flow; it dispatches to the qualified technician and escalates on time', () => {
  let server: ProductServer;
  let browser: Browser;
  let admin: ApiCall;

  beforeAll(async () => {
    server = await startProductServer({ ADMIN_PASSWORD, LOWCODE_JOB_POLL_MS: '200' });
    browser = await launchChromium();
    admin = await signInToApi(server, 'admin', ADMIN_PASSWORD);
    await admin('POST', '/api/apps/import', repairDesk());
    for (const person of PEOPLE) await admin('POST', '/api/members', { ...person, password: PASSWORD });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A member's inbox on a phone, open on the task list. */
  async function inbox(username: string): Promise<Page> {
    const page = await phonePage(browser);
    await signInAsMember(page, server.url, username, PASSWORD);
    await page.goto(`${server.url}/tasks`);
    await page.getByTestId('tasks-page').waitFor();
    await settled(page);
    return page;
  }

  it('is drawn, saved, dispatches to the one qualified technician live, and escalates when overdue', async () => {
    const desk = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await desk.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.goto(`${server.url}/apps/${APP}/flows`);
    await page.getByTestId('flows-new').click();
    await page.getByTestId('flow-designer').waitFor();

    // The flow itself: key, label, entity, started when a request is created.
    await page.getByTestId('flow-key').fill(FLOW);
    await page.getByTestId('flow-label-zh').fill('报修派单');
    await page.getByTestId('flow-label-en').fill('Repair dispatch');
    await pickOption(page, page.getByTestId('flow-entity'), '报修单');
    await pickOption(page, page.getByTestId('flow-trigger'), '新建记录时');

    // One task between start and end, dropped from the palette.
    const canvas = page.getByTestId('flow-canvas');
    const box = (await canvas.boundingBox())!;
    await page
      .getByTestId('flow-palette-userTask')
      .dragTo(canvas, { targetPosition: { x: box.width / 2, y: box.height / 2 + 120 } });
    await page.getByTestId('flow-node-userTask1').waitFor();
    await page.getByTestId('flow-node-label-zh').fill('接单维修');
    await page.getByTestId('flow-node-label-en').fill('Take and fix');

    // Auto-dispatch: the request's area and category against what members serve and can do.
    await pickOption(page, page.getByTestId('flow-assignee-type'), '自动派单（区域/类别/技能）');
    await pickOption(page, page.getByTestId('flow-assignee-match-area'), /^区域 \(area\)$/);
    await pickOption(page, page.getByTestId('flow-assignee-match-category'), /^类别 \(category\)$/);
    await page.getByTestId('flow-assignee-strategy').getByText('最少待办优先').click();

    // The SLA: due in 20 seconds of the clock, escalated to the manager role when overdue.
    // Seconds are no unit a builder picks; the duration is typed as ISO-8601 text.
    await pickOption(page, page.getByTestId('flow-sla-due-unit'), 'ISO-8601…');
    await page.getByTestId('flow-sla-due-text').fill(`PT${SLA_SECONDS}S`);
    await page.getByTestId('flow-sla-escalate').click();
    await pickOption(page, page.getByTestId('flow-escalate-type'), '按角色');
    await pickOption(page, page.getByTestId('flow-escalate-role'), '维修主管');

    const handle = (node: string, kind: 'source' | 'target') =>
      page.getByTestId(`flow-node-${node}`).locator(`.react-flow__handle.${kind}`);
    await handle('start', 'source').dragTo(handle('userTask1', 'target'));
    await handle('userTask1', 'source').dragTo(handle('end', 'target'));
    await page.getByTestId('flow-valid').waitFor();
    await page.getByTestId('rf__node-userTask1').click();
    await page.screenshot({ path: screenshotPath('repair-dispatch-designer') });

    const saved = savedImport(page);
    await page.getByTestId('flow-save').click();
    await page.getByTestId('designer-confirm').click();
    expect((await saved).status()).toBe(200);

    const app = await admin<{ definition: { flows: Record<string, unknown>[] } }>('GET', `/api/apps/${APP}`);
    const flow = app.definition.flows.find((candidate) => candidate.key === FLOW)!;
    expect(flow).toMatchObject({ entity: 'request', trigger: { type: 'recordCreated' } });
    expect((flow.nodes as Record<string, unknown>[]).find((node) => node.key === 'userTask1')).toMatchObject({
      type: 'userTask',
      assignee: {
        type: 'autoDispatch',
        match: { area: 'area', category: 'category' },
        strategy: 'leastLoaded',
      },
      sla: { due: `PT${SLA_SECONDS}S`, escalate: { to: { type: 'role', role: 'manager' } } },
    });

    // The technicians and the manager have their inboxes open.
    const li = await inbox('li');
    const zhao = await inbox('zhao');
    const boss = await inbox('boss');

    // A resident reports a burst pipe in the north: only 李师傅 both serves the north and fixes pipes.
    const createdAt = Date.now();
    const request = await admin<{ id: string }>('POST', `/api/apps/${APP}/entities/request/records`, {
      values: { title: '北区 3 栋 1201 水管爆裂', area: 'north', category: 'plumbing' },
    });
    const row = li.getByTestId('task-row').filter({ hasText: '北区 3 栋 1201 水管爆裂' });
    await row.waitFor({ timeout: 15_000 });
    const dispatchedMs = Date.now() - createdAt;
    await li.screenshot({ path: screenshotPath('repair-dispatch-technician-phone'), fullPage: true });
    expect(await zhao.getByTestId('task-row').count()).toBe(0);
    expect(await boss.getByTestId('task-row').count()).toBe(0);

    const instances = await admin<{ items: { openTasks: { assignees: string[]; dueAt: string }[] }[] }>(
      'GET',
      `/api/apps/${APP}/entities/request/records/${request.id}/flow-instances`,
    );
    const members = await admin<{ items: { id: string; username: string }[] }>('GET', '/api/members?q=li');
    const task = instances.items[0]!.openTasks[0]!;
    expect(task.assignees).toEqual([members.items.find((member) => member.username === 'li')!.id]);
    const dueAt = Date.parse(task.dueAt);
    expect(dueAt - createdAt).toBeGreaterThan((SLA_SECONDS - 3) * 1000);

    // Nobody takes it; when the SLA passes it appears in the manager's open inbox, and not a moment before.
    const escalated = boss.getByTestId('task-row').filter({ hasText: '北区 3 栋 1201 水管爆裂' });
    await escalated.waitFor({ timeout: (SLA_SECONDS + 30) * 1000 });
    const escalatedAt = Date.now();
    expect(escalatedAt).toBeGreaterThanOrEqual(dueAt);
    // Jobs are polled every 200 ms here; a busy machine gets a generous margin, a missed timer would not.
    expect(escalatedAt - dueAt).toBeLessThan(10_000);
    await escalated.getByTestId('task-overdue').waitFor();
    await boss.screenshot({ path: screenshotPath('repair-dispatch-manager-phone'), fullPage: true });
    // The technician's list lets it go without a reload too.
    await li
      .getByTestId('task-row')
      .filter({ hasText: '北区 3 栋 1201 水管爆裂' })
      .waitFor({ state: 'detached' });
    console.log(
      `dispatched to the technician's open inbox in ${dispatchedMs} ms; escalated ${escalatedAt - dueAt} ms after due`,
    );

    for (const other of [li, zhao, boss, page]) await other.context().close();
  });
});
