import { type Browser } from 'playwright-core';
import { launchChromium, signIn } from './browser';
import { type ProductServer, startProductServer } from './product-server';

const ADMIN_PASSWORD = 'session-tabs-admin';
const ACCESS_TOKEN_TTL_SECONDS = 3;

/**
 * An admin works in several tabs (a record in one, its printed lease in another). Tabs share the stored
 * session, and the server rotates refresh tokens: when the access token has expired and both tabs ask at once,
 * only one may spend the refresh token — the other must take the pair it got, not sign everyone out. (Each
 * tab sees the other's stored pair a moment late, so the loser may still be refused once before it does.)
 */
describe('a session in several tabs outlives its access token', () => {
  let server: ProductServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startProductServer({
      ADMIN_PASSWORD,
      ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS),
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('keeps both tabs signed in when they refresh at the same moment, again and again', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const first = await context.newPage();
    await signIn(first, server.url, ADMIN_PASSWORD);
    const second = await context.newPage();
    await second.goto(`${server.url}/members`);
    await second.getByTestId('members-page').waitFor();
    const refreshes: number[] = [];
    context.on('response', (response) => {
      if (response.url().endsWith('/api/auth/refresh')) refreshes.push(response.status());
    });

    for (let round = 0; round < 3; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, (ACCESS_TOKEN_TTL_SECONDS + 1) * 1000));
      // Both tabs reload together: each starts with the expired access token and asks for a new one.
      await Promise.all([first.reload(), second.reload()]);
      await first.getByTestId('apps-import-button').waitFor();
      await second.getByTestId('members-page').waitFor();
      expect(await first.getByTestId('login-submit').count()).toBe(0);
      expect(await second.getByTestId('login-submit').count()).toBe(0);
    }
    // Refreshed every round; a tab that lost the race for the rotated token took the pair the other one got.
    expect(refreshes.filter((status) => status === 200).length).toBeGreaterThanOrEqual(3);
    await context.close();
  }, 120_000);
});
