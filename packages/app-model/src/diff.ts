// Change list between two versions of an app, matched by key (labels may change, keys never do). Used to
// show what an import or upgrade will do. Order: app, entities (+fields), flows (+nodes, edges), rules,
// reports, dashboards, roles, member attributes, seed; within a list, the new order, then removed items in their old order.
import { canonicalizePart } from './canonical';
import { APP_SECTIONS } from './constants';
import { localize } from './localize';
import { type AppDefinition, type Locale, type LocalizedText } from './types';

export type AppChangeKind =
  | 'app'
  | 'entity'
  | 'field'
  | 'flow'
  | 'node'
  | 'edge'
  | 'rule'
  | 'report'
  | 'dashboard'
  | 'role'
  | 'memberAttribute'
  | 'seed';

export interface AppChange {
  change: 'add' | 'change' | 'remove';
  kind: AppChangeKind;
  /** Dotted key path, e.g. `entities.room.fields.area`. */
  path: string;
  key: string;
  /** add/remove: the item's label; change: what changed, e.g. `type text → number`. */
  label?: string;
}

export interface DiffOptions {
  /** Language of labels in the change list; default `en` (falls back to zh-CN). */
  locale?: Locale;
}

type Item = Record<string, unknown>;
type Children = (before: Item | undefined, after: Item | undefined, path: string) => AppChange[];

const without = (item: Item, omit: readonly string[]): Item =>
  Object.fromEntries(Object.entries(item).filter(([key]) => !omit.includes(key)));

const same = (a: unknown, b: unknown): boolean => canonicalizePart(a) === canonicalizePart(b);

const isText = (value: unknown): value is LocalizedText =>
  value !== null && typeof value === 'object' && typeof (value as Item)['zh-CN'] === 'string';

