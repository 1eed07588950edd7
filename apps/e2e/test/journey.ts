import { type Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { type ApiCall, type ProductServer, signInToApi, startPropertyServer } from './product-server';

export interface Journey {
  server: ProductServer;
  browser: Browser;
  /** The admin's API. */
  admin: ApiCall;
}

/**
 * A journey's stage, set up once for the spec that calls this (in its `describe`): the product on the property
 * template with its small demo company, a Chromium, and the admin's API; everything is stopped after. The
 * fields are there from the spec's first test on.
 */
export function propertyJourney(
  adminPassword: string,
  demoPassword: string,
  environment: Record<string, string> = {},
): Journey {
  const journey = {} as Journey;
  beforeAll(async () => {
    journey.server = await startPropertyServer(adminPassword, demoPassword, environment);
    journey.browser = await launchChromium();
    journey.admin = await signInToApi(journey.server, 'admin', adminPassword);
  }, 240_000);
  afterAll(async () => {
    await journey.browser?.close();
    await journey.server?.stop();
  });
  return journey;
}
