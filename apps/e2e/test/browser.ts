import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

export const ARTIFACTS_DIR = path.resolve(__dirname, '../../../artifacts/screenshots');

/** Debian's Chromium, with the flags this sandbox needs (no network but loopback, running as root). */
export function launchChromium(): Promise<Browser> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export const screenshotPath = (name: string) => path.join(ARTIFACTS_DIR, `${name}.png`);

/** Waits until no antd spinner is spinning, so screenshots show data rather than a loading veil. */
export async function settled(page: Page): Promise<void> {
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/** A member who is not an admin signs in on the login page; their start page has no import button. */
export async function signInAsMember(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/apps/);
}

/** A new page in a 390 px wide touch phone's viewport, in Chinese. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    isMobile: true,
  });
  return context.newPage();
}

/** Signs in through the login page and waits for the app list. */
export async function signIn(page: Page, url: string, password: string, username = 'admin'): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('apps-import-button').waitFor();
}

/**
 * Opens an antd select, narrows a searchable one by typing, and clicks the option with this label (a string
 * matches the whole label, or a record picker's title before its details: `SH01-1-1-2403 · 锦城雅苑 · …`). The
 * option is looked for in this select's own dropdown, found through the listbox its input controls: a
 * dropdown closed a moment ago is still in the page while it fades.
 */
export async function pickOption(page: Page, select: Locator, label: string | RegExp): Promise<void> {
  await select.click();
  const input = select.locator('input[role="combobox"]').first();
  const search = typeof label === 'string' ? label : undefined;
  if (search && (await input.getAttribute('readonly')) === null) await page.keyboard.type(search);
  const listId = await input.getAttribute('aria-controls');
  if (!listId) throw new Error('the select has no listbox');
  const exact =
    typeof label === 'string'
      ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?: · .*)?$`)
      : label;
  await page
    .locator('.ant-select-dropdown')
    .filter({ has: page.locator(`[id="${listId}"]`) })
    .locator('.ant-select-item-option')
    .filter({ hasText: exact })
    .first()
    .click();
}

/**
 * The app import a designer's save confirms. Saving imports the whole app definition (the property template
 * is large) and re-checks stored records against it, which takes a while on a busy machine.
 */
export function savedImport(page: Page) {
  return page.waitForResponse((response) => response.url().includes('/api/apps/import?expectedRevision'), {
    timeout: 90_000,
  });
}
