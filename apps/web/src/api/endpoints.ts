import type { ApiClient, Download } from './client';
import type {
  AppDetail,
  AppSummary,
  AuthResponse,
  ImportPreview,
  ImportResult,
  MyWorkspace,
  SessionInfo,
  Workspace,
} from './types';

const enc = encodeURIComponent;

/** One typed function per server route; the contract is in apps/web/README.md. */
export function createEndpoints(client: ApiClient) {
  return {
    login: (username: string, password: string) =>
      client.request<AuthResponse>('/api/auth/login', {
        method: 'POST',
        body: { username, password },
        auth: false,
      }),
    logout: (refreshToken: string) =>
      client.request<void>('/api/auth/logout', { method: 'POST', body: { refreshToken }, auth: false }),
    me: () => client.request<SessionInfo>('/api/auth/me'),

    listWorkspaces: () => client.request<MyWorkspace[]>('/api/workspaces'),
    createWorkspace: (input: { slug: string; name: string }) =>
      client.request<Workspace>('/api/workspaces', { method: 'POST', body: input }),
    switchWorkspace: (id: string) =>
      client.request<AuthResponse>(`/api/workspaces/${enc(id)}/switch`, { method: 'POST' }),

    listApps: () => client.request<AppSummary[]>('/api/apps'),
    getApp: (key: string) => client.request<AppDetail>(`/api/apps/${enc(key)}`),
    exportApp: (key: string): Promise<Download> => client.download(`/api/apps/${enc(key)}/export`),
    deleteApp: (key: string) => client.request<void>(`/api/apps/${enc(key)}`, { method: 'DELETE' }),
    previewImport: (definition: unknown) =>
      client.request<ImportPreview>('/api/apps/import?dryRun=true', { method: 'POST', body: definition }),
    importApp: (definition: unknown) =>
      client.request<ImportResult>('/api/apps/import', { method: 'POST', body: definition }),
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;
