// TypeScript view of the app-definition format. The JSON Schema in schema/ is the authority for what is
// accepted; these types mirror it so code that consumes a validated AppDefinition is checked by tsc.
import { type SORT_DIRECTIONS } from '../constants';
import {
  type Aggregate,
  type ChartType,
  type DateBucket,
  type JsonLogic,
  type LocalizedText,
  type OpenObject,
  type PermissionAction,
} from './base';
import { type EntityDefinition } from './fields';
import { type FlowDefinition, type RuleDefinition } from './flows';

export type * from './base';
export type * from './fields';
export type * from './flows';

// ---------------------------------------------------------------- app

export interface AppDefinition {
  formatVersion: 1;
  key: string;
  /** Semver of the app itself (not of the format). */
  version: string;
  label: LocalizedText;
  description?: LocalizedText;
  entities: EntityDefinition[];
  flows: FlowDefinition[];
  rules: RuleDefinition[];
  reports: ReportDefinition[];
  dashboards: DashboardDefinition[];
  roles: RoleDefinition[];
  seed?: SeedData;
}

// ---------------------------------------------------------------- reports and dashboards

export interface ReportDimension {
  field: string;
  bucket?: DateBucket;
  label?: LocalizedText;
}

export interface ReportMeasure {
  key: string;
  label?: LocalizedText;
  aggregate: Aggregate;
  /** Required for every aggregate except `count`. */
  field?: string;
}

export interface ReportSort {
  /** A dimension's field key or a measure's key. */
  by: string;
  direction: (typeof SORT_DIRECTIONS)[number];
}

export interface ReportDefinition {
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  entity: string;
  chart: { type: ChartType; options?: OpenObject };
  dimensions: ReportDimension[];
  measures: ReportMeasure[];
  filter?: JsonLogic;
  sort?: ReportSort[];
  limit?: number;
}

export interface DashboardFilter {
  key: string;
  label?: LocalizedText;
  /** Applies to every item whose report entity has this field. */
  field: string;
}

export interface DashboardItem {
  key: string;
  report: string;
  title?: LocalizedText;
  /** Grid cell on a 24-column grid. */
  layout: { x: number; y: number; w: number; h: number };
}

export interface DashboardDefinition {
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  /** Roles that see this dashboard; absent means everyone with access to the app. */
  roles?: string[];
  filters?: DashboardFilter[];
  items: DashboardItem[];
}

// ---------------------------------------------------------------- roles and seed

export interface EntityPermission {
  entity: string;
  actions: PermissionAction[];
  /** Row filter; `{"var":"user.id"}` is the current user. */
  scope?: JsonLogic;
  fields?: { hidden?: string[]; readOnly?: string[]; masked?: string[] };
}

export interface RoleDefinition {
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  permissions: EntityPermission[];
}

/**
 * Demo or initial records per entity key. A record's optional `_key` names it inside the seed so relation
 * fields of other seed records can point at it.
 */
export type SeedData = Record<string, Array<Record<string, unknown>>>;
