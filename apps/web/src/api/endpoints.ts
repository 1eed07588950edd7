import type { ApiClient, Download } from './client';
import type {
  AppDefinition,
  AppDetail,
  AppSummary,
  AuditEvent,
  AuthResponse,
  AppAccessSummary,
  EntityAccessSummary,
  ImportPreview,
  ImportResult,
  MemberUser,
  MyWorkspace,
  NotificationDto,
  RecordDto,
  RecordHistoryEntry,
  RecordPage,
  RecordQuery,
  RuleRun,
  RuleSummary,
  RuleTestResult,
  SessionInfo,
  StoredFile,
  TemplateInstallResult,
  TemplateSummary,
  Workspace,
} from './types';
import type {
  FlowInstance,
  InboxPage,
  InboxQuery,
  InstanceSummary,
  TaskAction,
  TaskActionBody,
  TaskDetail,
} from './flowTypes';
import type { DashboardDefinition, DashboardDetail, ReportRunRequest, ReportRunResult } from './reportTypes';
import type {
  AppRoleOption,
  DepartmentChange,
  DepartmentDto,
  DeclaredAttribute,
  MemberChange,
  MemberDto,
  MemberPage,
  MemberQuery,
  NewDepartment,
  NewMember,
} from './memberTypes';
import type { ApiKeyDto, CreatedApiKey, NewApiKey } from './apiKeyTypes';

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
    searchUsers: (q: string, appRoles = '') =>
      client.request<MemberUser[]>(`/api/users?q=${enc(q)}${appRoles ? `&appRoles=${enc(appRoles)}` : ''}`),

    /** Workspace admins: the audit log, newest first; `before` is the last id of the previous page. */
    searchAudit: (query: {
      action?: string;
      actorId?: string;
      from?: string;
      to?: string;
      before?: number;
      limit?: number;
    }) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query))
        if (value !== undefined && value !== '') params.set(key, String(value));
      return client.request<AuditEvent[]>(`/api/audit?${params.toString()}`);
    },

    /** Workspace admins: members with their workspace role, app roles and attributes. */
    listMembers: (query: MemberQuery = {}) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query))
        if (value !== undefined && value !== '') params.set(key, String(value));
      const text = params.toString();
      return client.request<MemberPage>(`/api/members${text ? `?${text}` : ''}`);
    },
    memberAppRoles: () => client.request<AppRoleOption[]>('/api/members/app-roles'),
    /** The member attributes the workspace's apps declare, each with the control the page shows. */
    memberAttributes: () => client.request<DeclaredAttribute[]>('/api/members/attributes'),
    addMember: (input: NewMember) =>
      client.request<MemberDto>('/api/members', { method: 'POST', body: input }),
    updateMember: (userId: string, change: MemberChange) =>
      client.request<MemberDto>(`/api/members/${enc(userId)}`, { method: 'PATCH', body: change }),
    removeMember: (userId: string) =>
      client.request<void>(`/api/members/${enc(userId)}`, { method: 'DELETE' }),
    resetMemberPassword: (userId: string, password: string) =>
      client.request<void>(`/api/members/${enc(userId)}/password`, { method: 'POST', body: { password } }),

    /** The workspace's departments: every member reads them, admins change them. */
    listDepartments: () => client.request<DepartmentDto[]>('/api/departments'),
    createDepartment: (input: NewDepartment) =>
      client.request<DepartmentDto>('/api/departments', { method: 'POST', body: input }),
    updateDepartment: (key: string, change: DepartmentChange) =>
      client.request<DepartmentDto>(`/api/departments/${enc(key)}`, { method: 'PATCH', body: change }),
    removeDepartment: (key: string) =>
      client.request<void>(`/api/departments/${enc(key)}`, { method: 'DELETE' }),

    /** Workspace admins: API keys for integrations. The secret comes back once, from createApiKey. */
    listApiKeys: () => client.request<ApiKeyDto[]>('/api/api-keys'),
    createApiKey: (input: NewApiKey) =>
      client.request<CreatedApiKey>('/api/api-keys', { method: 'POST', body: input }),
    revokeApiKey: (id: string) =>
      client.request<ApiKeyDto>(`/api/api-keys/${enc(id)}/revoke`, { method: 'POST' }),

    /** The entities of an app the caller may use, with their actions: an end user's app home. */
    appAccess: (app: string) => client.request<AppAccessSummary>(`/api/apps/${enc(app)}/access`),
    entityAccess: (app: string, entity: string) =>
      client.request<EntityAccessSummary>(`/api/apps/${enc(app)}/entities/${enc(entity)}/access`),

    listTemplates: () => client.request<TemplateSummary[]>('/api/templates'),
    installTemplate: (key: string, options: { dryRun: boolean; demo: boolean }) =>
      client.request<TemplateInstallResult>(
        `/api/templates/${enc(key)}/install?dryRun=${options.dryRun}&demo=${options.demo}`,
        { method: 'POST' },
      ),

    listRules: (app: string) => client.request<RuleSummary[]>(`/api/apps/${enc(app)}/rules`),
    /** `enabled: null` returns the rule to what its definition says. */
    updateRuleSetting: (
      app: string,
      rule: string,
      change: { enabled?: boolean | null; logMisses?: boolean },
    ) =>
      client.request<RuleSummary>(`/api/apps/${enc(app)}/rules/${enc(rule)}`, {
        method: 'PATCH',
        body: change,
      }),
    ruleRuns: (
      app: string,
      rule: string,
      query: { misses?: boolean; before?: string; limit?: number } = {},
    ) => {
      const params = new URLSearchParams();
      if (query.misses) params.set('misses', 'true');
      if (query.before) params.set('before', query.before);
      if (query.limit) params.set('limit', String(query.limit));
      const text = params.toString();
      return client.request<RuleRun[]>(
        `/api/apps/${enc(app)}/rules/${enc(rule)}/runs${text ? `?${text}` : ''}`,
      );
    },
    testRule: (app: string, rule: string, input: { recordId?: string; at?: string; locale: string }) =>
      client.request<RuleTestResult>(`/api/apps/${enc(app)}/rules/${enc(rule)}/test`, {
        method: 'POST',
        body: input,
      }),

    runReport: (app: string, report: string, request: ReportRunRequest) =>
      client.request<ReportRunResult>(`/api/apps/${enc(app)}/reports/${enc(report)}/run`, {
        method: 'POST',
        body: request,
      }),
    /** Runs an unsaved report definition (the report designer's preview, a date drill's finer bucket). */
    previewReport: (app: string, request: ReportRunRequest & { report: unknown }) =>
      client.request<ReportRunResult>(`/api/apps/${enc(app)}/reports/preview`, {
        method: 'POST',
        body: request,
      }),
    /** The dashboards the caller's roles may see. */
    listDashboards: (app: string) =>
      client.request<DashboardDefinition[]>(`/api/apps/${enc(app)}/dashboards`),
    getDashboard: (app: string, key: string) =>
      client.request<DashboardDetail>(`/api/apps/${enc(app)}/dashboards/${enc(key)}`),

    inbox: (query: InboxQuery) => {
      const params = new URLSearchParams({ box: query.box });
      for (const key of ['app', 'flow', 'q', 'cursor'] as const) {
        const value = query[key]?.trim();
        if (value) params.set(key, value);
      }
      if (query.limit) params.set('limit', String(query.limit));
      return client.request<InboxPage>(`/api/tasks?${params.toString()}`);
    },
    getTask: (id: string) => client.request<TaskDetail>(`/api/tasks/${enc(id)}`),
    /** `claim` and `release` take no body; the others take the fields of TaskActionBody they need. */
    actOnTask: (id: string, action: TaskAction, body: TaskActionBody = {}) =>
      client.request<unknown>(`/api/tasks/${enc(id)}/${action}`, {
        method: 'POST',
        ...(action === 'claim' || action === 'release' ? {} : { body }),
      }),
    startFlow: (
      app: string,
      flow: string,
      input: { recordId?: string; variables?: Record<string, unknown> },
    ) =>
      client.request<InstanceSummary>(`/api/apps/${enc(app)}/flows/${enc(flow)}/instances`, {
        method: 'POST',
        body: input,
      }),
    getFlowInstance: (id: string) => client.request<FlowInstance>(`/api/flow-instances/${enc(id)}`),
    withdrawFlowInstance: (id: string) =>
      client.request<InstanceSummary>(`/api/flow-instances/${enc(id)}/withdraw`, { method: 'POST' }),
    cancelFlowInstance: (id: string, reason?: string) =>
      client.request<InstanceSummary>(`/api/flow-instances/${enc(id)}/cancel`, {
        method: 'POST',
        body: reason ? { reason } : {},
      }),
    recordFlowInstances: (app: string, entity: string, id: string) =>
      client.request<{ items: FlowInstance[] }>(`${recordsPath(app, entity)}/${enc(id)}/flow-instances`),

    listNotifications: (unread = false) =>
      client.request<NotificationDto[]>(`/api/notifications${unread ? '?unread=true' : ''}`),
    /** Without ids marks all of the caller's notifications read. */
    markNotificationsRead: (ids?: string[]) =>
      client.request<{ updated: number }>('/api/notifications/read', {
        method: 'POST',
        body: ids ? { ids } : {},
      }),
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;
