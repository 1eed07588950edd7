// Compiles a report definition and its run-time options at the boundary into a checked plan: every field
// path resolved against the dataset, every measure in one of three shapes, drill and dashboard inputs
// turned into conditions. The SQL compiler and the in-memory runner both start from this plan.
import {
  type Aggregate,
  type DateBucket,
  type LocalizedText,
  type ReportMetric,
  AGGREGATES,
  DATE_BUCKETS,
  MEASURE_FORMATS,
  REPORT_METRICS,
} from '@lowcode/app-model';
import { fail, own } from './errors';
import { localDate } from './calendar';
import {
  type ColumnType,
  type CompileOptions,
  type DatasetField,
  type FieldReference,
  type FilterValue,
  type ReportDataset,
  type ReportDefinition,
} from './types';
import { checkPeriod, checkTimeZone, checkValue, comparisonPeriod, isListType } from './values';

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const MAX_PATH_STEPS = 4;
const MAX_DIMENSIONS = 4;
const MAX_MEASURES = 30;
const MAX_LIST = 1000;
const MAX_LIMIT = 10_000;
export const DEFAULT_MAX_ROWS = 5000;

export interface PathStep {
  entity: string;
  field: string;
  meta: DatasetField;
}

/** A field path resolved from the report's entity: `room.building` is the steps room → building. */
export interface ResolvedPath {
  text: string;
  steps: PathStep[];
  type: ColumnType;
}

export interface PlannedDimension {
  key: string;
  path: ResolvedPath;
  bucket?: DateBucket;
  label?: LocalizedText;
  /** A relation dimension whose target names its records: the title field of the target. */
  title?: { key: string; entity: string; field: string; meta: DatasetField };
}

export type FormulaNode =
  | { op: 'number'; value: number }
  | { op: 'measure'; key: string }
  | { op: '+' | '-' | '*' | '/'; args: FormulaNode[] };

interface MeasureBase {
  key: string;
  label?: LocalizedText;
  hidden: boolean;
  /** Shown as a percentage of a fraction (display only). */
  percent: boolean;
}
export interface AggregateMeasure extends MeasureBase {
  kind: 'aggregate';
  aggregate: Aggregate;
  /** The fraction for percentile aggregates (median 0.5, p90 0.9 …). */
  fraction?: number;
  path?: ResolvedPath;
}
export interface MetricMeasure extends MeasureBase {
  kind: 'metric';
  metric: ReportMetric;
  field?: ResolvedPath;
  startField?: ResolvedPath;
  reopenField?: ResolvedPath;
  dueField?: ResolvedPath;
  values?: Array<string | number | boolean>;
  threshold: number;
}
export interface FormulaMeasure extends MeasureBase {
  kind: 'formula';
  formula: FormulaNode;
}
export type PlannedMeasure = AggregateMeasure | MetricMeasure | FormulaMeasure;

/** A condition from options or drill: equal to (bucketed) value, one of a list, or inside a range. */
export type PlannedCondition =
  | { kind: 'equals'; target: ResolvedPath; bucket?: DateBucket; value: string | number | boolean | null }
  | { kind: 'in'; target: ResolvedPath; values: Array<string | number | boolean> }
  | { kind: 'range'; target: ResolvedPath; from?: string | number; to?: string | number };

export interface PlannedSort {
  key: string;
  descending: boolean;
}

export interface ReportPlan {
  entity: string;
  dimensions: PlannedDimension[];
  measures: PlannedMeasure[];
  /** The report's own JSON-logic filter, still raw: each runner compiles it, through `resolve`. */
  filter: unknown;
  conditions: PlannedCondition[];
  sort: PlannedSort[];
  limit: number;
  timeZone: string;
  /** The local day (YYYY-MM-DD) in `timeZone` of the run's `now`, when it gave one. */
  today?: string;
  /** The period's condition, and the comparison period's that replaces it in the second query. */
  period?: { current: PlannedCondition; previous?: PlannedCondition };
  resolve: (text: string, at: string) => ResolvedPath;
  references: FieldReference[];
  entities: string[];
}

