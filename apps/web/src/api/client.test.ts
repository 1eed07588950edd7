import { describe, expect, it, vi } from 'vitest';
import { errorResponse, jsonResponse } from '../test/http';
import { ApiError, CLIENT_ERROR_CODES } from './ApiError';
import { createApiClient } from './client';
import { createMemoryTokenStore } from './tokenStore';

const session = (accessToken: string, refreshToken: string) => ({
  accessToken,
  refreshToken,
  expiresIn: 900,
  user: { id: 'u1', username: 'admin', displayName: 'Admin', isSystemAdmin: true },
  workspace: { id: 'w1', slug: 'default', name: 'Default' },
  role: 'admin',
});

function setup(fetchImpl: typeof fetch, tokens = { accessToken: 'a1', refreshToken: 'r1' }) {
  const tokenStore = createMemoryTokenStore(tokens);
  const onAuthLost = vi.fn();
  const client = createApiClient({
    tokenStore,
    getLocale: () => 'en',
    onAuthLost,
    fetchImpl,
    wait: () => Promise.resolve(),
  });
  return { client, tokenStore, onAuthLost };
}

function headersOf(call: unknown[] | undefined): Record<string, string> {
  return ((call?.[1] as RequestInit | undefined)?.headers ?? {}) as Record<string, string>;
}

