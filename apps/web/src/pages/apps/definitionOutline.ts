import type { AppDefinition, Locale } from '@lowcode/app-model';
import type { AppCounts } from '../../api/types';
import { localize } from '../../hooks/useLocale';

// The read-only tree the app home's "Structure" tab shows. The stored definition passed the server's
// validation on import, so it is read as the AppDefinition type of @lowcode/app-model.

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

type Labelled = { key: string; label?: AppDefinition['label'] };

const leaf = (item: Labelled, locale: Locale): OutlineItem => ({
  key: item.key,
  label: localize(item.label, locale) || item.key,
  children: [],
  extraCounts: {},
});

const child = (item: Labelled & { type: string }, locale: Locale): OutlineChild => ({
  key: item.key,
  label: localize(item.label, locale) || item.key,
  detail: item.type,
});

/** Entities → fields, flows → nodes (and their edge count), the other parts by name. */
export function outlineDefinition(definition: AppDefinition, locale: Locale): OutlineSection[] {
  return [
    {
      key: 'entities',
      items: definition.entities.map((entity) => ({
        ...leaf(entity, locale),
        children: entity.fields.map((field) => child(field, locale)),
      })),
    },
    {
      key: 'flows',
      items: definition.flows.map((flow) => ({
        ...leaf(flow, locale),
        children: flow.nodes.map((node) => child(node, locale)),
        extraCounts: { edges: flow.edges.length },
      })),
    },
    { key: 'rules', items: definition.rules.map((rule) => leaf(rule, locale)) },
    { key: 'reports', items: definition.reports.map((report) => leaf(report, locale)) },
    { key: 'dashboards', items: definition.dashboards.map((dashboard) => leaf(dashboard, locale)) },
    { key: 'roles', items: definition.roles.map((role) => leaf(role, locale)) },
  ];
}
