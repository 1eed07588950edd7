import { type ServerConfig } from '../../src/config/server-config';
import { clockOf, createTestApp, drainAutomation, loginAs, type TestApp } from './test-app';

export interface PropertyCompany {
  testApp: TestApp;
  admin: { Authorization: string };
  /** The quoted schema of the property app's tables, for SQL checks. */
  schema: string;
  /** Signs in a demo member by user id (every demo account has `demoPassword`). */
  signInAs(userId: string): Promise<{ Authorization: string }>;
}

/**
 * The property template with its small demo company (`demoScale` 0.02), installed with the clock at `now`
 * and its automation drained: where the template's journeys start.
 */
export async function propertyCompany(
  demoPassword: string,
  now: string,
  overrides: Partial<ServerConfig> = {},
): Promise<PropertyCompany> {
  const testApp = await createTestApp({ demoScale: 0.02, demoPassword, ...overrides });
  const { auth: admin } = await loginAs(testApp);
  clockOf(testApp).set(new Date(now));
  await testApp.http().post('/api/templates/property/install?demo=true').set(admin).expect(200);
  await drainAutomation(testApp);
  const [app] = await testApp.database.query<{ storage_schema: string }>(
    "SELECT storage_schema FROM app WHERE key = 'property'",
  );
  return {
    testApp,
    admin,
    schema: `"${app!.storage_schema}"`,
    async signInAs(userId) {
      const [user] = await testApp.database.query<{ username: string }>(
        'SELECT username FROM app_user WHERE id = $1',
        [userId],
      );
      return (await loginAs(testApp, { username: user!.username, password: demoPassword })).auth;
    },
  };
}
