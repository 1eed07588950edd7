import { ApiError, apiErrorFromResponse, CLIENT_ERROR_CODES } from './ApiError';
import type { Tokens, TokenStore } from './tokenStore';
import type { AuthResponse } from './types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** JSON-encoded, except FormData, which is sent as multipart (the browser sets the boundary). */
  body?: unknown;
  /** false for login/refresh: no bearer token, and a 401 is an answer rather than an expired session. */
  auth?: boolean;
}

export interface ApiClientOptions {
  tokenStore: TokenStore;
  /** Read on every request so a language switch applies to the next server message. */
  getLocale: () => string;
  /** Called once the session cannot be recovered (refresh failed): the app goes to the login page. */
  onAuthLost?: () => void;
  fetchImpl?: typeof fetch;
  /**
   * Runs a refresh alone among this origin's tabs. Tabs share the stored pair, and the server rotates refresh
   * tokens: two tabs refreshing with the same token at once would have the second refused, and sign both out.
   * Web Locks where the browser has them.
   */
  refreshLock?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Waits `ms`: between looks at the store for a pair another tab got (tests pass one that does not wait). */
  wait?: (ms: number) => Promise<void>;
}

/**
 * How long a refused refresh looks for the pair another tab got with the same token. Tabs share the stored pair,
 * but each renderer sees another's write to localStorage a moment later: the tab that waited for the lock may
 * still read the spent token, and its refresh is refused while the new pair is on its way.
 */
const RENEWED_ELSEWHERE_MS = 2_000;
const LOOK_EVERY_MS = 100;

const browserRefreshLock = <T>(work: () => Promise<T>): Promise<T> =>
  typeof navigator !== 'undefined' && navigator.locks
    ? (navigator.locks.request('lowcode.refresh', work) as Promise<T>)
    : work();

export interface Download {
  blob: Blob;
  filename: string | null;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  download(path: string): Promise<Download>;
}

const REFRESH_PATH = '/api/auth/refresh';

function filenameFrom(contentDisposition: string | null): string | null {
  if (!contentDisposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(contentDisposition);
  if (encoded?.[1]) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(contentDisposition);
  return plain?.[1] ?? null;
}

export function createApiClient({
  tokenStore,
  getLocale,
  onAuthLost,
  fetchImpl,
  refreshLock = browserRefreshLock,
  wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}: ApiClientOptions): ApiClient {
  const doFetch = fetchImpl ?? ((input, init) => fetch(input, init));
  // Parallel requests that all hit 401 share one refresh: the server rotates refresh tokens, so a second refresh
  // with the same token would fail and sign the user out.
  let refreshing: Promise<boolean> | null = null;

  async function send(path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLocale() };
    const tokens = options.auth === false ? null : tokenStore.get();
    if (tokens) headers.Authorization = `Bearer ${tokens.accessToken}`;
    let body: string | FormData | undefined;
    if (options.body instanceof FormData) {
      body = options.body;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    try {
      return await doFetch(path, { method: options.method ?? 'GET', headers, body });
    } catch (cause) {
      throw new ApiError(
        0,
        CLIENT_ERROR_CODES.network,
        cause instanceof Error ? cause.message : String(cause),
      );
    }
  }

  /** A fresh pair in the store: refreshed here, or by another tab since `expired` was sent. */
  function refreshOnce(expired: Tokens): Promise<boolean> {
    return refreshLock(async () => {
      const tokens = tokenStore.get();
      if (!tokens) return false;
      if (tokens.accessToken !== expired.accessToken) return true;
      const response = await send(REFRESH_PATH, {
        method: 'POST',
        body: { refreshToken: tokens.refreshToken },
        auth: false,
      }).catch(() => null);
      if (!response?.ok) return renewedElsewhere(tokens);
      const session = (await response.json()) as AuthResponse;
      tokenStore.set({ accessToken: session.accessToken, refreshToken: session.refreshToken });
      return true;
    });
  }

  /** Whether another tab, which spent `spent` first, stores a new pair within a moment. */
  async function renewedElsewhere(spent: Tokens): Promise<boolean> {
    for (let waited = 0; waited <= RENEWED_ELSEWHERE_MS; waited += LOOK_EVERY_MS) {
      const stored = tokenStore.get();
      if (!stored) return false;
      if (stored.refreshToken !== spent.refreshToken) return true;
      await wait(LOOK_EVERY_MS);
    }
    return false;
  }

  function refreshShared(expired: Tokens): Promise<boolean> {
    refreshing ??= refreshOnce(expired).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** Sends the request; on a 401 refreshes once and retries, and gives up the session if that fails too. */
  async function sendAuthorized(path: string, options: RequestOptions): Promise<Response> {
    const sentWith = tokenStore.get();
    const response = await send(path, options);
    if (response.status !== 401 || options.auth === false || !sentWith || !tokenStore.get()) return response;
    if (await refreshShared(sentWith)) {
      const retried = await send(path, options);
      if (retried.status !== 401) return retried;
    }
    // The session is lost for every tab, unless another tab has renewed it meanwhile: clearing would sign it out.
    if (tokenStore.get()?.refreshToken === sentWith.refreshToken) tokenStore.clear();
    onAuthLost?.();
    return response;
  }

  return {
    async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
      const response = await sendAuthorized(path, options);
      if (!response.ok) throw await apiErrorFromResponse(response);
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },

    async download(path: string): Promise<Download> {
      const response = await sendAuthorized(path, {});
      if (!response.ok) throw await apiErrorFromResponse(response);
      return {
        blob: await response.blob(),
        filename: filenameFrom(response.headers.get('Content-Disposition')),
      };
    },
  };
}
