import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import type { DepartmentDto } from '../../api/memberTypes';
import { SessionContext, type SessionContextValue } from '../../hooks/session';
import { errorResponse, jsonResponse } from '../../test/http';
import { DepartmentsPage } from './DepartmentsPage';

// antd validates and animates field errors asynchronously; with all test files running at once in jsdom that can
// take longer than Testing Library's 1 s default, which made these tests flaky, not wrong.
configure({ asyncUtilTimeout: 5_000 });

const session = (role: 'admin' | 'member'): SessionContextValue => ({
  status: 'authenticated',
  user: { id: 'u1', username: 'admin', displayName: 'Admin', isSystemAdmin: true },
  workspace: { id: 'w1', slug: 'default', name: 'Default' },
  role,
  login: vi.fn(),
  logout: vi.fn(),
  switchWorkspace: vi.fn(),
});

const department = (fields: Partial<DepartmentDto> & Pick<DepartmentDto, 'key' | 'name'>): DepartmentDto => ({
  parentKey: null,
  manager: null,
  sortOrder: 0,
  version: 1,
  memberCount: 0,
  ...fields,
});

const initialDepartments = () => [
  department({ key: 'maint', name: '维修部', parentKey: 'ops', memberCount: 3 }),
  department({ key: 'ops', name: '运营中心', manager: { id: 'u2', displayName: '王经理' }, sortOrder: 1 }),
  department({ key: 'sales', name: '销售部', sortOrder: 2 }),
];

type Refusal = {
  status: number;
  code: string;
  message: string;
  details?: { path: string; message: string }[];
};

