import fs from 'node:fs';
import path from 'node:path';
import { type AppDefinition } from '@lowcode/app-model';

const EXAMPLE = path.resolve(__dirname, '../../../../packages/app-model/examples/small-app.json');

/** A fresh copy of the format's complete small example, to mutate freely in a test. */
export function smallApp(): AppDefinition {
  return JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as AppDefinition;
}

/** An app of a spec's own: the example's header (format, version, label) with only the parts it gives. */
export function bareApp(key: string, parts: Partial<AppDefinition>): AppDefinition {
  const { seed: _seed, ...header } = smallApp();
  return {
    ...header,
    key,
    entities: [],
    flows: [],
    rules: [],
    reports: [],
    dashboards: [],
    roles: [],
    ...parts,
  };
}

export const SMALL_APP_FILE = EXAMPLE;
