// TypeScript view of the app-definition format. The JSON Schema in schema/ is the authority for what is
// accepted; these types mirror it so code that consumes a validated AppDefinition is checked by tsc.
import { type DEFAULT_PERIODS, type MEASURE_FORMATS, type SORT_DIRECTIONS } from '../constants';
import {
  type Aggregate,
  type ChartType,
  type DateBucket,
  type JsonLogic,
  type LocalizedText,
  type MemberAttributeType,
  type OpenObject,
  type PermissionAction,
  type ReportMetric,
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
  /** The member attributes the app reads (`user.<key>` in scopes, flow dispatch), so admins fill them in. */
  memberAttributes?: MemberAttributeDefinition[];
  seed?: SeedData;
}

// ---------------------------------------------------------------- reports and dashboards

export interface ReportDimension {
  /** A field key, or a path through single relations such as `room.building` (joined when run). */
  field: string;
  bucket?: DateBucket;
  label?: LocalizedText;
}

/**
 * One number per group. Exactly one of `aggregate`, `metric` or `formula` says how it is computed:
 * - `aggregate` over `field` (`count` needs none; `percentile` needs `p`);
 * - `metric`, a named preset (docs/reports.md) over the fields it names;
 * - `formula`, JSON-logic arithmetic (`+ - * /`) over other measures' keys: `{"/": [{"var": "paid"}, {"var": "due"}]}`.
 */
export interface ReportMeasure {
  key: string;
  label?: LocalizedText;
  aggregate?: Aggregate;
  /** Required for every aggregate except `count`; the score, rating, status … field of a metric. */
  field?: string;
  /** The fraction for `aggregate: "percentile"`, from 0 to 1 (0.9 is the 90th percentile). */
  p?: number;
  metric?: ReportMetric;
  /** `mttr`: when the work started (the measure's `field` is when it was resolved). */
  startField?: string;
  /** `firstTimeFix`: a reopen count; an order counts as fixed the first time when it is 0. */
  reopenField?: string;
  /** `collectionRate`: the amount due (the measure's `field` is the amount paid). */
  dueField?: string;
  /** `occupancy`: the status values that count as occupied. */
  values?: Array<string | number | boolean>;
  /** `csat`: the lowest rating that counts as satisfied (default 4 on a 1–5 scale). */
  threshold?: number;
  formula?: JsonLogic;
  /** Computed but not shown: a part of a formula. */
  hidden?: boolean;
  /** `percent` shows a fraction as a percentage (0.8 → 80%); display only, the query is the same. */
  format?: (typeof MEASURE_FORMATS)[number];
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
  /** Top N: at most this many groups, after sorting. */
  limit?: number;
  /** Field paths a click on the first dimension descends through, in order (project → building → room). */
  drill?: string[];
  /** The date field a dashboard's period and the previous-period comparison of a KPI apply to. */
  periodField?: string;
  /**
   * The period read when the run names none (a dashboard whose period control is empty, the API without
   * `period`): "completed this month" stays this month. Needs `periodField`; in the workspace's time zone.
   */
  defaultPeriod?: DefaultPeriod;
}

export type DefaultPeriod = (typeof DEFAULT_PERIODS)[number];

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
  /**
   * People outside the company (tenants, owners, suppliers): a member whose every app role is external sees
   * nobody else in the user and department directories and cannot hand a task to someone (transfer, add a
   * signer) — they could not pick anyone, and must not browse the company's people.
   */
  external?: boolean;
  permissions: EntityPermission[];
}

/** One option of a `select` member attribute. */
export interface MemberAttributeOption {
  value: string;
  label: LocalizedText;
}

/**
 * A member attribute the app reads: members' values are checked against it when an admin writes them, and
 * the members page shows the right control (a record picker for `relation`, the options for `select`).
 */
export interface MemberAttributeDefinition {
  /** The attribute's key: `user.<key>` in scopes. A letter, then letters, digits or `_`; not `id`. */
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  type: MemberAttributeType;
  /** A list of values; only for `text`, `select` and `relation`. */
  multiple?: boolean;
  /** `select` only, and required there. */
  options?: MemberAttributeOption[];
  /** `relation` only, and required there: an entity of this app; the values are its records' ids. */
  entity?: string;
  /**
   * `boolean` and `number` only: what a member without the attribute counts as — what the apps reading it
   * assume (auto-dispatch treats a member without `onDuty` as on duty). The members page shows it.
   */
  defaultValue?: boolean | number;
}

/**
 * Demo or initial records per entity key. A record's optional `_key` names it inside the seed so relation
 * fields of other seed records can point at it.
 */
export type SeedData = Record<string, Array<Record<string, unknown>>>;
