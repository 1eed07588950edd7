// Test helpers: the example app, fresh for every test so one test's mutation never leaks into another.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppDefinition } from '../src/types';

export const EXAMPLE_PATH = join(__dirname, '..', 'examples', 'small-app.json');
export const EXAMPLE_TEXT = readFileSync(EXAMPLE_PATH, 'utf8');

/** A deep copy of the example app, typed loosely so tests can break it at will. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export const example = (): AppDefinition => JSON.parse(EXAMPLE_TEXT) as AppDefinition;

export function mutated(change: (app: Loose) => void): Loose {
  const app = JSON.parse(EXAMPLE_TEXT) as Loose;
  change(app);
  return app;
}
