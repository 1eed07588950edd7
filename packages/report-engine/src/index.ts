// Public API of @lowcode/report-engine: report definitions compiled to parameterized SQL over a dataset
// the host describes, an in-memory reference runner, and ECharts options for every chart type.
// Pure library: no framework, no database driver, no I/O.
export { compileReport } from './sql/compile-report';
export { compileSharedScan, sharedScanMembers, type SharedScan } from './sql/shared-scan';
export { defaultPeriodRange } from './default-period';
export { runReportInMemory, type RowsByEntity } from './memory/run-in-memory';
export {
  PERCENT_FORMATTER,
  pivotTotalReports,
  toEChartsOption,
  type ChartOptionSettings,
  type EChartsOption,
} from './charts/echarts';
export { REGION_MAP_NAME, REGION_GEOJSON, REGION_SPECIAL_AREAS } from './geo/regions';
export { ReportError, type ReportErrorCode } from './errors';
export type {
  ColumnMeta,
  ColumnType,
  CompileOptions,
  CompiledQuery,
  CompiledReport,
  DatasetEntity,
  DatasetField,
  DrillStep,
  FieldReference,
  FilterValue,
  PeriodComparison,
  PivotTotals,
  ReportDataset,
  ReportResult,
  ResultRow,
  RowScope,
  ValueKind,
  ZoneOffsetSpan,
} from './types';
