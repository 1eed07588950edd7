import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { SessionContext, type SessionContextValue } from '../../hooks/session';
import { jsonResponse } from '../../test/http';
import { tenantEntity, testApp } from '../../test/fixtures';
import { MemberAppHome } from './MemberAppHome';

const app = {
  ...testApp,
  entities: [
    tenantEntity,
    { ...tenantEntity, key: 'bill', label: { 'zh-CN': '账单' } },
    { ...tenantEntity, key: 'supplier', label: { 'zh-CN': '供应商' } },
  ],
};

const technician: SessionContextValue = {
  status: 'authenticated',
  user: { id: 'u7', username: 'technician1', displayName: '王师傅', isSystemAdmin: false },
  workspace: { id: 'w1', slug: 'default', name: 'Default' },
  role: 'member',
  login: vi.fn(),
  logout: vi.fn(),
  switchWorkspace: vi.fn(),
};

const acceptTask = {
  id: 't1',
  kind: 'userTask',
  mode: 'single',
  title: { 'zh-CN': '师傅接单' },
  app: 'pm',
  flow: null,
  nodeKey: 'accept',
  instanceId: 'i1',
  status: 'open',
  outcome: null,
  priority: 'normal',
  dueAt: null,
  remindAt: null,
  escalated: false,
  assignees: ['u7'],
  decidedBy: [],
  claimedBy: null,
  candidateRole: null,
  entity: 'tenant',
  recordId: 'r1',
  createdAt: '2026-06-01T02:00:00.000Z',
  completedAt: null,
  completedBy: null,
  comment: null,
  recordTitle: '张三',
  record: { values: { name: '张三' }, display: {} },
};

function Where() {
  const location = useLocation();
  return <div data-testid="where">{location.pathname + location.search}</div>;
}

describe('MemberAppHome', () => {
  it("lists the entities the user's roles give them, with 'new' where they may create", async () => {
    const fetchMock = vi.fn<typeof fetch>().mockImplementation((input) =>
      Promise.resolve(
        String(input).includes('/api/tasks')
          ? jsonResponse(200, {
              items: String(input).includes('box=mine') ? [acceptTask] : [],
              nextCursor: null,
            })
          : jsonResponse(200, {
              entities: [
                { key: 'tenant', actions: ['read', 'create'] },
                { key: 'bill', actions: ['read'] },
              ],
            }),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    render(
      <AntApp>
        <MemoryRouter initialEntries={['/apps/pm']}>
          <SessionContext.Provider value={technician}>
            <Routes>
              <Route path="*" element={<MemberAppHome appKey="pm" definition={app} locale="zh-CN" />} />
            </Routes>
            <Where />
          </SessionContext.Provider>
        </MemoryRouter>
      </AntApp>,
    );
    expect(await screen.findByTestId('entity-card-bill')).toHaveTextContent('账单');
    const asked = fetchMock.mock.calls.map(([input]) => String(input));
    expect(asked).toContainEqual(expect.stringContaining('/api/apps/pm/access'));
    // Their open tasks in this app come first, with what each is about.
    expect(asked).toContainEqual(expect.stringMatching(/\/api\/tasks\?.*box=mine.*app=pm/));
    expect(asked).toContainEqual(expect.stringMatching(/\/api\/tasks\?.*box=group.*app=pm/));
    expect(await screen.findByTestId('app-task-preview')).toHaveTextContent('师傅接单');
    expect(screen.getByTestId('task-record-title')).toHaveTextContent('张三');
    expect(screen.queryByTestId('entity-card-supplier')).toBeNull();
    expect(screen.queryByTestId('entity-new-bill')).toBeNull();
    // What they may create is also a button at the top, above their figures.
    expect(screen.getByTestId('home-new-tenant')).toHaveTextContent('新建租户');
    expect(screen.queryByTestId('home-new-bill')).toBeNull();
    fireEvent.click(screen.getByTestId('entity-new-tenant'));
    expect(screen.getByTestId('where')).toHaveTextContent('/apps/pm/e/tenant?new=1');
  });

  it('opens on the dashboard their roles give them, when they have just one', async () => {
    const owed = {
      key: 'owed',
      label: { 'zh-CN': '待缴费用' },
      entity: 'bill',
      chart: { type: 'kpi' },
      dimensions: [],
      measures: [{ key: 'bills', aggregate: 'count' }],
    };
    const mine = {
      key: 'tenantMobile',
      label: { 'zh-CN': '我的物业' },
      roles: ['tenant'],
      items: [
        { key: 'due', report: 'owed', title: { 'zh-CN': '待缴费用' }, layout: { x: 0, y: 0, w: 24, h: 4 } },
      ],
    };
    const fetchMock = vi.fn<typeof fetch>().mockImplementation((input) => {
      const url = String(input);
      if (url.includes('/api/tasks'))
        return Promise.resolve(jsonResponse(200, { items: [], nextCursor: null }));
      if (url.endsWith('/api/apps/pm/dashboards')) return Promise.resolve(jsonResponse(200, [mine]));
      if (url.includes('/reports/'))
        return Promise.resolve(jsonResponse(500, { error: { code: 'INTERNAL', message: 'x' } }));
      return Promise.resolve(jsonResponse(200, { entities: [{ key: 'bill', actions: ['read'] }] }));
    });
    vi.stubGlobal('fetch', fetchMock);
    render(
      <AntApp>
        <MemoryRouter initialEntries={['/apps/pm']}>
          <SessionContext.Provider value={technician}>
            <MemberAppHome
              appKey="pm"
              definition={{ ...app, reports: [owed] } as typeof app}
              locale="zh-CN"
            />
          </SessionContext.Provider>
        </MemoryRouter>
      </AntApp>,
    );
    const card = await screen.findByTestId('dashboard-card-due');
    expect(screen.getByTestId('home-dashboard')).toContainElement(card);
    expect(card).toHaveTextContent('待缴费用');
    await waitFor(() =>
      expect(fetchMock.mock.calls.map(([input]) => String(input))).toContainEqual(
        expect.stringContaining('/api/apps/pm/reports/owed/run'),
      ),
    );
  });

  it('offers no buttons at the top to someone who may create many kinds of record', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>().mockImplementation((input) =>
        Promise.resolve(
          String(input).includes('/api/tasks')
            ? jsonResponse(200, { items: [], nextCursor: null })
            : jsonResponse(200, {
                entities: ['tenant', 'bill', 'supplier'].map((key) => ({ key, actions: ['read', 'create'] })),
              }),
        ),
      ),
    );
    render(
      <AntApp>
        <MemoryRouter initialEntries={['/apps/pm']}>
          <SessionContext.Provider value={technician}>
            <MemberAppHome appKey="pm" definition={app} locale="zh-CN" />
          </SessionContext.Provider>
        </MemoryRouter>
      </AntApp>,
    );
    expect(await screen.findByTestId('entity-new-supplier')).toBeInTheDocument();
    expect(screen.queryByTestId('home-new-tenant')).toBeNull();
  });
});
