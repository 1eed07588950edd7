import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import type { ApiKeyDto } from '../../api/apiKeyTypes';
import { SessionContext, type SessionContextValue } from '../../hooks/session';
import { jsonResponse } from '../../test/http';
import { ApiKeysPage } from './ApiKeysPage';

const session = (role: 'admin' | 'member'): SessionContextValue => ({
  status: 'authenticated',
  user: { id: 'u1', username: 'admin', displayName: 'Admin', isSystemAdmin: true },
  workspace: { id: 'w1', slug: 'default', name: 'Default' },
  role,
  login: vi.fn(),
  logout: vi.fn(),
  switchWorkspace: vi.fn(),
});

const SECRET = `lck_${'a'.repeat(32)}_${'S'.repeat(43)}`;

const erp: ApiKeyDto = {
  id: 'k1',
  name: 'ERP sync',
  prefix: 'lck_aaaaaaaa',
  scopes: ['records:read:property', 'reports:run'],
  status: 'active',
  principalId: 'k1',
  createdAt: '2026-01-02T03:04:05.000Z',
  createdBy: { id: 'u1', displayName: 'Admin' },
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
};

/** A fake server: the key list, the apps, creation and revocation. */
function stubServer() {
  const keys: ApiKeyDto[] = [erp];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (url === '/api/apps')
      return jsonResponse(200, [{ key: 'property', label: { 'zh-CN': '物业', en: 'Property' } }]);
    if (url === '/api/api-keys' && method === 'GET') return jsonResponse(200, keys);
    if (url === '/api/api-keys' && method === 'POST') {
      const body = JSON.parse(String(init?.body)) as { name: string; scopes: string[] };
      const created = { ...erp, id: 'k2', principalId: 'k2', name: body.name, scopes: body.scopes };
      keys.unshift(created);
      return jsonResponse(201, { ...created, secret: SECRET });
    }
    const revoke = /^\/api\/api-keys\/(\w+)\/revoke$/.exec(url);
    if (revoke && method === 'POST') {
      const key = keys.find((candidate) => candidate.id === revoke[1])!;
      Object.assign(key, { status: 'revoked', revokedAt: '2026-01-03T00:00:00.000Z' });
      return jsonResponse(200, key);
    }
    return jsonResponse(404, { error: { code: 'ROUTE_NOT_FOUND', message: url, details: [] } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderPage(role: 'admin' | 'member' = 'admin') {
  return render(
    <AntApp>
      <MemoryRouter>
        <SessionContext.Provider value={session(role)}>
          <ApiKeysPage />
        </SessionContext.Provider>
      </MemoryRouter>
    </AntApp>,
  );
}

describe('ApiKeysPage', () => {
  it('lists keys with their scopes and status, never a secret', async () => {
    stubServer();
    renderPage();
    const row = await screen.findByTestId('api-key-row-ERP sync');
    expect(row).toHaveTextContent('lck_aaaaaaaa');
    await waitFor(() => expect(row).toHaveTextContent('物业 · 读取记录'));
    expect(row).toHaveTextContent('全部应用 · 运行报表');
    expect(row).toHaveTextContent('有效');
    expect(row).toHaveTextContent('尚未使用');
  });

  it('creates a key and shows its secret once, with a copy button', async () => {
    const fetchMock = stubServer();
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderPage();
    await screen.findByTestId('api-key-row-ERP sync');

    fireEvent.click(screen.getByTestId('api-key-create'));
    fireEvent.change(await screen.findByTestId('api-key-name'), { target: { value: ' BI export ' } });
    fireEvent.click(screen.getByTestId('api-key-create-confirm'));

    const secret = await screen.findByTestId('api-key-secret');
    expect(secret).toHaveValue(SECRET);
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ name: 'BI export', scopes: ['records:read'] });

    fireEvent.click(screen.getByTestId('api-key-secret-copy'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(SECRET));

    // The list behind the dialog already holds the new key, without its secret.
    expect(await screen.findByTestId('api-key-row-BI export')).not.toHaveTextContent(SECRET.slice(20));
    fireEvent.click(screen.getByTestId('api-key-secret-done'));
    await waitFor(() => expect(screen.queryByTestId('api-key-secret')).not.toBeInTheDocument());
    expect(document.body).not.toHaveTextContent(SECRET.slice(20));
  });

  it('asks for at least one permission', async () => {
    const fetchMock = stubServer();
    renderPage();
    await screen.findByTestId('api-key-row-ERP sync');
    fireEvent.click(screen.getByTestId('api-key-create'));
    fireEvent.change(await screen.findByTestId('api-key-name'), { target: { value: 'Nothing' } });
    const permissions = screen.getByTestId('api-key-scope-permissions-0');
    fireEvent.click(within(permissions).getByLabelText('读取记录'));
    fireEvent.click(screen.getByTestId('api-key-create-confirm'));
    expect(await screen.findByText('请至少选择一项权限')).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });

  it('revokes a key after confirmation', async () => {
    const fetchMock = stubServer();
    renderPage();
    fireEvent.click(await screen.findByTestId('api-key-revoke-ERP sync'));
    fireEvent.click(await screen.findByTestId('api-key-revoke-confirm'));
    await waitFor(() => expect(screen.getByTestId('api-key-row-ERP sync')).toHaveTextContent('已吊销'));
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/api-keys/k1/revoke',
      expect.objectContaining({ method: 'POST' }),
    );
    expect(screen.queryByTestId('api-key-revoke-ERP sync')).not.toBeInTheDocument();
  });

  it('is for admins only', () => {
    stubServer();
    renderPage('member');
    expect(screen.getByText('只有工作区管理员可以管理 API 密钥。')).toBeInTheDocument();
  });
});
