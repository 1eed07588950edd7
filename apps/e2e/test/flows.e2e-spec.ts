import { type Browser } from 'playwright-core';
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

const ADMIN_PASSWORD = 'flows-admin-password';
const TECH_PASSWORD = 'flows-tech-password';
const text = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A small repair app: a request goes to the technician's approval, then ends (the designer adds a step). */
function repairApp() {
  return {
    formatVersion: 1,
    key: 'repairs',
    version: '1.0.0',
    label: text('报修', 'Repairs'),
    entities: [
      {
        key: 'request',
        label: text('报修单', 'Request'),
        titleField: 'title',
        fields: [
          { key: 'title', type: 'text', label: text('标题', 'Title'), required: true },
          { key: 'area', type: 'text', label: text('区域', 'Area') },
          { key: 'note', type: 'text', label: text('处理说明', 'Note') },
        ],
      },
    ],
    roles: [
      {
        key: 'technician',
        label: text('维修师傅', 'Technician'),
        permissions: [{ entity: 'request', actions: ['read', 'update'] }],
      },
    ],
    flows: [
      {
        key: 'repair',
        label: text('报事报修', 'Repair'),
        entity: 'request',
        trigger: { type: 'manual' },
        nodes: [
          { key: 'start', type: 'start', label: text('受理', 'Received') },
          {
            key: 'review',
            type: 'approval',
            label: text('师傅确认', 'Technician confirms'),
            mode: 'single',
            assignee: { type: 'user', users: ['tech'] },
            form: { visible: ['title', 'area'], editable: ['note'] },
            sla: { due: 'PT4H' },
          },
          { key: 'end', type: 'end', label: text('办结', 'Closed') },
        ],
        edges: [
          { key: 'startToReview', from: 'start', to: 'review' },
          { key: 'reviewToEnd', from: 'review', to: 'end' },
        ],
      },
    ],
    rules: [],
    reports: [],
    dashboards: [],
  };
}

/**
 * The flows acceptance test: a builder adds a follow-up step to the repair flow in the drag-and-drop designer
 * and saves it; a request is started on the flow; the technician approves it with a comment on a 390 px phone;
 * the track shows on the record, and the follow-up lands in the builder's inbox live.
 */
