import { createTestApp, type TestApp } from './support/test-app';

describe('OpenAPI', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('documents every endpoint at /api/docs-json and serves the UI at /api/docs', async () => {
    const document = await testApp.http().get('/api/docs-json').expect(200);
    expect(Object.keys(document.body.paths as object).sort()).toEqual([
      '/api/api-keys',
      '/api/api-keys/{id}/revoke',
      '/api/apps',
      '/api/apps/import',
      '/api/apps/{app}/access',
      '/api/apps/{app}/dashboards',
      '/api/apps/{app}/dashboards/{key}',
      '/api/apps/{app}/entities/{entity}/access',
      '/api/apps/{app}/entities/{entity}/records',
      '/api/apps/{app}/entities/{entity}/records/bulk',
      '/api/apps/{app}/entities/{entity}/records/export',
      '/api/apps/{app}/entities/{entity}/records/import',
      '/api/apps/{app}/entities/{entity}/records/import-template',
      '/api/apps/{app}/entities/{entity}/records/{id}',
      '/api/apps/{app}/entities/{entity}/records/{id}/flow-instances',
      '/api/apps/{app}/entities/{entity}/records/{id}/history',
      '/api/apps/{app}/entities/{entity}/records/{id}/restore',
      '/api/apps/{app}/flows/{flow}/instances',
      '/api/apps/{app}/reports/preview',
      '/api/apps/{app}/reports/{report}/run',
      '/api/apps/{app}/rules',
      '/api/apps/{app}/rules/{rule}',
      '/api/apps/{app}/rules/{rule}/runs',
      '/api/apps/{app}/rules/{rule}/test',
      '/api/apps/{key}',
      '/api/apps/{key}/export',
      '/api/audit',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/auth/refresh',
      '/api/departments',
      '/api/departments/{key}',
      '/api/files',
      '/api/files/{id}',
      '/api/flow-instances/{id}',
      '/api/flow-instances/{id}/cancel',
      '/api/flow-instances/{id}/withdraw',
      '/api/health',
      '/api/members',
      '/api/members/app-roles',
      '/api/members/attributes',
      '/api/members/{userId}',
      '/api/members/{userId}/password',
      '/api/notifications',
      '/api/notifications/read',
      '/api/tasks',
      '/api/tasks/{id}',
      '/api/tasks/{id}/add-signer',
      '/api/tasks/{id}/approve',
      '/api/tasks/{id}/claim',
      '/api/tasks/{id}/complete',
      '/api/tasks/{id}/reject',
      '/api/tasks/{id}/release',
      '/api/tasks/{id}/return',
      '/api/tasks/{id}/transfer',
      '/api/templates',
      '/api/templates/{key}/install',
      '/api/users',
      '/api/workspaces',
      '/api/workspaces/{id}/switch',
    ]);
    const page = await testApp.http().get('/api/docs/').expect(200);
    expect(page.text).toContain('swagger');
  });
});