const PERCENTILES: Partial<Record<Aggregate, number>> = { median: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };
const NUMERIC_AGGREGATES = new Set<Aggregate>(['sum', 'avg', 'median', 'p90', 'p95', 'p99', 'percentile']);
const ORDERED_TYPES = new Set<ColumnType>(['numeric', 'date', 'timestamptz']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function planReport(
  report: ReportDefinition,
  dataset: ReportDataset,
  options: CompileOptions = {},
): ReportPlan {
  if (!isObject(report)) fail('invalidDefinition', 'report', 'must be a report definition object');
  const entityKey = report.entity;
  if (typeof entityKey !== 'string' || !own(dataset.entities, entityKey))
    fail('unknownEntity', 'entity', `"${String(entityKey)}" is not an entity of this app`);

  const references: FieldReference[] = [];
  const entities = new Set<string>([entityKey]);
  const resolve = (text: string, at: string): ResolvedPath => {
    if (typeof text !== 'string') return fail('invalidDefinition', at, 'must be a field key or path');
    const parts = text.split('.');
    if (parts.length > MAX_PATH_STEPS || parts.some((part) => !NAME.test(part)))
      fail('unknownField', at, `"${text}" is not a field key or a path such as room.building`);
    const steps: PathStep[] = [];
    let current = entityKey;
    parts.forEach((part, index) => {
      const entity = own(dataset.entities, current)!;
      const meta = own(entity.fields, part);
      if (!meta) fail('unknownField', at, `"${text}": entity "${current}" has no field "${part}"`);
      steps.push({ entity: current, field: part, meta: meta! });
      const seen = references.some((ref) => ref.entity === current && ref.field === part && ref.path === at);
      if (!seen) references.push({ entity: current, field: part, path: at });
      if (index < parts.length - 1) {
        if (!meta!.relation || !own(dataset.entities, meta!.relation))
          fail('unknownField', at, `"${text}": "${part}" is not a single relation, so the path cannot go on`);
        current = meta!.relation!;
        entities.add(current);
      }
    });
    return { text, steps, type: steps[steps.length - 1]!.meta.type };
  };

  const timeZone = checkTimeZone(options.timeZone ?? 'UTC', 'options.timeZone');

  // ---- dimensions, with the first one replaced along the drill path
  if (!Array.isArray(report.dimensions)) fail('invalidDefinition', 'dimensions', 'must be a list');
  if (report.dimensions.length > MAX_DIMENSIONS)
    fail('invalidDefinition', 'dimensions', `has more than ${MAX_DIMENSIONS} dimensions`);
  const rawDimensions = report.dimensions.map((dimension, index) => {
    if (!isObject(dimension)) fail('invalidDefinition', `dimensions[${index}]`, 'must be an object');
    return { ...dimension, at: `dimensions[${index}]` };
  });
  const conditions: PlannedCondition[] = [];
  const drill = options.drill ?? [];
  let drilledFrom: string | undefined;
  if (!Array.isArray(drill)) fail('invalidOption', 'options.drill', 'must be a list of { field, value }');
  if (drill.length > 0) {
    const first = rawDimensions[0];
    if (!first) return fail('invalidOption', 'options.drill', 'the report has no dimension to drill into');
    const levels = [first.field, ...(Array.isArray(report.drill) ? report.drill : [])];
    if (drill.length >= levels.length)
      fail('invalidOption', 'options.drill', `the report drills only ${levels.length - 1} level(s) deep`);
    drill.forEach((step, index) => {
      const at = `options.drill[${index}]`;
      if (!isObject(step) || step.field !== levels[index])
        fail('invalidOption', at, `must choose a value of "${String(levels[index])}"`);
      const target = resolve(step.field, `${at}.field`);
      const bucket = index === 0 ? first.bucket : undefined;
      const value =
        step.value === null
          ? null
          : bucket
            ? checkValue('date', step.value, `${at}.value`)
            : checkValue(target.type, step.value, `${at}.value`);
      conditions.push({ kind: 'equals', target, bucket, value });
    });
    drilledFrom = first.field;
    const level = levels[drill.length]!;
    rawDimensions[0] = { field: level, at: `drill[${drill.length - 1}]` };
    // A report split by the field it drills into (quarter × project, drilling a quarter into its projects)
    // shows that field once, as the drilled level.
    for (let index = rawDimensions.length - 1; index > 0; index -= 1)
      if (rawDimensions[index]!.field === level) rawDimensions.splice(index, 1);
  }

  const dimensions: PlannedDimension[] = rawDimensions.map((dimension) => {
    const path = resolve(dimension.field, `${dimension.at}.field`);
    if (path.type === 'jsonb' || isListType(path.type))
      fail(
        'invalidDefinition',
        `${dimension.at}.field`,
        `cannot group by "${path.text}", a ${path.type} field`,
      );
    if (dimension.bucket !== undefined) {
      if (!(DATE_BUCKETS as readonly string[]).includes(dimension.bucket))
        fail('invalidDefinition', `${dimension.at}.bucket`, `must be one of ${DATE_BUCKETS.join(', ')}`);
      if (path.type !== 'date' && path.type !== 'timestamptz')
        fail('invalidDefinition', `${dimension.at}.bucket`, `"${path.text}" is not a date field`);
    }
    const planned: PlannedDimension = {
      key: path.text,
      path,
      bucket: dimension.bucket,
      label: dimension.label,
    };
    const last = path.steps[path.steps.length - 1]!;
    const target = last.meta.relation ? own(dataset.entities, last.meta.relation) : undefined;
    const titleMeta = target?.titleField ? own(target.fields, target.titleField) : undefined;
    if (target && titleMeta && !isListType(titleMeta.type) && titleMeta.type !== 'jsonb') {
      planned.title = {
        key: `${path.text}#label`,
        entity: last.meta.relation!,
        field: target.titleField!,
        meta: titleMeta,
      };
      entities.add(last.meta.relation!);
      references.push({
        entity: last.meta.relation!,
        field: target.titleField!,
        path: `${dimension.at}.field`,
      });
    }
    return planned;
  });
  const dimensionKeys = new Set<string>();
  for (const dimension of dimensions) {
    if (dimensionKeys.has(dimension.key))
      fail('invalidDefinition', 'dimensions', `groups by "${dimension.key}" twice`);
    dimensionKeys.add(dimension.key);
  }

  // ---- measures
  if (!Array.isArray(report.measures) || report.measures.length === 0)
    fail('invalidDefinition', 'measures', 'must list at least one measure');
  if (report.measures.length > MAX_MEASURES)
    fail('invalidDefinition', 'measures', `has more than ${MAX_MEASURES} measures`);
  const measureKeys = new Set<string>();
  report.measures.forEach((measure, index) => {
    const key = isObject(measure) ? measure.key : undefined;
    if (typeof key !== 'string' || !NAME.test(key))
      fail(
        'invalidDefinition',
        `measures[${index}].key`,
        'must be a key: a letter, then letters, digits or _',
      );
    if (measureKeys.has(key!) || dimensionKeys.has(key!))
      fail('invalidDefinition', `measures[${index}].key`, `"${key}" is used twice`);
    measureKeys.add(key!);
  });
  const measures = report.measures.map((measure, index) =>
    planMeasure(measure as unknown as Record<string, unknown>, `measures[${index}]`, resolve, measureKeys),
  );
  checkFormulaCycles(measures);

  // ---- options: dashboard filters and the period
  if (options.filters !== undefined) {
    if (!isObject(options.filters))
      fail('invalidOption', 'options.filters', 'must be an object of field → value');
    for (const [field, value] of Object.entries(options.filters)) {
      const at = `options.filters.${field}`;
      conditions.push(filterCondition(resolve(field, at), value, at));
    }
  }
  let period: ReportPlan['period'];
  if (options.period !== undefined) {
    if (typeof report.periodField !== 'string')
      fail('invalidOption', 'options.period', 'the report has no periodField to apply a period to');
    const days = checkPeriod(options.period, 'options.period');
    const target = resolve(report.periodField!, 'periodField');
    if (target.type !== 'date' && target.type !== 'timestamptz')
      fail('invalidDefinition', 'periodField', `"${target.text}" is not a date field`);
    period = { current: { kind: 'range', target, ...days } };
    if (options.compare !== undefined) {
      if (options.compare !== 'previousPeriod' && options.compare !== 'previousYear')
        fail('invalidOption', 'options.compare', 'must be previousPeriod or previousYear');
      period.previous = { kind: 'range', target, ...comparisonPeriod(days, options.compare) };
    }
  } else if (options.compare !== undefined) {
    fail('invalidOption', 'options.compare', 'needs a period to compare with');
  }
  let today: string | undefined;
  if (options.now !== undefined) {
    const instant = options.now instanceof Date ? options.now.getTime() : Date.parse(String(options.now));
    if (!Number.isFinite(instant)) fail('invalidOption', 'options.now', 'must be a date and time');
    today = localDate(instant, timeZone);
  }

  // ---- sort and limit
  const sortable = new Set([...dimensions.map((dimension) => dimension.key), ...measureKeys]);
  const sort = (Array.isArray(report.sort) ? report.sort : []).map((entry, index) => {
    const by =
      isObject(entry) && drilledFrom !== undefined && entry.by === drilledFrom
        ? dimensions[0]!.key
        : entry?.by;
    if (typeof by !== 'string' || !sortable.has(by))
      fail(
        'invalidDefinition',
        `sort[${index}].by`,
        `"${String(entry?.by)}" is neither a dimension nor a measure`,
      );
    if (entry.direction !== 'asc' && entry.direction !== 'desc')
      fail('invalidDefinition', `sort[${index}].direction`, 'must be asc or desc');
    return { key: by, descending: entry.direction === 'desc' };
  });
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > MAX_LIMIT)
    fail('invalidOption', 'options.maxRows', `must be a whole number from 1 to ${MAX_LIMIT}`);
  if (
    report.limit !== undefined &&
    (!Number.isInteger(report.limit) || report.limit < 1 || report.limit > MAX_LIMIT)
  )
    fail('invalidDefinition', 'limit', `must be a whole number from 1 to ${MAX_LIMIT}`);
  const limit = Math.min(report.limit ?? maxRows, maxRows);

  const plan: ReportPlan = {
    entity: entityKey,
    dimensions,
    measures,
    filter: report.filter,
    conditions,
    sort,
    limit,
    timeZone,
    ...(today ? { today } : {}),
    period,
    resolve,
    references,
    entities: [],
  };
  // The filter's fields are references too (a hidden field must not be probed through it).
  if (report.filter !== undefined && report.filter !== null)
    collectFilterFields(report.filter, 'filter', resolve);
  plan.entities = [...entities];
  return plan;
}

