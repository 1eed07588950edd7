import type {
  Aggregate,
  ChartType,
  DateBucket,
  EntityDefinition,
  ReportDefinition,
  ReportMeasure,
  ReportMetric,
} from '@lowcode/app-model';

// The report designer's state as data, the reducer that changes it, and the ReportDefinition it stands for.
// Pure, so what the builder drags together is what the tests check.

export const FILTER_OPERATORS = ['==', '!=', '<', '<=', '>', '>=', 'in'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface DimensionRow {
  id: number;
  field: string;
  bucket?: DateBucket;
}

export interface MeasureRow {
  id: number;
  key: string;
  /** Empty for a plain row count. */
  field?: string;
  kind: 'aggregate' | 'metric' | 'formula';
  /** Loaded from a saved report: its key stays (formulas and sorts may name it). */
  keyFixed?: boolean;
  formula?: unknown;
  hidden?: boolean;
  /** Shows the fraction as a percentage (aggregates and formulas; built-in metrics have their own unit). */
  format?: 'percent';
  aggregate: Aggregate;
  p?: number;
  metric?: ReportMetric;
  startField?: string;
  dueField?: string;
  values?: Array<string | number | boolean>;
  threshold?: number;
  label?: string;
  /** The saved label, kept whole (both languages) while `label` is not edited. */
  originalLabel?: { 'zh-CN': string; en?: string };
}

export interface FilterRow {
  id: number;
  field: string;
  operator: FilterOperator;
  value?: unknown;
}

export interface DesignerState {
  key: string;
  /** Once the builder types a key it no longer follows the label. */
  keyTouched: boolean;
  labelZh: string;
  labelEn: string;
  entity: string;
  chartType: ChartType;
  chartOptions?: Record<string, unknown>;
  dimensions: DimensionRow[];
  measures: MeasureRow[];
  filters: FilterRow[];
  /** A filter the rows cannot show (nested or/and): kept as it is. */
  rawFilter?: unknown;
  sort?: { by: string; direction: 'asc' | 'desc' };
  limit?: number;
  drill: string[];
  periodField?: string;
  /** Read when no one picks a period; kept only with a period field. */
  defaultPeriod?: ReportDefinition['defaultPeriod'];
  description?: ReportDefinition['description'];
  nextId: number;
}

export const emptyState = (entity = ''): DesignerState => ({
  key: '',
  keyTouched: false,
  labelZh: '',
  labelEn: '',
  entity,
  chartType: 'bar',
  dimensions: [],
  measures: [],
  filters: [],
  drill: [],
  nextId: 1,
});

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A key from a label: its latin words in camelCase (`Rent by month` → `rentByMonth`), else `report`. */
export function keyFromText(text: string, fallback = 'report'): string {
  const words = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const joined = words
    .map((word, index) => (index === 0 ? word.toLowerCase() : capital(word.toLowerCase())))
    .join('');
  const key = joined.replace(/^[^a-z]+/, '');
  return key ? key.slice(0, 60) : fallback;
}

/** `base`, or `base2`, `base3` … whichever is not taken yet. */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

function measureKey(
  row: Pick<MeasureRow, 'kind' | 'aggregate' | 'metric' | 'field'>,
  taken: string[],
): string {
  const field = row.field ? row.field.split('.').map(capital).join('') : '';
  const base =
    row.kind !== 'aggregate'
      ? (row.metric ?? 'metric')
      : row.aggregate === 'count' && !field
        ? 'count'
        : `${row.aggregate}${field}`;
  return uniqueKey(base, taken);
}

export type DesignerAction =
  | { type: 'load'; state: DesignerState }
  | { type: 'label'; locale: 'zh-CN' | 'en'; text: string; taken: string[] }
  | { type: 'key'; key: string }
  | { type: 'entity'; entity: string }
  | { type: 'chart'; chartType: ChartType }
  | { type: 'addDimension'; field: string; date: boolean }
  | { type: 'updateDimension'; id: number; bucket?: DateBucket }
  | { type: 'removeDimension'; id: number }
  | { type: 'addMeasure'; field?: string; numeric: boolean }
  | { type: 'updateMeasure'; id: number; change: Partial<Omit<MeasureRow, 'id' | 'key'>> }
  | { type: 'removeMeasure'; id: number }
  | { type: 'addFilter'; field: string }
  | { type: 'updateFilter'; id: number; change: Partial<Omit<FilterRow, 'id'>> }
  | { type: 'removeFilter'; id: number }
  | { type: 'sort'; sort?: DesignerState['sort'] }
  | { type: 'limit'; limit?: number }
  | { type: 'drill'; drill: string[] }
  | { type: 'periodField'; field?: string }
  | { type: 'defaultPeriod'; period?: ReportDefinition['defaultPeriod'] };

export function designerReducer(state: DesignerState, action: DesignerAction): DesignerState {
  const id = state.nextId;
  switch (action.type) {
    case 'load':
      return action.state;
    case 'label': {
      const next =
        action.locale === 'zh-CN' ? { ...state, labelZh: action.text } : { ...state, labelEn: action.text };
      if (state.keyTouched) return next;
      return { ...next, key: uniqueKey(keyFromText(next.labelEn || next.labelZh), action.taken) };
    }
    case 'key':
      return { ...state, key: action.key, keyTouched: true };
    case 'entity':
      // Fields belong to the entity: a new entity starts from an empty report of it.
      return action.entity === state.entity
        ? state
        : {
            ...state,
            entity: action.entity,
            dimensions: [],
            measures: [],
            filters: [],
            rawFilter: undefined,
            sort: undefined,
            drill: [],
            periodField: undefined,
            defaultPeriod: undefined,
          };
    case 'chart':
      return { ...state, chartType: action.chartType };
    case 'addDimension':
      if (state.dimensions.some((dimension) => dimension.field === action.field)) return state;
      return {
        ...state,
        nextId: id + 1,
        dimensions: [
          ...state.dimensions,
          { id, field: action.field, ...(action.date ? { bucket: 'month' as const } : {}) },
        ],
      };
    case 'updateDimension':
      return {
        ...state,
        dimensions: state.dimensions.map((row) =>
          row.id === action.id ? { ...row, bucket: action.bucket } : row,
        ),
      };
    case 'removeDimension':
      return { ...state, dimensions: state.dimensions.filter((row) => row.id !== action.id) };
    case 'addMeasure': {
      const row: Omit<MeasureRow, 'key'> = {
        id,
        kind: 'aggregate',
        aggregate: action.field ? (action.numeric ? 'sum' : 'distinctCount') : 'count',
        ...(action.field ? { field: action.field } : {}),
      };
      const key = measureKey(
        row,
        state.measures.map((measure) => measure.key),
      );
      return { ...state, nextId: id + 1, measures: [...state.measures, { ...row, key }] };
    }
    case 'updateMeasure': {
      const row = state.measures.find((measure) => measure.id === action.id);
      if (!row) return state;
      const next = { ...row, ...action.change };
      if (next.aggregate === 'percentile' && next.p === undefined) next.p = 0.9;
      const others = state.measures.filter((measure) => measure.id !== row.id).map((measure) => measure.key);
      const key = row.keyFixed ? row.key : measureKey(next, others);
      return {
        ...state,
        measures: state.measures.map((measure) => (measure.id === row.id ? { ...next, key } : measure)),
        // A sort by the measure follows its new key.
        sort: state.sort?.by === row.key ? { ...state.sort, by: key } : state.sort,
      };
    }
    case 'removeMeasure': {
      const removed = state.measures.find((row) => row.id === action.id);
      return {
        ...state,
        measures: state.measures.filter((row) => row.id !== action.id),
        sort: state.sort?.by === removed?.key ? undefined : state.sort,
      };
    }
    case 'addFilter':
      return {
        ...state,
        nextId: id + 1,
        filters: [...state.filters, { id, field: action.field, operator: '==' }],
      };
    case 'updateFilter':
      return {
        ...state,
        filters: state.filters.map((row) => (row.id === action.id ? { ...row, ...action.change } : row)),
      };
    case 'removeFilter':
      return { ...state, filters: state.filters.filter((row) => row.id !== action.id) };
    case 'sort':
      return { ...state, sort: action.sort };
    case 'limit':
      return { ...state, limit: action.limit };
    case 'drill':
      return { ...state, drill: action.drill };
    case 'periodField':
      return action.field
        ? { ...state, periodField: action.field }
        : { ...state, periodField: undefined, defaultPeriod: undefined };
    case 'defaultPeriod':
      return { ...state, defaultPeriod: action.period };
  }
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function filterLogic(state: DesignerState): unknown {
  const parts = state.filters
    .filter((row) => row.field && !isBlank(row.value))
    .map((row) => ({ [row.operator]: [{ var: row.field }, row.value] }));
  const all = state.rawFilter !== undefined ? [state.rawFilter, ...parts] : parts;
  if (all.length === 0) return undefined;
  return all.length === 1 ? all[0] : { and: all };
}

function measureDefinition(row: MeasureRow): ReportMeasure {
  const text = row.label?.trim();
  const label =
    row.originalLabel && text === row.originalLabel['zh-CN']
      ? { label: row.originalLabel }
      : text
        ? { label: { 'zh-CN': text, en: text } }
        : {};
  const format = row.format === 'percent' ? { format: row.format } : {};
  if (row.kind === 'formula')
    return {
      key: row.key,
      ...label,
      formula: row.formula,
      ...(row.hidden ? { hidden: true } : {}),
      ...format,
    };
  if (row.kind === 'metric')
    return {
      key: row.key,
      ...label,
      metric: row.metric ?? 'csat',
      ...(row.field ? { field: row.field } : {}),
      ...(row.metric === 'mttr' && row.startField ? { startField: row.startField } : {}),
      ...(row.metric === 'collectionRate' && row.dueField ? { dueField: row.dueField } : {}),
      ...(row.metric === 'occupancy' && row.values?.length ? { values: row.values } : {}),
      ...(row.metric === 'csat' && row.threshold !== undefined ? { threshold: row.threshold } : {}),
    };
  return {
    key: row.key,
    ...label,
    aggregate: row.aggregate,
    ...(row.field ? { field: row.field } : {}),
    ...(row.aggregate === 'percentile' ? { p: row.p ?? 0.9 } : {}),
    ...format,
  };
}

/** The report the designer's state describes (what preview runs and save stores). */
export function toReportDefinition(state: DesignerState): ReportDefinition {
  const filter = filterLogic(state);
  const zh = state.labelZh.trim() || state.labelEn.trim() || state.key;
  return {
    key: state.key || 'draft',
    label: { 'zh-CN': zh, ...(state.labelEn.trim() ? { en: state.labelEn.trim() } : {}) },
    ...(state.description ? { description: state.description } : {}),
    entity: state.entity,
    chart: { type: state.chartType, ...(state.chartOptions ? { options: state.chartOptions } : {}) },
    dimensions: state.dimensions.map((row) => ({
      field: row.field,
      ...(row.bucket ? { bucket: row.bucket } : {}),
    })),
    measures: state.measures.map(measureDefinition),
    ...(filter !== undefined ? { filter } : {}),
    ...(state.sort ? { sort: [state.sort] } : {}),
    ...(state.limit ? { limit: state.limit } : {}),
    ...(state.drill.length ? { drill: state.drill } : {}),
    ...(state.periodField ? { periodField: state.periodField } : {}),
    ...(state.periodField && state.defaultPeriod ? { defaultPeriod: state.defaultPeriod } : {}),
  };
}

function rowsFromFilter(filter: unknown): { rows: Array<Omit<FilterRow, 'id'>>; raw?: unknown } {
  if (filter === undefined || filter === null) return { rows: [] };
  const parts =
    typeof filter === 'object' &&
    !Array.isArray(filter) &&
    Object.keys(filter).length === 1 &&
    'and' in filter
      ? ((filter as { and: unknown[] }).and ?? [])
      : [filter];
  const rows: Array<Omit<FilterRow, 'id'>> = [];
  const rest: unknown[] = [];
  for (const part of parts) {
    const entries = part && typeof part === 'object' && !Array.isArray(part) ? Object.entries(part) : [];
    const [operator, args] = entries.length === 1 ? entries[0]! : [undefined, undefined];
    const variable = Array.isArray(args) ? (args[0] as { var?: unknown } | undefined)?.var : undefined;
    if (
      (FILTER_OPERATORS as readonly string[]).includes(operator ?? '') &&
      Array.isArray(args) &&
      args.length === 2 &&
      typeof variable === 'string' &&
      (typeof args[1] !== 'object' || Array.isArray(args[1]))
    )
      rows.push({
        field: variable.replace(/^record\./, ''),
        operator: operator as FilterOperator,
        value: args[1],
      });
    else rest.push(part);
  }
  return { rows, ...(rest.length ? { raw: rest.length === 1 ? rest[0] : { and: rest } } : {}) };
}

/** The designer's state for an existing report, so editing and saving keeps what it had. */
export function fromReportDefinition(report: ReportDefinition): DesignerState {
  let id = 1;
  const { rows, raw } = rowsFromFilter(report.filter);
  return {
    key: report.key,
    keyTouched: true,
    labelZh: report.label['zh-CN'] ?? '',
    labelEn: report.label.en ?? '',
    entity: report.entity,
    chartType: report.chart.type,
    ...(report.chart.options ? { chartOptions: report.chart.options as Record<string, unknown> } : {}),
    dimensions: report.dimensions.map((dimension) => ({
      id: id++,
      field: dimension.field,
      ...(dimension.bucket ? { bucket: dimension.bucket } : {}),
    })),
    measures: report.measures.map((measure) => ({
      id: id++,
      key: measure.key,
      keyFixed: true,
      kind: measure.formula !== undefined ? 'formula' : measure.metric ? 'metric' : 'aggregate',
      ...(measure.formula !== undefined ? { formula: measure.formula } : {}),
      ...(measure.hidden ? { hidden: true } : {}),
      ...(measure.format === 'percent' ? { format: measure.format } : {}),
      aggregate: measure.aggregate ?? 'count',
      ...(measure.field ? { field: measure.field } : {}),
      ...(measure.p !== undefined ? { p: measure.p } : {}),
      ...(measure.metric ? { metric: measure.metric } : {}),
      ...(measure.startField ? { startField: measure.startField } : {}),
      ...(measure.dueField ? { dueField: measure.dueField } : {}),
      ...(measure.values ? { values: measure.values } : {}),
      ...(measure.threshold !== undefined ? { threshold: measure.threshold } : {}),
      ...(measure.label ? { label: measure.label['zh-CN'], originalLabel: measure.label } : {}),
    })),
    filters: rows.map((row) => ({ ...row, id: id++ })),
    ...(raw !== undefined ? { rawFilter: raw } : {}),
    ...(report.sort?.[0] ? { sort: report.sort[0] } : {}),
    ...(report.limit ? { limit: report.limit } : {}),
    drill: report.drill ?? [],
    ...(report.periodField ? { periodField: report.periodField } : {}),
    ...(report.defaultPeriod ? { defaultPeriod: report.defaultPeriod } : {}),
    ...(report.description ? { description: report.description } : {}),
    nextId: id,
  };
}

/**
 * Server errors by the control they name: `details[].path` as the preview (`report.measures[1].field`) or
 * the engine (`dimensions[0].bucket`, `filter.==[1]`) writes it, keyed `dimensions.<row id>`,
 * `measures.<row id>`, `filter`, `chart`, `sort`, `limit`, `drill`, `periodField`, `label` or `report`.
 */
export function errorsByControl(
  state: DesignerState,
  details: Array<{ path: string; message: string }>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (key: string, message: string) => (out[key] ??= []).push(message);
  for (const { path, message } of details) {
    const clean = path
      .replace(/^\$\.?/, '')
      .replace(/^report\.?/, '')
      .replace(/^\//, '');
    const row = /^(dimensions|measures)\[(\d+)\]/.exec(clean);
    if (row) {
      const list = row[1] === 'dimensions' ? state.dimensions : state.measures;
      const target = list[Number(row[2])];
      add(target ? `${row[1]}.${target.id}` : row[1]!, message);
      continue;
    }
    const head = /^[a-zA-Z]+/.exec(clean)?.[0] ?? '';
    if (
      [
        'filter',
        'chart',
        'sort',
        'limit',
        'drill',
        'periodField',
        'label',
        'key',
        'entity',
        'dimensions',
        'measures',
      ].includes(head)
    )
      add(head, message);
    else if (/^options\.drill/.test(clean)) add('drill', message);
    else add('report', message);
  }
  return out;
}

/** Field types a date bucket applies to. */
export const isDateType = (type: string) => ['date', 'datetime', 'createdAt', 'updatedAt'].includes(type);
export const isNumericType = (type: string) =>
  ['number', 'money', 'percent', 'rating', 'formula', 'rollup'].includes(type);

/** Palette entries: the entity's own fields, then one relation away (`room.building`). */
export function paletteFields(
  entities: EntityDefinition[],
  entityKey: string,
): Array<{ path: string; via?: string; field: EntityDefinition['fields'][number] }> {
  const entity = entities.find((candidate) => candidate.key === entityKey);
  if (!entity) return [];
  const usable = (type: string) =>
    !['subTable', 'attachment', 'image', 'signature', 'richText', 'location', 'lookup'].includes(type);
  const own = entity.fields
    .filter((field) => usable(field.type))
    .map((field) => ({ path: field.key, field }));
  const hops = entity.fields.flatMap((field) => {
    if (field.type !== 'relation' || field.relation.multiple) return [];
    const target = entities.find((candidate) => candidate.key === field.relation.entity);
    return (target?.fields ?? [])
      .filter((inner) => usable(inner.type))
      .map((inner) => ({ path: `${field.key}.${inner.key}`, via: field.key, field: inner }));
  });
  return [...own, ...hops];
}
