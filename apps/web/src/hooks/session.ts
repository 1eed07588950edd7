import { createContext, useContext } from 'react';
import type { SessionInfo } from '../api/types';

export type SessionState =
  { status: 'loading' } | { status: 'anonymous' } | ({ status: 'authenticated' } & SessionInfo);

export interface SessionActions {
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  switchWorkspace(workspaceId: string): Promise<void>;
}

export type SessionContextValue = SessionState & SessionActions;

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** For pages behind <RequireAuth>: the session is known to be signed in there. */
export function useSignedInSession(): Extract<SessionContextValue, { status: 'authenticated' }> {
  const session = useSession();
  if (session.status !== 'authenticated') throw new Error('useSignedInSession used outside <RequireAuth>');
  return session;
}