function planMeasure(
  measure: Record<string, unknown>,
  at: string,
  resolve: (text: string, at: string) => ResolvedPath,
  keys: Set<string>,
): PlannedMeasure {
  const key = measure.key as string;
  if (measure.format !== undefined && !(MEASURE_FORMATS as readonly unknown[]).includes(measure.format))
    fail('invalidDefinition', `${at}.format`, `must be one of ${MEASURE_FORMATS.join(', ')}`);
  if (measure.format !== undefined && measure.metric !== undefined)
    fail('invalidDefinition', `${at}.format`, 'a built-in metric has its own unit and takes no format');
  const base = {
    key,
    label: measure.label as LocalizedText | undefined,
    hidden: measure.hidden === true,
    percent: measure.format === 'percent',
  };
  const kinds = ['aggregate', 'metric', 'formula'].filter((kind) => measure[kind] !== undefined);
  if (kinds.length !== 1)
    fail(
      'invalidDefinition',
      at,
      'must say how it is computed with exactly one of aggregate, metric or formula',
    );
  const path = (prop: string, ...types: ColumnType[]): ResolvedPath | undefined => {
    if (measure[prop] === undefined) return undefined;
    const resolved = resolve(measure[prop] as string, `${at}.${prop}`);
    if (types.length && !types.includes(resolved.type))
      fail(
        'invalidDefinition',
        `${at}.${prop}`,
        `"${resolved.text}" is ${resolved.type}; expected ${types.join(' or ')}`,
      );
    return resolved;
  };
  const required = (prop: string, ...types: ColumnType[]): ResolvedPath =>
    path(prop, ...types) ?? fail('invalidDefinition', at, `needs "${prop}"`);

  if (measure.formula !== undefined) {
    return {
      ...base,
      kind: 'formula',
      formula: parseFormula(measure.formula, `${at}.formula`, keys, key, 0),
    };
  }

  if (measure.metric !== undefined) {
    const metric = measure.metric as ReportMetric;
    if (!(REPORT_METRICS as readonly string[]).includes(metric))
      fail('invalidDefinition', `${at}.metric`, `must be one of ${REPORT_METRICS.join(', ')}`);
    const threshold = measure.threshold ?? 4;
    if (typeof threshold !== 'number' || !Number.isFinite(threshold))
      fail('invalidDefinition', `${at}.threshold`, 'must be a number');
    const planned: MetricMeasure = { ...base, kind: 'metric', metric, threshold: threshold as number };
    switch (metric) {
      case 'nps':
      case 'csat':
      case 'ces':
        planned.field = required('field', 'numeric');
        break;
      case 'mttr':
        planned.startField = required('startField', 'timestamptz', 'date');
        planned.field = required('field', 'timestamptz', 'date');
        if (planned.startField.type !== planned.field.type)
          fail(
            'invalidDefinition',
            `${at}.startField`,
            'must be of the same type as field (both dates or both date-times)',
          );
        break;
      case 'firstTimeFix':
        planned.field = path('field', 'boolean');
        planned.reopenField = path('reopenField', 'numeric');
        if (!planned.field === !planned.reopenField)
          fail(
            'invalidDefinition',
            at,
            'needs either "field" (first-fix yes/no) or "reopenField" (reopen count)',
          );
        break;
      case 'occupancy': {
        planned.field = required('field', 'text', 'numeric', 'boolean', 'uuid');
        const values = measure.values;
        if (!Array.isArray(values) || values.length === 0 || values.length > MAX_LIST)
          fail('invalidDefinition', `${at}.values`, 'must list the status values that count as occupied');
        planned.values = (values as unknown[]).map((value, index) =>
          checkValue(planned.field!.type, value, `${at}.values[${index}]`),
        );
        break;
      }
      case 'collectionRate':
        planned.field = required('field', 'numeric');
        planned.dueField = required('dueField', 'numeric');
        break;
    }
    return planned;
  }

  const aggregate = measure.aggregate as Aggregate;
  if (!(AGGREGATES as readonly string[]).includes(aggregate))
    fail('invalidDefinition', `${at}.aggregate`, `must be one of ${AGGREGATES.join(', ')}`);
  let fraction = PERCENTILES[aggregate];
  if (aggregate === 'percentile') {
    const p = measure.p;
    if (typeof p !== 'number' || !(p > 0 && p < 1))
      fail('invalidDefinition', `${at}.p`, 'must be a fraction between 0 and 1 (0.9 is the 90th percentile)');
    fraction = p as number;
  }
  if (aggregate === 'count') {
    const counted = path('field');
    if (counted && counted.type === 'jsonb')
      fail('invalidDefinition', `${at}.field`, 'cannot count a jsonb field');
    return { ...base, kind: 'aggregate', aggregate, path: counted };
  }
  const target = required('field');
  if (NUMERIC_AGGREGATES.has(aggregate) && target.type !== 'numeric' && target.type !== 'boolean')
    fail(
      'invalidDefinition',
      `${at}.field`,
      `${aggregate} needs a number field; "${target.text}" is ${target.type}`,
    );
  if ((aggregate === 'min' || aggregate === 'max') && !ORDERED_TYPES.has(target.type))
    fail(
      'invalidDefinition',
      `${at}.field`,
      `${aggregate} needs a number or date field; "${target.text}" is ${target.type}`,
    );
  if (aggregate === 'distinctCount' && (target.type === 'jsonb' || isListType(target.type)))
    fail('invalidDefinition', `${at}.field`, `cannot count distinct values of a ${target.type} field`);
  return { ...base, kind: 'aggregate', aggregate, fraction, path: target };
}

