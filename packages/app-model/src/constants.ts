// The closed vocabularies of the format. Each list is the single source for the TypeScript unions in
// types.ts, the JSON Schema enums in schema/, and the "must be one of" messages.

export const APP_FORMAT_VERSION = 1;

export const LOCALES = ['zh-CN', 'en'] as const;

/** Immutable identifier of every named thing in an app. Kept short and ASCII so it is safe as a column or URL part. */
/**
 * Defaults resolved when a record is created: `$now` — the moment for a date-time field, today for a date
 * field — and `$me`, the person creating it, for a user field.
 */
export const DYNAMIC_DEFAULTS = { $now: ['date', 'datetime'], $me: ['user'] } as const;

export const KEY_PATTERN = '^[a-z][a-zA-Z0-9_]{0,62}$';

/**
 * Key of a member attribute (`user.<key>` in scopes): what the server has always accepted for a member's
 * attributes, so a declaration can name any attribute already in use. `id` is reserved (`user.id`).
 */
export const MEMBER_ATTRIBUTE_KEY_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,49}$';

/** What a declared member attribute holds; `multiple` (a list) only for text, select and relation. */
export const MEMBER_ATTRIBUTE_TYPES = ['text', 'number', 'boolean', 'select', 'relation'] as const;
export const MULTIPLE_MEMBER_ATTRIBUTE_TYPES = ['text', 'select', 'relation'] as const;

export const FIELD_TYPES = [
  'text',
  'longText',
  'richText',
  'number',
  'money',
  'percent',
  'date',
  'datetime',
  'dateRange',
  'select',
  'multiSelect',
  'checkbox',
  'rating',
  'phone',
  'email',
  'url',
  'idCard',
  'creditCode',
  'attachment',
  'image',
  'signature',
  'location',
  'relation',
  'subTable',
  'user',
  'department',
  'autoNumber',
  'formula',
  'lookup',
  'rollup',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
  'status',
] as const;

/** Field types whose value the platform computes; a user can never fill them in, so `required` makes no sense. */
export const COMPUTED_FIELD_TYPES = [
  'autoNumber',
  'formula',
  'lookup',
  'rollup',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
] as const;

/** Field types a sum/avg/median/percentile can be taken of. */
export const NUMERIC_FIELD_TYPES = ['number', 'money', 'percent', 'rating', 'rollup'] as const;

/** Field types a report dimension may bucket by day/week/month/quarter/year. */
export const DATE_FIELD_TYPES = ['date', 'datetime', 'createdAt', 'updatedAt'] as const;

/** `money` is a number written as money (a line's 金额 = 数量 × 单价), rounded to the fen. */
export const FORMULA_RESULT_TYPES = ['number', 'money', 'text', 'date', 'boolean'] as const;

export const FLOW_NODE_TYPES = [
  'start',
  'userTask',
  'approval',
  'exclusiveGateway',
  'parallelGateway',
  'inclusiveGateway',
  'action',
  'timer',
  'end',
] as const;

export const FLOW_TRIGGER_TYPES = ['manual', 'recordCreated', 'formSubmitted'] as const;

export const FLOW_ACTION_TYPES = ['createRecord', 'updateRecord', 'notify', 'webhook', 'subFlow'] as const;

export const ASSIGNEE_TYPES = [
  'user',
  'role',
  'department',
  'manager',
  'field',
  'expression',
  'autoDispatch',
] as const;
/** Whose manager a `manager` assignee is: the flow's starter (直属主管) or whoever acted in the step before. */
/**
 * Whose manager a `manager` assignee is: the instance's starter, the last actor, or (on an SLA escalation only)
 * the overdue task's assignees who have not acted — 逾期升级 to their manager.
 */
export const MANAGER_OF = ['starter', 'actor', 'assignee'] as const;

export const APPROVAL_MODES = ['single', 'all', 'any'] as const;

export const RULE_TRIGGER_TYPES = [
  'recordCreated',
  'recordUpdated',
  'recordDeleted',
  'fieldChanged',
  'flowEvent',
  'schedule',
  'dateRelative',
] as const;

/**
 * What a scheduled rule does about runs missed while no server was up: run each once (the default), run
 * only the latest, or skip them all.
 */
export const CATCH_UP_POLICIES = ['each', 'latest', 'skip'] as const;

/**
 * How a record trigger meets a bulk write (bulk API, import — one transaction): fire per record (the
 * default), or once for the batch with its count.
 */
