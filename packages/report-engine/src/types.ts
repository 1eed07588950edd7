import { type DateBucket, type LocalizedText, type ReportDefinition } from '@lowcode/app-model';

export type { ReportDefinition };

/** The PostgreSQL type of a stored field, as the host's entity storage declares it. */
export type ColumnType =
  'text' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb' | 'uuid' | 'uuid[]' | 'text[]';

export interface DatasetField {
  /** The column name (unquoted: the engine quotes every identifier itself). */
  column: string;
  type: ColumnType;
  /** For a single relation field: the entity key its uuid points at (a path may join through it). */
  relation?: string;
  /** An amount of money (a money field, a formula giving money): its sums and averages show cents. */
  money?: boolean;
}

export interface DatasetEntity {
  /** The table as trusted SQL, already quoted and schema-qualified by the host, e.g. `"app_1"."room"`. */
  table: string;
  /** Column of the record id that relations point at. */
  idColumn: string;
  /** A timestamp column set when a record is soft-deleted; such rows are left out everywhere. */
  deletedColumn?: string;
  /** The field whose value names a record (a building's name): relation dimensions show it as a label. */
  titleField?: string;
  fields: Record<string, DatasetField>;
}

/**
 * What the engine knows about storage. Identifiers in the SQL come only from here, so a report can name
 * nothing the host did not describe.
 */
export interface ReportDataset {
  entities: Record<string, DatasetEntity>;
}

/** A dashboard or run-time filter value: one value, a list (any of), or a range (both ends inclusive). */
export type FilterValue =
  | string
  | number
  | boolean
  | null
  | Array<string | number | boolean>
  | { from?: string | number; to?: string | number };

/** One chosen value on the way down a drill path: `{ field: 'project', value: '<project id>' }`. */
export interface DrillStep {
  field: string;
  value: string | number | boolean | null;
}

export interface RowScope {
  /** Parameters of every scope fragment, numbered $1..$n; the engine numbers its own after them. */
  params: unknown[];
  /** Per entity key: a trusted SQL condition over alias `r` (the entity's own rows). */
  byEntity: Record<string, string>;
}

export type PeriodComparison = 'previousPeriod' | 'previousYear';

/**
 * Instants `from` ≤ t < `until` over which the report's time zone keeps one UTC offset (Asia/Shanghai: every
 * instant since 1991). A timestamp inside it is made local by that offset instead of a lookup in the zone's
 * rules, row by row; over a million rows that halves a report bucketed by month or day. Instants outside
 * still go through the rules. The host reads the span from the database's own zone data, so both ways give
 * the same local time.
 */
export interface ZoneOffsetSpan {
  from: string;
  until: string;
  offsetSeconds: number;
}

export interface CompileOptions {
  /** Dashboard or user filters, by field path of the report's entity. */
  filters?: Record<string, FilterValue>;
  /** Values chosen so far along `[dimensions[0].field, ...report.drill]`. */
  drill?: DrillStep[];
  /** Row-level permissions, AND-ed into the base table and into every joined table. */
  scope?: RowScope;
  /** IANA time zone that date buckets and date-only bounds are read in; default UTC. */
  timeZone?: string;
  /** Where `timeZone` keeps one UTC offset: timestamps there are bucketed without its rules (see the type). */
  zoneOffsetSpan?: ZoneOffsetSpan;
  /** Days `from`–`to` (inclusive, YYYY-MM-DD) of the report's `periodField`. */
  period?: { from: string; to: string };
  /** With a period: also compile the same report over the period before it (KPI change). */
  compare?: PeriodComparison;
  /** Upper bound on the groups returned when the report has no smaller limit (default 5000). */
  maxRows?: number;
  /**
   * The instant the report runs at. A date bucket that holds it is still in progress (this month so far),
   * and the dimension's column names it (`currentBucket`), so a trend does not read a partial month as a
   * fall.
   */
  now?: Date | string;
}

export type ValueKind = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'id';

export interface ColumnMeta {
  /** Row property: a dimension's field path, a measure's key, or `<dimension>#label` for a record title. */
  key: string;
  role: 'dimension' | 'measure' | 'label';
  kind: ValueKind;
  label?: LocalizedText;
  bucket?: DateBucket;
  /** For a bucketed dimension, when the run gave `now`: the bucket (its first day) still in progress. */
  currentBucket?: string;
  /** For id dimensions: the entity whose record ids they are. */
  entity?: string;
  /** For a dimension with a title: the key of its label column. */
  labelKey?: string;
  /**
   * Measures that are percentages (0–100), NPS points (−100–100), hours, or amounts of money (shown with
   * their cents), for axis and number formats.
   */
  unit?: 'percent' | 'points' | 'hours' | 'money';
  /** What the row's value is multiplied by to be shown (100: a fraction shown as a percentage). */
  scale?: number;
}

/** A field a compiled report reads: the host checks each against the caller's field permissions. */
export interface FieldReference {
  entity: string;
  field: string;
  /** Where in the report or options it is named, e.g. `measures[1].field`. */
  path: string;
}

export interface CompiledQuery {
  sql: string;
  params: unknown[];
}

export interface CompiledReport extends CompiledQuery {
  columns: ColumnMeta[];
  /** The same report over the comparison period, when `compare` was asked for. */
  previous?: CompiledQuery;
  /** Every entity whose rows are read (the report's and each joined one). */
  entities: string[];
  references: FieldReference[];
}

export type ResultRow = Record<string, unknown>;

export interface ReportResult {
  columns: ColumnMeta[];
  rows: ResultRow[];
  /** Rows of the comparison period (KPI cards show the change). */
  previousRows?: ResultRow[];
  /**
   * A pivot's totals as their own aggregates (see `pivotTotalReports`): by its row dimension, by its column
   * dimension, and over everything. An average's total is the average of all the rows, not a sum.
   */
  totals?: PivotTotals;
}

export interface PivotTotals {
  rows: ResultRow[];
  columns?: ResultRow[];
  grand: ResultRow[];
}
