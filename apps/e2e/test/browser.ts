import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

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

/** Signs in through the login page and waits for the app list. */
export async function signIn(page: Page, url: string, password: string, username = 'admin'): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('apps-import-button').waitFor();
}
