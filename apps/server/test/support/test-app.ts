import { type NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadServerConfig, type ServerConfig } from '../../src/config/server-config';
import { createServerApp } from '../../src/create-app';
import { AutomationRunner } from '../../src/jobs/automation-runner';
import { Clock } from '../../src/jobs/clock';
import { TestDatabase } from './test-database';

export const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };

export interface TestApp {
  app: NestExpressApplication;
  database: TestDatabase;
  config: ServerConfig;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The production app (same module, filters, pipes) on a fresh database, not listening unless asked. */
export async function createTestApp(
  overrides: Partial<ServerConfig> = {},
  database?: TestDatabase,
): Promise<TestApp> {
  const db = database ?? (await TestDatabase.create());
  const config: ServerConfig = {
    ...loadServerConfig({}),
    logLevel: 'silent',
    adminPassword: ADMIN.password,
    webDistDir: '/nonexistent',
    template: '',
    // Tests drive background work themselves (`drainAutomation`) and move time by hand.
    jobPollMs: 0,
    manualClock: true,
    ...overrides,
  };
  const app = await createServerApp(config, db.url);
  await app.init();
  return {
    app,
    database: db,
    config,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      if (!database) await db.drop();
    },
  };
}

/** Runs everything due: outbox dispatch, schedules, jobs — until nothing is left. */
export async function drainAutomation(testApp: TestApp): Promise<void> {
  await testApp.app.get(AutomationRunner).drain();
}

export const clockOf = (testApp: TestApp): Clock => testApp.app.get(Clock);

export async function loginAs(
  testApp: TestApp,
  credentials: { username: string; password: string } = ADMIN,
): Promise<{ accessToken: string; refreshToken: string; auth: { Authorization: string } }> {
  const response = await testApp.http().post('/api/auth/login').send(credentials).expect(200);
  const { accessToken, refreshToken } = response.body as { accessToken: string; refreshToken: string };
  return { accessToken, refreshToken, auth: { Authorization: `Bearer ${accessToken}` } };
}
