import type {
  AppDefinition,
  DashboardDefinition,
  DashboardFilter,
  DashboardItem,
  FieldDefinition,
  LocalizedText,
  ReportDefinition,
} from '@lowcode/app-model';

// The dashboard definition's 24-column grid ↔ react-grid-layout's layout items, the phone order, and the
// layout written back into the app definition.

export const GRID_COLUMNS = 24;
/** Pixel height of one grid row; an item of h 8 is 8 rows tall plus the margins between them. */
export const ROW_HEIGHT = 36;
export const MIN_W = 3;
export const MIN_H = 3;

export interface GridItem {
  i: string;
  x: number;
  y: number;
  w: number;
  h: number;
  minW?: number;
  minH?: number;
}

export function toGridLayout(items: DashboardItem[]): GridItem[] {
  return items.map((item) => ({
    i: item.key,
    x: item.layout.x,
    y: item.layout.y,
    w: item.layout.w,
    h: item.layout.h,
    minW: MIN_W,
    minH: MIN_H,
  }));
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

/** The items with the positions of `layout` (items it does not name keep theirs), kept inside the grid. */
export function fromGridLayout(items: DashboardItem[], layout: readonly GridItem[]): DashboardItem[] {
  const byKey = new Map(layout.map((entry) => [entry.i, entry]));
  return items.map((item) => {
    const entry = byKey.get(item.key);
    if (!entry) return item;
    const w = clamp(entry.w, 1, GRID_COLUMNS);
    return {
      ...item,
      layout: {
        x: clamp(entry.x, 0, GRID_COLUMNS - w),
        y: clamp(entry.y, 0, 10_000),
        w,
        h: clamp(entry.h, 1, 100),
      },
    };
  });
}

/** Whether a layout moved or resized anything. */
export const layoutChanged = (items: DashboardItem[], layout: readonly GridItem[]) =>
  fromGridLayout(items, layout).some(
    (item, index) => JSON.stringify(item.layout) !== JSON.stringify(items[index]!.layout),
  );

/** Phone order: top to bottom, then left to right, as the eye reads the wide grid. */
/** A KPI card's height on a phone: it needs less room than a chart (the grid's `phoneHeight`). */
export const phoneKpiHeight =
  (reports: ReadonlyMap<string, ReportDefinition>) =>
  (item: DashboardItem): number | undefined =>
    reports.get(item.report)?.chart.type === 'kpi' ? 190 : undefined;

export function phoneOrder(items: DashboardItem[]): DashboardItem[] {
  return [...items].sort((a, b) => a.layout.y - b.layout.y || a.layout.x - b.layout.x);
}

/** The app definition with one dashboard's items (and, when given, its global filters) replaced. */
export function withDashboardItems(
  definition: AppDefinition,
  dashboardKey: string,
  items: DashboardItem[],
  filters?: DashboardFilter[],
): AppDefinition {
  return {
    ...definition,
    dashboards: definition.dashboards.map((dashboard: DashboardDefinition) => {
      if (dashboard.key !== dashboardKey) return dashboard;
      if (filters === undefined) return { ...dashboard, items };
      const { filters: _previous, ...rest } = dashboard;
      return filters.length ? { ...rest, items, filters } : { ...rest, items };
    }),
  };
}

/** Field types a dashboard-wide filter picks values of (dates go through the period control instead). */
const FILTERABLE = new Set<FieldDefinition['type']>(['relation', 'select', 'status', 'user', 'checkbox']);

export interface FilterCandidate {
  field: string;
  label: LocalizedText;
  /** How many of the dashboard's charts the filter would apply to (their entity has the field). */
  charts: number;
}

/**
 * The fields a global filter could use on a dashboard: those of its reports' entities a person picks values
 * of, most widely shared first, since a filter applies to every chart whose entity has the field.
 */
export function filterCandidates(
  entities: AppDefinition['entities'],
  reports: ReportDefinition[],
): FilterCandidate[] {
  const found = new Map<string, FilterCandidate>();
  for (const report of reports) {
    const entity = entities.find((candidate) => candidate.key === report.entity);
    for (const field of entity?.fields ?? []) {
      if (!FILTERABLE.has(field.type)) continue;
      if (field.type === 'relation' && field.relation.multiple) continue;
      const known = found.get(field.key);
      if (known) known.charts += 1;
      else found.set(field.key, { field: field.key, label: field.label, charts: 1 });
    }
  }
  return [...found.values()].sort((a, b) => b.charts - a.charts || a.field.localeCompare(b.field));
}

/** Whether the filters differ from the dashboard's stored ones (by key and field, in order). */
export const filtersChanged = (stored: DashboardFilter[] | undefined, draft: DashboardFilter[]) =>
  JSON.stringify((stored ?? []).map(({ key, field }) => [key, field])) !==
  JSON.stringify(draft.map(({ key, field }) => [key, field]));

/** The first free row below every item: where a newly added chart goes. */
export const nextRow = (items: DashboardItem[]) =>
  items.reduce((bottom, item) => Math.max(bottom, item.layout.y + item.layout.h), 0);