/** A fake server: the list, creation, change and deletion, each of which a test may make refuse. */
function stubServer(refuse: { create?: Refusal; update?: Refusal; remove?: Refusal } = {}) {
  const departments = initialDepartments();
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    const fail = (refusal: Refusal) =>
      errorResponse(refusal.status, refusal.code, refusal.message, refusal.details ?? []);
    if (url === '/api/departments' && method === 'GET') return jsonResponse(200, departments);
    if (url === '/api/departments' && method === 'POST') {
      if (refuse.create) return fail(refuse.create);
      const created = department({
        key: String(body.key),
        name: String(body.name),
        parentKey: typeof body.parentKey === 'string' ? body.parentKey : null,
      });
      departments.push(created);
      return jsonResponse(201, created);
    }
    const one = /^\/api\/departments\/(\w+)$/.exec(url);
    if (one && method === 'PATCH') {
      if (refuse.update) return fail(refuse.update);
      const stored = departments.find((candidate) => candidate.key === one[1])!;
      Object.assign(stored, body, { version: stored.version + 1 });
      return jsonResponse(200, stored);
    }
    if (one && method === 'DELETE') {
      if (refuse.remove) return fail(refuse.remove);
      departments.splice(
        departments.findIndex((candidate) => candidate.key === one[1]),
        1,
      );
      return jsonResponse(204, undefined);
    }
    if (url.startsWith('/api/users'))
      return jsonResponse(200, [{ id: 'u3', username: 'li', displayName: '李四' }]);
    return jsonResponse(404, { error: { code: 'ROUTE_NOT_FOUND', message: url, details: [] } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const requestsOf = (fetchMock: ReturnType<typeof stubServer>, method: string) =>
  fetchMock.mock.calls
    .filter(([, init]) => (init?.method ?? 'GET') === method)
    .map(([url, init]) => ({
      url: String(url),
      body: init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined,
    }));

function renderPage(role: 'admin' | 'member' = 'admin') {
  return render(
    <AntApp>
      <MemoryRouter>
        <SessionContext.Provider value={session(role)}>
          <DepartmentsPage />
        </SessionContext.Provider>
      </MemoryRouter>
    </AntApp>,
  );
}

describe('DepartmentsPage', () => {
  it('shows the departments as an expanded tree, siblings in their order', async () => {
    stubServer();
    renderPage();
    const ops = await screen.findByTestId('department-row-ops');
    expect(ops).toHaveTextContent('运营中心');
    expect(ops).toHaveTextContent('王经理');
    const maint = screen.getByTestId('department-row-maint');
    expect(maint).toHaveTextContent('维修部');
    expect(maint).toHaveTextContent('3');
    const rows = screen.getAllByTestId(/^department-row-/).map((row) => row.dataset.testid);
    expect(rows).toEqual(['department-row-ops', 'department-row-maint', 'department-row-sales']);
    expect(screen.getByText('共 3 个部门')).toBeInTheDocument();
  });

  it('creates a top-level department', async () => {
    const fetchMock = stubServer();
    renderPage();
    await screen.findByTestId('department-row-ops');

    fireEvent.click(screen.getByTestId('department-create'));
    fireEvent.change(await screen.findByTestId('department-name'), { target: { value: ' 工程部 ' } });
    fireEvent.change(screen.getByTestId('department-key'), { target: { value: 'engineering' } });
    fireEvent.click(screen.getByTestId('department-save'));

    expect(await screen.findByTestId('department-row-engineering')).toHaveTextContent('工程部');
    expect(requestsOf(fetchMock, 'POST')).toEqual([
      { url: '/api/departments', body: { key: 'engineering', name: '工程部', sortOrder: 0 } },
    ]);
    await waitFor(() => expect(screen.queryByTestId('department-modal')).not.toBeInTheDocument());
  });

  it('creates a sub-department under the row it was added from', async () => {
    const fetchMock = stubServer();
    renderPage();
    fireEvent.click(await screen.findByTestId('department-add-child-ops'));
    expect(await screen.findByText('在 运营中心 下新建部门')).toBeInTheDocument();
    fireEvent.change(screen.getByTestId('department-name'), { target: { value: '保洁部' } });
    fireEvent.change(screen.getByTestId('department-key'), { target: { value: 'cleaning' } });
    fireEvent.click(screen.getByTestId('department-save'));

    await screen.findByTestId('department-row-cleaning');
    expect(requestsOf(fetchMock, 'POST')[0]?.body).toEqual({
      key: 'cleaning',
      name: '保洁部',
      parentKey: 'ops',
      sortOrder: 0,
    });
  });

  it('picks the manager among the members found by search', async () => {
    const fetchMock = stubServer();
    renderPage();
    fireEvent.click(await screen.findByTestId('department-edit-ops'));
    const manager = await screen.findByTestId('department-manager');
    expect(manager.closest('.ant-select')).toHaveTextContent('王经理');
    const combobox = within(manager.closest('.ant-select')!).getByRole('combobox');
    fireEvent.focus(combobox);
    fireEvent.mouseDown(combobox);
    fireEvent.click(await screen.findByText('李四 (li)'));
    fireEvent.click(screen.getByTestId('department-save'));

    await waitFor(() => expect(requestsOf(fetchMock, 'PATCH')).toHaveLength(1));
    expect(requestsOf(fetchMock, 'PATCH')[0]?.body).toEqual({ version: 1, managerId: 'u3' });
    expect(fetchMock).toHaveBeenCalledWith('/api/users?q=', expect.anything());
  });

  it('checks the key before sending anything', async () => {
    const fetchMock = stubServer();
    renderPage();
    await screen.findByTestId('department-row-ops');
    fireEvent.click(screen.getByTestId('department-create'));
    fireEvent.change(await screen.findByTestId('department-name'), { target: { value: '工程部' } });
    fireEvent.change(screen.getByTestId('department-key'), { target: { value: '2nd-floor' } });
    fireEvent.click(screen.getByTestId('department-save'));

    expect(await screen.findByText('以字母开头，只含字母、数字或 _，不超过 50 个字符')).toBeInTheDocument();
    expect(requestsOf(fetchMock, 'POST')).toEqual([]);
  });

  it('shows a taken key on the key field', async () => {
    stubServer({ create: { status: 409, code: 'DEPARTMENT_EXISTS', message: '部门标识 "ops" 已存在。' } });
    renderPage();
    await screen.findByTestId('department-row-ops');
    fireEvent.click(screen.getByTestId('department-create'));
    fireEvent.change(await screen.findByTestId('department-name'), { target: { value: '运营二部' } });
    fireEvent.change(screen.getByTestId('department-key'), { target: { value: 'ops' } });
    fireEvent.click(screen.getByTestId('department-save'));

    const fieldError = await screen.findByText('部门标识 "ops" 已存在。');
    expect(fieldError.closest('.ant-form-item')).toContainElement(screen.getByTestId('department-key'));
    expect(screen.getByTestId('department-modal')).toBeInTheDocument();
  });

  it('shows validation details on the fields they name', async () => {
    stubServer({
      create: {
        status: 400,
        code: 'VALIDATION_FAILED',
        message: '请求参数不正确',
        details: [{ path: 'managerId', message: 'the manager must be a member of this workspace' }],
      },
    });
    renderPage();
    await screen.findByTestId('department-row-ops');
    fireEvent.click(screen.getByTestId('department-create'));
    fireEvent.change(await screen.findByTestId('department-name'), { target: { value: '工程部' } });
    fireEvent.change(screen.getByTestId('department-key'), { target: { value: 'eng' } });
    fireEvent.click(screen.getByTestId('department-save'));

    const fieldError = await screen.findByText('the manager must be a member of this workspace');
    expect(fieldError.closest('.ant-form-item')).toContainElement(screen.getByTestId('department-manager'));
  });

  it('sends only the changes with the version read', async () => {
    const fetchMock = stubServer();
    renderPage();
    fireEvent.click(await screen.findByTestId('department-edit-maint'));
    const name = await screen.findByTestId('department-name');
    expect(name).toHaveValue('维修部');
    expect(screen.queryByTestId('department-key')).not.toBeInTheDocument();
    fireEvent.change(name, { target: { value: '工程维修部' } });
    fireEvent.click(screen.getByTestId('department-save'));

    await waitFor(() => expect(screen.getByTestId('department-row-maint')).toHaveTextContent('工程维修部'));
    expect(requestsOf(fetchMock, 'PATCH')).toEqual([
      { url: '/api/departments/maint', body: { version: 1, name: '工程维修部' } },
    ]);
  });

  it('on a version conflict tells the user to start over and reloads the list', async () => {
    const fetchMock = stubServer({
      update: {
        status: 409,
        code: 'DEPARTMENT_VERSION_CONFLICT',
        message: '该部门已被他人修改，请刷新后重试。',
      },
    });
    renderPage();
    fireEvent.click(await screen.findByTestId('department-edit-sales'));
    fireEvent.change(await screen.findByTestId('department-name'), { target: { value: '市场部' } });
    fireEvent.click(screen.getByTestId('department-save'));

    expect(await screen.findByTestId('department-error')).toHaveTextContent('该部门已被他人修改，列表已刷新');
    await waitFor(() => expect(requestsOf(fetchMock, 'GET')).toHaveLength(2));
  });

  it('deletes after confirmation, and says why when the server refuses', async () => {
    stubServer({
      remove: {
        status: 409,
        code: 'DEPARTMENT_IN_USE',
        message: '部门 "ops" 下还有 1 个子部门和 0 名成员，请先调整。',
      },
    });
    renderPage();
    fireEvent.click(await screen.findByTestId('department-delete-ops'));
    fireEvent.click(await screen.findByTestId('department-delete-confirm'));
    expect(
      await screen.findByText('部门 "ops" 下还有 1 个子部门和 0 名成员，请先调整。'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('department-row-ops')).toBeInTheDocument();
  });

  it('removes a deleted department from the tree', async () => {
    const fetchMock = stubServer();
    renderPage();
    fireEvent.click(await screen.findByTestId('department-delete-sales'));
    const popconfirm = await screen.findByTestId('department-delete-confirm');
    expect(within(document.body).getByText('删除部门 销售部？')).toBeInTheDocument();
    fireEvent.click(popconfirm);
    await waitFor(() => expect(screen.queryByTestId('department-row-sales')).not.toBeInTheDocument());
    expect(requestsOf(fetchMock, 'DELETE')).toEqual([{ url: '/api/departments/sales', body: undefined }]);
  });

  it('fits a phone: details under the name, actions as labelled icons', async () => {
    stubServer();
    const wide = window.matchMedia;
    // Below antd's md breakpoint no min-width query matches.
    window.matchMedia = (query: string) => ({ ...wide(query), matches: false });
    try {
      renderPage();
      const ops = await screen.findByTestId('department-row-ops');
      expect(ops.querySelectorAll('td')).toHaveLength(2);
      expect(ops).toHaveTextContent('ops · 王经理 · 0 人');
      expect(within(ops).getByTestId('department-edit-ops')).toHaveAccessibleName('编辑');
      expect(within(ops).getByTestId('department-edit-ops')).not.toHaveTextContent('编辑');
    } finally {
      window.matchMedia = wide;
    }
  });

  it('is for admins only', async () => {
    stubServer();
    renderPage('member');
    expect(screen.getByText('只有工作区管理员可以管理组织架构。')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('departments-page')).not.toBeInTheDocument());
  });
});
