// The directory form of an app: `app.json` (meta, roles, seed, and the order of the other sections) plus one
// file per entity, flow, rule, report and dashboard. Large apps merge better in git this way. Both
// functions are pure; reading and writing files stays in the apps.
import { canonicalizePart } from './canonical';
import { type AppDefinition } from './types';

export const SPLIT_SECTIONS = ['entities', 'flows', 'rules', 'reports', 'dashboards'] as const;
export type SplitSection = (typeof SPLIT_SECTIONS)[number];

export type AppDefinitionParts = { app: unknown } & { [S in SplitSection]?: unknown[] };

/** Relative path → canonical text, e.g. `app.json`, `entities/room.json`. */
export type AppDefinitionFiles = Record<string, string>;

const isObj = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const keyOf = (value: unknown): string | undefined =>
  isObj(value) && typeof value.key === 'string' ? value.key : undefined;

/**
 * Orders one section: `app.json` lists the keys in order (`"entities": ["building", "room"]`); parts it
 * does not list follow in the order given. A listed key without a part stays a string, so validation
 * reports it at its position (`$.entities[1]` must be an object) instead of it vanishing silently.
 */
function assembleSection(listed: unknown, parts: unknown[]): unknown[] {
  const order = Array.isArray(listed) ? listed : [];
  const byKey = new Map<string, unknown>();
  for (const part of parts) {
    const key = keyOf(part);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, part);
  }
  const used = new Set<unknown>();
  const out: unknown[] = order.map((entry) => {
    if (typeof entry !== 'string') return entry; // an inline definition
    const part = byKey.get(entry);
    if (part === undefined) return entry;
    used.add(part);
    return part;
  });
  for (const part of parts) if (!used.has(part)) out.push(part);
  return out;
}

/** Builds one app document from the directory form. Returns `unknown`: validate it next. */
export function assembleAppDefinition(parts: AppDefinitionParts): unknown {
  if (!isObj(parts.app)) return parts.app;
  const app: Record<string, unknown> = { ...parts.app };
  for (const section of SPLIT_SECTIONS) {
    const files = parts[section] ?? [];
    if (app[section] === undefined && files.length === 0) app[section] = [];
    else app[section] = assembleSection(app[section], files);
  }
  return app;
}

/** The directory form of an app: a map of relative path → canonical text. Inverse of assembleAppDefinition. */
export function splitAppDefinition(app: AppDefinition): AppDefinitionFiles {
  const files: AppDefinitionFiles = {};
  const meta: Record<string, unknown> = { ...app };
  for (const section of SPLIT_SECTIONS) {
    const list = app[section] as unknown[];
    meta[section] = list.map((item) => keyOf(item));
    for (const item of list) files[`${section}/${keyOf(item)}.json`] = canonicalizePart(item);
  }
  return { 'app.json': canonicalizePart(meta, { root: true }), ...sortedKeys(files) };
}

function sortedKeys(files: AppDefinitionFiles): AppDefinitionFiles {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