const FORMULA_OPERATORS = new Set(['+', '-', '*', '/']);

function parseFormula(
  node: unknown,
  at: string,
  keys: Set<string>,
  self: string,
  depth: number,
): FormulaNode {
  if (depth > 12) fail('invalidDefinition', at, 'nests too deep');
  if (typeof node === 'number') {
    if (!Number.isFinite(node)) fail('invalidDefinition', at, 'must be a finite number');
    return { op: 'number', value: node };
  }
  if (!isObject(node) || Object.keys(node).length !== 1)
    return fail('invalidDefinition', at, 'must be a number, {"var": "<measure key>"} or {"+|-|*|/": [...]}');
  const [operator, args] = Object.entries(node)[0]!;
  if (operator === 'var') {
    if (typeof args !== 'string' || !keys.has(args) || args === self)
      fail('invalidDefinition', `${at}.var`, `"${String(args)}" is not another measure of the report`);
    return { op: 'measure', key: args as string };
  }
  if (!FORMULA_OPERATORS.has(operator) || !Array.isArray(args) || args.length === 0 || args.length > 20)
    return fail('invalidDefinition', at, 'formulas use only +, -, * and / over numbers and measures');
  if (operator === '/' && args.length !== 2) fail('invalidDefinition', at, '/ takes two operands');
  return {
    op: operator as '+' | '-' | '*' | '/',
    args: args.map((arg, index) => parseFormula(arg, `${at}.${operator}[${index}]`, keys, self, depth + 1)),
  };
}

