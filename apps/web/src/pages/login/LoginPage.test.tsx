import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { SessionProvider } from '../../components/SessionProvider';
import { errorResponse } from '../../test/http';
import { LoginPage } from './LoginPage';

function renderLogin() {
  return render(
    <AntApp>
      <MemoryRouter initialEntries={['/login']}>
        <SessionProvider>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/apps" element={<div data-testid="apps-page" />} />
          </Routes>
        </SessionProvider>
      </MemoryRouter>
    </AntApp>,
  );
}

describe('LoginPage', () => {
  it('shows the server message inline when the credentials are wrong', async () => {
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockResolvedValue(errorResponse(401, 'AUTH_INVALID_CREDENTIALS', '用户名或密码错误'));
    vi.stubGlobal('fetch', fetchMock);
    renderLogin();

    fireEvent.change(screen.getByTestId('login-username'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByTestId('login-submit'));

    expect(await screen.findByTestId('login-error')).toHaveTextContent('用户名或密码错误');
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/auth/login');
    expect(JSON.parse(String(init?.body))).toEqual({ username: 'admin', password: 'wrong' });
    expect(window.localStorage.getItem('lowcode.accessToken')).toBeNull();
  });

  it('stores the tokens and leaves for the apps page on success', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>().mockResolvedValue(
        new Response(
          JSON.stringify({
            accessToken: 'a1',
            refreshToken: 'r1',
            expiresIn: 900,
            user: { id: 'u1', username: 'admin', displayName: 'Admin', isSystemAdmin: true },
            workspace: { id: 'w1', slug: 'default', name: 'Default' },
            role: 'admin',
          }),
          { status: 200, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    renderLogin();

    fireEvent.change(screen.getByTestId('login-username'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByTestId('login-submit'));

    expect(await screen.findByTestId('apps-page')).toBeInTheDocument();
    await waitFor(() => expect(window.localStorage.getItem('lowcode.refreshToken')).toBe('r1'));
  });
});