function show(value: unknown, locale: Locale): string {
  if (isText(value)) return localize(value, locale);
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

/** `type text → number; required` — scalars and texts show both values, larger changes only the name. */
function describe(before: Item, after: Item, locale: Locale): string {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const parts: string[] = [];
  for (const name of names) {
    const [b, a] = [before[name], after[name]];
    if (same(b, a)) continue;
    const simple = (v: unknown) => v === undefined || isText(v) || v === null || typeof v !== 'object';
    if (simple(b) && simple(a) && b !== undefined && a !== undefined) {
      parts.push(`${name} ${show(b, locale)} → ${show(a, locale)}`);
    } else if (b === undefined) parts.push(`+${name}`);
    else if (a === undefined) parts.push(`-${name}`);
    else parts.push(name);
  }
  return parts.join('; ');
}

const withLabel = (text: string | undefined) => (text ? { label: text } : {});

function keyed(list: unknown): Map<string, Item> {
  const map = new Map<string, Item>();
  if (!Array.isArray(list)) return map;
  for (const item of list) {
    if (
      item &&
      typeof item === 'object' &&
      typeof (item as Item).key === 'string' &&
      !map.has((item as Item).key as string)
    ) {
      map.set((item as Item).key as string, item as Item);
    }
  }
  return map;
}

function diffList(
  kind: AppChangeKind,
  before: unknown,
  after: unknown,
  base: string,
  locale: Locale,
  omit: readonly string[] = [],
  children?: Children,
): AppChange[] {
  const [old, now] = [keyed(before), keyed(after)];
  const changes: AppChange[] = [];
  // Items without a label (most edges) get no `label` rather than an empty one.
  const label = (item: Item) => localize(isText(item.label) ? item.label : undefined, locale) || undefined;
  for (const [key, item] of now) {
    const path = `${base}.${key}`;
    const previous = old.get(key);
    if (!previous) changes.push({ change: 'add', kind, path, key, ...withLabel(label(item)) });
    else if (!same(without(previous, omit), without(item, omit))) {
      changes.push({
        change: 'change',
        kind,
        path,
        key,
        label: describe(without(previous, omit), without(item, omit), locale),
      });
    }
    if (children) changes.push(...children(previous, item, path));
  }
  for (const [key, item] of old) {
    if (now.has(key)) continue;
    const path = `${base}.${key}`;
    changes.push({ change: 'remove', kind, path, key, ...withLabel(label(item)) });
    if (children) changes.push(...children(item, undefined, path));
  }
  return changes;
}

/** Fields, with sub-table columns nested under their sub-table (`…fields.items.fields.qty`). */
function diffFields(before: unknown, after: unknown, base: string, locale: Locale): AppChange[] {
  const columns: Children = (b, a, path) =>
    b?.type === 'subTable' || a?.type === 'subTable'
      ? diffFields(b?.fields, a?.fields, `${path}.fields`, locale)
      : [];
  return diffList('field', before, after, base, locale, ['fields'], columns);
}

function diffSeed(before: unknown, after: unknown, locale: Locale): AppChange[] {
  const records = (seed: unknown, key: string): unknown[] | undefined => {
    const list = seed && typeof seed === 'object' ? (seed as Item)[key] : undefined;
    return Array.isArray(list) ? list : undefined;
  };
  const keys = [
    ...new Set([
      ...Object.keys((after as Item | undefined) ?? {}),
      ...Object.keys((before as Item | undefined) ?? {}),
    ]),
  ].sort();
  const changes: AppChange[] = [];
  const count = (n: number) => (locale === 'zh-CN' ? `${n} 条记录` : `${n} record${n === 1 ? '' : 's'}`);
  for (const key of keys) {
    const [b, a] = [records(before, key), records(after, key)];
    const path = `seed.${key}`;
    if (!b && a) changes.push({ change: 'add', kind: 'seed', path, key, label: count(a.length) });
    else if (b && !a) changes.push({ change: 'remove', kind: 'seed', path, key, label: count(b.length) });
    else if (b && a && !same(b, a)) {
      const label =
        b.length === a.length
          ? locale === 'zh-CN'
            ? '记录内容有变化'
            : 'records changed'
          : `${b.length} → ${count(a.length)}`;
      changes.push({ change: 'change', kind: 'seed', path, key, label });
    }
  }
  return changes;
}

/**
 * What changed from `before` to `after`, matched by key. `before` null (a first import) lists everything as
 * added; removing or adding an entity or flow also lists its fields, nodes and edges.
 */
export function diffAppDefinitions(
  before: AppDefinition | null,
  after: AppDefinition,
  options: DiffOptions = {},
): AppChange[] {
  const locale = options.locale ?? 'en';
  const b = (before ?? {}) as unknown as Item;
  const a = after as unknown as Item;
  const changes: AppChange[] = [];
  if (!before)
    changes.push({
      change: 'add',
      kind: 'app',
      path: 'app',
      key: after.key,
      label: localize(after.label, locale),
    });
  else if (!same(without(b, APP_SECTIONS), without(a, APP_SECTIONS))) {
    changes.push({
      change: 'change',
      kind: 'app',
      path: 'app',
      key: after.key,
      label: describe(without(b, APP_SECTIONS), without(a, APP_SECTIONS), locale),
    });
  }
  changes.push(
    ...diffList('entity', b.entities, a.entities, 'entities', locale, ['fields'], (old, now, path) =>
      diffFields(old?.fields, now?.fields, `${path}.fields`, locale),
    ),
    ...diffList('flow', b.flows, a.flows, 'flows', locale, ['nodes', 'edges'], (old, now, path) => [
      ...diffList('node', old?.nodes, now?.nodes, `${path}.nodes`, locale),
      ...diffList('edge', old?.edges, now?.edges, `${path}.edges`, locale),
    ]),
    ...diffList('rule', b.rules, a.rules, 'rules', locale),
    ...diffList('report', b.reports, a.reports, 'reports', locale),
    ...diffList('dashboard', b.dashboards, a.dashboards, 'dashboards', locale),
    ...diffList('role', b.roles, a.roles, 'roles', locale),
    ...diffList('memberAttribute', b.memberAttributes, a.memberAttributes, 'memberAttributes', locale),
    ...diffSeed(b.seed, a.seed, locale),
  );
  return changes;
}