function checkFormulaCycles(measures: PlannedMeasure[]) {
  const byKey = new Map(measures.map((measure) => [measure.key, measure]));
  const refs = (node: FormulaNode): string[] =>
    node.op === 'measure' ? [node.key] : node.op === 'number' ? [] : node.args.flatMap(refs);
  const visit = (key: string, trail: string[]) => {
    if (trail.includes(key))
      fail('invalidDefinition', 'measures', `formulas refer to each other: ${[...trail, key].join(' → ')}`);
    const measure = byKey.get(key);
    if (
      trail.length > 0 &&
      measure?.kind === 'aggregate' &&
      measure.path &&
      (measure.aggregate === 'min' || measure.aggregate === 'max') &&
      measure.path.type !== 'numeric'
    )
      fail(
        'invalidDefinition',
        'measures',
        `formula measure "${trail[trail.length - 1]}" uses "${key}", which is a date, not a number`,
      );
    if (measure?.kind === 'formula') for (const next of refs(measure.formula)) visit(next, [...trail, key]);
  };
  for (const measure of measures) visit(measure.key, []);
}

function filterCondition(target: ResolvedPath, value: FilterValue, at: string): PlannedCondition {
  if (target.type === 'jsonb') fail('invalidOption', at, `cannot filter by "${target.text}", a jsonb field`);
  if (value === null) return { kind: 'equals', target, value: null };
  if (Array.isArray(value)) {
    if (value.length === 0 || value.length > MAX_LIST)
      fail('invalidOption', at, `must list 1 to ${MAX_LIST} values`);
    return {
      kind: 'in',
      target,
      values: value.map((item, index) => checkValue(target.type, item, `${at}[${index}]`)),
    };
  }
  if (isObject(value)) {
    const extra = Object.keys(value).filter((name) => name !== 'from' && name !== 'to');
    if (extra.length || (value.from === undefined && value.to === undefined))
      fail('invalidOption', at, 'a range is { from, to } (either may be left out)');
    if (!['numeric', 'date', 'timestamptz'].includes(target.type))
      fail('invalidOption', at, `"${target.text}" is ${target.type}; only numbers and dates take a range`);
    const bound = (name: 'from' | 'to') => {
      const raw = value[name];
      if (raw === undefined) return undefined;
      const checked = checkValue(target.type, raw, `${at}.${name}`);
      return checked as string | number;
    };
    return { kind: 'range', target, from: bound('from'), to: bound('to') };
  }
  return { kind: 'equals', target, value: checkValue(target.type, value, at) };
}

/** Resolves every `var` of a JSON-logic filter, so unknown fields fail here and all are referenced. */
function collectFilterFields(node: unknown, at: string, resolve: (text: string, at: string) => ResolvedPath) {
  if (Array.isArray(node)) {
    node.forEach((item, index) => collectFilterFields(item, `${at}[${index}]`, resolve));
    return;
  }
  if (!isObject(node)) return;
  for (const [operator, args] of Object.entries(node)) {
    if (operator === 'var') {
      if (typeof args === 'string') resolve(stripRecord(args), `${at}.var`);
    } else collectFilterFields(args, `${at}.${operator}`, resolve);
  }
}

/** Report filters name fields as `record.<path>` (the rule language) or as the bare path. */
export const stripRecord = (text: string) =>
  text.startsWith('record.') ? text.slice('record.'.length) : text;
