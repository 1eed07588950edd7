import { fireEvent, render, screen } from '@testing-library/react';
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
    fireEvent.click(screen.getByTestId('entity-new-tenant'));
    expect(screen.getByTestId('where')).toHaveTextContent('/apps/pm/e/tenant?new=1');
  });
});
