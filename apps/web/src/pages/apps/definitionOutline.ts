import type { AppCounts, Locale, LocalizedText } from '../../api/types';

// The definition format belongs to @lowcode/app-model, which the web does not depend on yet. The detail page
// only shows names, so this reads the definition defensively: a collection may be an array of objects with a
// `key` (or `id`/`name`) or an object keyed by key; anything unexpected is skipped rather than thrown on.

export type OutlineSectionKey = keyof AppCounts;

export interface OutlineChild {
  key: string;
  label: string;
  /** A short secondary fact: a field's type, a node's type. */
  detail?: string;
}

export interface OutlineItem {
  key: string;
  label: string;
  /** Fields of an entity, nodes of a flow. */
  children: OutlineChild[];
  /** e.g. the number of edges of a flow. */
  extraCounts: Record<string, number>;
}

export interface OutlineSection {
  key: OutlineSectionKey;
  items: OutlineItem[];
}

const SECTIONS: readonly OutlineSectionKey[] = [
  'entities',
  'flows',
  'rules',
  'reports',
  'dashboards',
  'roles',
];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return isObject(value) && typeof value['zh-CN'] === 'string';
}

function textOf(value: unknown, locale: Locale): string | undefined {
  if (typeof value === 'string') return value;
  if (isLocalizedText(value)) return value[locale] || value['zh-CN'];
  return undefined;
}

/** Normalizes an array or a keyed object into [key, object] pairs. */
function entriesOf(collection: unknown): [string, Json][] {
  if (Array.isArray(collection)) {
    return collection.filter(isObject).map((item, index) => {
      const key = [item.key, item.id, item.name].find((k): k is string => typeof k === 'string');
      return [key ?? String(index), item];
    });
  }
  if (isObject(collection)) {
    return Object.entries(collection).flatMap(([key, item]) =>
      isObject(item) ? [[key, item] as [string, Json]] : [],
    );
  }
  return [];
}

function labelOf(key: string, item: Json, locale: Locale): string {
  return textOf(item.label, locale) ?? textOf(item.title, locale) ?? textOf(item.name, locale) ?? key;
}

function childrenOf(collection: unknown, locale: Locale): OutlineChild[] {
  return entriesOf(collection).map(([key, item]) => {
    const detail = typeof item.type === 'string' ? item.type : undefined;
    return { key, label: labelOf(key, item, locale), ...(detail ? { detail } : {}) };
  });
}

function itemOf(section: OutlineSectionKey, key: string, item: Json, locale: Locale): OutlineItem {
  const outline: OutlineItem = { key, label: labelOf(key, item, locale), children: [], extraCounts: {} };
  if (section === 'entities') {
    outline.children = childrenOf(item.fields, locale);
  } else if (section === 'flows') {
    outline.children = childrenOf(item.nodes, locale);
    outline.extraCounts.edges = entriesOf(item.edges).length;
  }
  return outline;
}

/** The read-only tree the app detail page shows: entities → fields, flows → nodes, and the other parts by name. */
export function outlineDefinition(definition: unknown, locale: Locale): OutlineSection[] {
  const root = isObject(definition) ? definition : {};
  return SECTIONS.map((section) => ({
    key: section,
    items: entriesOf(root[section]).map(([key, item]) => itemOf(section, key, item, locale)),
  }));
}
