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
      '/api/apps',
      '/api/apps/import',
      '/api/apps/{app}/entities/{entity}/access',
      '/api/apps/{app}/entities/{entity}/records',
      '/api/apps/{app}/entities/{entity}/records/bulk',
      '/api/apps/{app}/entities/{entity}/records/export',
      '/api/apps/{app}/entities/{entity}/records/import',
      '/api/apps/{app}/entities/{entity}/records/import-template',
      '/api/apps/{app}/entities/{entity}/records/{id}',
      '/api/apps/{app}/entities/{entity}/records/{id}/history',
      '/api/apps/{app}/entities/{entity}/records/{id}/restore',
      '/api/apps/{key}',
      '/api/apps/{key}/export',
      '/api/audit',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/auth/refresh',
      '/api/files',
      '/api/files/{id}',
      '/api/health',
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