describe('api client', () => {
  it('sends the bearer token and the UI language', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(jsonResponse(200, [{ key: 'pm' }]));
    const { client } = setup(fetchImpl);
    await expect(client.request('/api/apps')).resolves.toEqual([{ key: 'pm' }]);
    expect(headersOf(fetchImpl.mock.calls[0])).toMatchObject({
      Authorization: 'Bearer a1',
      'Accept-Language': 'en',
    });
  });

  it('turns the server error body into an ApiError with code and details', async () => {
    const details = [{ path: '/entities/0/key', message: 'must match pattern' }];
    const fetchImpl = vi
      .fn<typeof fetch>()
      .mockResolvedValue(errorResponse(400, 'APP_DEFINITION_INVALID', 'Invalid definition', details));
    const { client } = setup(fetchImpl);
    const error = await client
      .request('/api/apps/import?dryRun=true', { method: 'POST', body: {} })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'APP_DEFINITION_INVALID',
      message: 'Invalid definition',
      details,
    });
  });

  it('reports a non-JSON error body as UNEXPECTED_RESPONSE', async () => {
    const fetchImpl = vi
      .fn<typeof fetch>()
      .mockResolvedValue(
        new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
      );
    const { client } = setup(fetchImpl);
    await expect(client.request('/api/apps')).rejects.toMatchObject({
      status: 502,
      code: CLIENT_ERROR_CODES.unexpectedResponse,
    });
  });

  it('reports a failed fetch as NETWORK_ERROR', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch'));
    const { client } = setup(fetchImpl);
    await expect(client.request('/api/apps')).rejects.toMatchObject({
      status: 0,
      code: CLIENT_ERROR_CODES.network,
    });
  });

  it('returns undefined for 204', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(new Response(null, { status: 204 }));
    const { client } = setup(fetchImpl);
    await expect(client.request('/api/apps/pm', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    const fetchImpl = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(errorResponse(401, 'AUTH_TOKEN_EXPIRED', 'expired'))
      .mockResolvedValueOnce(jsonResponse(200, session('a2', 'r2')))
      .mockResolvedValueOnce(jsonResponse(200, { ok: true }));
    const { client, tokenStore, onAuthLost } = setup(fetchImpl);
    await expect(client.request('/api/auth/me')).resolves.toEqual({ ok: true });
    expect(fetchImpl.mock.calls[1]?.[0]).toBe('/api/auth/refresh');
    expect(JSON.parse(String(fetchImpl.mock.calls[1]?.[1]?.body))).toEqual({ refreshToken: 'r1' });
    expect(headersOf(fetchImpl.mock.calls[2]).Authorization).toBe('Bearer a2');
    expect(tokenStore.get()).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
    expect(onAuthLost).not.toHaveBeenCalled();
  });

  it('shares one refresh between parallel requests (refresh tokens rotate)', async () => {
    const fetchImpl = vi.fn<typeof fetch>((input, init) => {
      if (input === '/api/auth/refresh') return Promise.resolve(jsonResponse(200, session('a2', 'r2')));
      const auth = headersOf([input, init]).Authorization;
      return Promise.resolve(
        auth === 'Bearer a2' ? jsonResponse(200, {}) : errorResponse(401, 'AUTH_TOKEN_EXPIRED', 'expired'),
      );
    });
    const { client } = setup(fetchImpl);
    await Promise.all([client.request('/api/apps'), client.request('/api/workspaces')]);
    expect(fetchImpl.mock.calls.filter(([input]) => input === '/api/auth/refresh')).toHaveLength(1);
  });

  it('takes the pair another tab refreshed meanwhile instead of spending the rotated refresh token again', async () => {
    const tokenStore = createMemoryTokenStore({ accessToken: 'a1', refreshToken: 'r1' });
    const fetchImpl = vi.fn<typeof fetch>((input, init) => {
      if (input === '/api/auth/refresh')
        return Promise.resolve(errorResponse(401, 'AUTH_TOKEN_INVALID', 'refresh token spent'));
      if (headersOf([input, init]).Authorization === 'Bearer a2')
        return Promise.resolve(jsonResponse(200, {}));
      // The other tab refreshes while this request is on its way.
      tokenStore.set({ accessToken: 'a2', refreshToken: 'r2' });
      return Promise.resolve(errorResponse(401, 'AUTH_TOKEN_EXPIRED', 'expired'));
    });
    const onAuthLost = vi.fn();
    const client = createApiClient({ tokenStore, getLocale: () => 'en', onAuthLost, fetchImpl });
    await expect(client.request('/api/apps')).resolves.toEqual({});
    expect(fetchImpl.mock.calls.map(([input]) => input)).toEqual(['/api/apps', '/api/apps']);
    expect(tokenStore.get()).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
    expect(onAuthLost).not.toHaveBeenCalled();
  });

  it('takes the pair another tab got when its refresh with the same token is refused a moment earlier', async () => {
    const tokenStore = createMemoryTokenStore({ accessToken: 'a1', refreshToken: 'r1' });
    const fetchImpl = vi.fn<typeof fetch>((input, init) => {
      if (input === '/api/auth/refresh')
        return Promise.resolve(errorResponse(401, 'AUTH_TOKEN_INVALID', 'refresh token spent'));
      return Promise.resolve(
        headersOf([input, init]).Authorization === 'Bearer a2'
          ? jsonResponse(200, {})
          : errorResponse(401, 'AUTH_TOKEN_EXPIRED', 'expired'),
      );
    });
    // The other tab's new pair reaches this tab's storage while it looks.
    let looks = 0;
    const wait = () => {
      if (++looks === 3) tokenStore.set({ accessToken: 'a2', refreshToken: 'r2' });
      return Promise.resolve();
    };
    const onAuthLost = vi.fn();
    const client = createApiClient({ tokenStore, getLocale: () => 'en', onAuthLost, fetchImpl, wait });
    await expect(client.request('/api/apps')).resolves.toEqual({});
    expect(onAuthLost).not.toHaveBeenCalled();
    expect(tokenStore.get()).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
  });

  it('refreshes inside the cross-tab lock', async () => {
    const order: string[] = [];
    const fetchImpl = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(errorResponse(401, 'AUTH_TOKEN_EXPIRED', 'expired'))
      .mockImplementationOnce(() => {
        order.push('refresh');
        return Promise.resolve(jsonResponse(200, session('a2', 'r2')));
      })
      .mockResolvedValueOnce(jsonResponse(200, {}));
    const client = createApiClient({
      tokenStore: createMemoryTokenStore({ accessToken: 'a1', refreshToken: 'r1' }),
      getLocale: () => 'en',
      fetchImpl,
      refreshLock: async (work) => {
        order.push('locked');
        const result = await work();
        order.push('unlocked');
        return result;
      },
    });
    await client.request('/api/apps');
    expect(order).toEqual(['locked', 'refresh', 'unlocked']);
  });

  it('clears the tokens and reports auth lost when the refresh fails', async () => {
    const fetchImpl = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(errorResponse(401, 'AUTH_TOKEN_EXPIRED', 'expired'))
      .mockResolvedValueOnce(errorResponse(401, 'AUTH_REFRESH_INVALID', 'refresh invalid'));
    const { client, tokenStore, onAuthLost } = setup(fetchImpl);
    await expect(client.request('/api/apps')).rejects.toMatchObject({
      status: 401,
      code: 'AUTH_TOKEN_EXPIRED',
    });
    expect(tokenStore.get()).toBeNull();
    expect(onAuthLost).toHaveBeenCalledTimes(1);
  });

  it('does not try to refresh when login itself answers 401', async () => {
    const fetchImpl = vi
      .fn<typeof fetch>()
      .mockResolvedValue(errorResponse(401, 'AUTH_INVALID_CREDENTIALS', 'Wrong username or password'));
    const { client, onAuthLost } = setup(fetchImpl);
    await expect(
      client.request('/api/auth/login', {
        method: 'POST',
        body: { username: 'a', password: 'b' },
        auth: false,
      }),
    ).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(headersOf(fetchImpl.mock.calls[0]).Authorization).toBeUndefined();
    expect(onAuthLost).not.toHaveBeenCalled();
  });

  it('downloads with the filename from Content-Disposition', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(
      new Response('{"key":"pm"}', {
        status: 200,
        headers: { 'Content-Disposition': 'attachment; filename="pm.json"' },
      }),
    );
    const { client } = setup(fetchImpl);
    const download = await client.download('/api/apps/pm/export');
    expect(download.filename).toBe('pm.json');
    await expect(download.blob.text()).resolves.toBe('{"key":"pm"}');
  });
});