export const BATCH_MODES = ['perRecord', 'perBatch'] as const;

export const FLOW_EVENTS = ['taskOverdue', 'instanceEnded', 'instanceStarted'] as const;

export const RULE_ACTION_TYPES = [
  'notify',
  'createRecord',
  'updateRecord',
  'createTask',
  'startFlow',
  'webhook',
] as const;

export const NOTIFY_CHANNELS = ['inApp', 'email', 'sms', 'wechat', 'dingtalk', 'wecom'] as const;

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export const CHART_TYPES = [
  'kpi',
  'line',
  'area',
  'bar',
  'stackedBar',
  'horizontalBar',
  'pie',
  'ring',
  'rose',
  'scatter',
  'bubble',
  'radar',
  'funnel',
  'gauge',
  'heatmap',
  'calendarHeatmap',
  'treemap',
  'sunburst',
  'sankey',
  'boxplot',
  'table',
  'pivot',
  'map',
] as const;

/**
 * How many of a report's dimensions each chart type draws (the report engine's ECharts builders): a line draws
 * its categories and one series per value of a second dimension, a pie only its slices. Further dimensions
 * still split the query's groups but are not shown. Types not named (table, treemap, sunburst) draw them all.
 */
export const CHART_DIMENSIONS_SHOWN: Readonly<Partial<Record<(typeof CHART_TYPES)[number], number>>> = {
  kpi: 0,
  gauge: 0,
  line: 2,
  area: 2,
  bar: 2,
  stackedBar: 2,
  horizontalBar: 2,
  heatmap: 2,
  sankey: 2,
  pivot: 2,
  pie: 1,
  ring: 1,
  rose: 1,
  funnel: 1,
  map: 1,
  calendarHeatmap: 1,
  scatter: 1,
  bubble: 1,
  radar: 1,
  boxplot: 1,
};

export const AGGREGATES = [
  'count',
  'distinctCount',
  'sum',
  'avg',
  'min',
  'max',
  'median',
  'p90',
  'p95',
  'p99',
  'percentile',
] as const;

/** Aggregates that only make sense over numbers. */
export const NUMERIC_AGGREGATES = ['sum', 'avg', 'median', 'p90', 'p95', 'p99', 'percentile'] as const;

/**
 * Named measure presets of the report engine (docs/reports.md): each compiles to aggregates over the fields
 * the measure names, so a template says `{ "metric": "nps", "field": "score" }` instead of the arithmetic.
 */
export const REPORT_METRICS = [
  'nps',
  'csat',
  'ces',
  'mttr',
  'firstTimeFix',
  'occupancy',
  'collectionRate',
] as const;

/**
 * How a measure's numbers are shown: as they are, or a fraction as a percentage (0.8 → 80%), as a share
 * computed by `avg` over a 0/1 field is. Built-in metrics carry their own unit and take no format.
 */
export const MEASURE_FORMATS = ['number', 'percent'] as const;

/** A dimension, measure or filter field: a field key, or a path through single relations (`room.building`). */
export const FIELD_PATH_PATTERN = '^[a-z][a-zA-Z0-9_]{0,62}(\\.[a-z][a-zA-Z0-9_]{0,62}){0,3}$';

export const ROLLUP_AGGREGATES = ['count', 'sum', 'avg', 'min', 'max'] as const;

export const DATE_BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** Chart options the renderers read (report-engine's ECharts builders); anything else would do nothing. */
export const CHART_OPTIONS = [
  'precision',
  'showPercent',
  'showValues',
  'smooth',
  'unit',
  'min',
  'max',
] as const;

/** Periods a report may read by default when no one has chosen one (`defaultPeriod`). */
export const DEFAULT_PERIODS = [
  'today',
  'thisWeek',
  'thisMonth',
  'last30Days',
  'last12Months',
  'thisQuarter',
  'thisYear',
] as const;

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;

export const PERMISSION_ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'import'] as const;

export const SLA_CALENDARS = ['business', 'calendar'] as const;

export const DISPATCH_STRATEGIES = ['leastLoaded', 'roundRobin'] as const;

/** The app definition's list sections, in the canonical file's order; everything else is its header. */
export const APP_SECTIONS = [
  'entities',
  'flows',
  'rules',
  'reports',
  'dashboards',
  'roles',
  'memberAttributes',
  'seed',
];
