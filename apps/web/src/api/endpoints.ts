import type { ApiClient, Download } from './client';
import type {
  AppDefinition,
  AppDetail,
  AppSummary,
  AuthResponse,
  EntityAccessSummary,
  ImportPreview,
  ImportResult,
  MemberUser,
  MyWorkspace,
  RecordDto,
  RecordHistoryEntry,
  RecordPage,
  RecordQuery,
  SessionInfo,
  StoredFile,
  TemplateInstallResult,
  TemplateSummary,
  Workspace,
} from './types';

const enc = encodeURIComponent;

/** Builds the query string of the record list; empty parts are left out so URLs stay readable. */
export function recordQueryString(query: RecordQuery): string {
  const params = new URLSearchParams();
  if (query.filter !== undefined && query.filter !== null) params.set('filter', JSON.stringify(query.filter));
  if (query.sort) params.set('sort', query.sort);
  if (query.limit) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.includeDeleted) params.set('includeDeleted', 'true');
  const text = params.toString();
  return text ? `?${text}` : '';
}

const recordsPath = (app: string, entity: string) => `/api/apps/${enc(app)}/entities/${enc(entity)}/records`;

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
    /** With `expectedRevision` the server refuses (409 APP_REVISION_CONFLICT) if someone saved in between. */
    importApp: (definition: AppDefinition | Record<string, unknown>, expectedRevision?: number) =>
      client.request<ImportResult>(
        expectedRevision === undefined
          ? '/api/apps/import'
          : `/api/apps/import?expectedRevision=${expectedRevision}`,
        { method: 'POST', body: definition },
      ),

    listRecords: (app: string, entity: string, query: RecordQuery = {}) =>
      client.request<RecordPage>(`${recordsPath(app, entity)}${recordQueryString(query)}`),
    getRecord: (app: string, entity: string, id: string) =>
      client.request<RecordDto>(`${recordsPath(app, entity)}/${enc(id)}`),
    createRecord: (app: string, entity: string, values: Record<string, unknown>) =>
      client.request<RecordDto>(recordsPath(app, entity), { method: 'POST', body: { values } }),
    updateRecord: (
      app: string,
      entity: string,
      id: string,
      version: number,
      values: Record<string, unknown>,
    ) =>
      client.request<RecordDto>(`${recordsPath(app, entity)}/${enc(id)}`, {
        method: 'PATCH',
        body: { version, values },
      }),
    deleteRecord: (app: string, entity: string, id: string) =>
      client.request<void>(`${recordsPath(app, entity)}/${enc(id)}`, { method: 'DELETE' }),
    restoreRecord: (app: string, entity: string, id: string) =>
      client.request<RecordDto>(`${recordsPath(app, entity)}/${enc(id)}/restore`, { method: 'POST' }),
    recordHistory: (app: string, entity: string, id: string) =>
      client.request<RecordHistoryEntry[]>(`${recordsPath(app, entity)}/${enc(id)}/history`),

    uploadFile: (file: Blob, name: string) => {
      const form = new FormData();
      form.append('file', file, name);
      return client.request<StoredFile>('/api/files', { method: 'POST', body: form });
    },
    searchUsers: (q: string) => client.request<MemberUser[]>(`/api/users?q=${enc(q)}`),

    entityAccess: (app: string, entity: string) =>
      client.request<EntityAccessSummary>(`/api/apps/${enc(app)}/entities/${enc(entity)}/access`),

    listTemplates: () => client.request<TemplateSummary[]>('/api/templates'),
    installTemplate: (key: string, options: { dryRun: boolean; demo: boolean }) =>
      client.request<TemplateInstallResult>(
        `/api/templates/${enc(key)}/install?dryRun=${options.dryRun}&demo=${options.demo}`,
        { method: 'POST' },
      ),
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;
