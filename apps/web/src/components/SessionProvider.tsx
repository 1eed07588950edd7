import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, AUTH_LOST_EVENT, tokenStore } from '../api';
import type { AuthResponse } from '../api/types';
import {
  SessionContext,
  type SessionActions,
  type SessionContextValue,
  type SessionState,
} from '../hooks/session';

/** Owns who is signed in; tokens themselves live in the token store so the API client can refresh them. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(() =>
    tokenStore.get() ? { status: 'loading' } : { status: 'anonymous' },
  );

  const adopt = useCallback((auth: AuthResponse) => {
    tokenStore.set({ accessToken: auth.accessToken, refreshToken: auth.refreshToken });
    setState({ status: 'authenticated', user: auth.user, workspace: auth.workspace, role: auth.role });
  }, []);

  // A stored token from an earlier visit: ask the server who it belongs to (the client refreshes it if expired).
  useEffect(() => {
    if (!tokenStore.get()) return;
    let current = true;
    api.me().then(
      (me) => current && setState({ status: 'authenticated', ...me }),
      () => current && setState({ status: 'anonymous' }),
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    const onAuthLost = () => setState({ status: 'anonymous' });
    window.addEventListener(AUTH_LOST_EVENT, onAuthLost);
    return () => window.removeEventListener(AUTH_LOST_EVENT, onAuthLost);
  }, []);

  const actions = useMemo<SessionActions>(
    () => ({
      async login(username, password) {
        adopt(await api.login(username, password));
      },
      async logout() {
        const tokens = tokenStore.get();
        tokenStore.clear();
        setState({ status: 'anonymous' });
        // Revoking is best effort: the user is signed out locally whatever the server says.
        if (tokens) await api.logout(tokens.refreshToken).catch(() => undefined);
      },
      async switchWorkspace(workspaceId) {
        adopt(await api.switchWorkspace(workspaceId));
      },
    }),
    [adopt],
  );

  const value = useMemo<SessionContextValue>(() => ({ ...state, ...actions }), [state, actions]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