describe('a builder designs a repair flow and a technician approves it on a phone', () => {
  let server: ProductServer;
  let browser: Browser;
  let apiCall: ApiCall;
  let recordId: string;

  beforeAll(async () => {
    server = await startProductServer({ ADMIN_PASSWORD });
    browser = await launchChromium();
    apiCall = await signInToApi(server, 'admin', ADMIN_PASSWORD);

    await apiCall('POST', '/api/apps/import', repairApp());
    await apiCall('POST', '/api/members', {
      username: 'tech',
      displayName: '王师傅',
      password: TECH_PASSWORD,
      appRoles: ['technician'],
    });
    const created = await apiCall<{ id: string }>('POST', '/api/apps/repairs/entities/request/records', {
      values: { title: '3 号楼 1202 厨房水管漏水', area: '3 号楼' },
    });
    recordId = created.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adds a step in the designer, and the technician approves on a phone', async () => {
    const desktop = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await desktop.newPage();
    await signIn(page, server.url, ADMIN_PASSWORD);
    await page.goto(`${server.url}/apps/repairs`);
    await page.getByTestId('app-flows-link').click();
    await page.getByTestId('flow-design-repair').click();
    await page.getByTestId('flow-designer').waitFor();
    await page.getByTestId('flow-valid').waitFor();

    // Drag a user task onto the canvas, below the approval.
    const canvas = page.getByTestId('flow-canvas');
    const box = (await canvas.boundingBox())!;
    await page
      .getByTestId('flow-palette-userTask')
      .dragTo(canvas, { targetPosition: { x: box.width / 2, y: box.height - 120 } });
    await page.getByTestId('flow-node-userTask1').waitFor();
    // Unconnected, it cannot be reached: the designer says so on the node and blocks saving.
    expect(await page.getByTestId('flow-node-userTask1').getAttribute('data-problems')).not.toBe('0');
    expect(await page.getByTestId('flow-save').isDisabled()).toBe(true);

    await page.getByTestId('flow-node-label-zh').fill('回访');
    await page.getByTestId('flow-node-label-en').fill('Follow-up call');
    await pickOption(page, page.getByTestId('flow-assignee-type'), /^指定成员$/);
    await pickOption(page, page.getByTestId('flow-assignee-users'), /\(admin\)/);
    await page.keyboard.press('Escape');

    // Rewire: review → follow-up → end instead of review → end.
    await page.getByTestId('rf__edge-reviewToEnd').locator('path').first().click({ force: true });
    await page.getByTestId('flow-delete-selected').click();
    const handle = (node: string, kind: 'source' | 'target') =>
      page.getByTestId(`flow-node-${node}`).locator(`.react-flow__handle.${kind}`);
    await handle('review', 'source').dragTo(handle('userTask1', 'target'));
    await handle('userTask1', 'source').dragTo(handle('end', 'target'));
    await page.getByTestId('flow-valid').waitFor();
    await page.getByTestId('rf__node-userTask1').click();
    await page.screenshot({ path: screenshotPath('flows-designer-desktop') });

    const saved = savedImport(page);
    await page.getByTestId('flow-save').click();
    await page.getByTestId('designer-confirm').click();
    expect((await saved).status()).toBe(200);

    const app = await apiCall<{
      definition: {
        flows: { key: string; nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] }[];
      };
    }>('GET', '/api/apps/repairs');
    const flow = app.definition.flows.find((candidate) => candidate.key === 'repair')!;
    const added = flow.nodes.find((node) => node.key === 'userTask1');
    expect(added).toMatchObject({
      type: 'userTask',
      label: { 'zh-CN': '回访', en: 'Follow-up call' },
      assignee: { type: 'user', users: [expect.any(String)] },
    });
    expect(flow.edges.map((edge) => [edge.from, edge.to]).sort()).toEqual(
      [
        ['review', 'userTask1'],
        ['start', 'review'],
        ['userTask1', 'end'],
      ].sort(),
    );

    // The request starts on the saved flow.
    await apiCall('POST', '/api/apps/repairs/flows/repair/instances', { recordId });

    // The technician, on a phone: the inbox, the task, approve with a comment.
    const techPage = await phonePage(browser);
    await signInAsMember(techPage, server.url, 'tech', TECH_PASSWORD);
    await techPage.goto(`${server.url}/tasks`);
    const row = techPage.getByTestId('task-row').first();
    await row.waitFor();
    await row.getByTestId('task-record-title').getByText('厨房水管漏水', { exact: false }).waitFor();
    await settled(techPage);
    await techPage.screenshot({ path: screenshotPath('flows-inbox-phone'), fullPage: true });
    let overflow = await techPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await row.click();
    await techPage.getByTestId('task-page').waitFor();
    await techPage.getByTestId('task-record').getByText('3 号楼 1202', { exact: false }).waitFor();
    await techPage.getByTestId('field-note').locator('input').fill('已更换阀门');
    await techPage.getByTestId('task-comment').fill('已上门，阀门老化已更换');
    // A note for colleagues: the track marks it internal (members of external roles do not get it).
    await techPage.getByTestId('task-comment-internal').check();
    await techPage.getByTestId('flow-track').waitFor();
    await techPage.screenshot({ path: screenshotPath('flows-task-phone'), fullPage: true });
    overflow = await techPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await techPage.getByTestId('task-action-approve').click();
    await techPage.getByTestId('tasks-page').waitFor();
    await techPage.waitForURL(/\/tasks$/);

    // The follow-up reaches the builder live: the nav badge counts it without a reload.
    await page
      .getByTestId('nav-tasks-badge')
      .locator('.ant-scroll-number, .ant-badge-count')
      .first()
      .filter({ hasText: '1' })
      .waitFor({ timeout: 15_000 });

    // The track on the record: approved by the technician with the comment, now waiting at the follow-up.
    await techPage.goto(`${server.url}/apps/repairs/e/request?record=${recordId}`);
    await techPage.getByTestId('record-tab-flows').click();
    const instance = techPage.getByTestId('record-flow-instance');
    await instance.getByText('阀门老化已更换').waitFor();
    await instance.getByTestId('flow-track-internal').getByText('内部').waitFor();
    await instance.getByText('等待「回访」处理').waitFor();
    await techPage.screenshot({ path: screenshotPath('flows-track-phone'), fullPage: true });

    await page.goto(`${server.url}/apps/repairs/e/request?record=${recordId}`);
    await page.getByTestId('record-tab-flows').click();
    await page.getByTestId('record-flow-instance').getByText('阀门老化已更换').waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('flows-track-desktop') });

    const record = await apiCall<{ values: { note?: string } }>(
      'GET',
      `/api/apps/repairs/entities/request/records/${recordId}`,
    );
    expect(record.values.note).toBe('已更换阀门');
    await techPage.context().close();
    await desktop.close();
  });
});
