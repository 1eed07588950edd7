import type { DashboardDefinition, ReportDefinition } from '@lowcode/app-model';
import type { ColumnMeta, DrillStep, FilterValue, PeriodComparison, ResultRow } from '@lowcode/report-engine';

export type { DashboardDefinition };

/** Body of `POST …/reports/:report/run` and (with `report`) `…/reports/preview` (docs/api.md). */
export interface ReportRunRequest {
  filters?: Record<string, FilterValue>;
  drill?: DrillStep[];
  period?: { from: string; to: string };
  compare?: PeriodComparison;
  timeZone?: string;
  locale?: 'zh-CN' | 'en';
  /** The dashboard whose card this is: the server answers its cards that read the same rows with one scan. */
  dashboard?: string;
}

export interface ReportRunResult {
  columns: ColumnMeta[];
  rows: ResultRow[];
  previousRows?: ResultRow[];
  /** The ECharts option the server built; the web rebuilds it with display labels (charts/chartOption.ts). */
  option: Record<string, unknown>;
}

/** `GET …/dashboards/:key`: the definition plus a summary of each item's report. */
export interface DashboardDetail extends DashboardDefinition {
  reports: Array<Pick<ReportDefinition, 'key' | 'label' | 'entity' | 'chart'>>;
}
