// Report results as ECharts options: one builder per chart type of the app-model format, checked
// exhaustive by the mapped type. Options are plain data, so the server sends them and the web renders them.
import { type ChartType, type DateBucket, type Locale, localize } from '@lowcode/app-model';
import { ReportError } from '../errors';
import { REGION_MAP_NAME } from '../geo/regions';
import {
  type ColumnMeta,
  type PivotTotals,
  type ReportDefinition,
  type ReportResult,
  type ResultRow,
} from '../types';

export type EChartsOption = Record<string, unknown>;
export interface ChartOptionSettings {
  locale?: Locale;
}

interface ChartContext {
  report: ReportDefinition;
  rows: ResultRow[];
  previousRows?: ResultRow[];
  totals?: PivotTotals;
  dimensions: ColumnMeta[];
  measures: ColumnMeta[];
  locale: Locale;
  options: Record<string, unknown>;
  /** A column's display name: its label in the locale, else its key. */
  name: (column: ColumnMeta) => string;
  /** A row's display text for a dimension: the record title when there is one. */
  category: (row: ResultRow, dimension: ColumnMeta) => string;
  value: (row: ResultRow, measure: ColumnMeta) => number | null;
}

const EMPTY: Record<Locale, string> = { 'zh-CN': '（空）', en: '(empty)' };

const distinct = (values: string[]) => [...new Set(values)];
const tooltip = (trigger: 'axis' | 'item') => ({ trigger });

function requireColumns(context: ChartContext, dimensions: number, measures: number, type: ChartType) {
  if (context.dimensions.length < dimensions || context.measures.length < measures)
    throw new ReportError(
      'invalidDefinition',
      'chart.type',
      `a ${type} chart needs ${dimensions} dimension(s) and ${measures} measure(s); the report has ${context.dimensions.length} and ${context.measures.length}`,
    );
}

/** The ECharts label formatter of a value that is a percentage; hosts recognise a percent axis by it. */
export const PERCENT_FORMATTER = '{value}%';

/** What follows a measure's number on a card: `%` for percentages, nothing for other units. */
const percentSign = (measure: ColumnMeta) => (measure.unit === 'percent' ? '%' : '');

/** Category axis charts: one series per measure, or per value of a second dimension (first measure). */
function cartesian(
  context: ChartContext,
  type: 'line' | 'bar',
  extra: { stack?: boolean; area?: boolean; horizontal?: boolean },
) {
  const [first, second] = context.dimensions;
  if (!first) throw new ReportError('invalidDefinition', 'chart.type', 'a category chart needs a dimension');
  const categories = distinct(context.rows.map((row) => context.category(row, first)));
  const seriesBase = {
    type,
    ...(extra.stack ? { stack: 'total' } : {}),
    ...(extra.area ? { areaStyle: {} } : {}),
    ...(type === 'line' && context.options.smooth === true ? { smooth: true } : {}),
    ...(context.options.showValues === true
      ? { label: { show: true, position: extra.horizontal ? 'right' : 'top' } }
      : {}),
  };
  let series: Array<Record<string, unknown>>;
  if (second) {
    const measure = context.measures[0]!;
    const groups = distinct(context.rows.map((row) => context.category(row, second)));
    series = groups.map((group) => ({
      ...seriesBase,
      name: group,
      data: categories.map((category) => {
        const row = context.rows.find(
          (candidate) =>
            context.category(candidate, first) === category && context.category(candidate, second) === group,
        );
        return row ? context.value(row, measure) : null;
      }),
    }));
  } else {
    series = context.measures.map((measure) => ({
      ...seriesBase,
      name: context.name(measure),
      data: categories.map((category) => {
        const row = context.rows.find((candidate) => context.category(candidate, first) === category);
        return row ? context.value(row, measure) : null;
      }),
    }));
  }
  const partial = partialCategory(context, first, categories);
  if (partial) series = markPartial(series, partial, type, extra.horizontal === true);
  const categoryAxis = { type: 'category', data: categories, ...(extra.horizontal ? { inverse: true } : {}) };
  const drawn = second ? context.measures.slice(0, 1) : context.measures;
  // Measures far apart in size (a count of contracts beside their rent) get a second value axis, or the
  // smaller would lie flat along the bottom. Stacks stay on one axis: a stack across axes adds nothing up.
  const apart = extra.stack ? [] : secondAxisMeasures(context, drawn);
  const valueAxis = (measures: ColumnMeta[], dual: boolean) => ({
    type: 'value',
    ...(dual ? { name: measures.map(context.name).join(' / ') } : {}),
    // An axis says "%" when everything drawn on it is a percentage.
    ...(measures.every((measure) => measure.unit === 'percent')
      ? { axisLabel: { formatter: PERCENT_FORMATTER } }
      : {}),
  });
  let valueAxes: Record<string, unknown> | Array<Record<string, unknown>> = valueAxis(drawn, false);
  if (apart.length > 0) {
    const primary = drawn.filter((measure) => !apart.includes(measure));
    // The second axis draws no grid lines of its own: two sets would not line up. Upright, each name runs
    // inward from its axis, so the card's edge does not cut it.
    const inward = (align: 'left' | 'right') => (extra.horizontal ? {} : { nameTextStyle: { align } });
    valueAxes = [
      { ...valueAxis(primary, true), ...inward('left') },
      { ...valueAxis(apart, true), splitLine: { show: false }, ...inward('right') },
    ];
    const index = extra.horizontal ? 'xAxisIndex' : 'yAxisIndex';
    series = series.map((entry, position) =>
      apart.includes(drawn[position]!) ? { ...entry, [index]: 1 } : entry,
    );
  }
  return {
    tooltip: tooltip('axis'),
    legend: { data: series.map((entry) => entry.name) },
    grid: { containLabel: true },
    xAxis: extra.horizontal ? valueAxes : categoryAxis,
    yAxis: extra.horizontal ? categoryAxis : valueAxes,
    series,
  };
}

const IN_PROGRESS: Record<DateBucket, Record<Locale, string>> = {
  day: { 'zh-CN': '今天', en: 'Today' },
  week: { 'zh-CN': '本周至今', en: 'Week to date' },
  month: { 'zh-CN': '本月至今', en: 'Month to date' },
  quarter: { 'zh-CN': '本季至今', en: 'Quarter to date' },
  year: { 'zh-CN': '本年至今', en: 'Year to date' },
};

/**
 * The category of a date dimension's bucket still in progress (this month so far), with its caption — when
 * it is the latest drawn: a forward-looking chart (contracts by month of expiry) has no partial month.
 */
function partialCategory(
  context: ChartContext,
  dimension: ColumnMeta,
  categories: string[],
): { index: number; caption: string } | undefined {
  const { bucket, currentBucket } = dimension;
  if (!bucket || !currentBucket) return undefined;
  const bucketOf = (row: ResultRow) => String(row[dimension.key]).slice(0, 10);
  if (context.rows.some((row) => row[dimension.key] != null && bucketOf(row) > currentBucket))
    return undefined;
  const row = context.rows.find((candidate) => bucketOf(candidate) === currentBucket);
  const index = row ? categories.indexOf(context.category(row, dimension)) : -1;
  return index < 0 ? undefined : { index, caption: IN_PROGRESS[bucket][context.locale] };
}

/**
 * A bucket still in progress drawn as such: a dashed rule captioned 本月至今 at its category, its bars
 * paler — a month of eleven days beside whole months would read as a fall.
 */
function markPartial(
  series: Array<Record<string, unknown>>,
  partial: { index: number; caption: string },
  type: 'line' | 'bar',
  horizontal: boolean,
): Array<Record<string, unknown>> {
  return series.map((entry, position) => ({
    ...entry,
    ...(type === 'bar'
      ? {
          data: (entry.data as unknown[]).map((value, index) =>
            index === partial.index && value !== null ? { value, itemStyle: { opacity: 0.5 } } : value,
          ),
        }
      : {}),
    ...(position === 0
      ? {
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#8c8c8c' },
            // Upright, the caption runs down the rule inside the plot: above it, it would sit on the name of a
            // second value axis, which is written over the same right-hand corner.
            label: {
              formatter: partial.caption,
              position: horizontal ? 'end' : 'insideEndTop',
              color: '#8c8c8c',
              fontSize: 11,
            },
            data: [{ [horizontal ? 'yAxis' : 'xAxis']: partial.index }],
          },
        }
      : {}),
  }));
}

/** How many times larger one series' largest value must be than another's to be drawn on an axis of its own. */
const SECOND_AXIS_RATIO = 10;

/** The measures (after the first) whose values are a different order of size than the first measure's. */
function secondAxisMeasures(context: ChartContext, measures: ColumnMeta[]): ColumnMeta[] {
  if (measures.length < 2) return [];
  const peak = (measure: ColumnMeta) =>
    Math.max(0, ...context.rows.map((row) => Math.abs(context.value(row, measure) ?? 0)));
  const first = peak(measures[0]!);
  if (first === 0) return [];
  return measures.slice(1).filter((measure) => {
    const other = peak(measure);
    return other > 0 && Math.max(other / first, first / other) >= SECOND_AXIS_RATIO;
  });
}

/** Name/value pairs of the first dimension and measure (pie, funnel, map …). */
function pairs(context: ChartContext, type: ChartType) {
  requireColumns(context, 1, 1, type);
  const [dimension, measure] = [context.dimensions[0]!, context.measures[0]!];
  return context.rows.map((row) => ({
    name: context.category(row, dimension),
    value: context.value(row, measure),
  }));
}

function pie(context: ChartContext, variant: 'pie' | 'ring' | 'rose') {
  return {
    tooltip: tooltip('item'),
    legend: { type: 'scroll', orient: 'vertical', left: 'left' },
    series: [
      {
        type: 'pie',
        name: context.name(context.measures[0]!),
        radius: variant === 'ring' ? ['40%', '70%'] : variant === 'rose' ? ['20%', '70%'] : '70%',
        ...(variant === 'rose' ? { roseType: 'radius' } : {}),
        ...(context.options.showPercent === true ? { label: { formatter: '{b}: {d}%' } } : {}),
        data: pairs(context, variant),
      },
    ],
  };
}

/** Nested name/value/children from the dimensions in order, for treemap and sunburst. */
function hierarchy(context: ChartContext, type: ChartType) {
  requireColumns(context, 1, 1, type);
  const measure = context.measures[0]!;
  interface Node {
    name: string;
    value: number;
    children?: Node[];
  }
  const root: Node[] = [];
  for (const row of context.rows) {
    let level = root;
    const value = context.value(row, measure) ?? 0;
    context.dimensions.forEach((dimension, index) => {
      const name = context.category(row, dimension);
      let node = level.find((candidate) => candidate.name === name);
      if (!node) {
        node = { name, value: 0 };
        level.push(node);
      }
      node.value += value;
      if (index < context.dimensions.length - 1) level = node.children ??= [];
    });
  }
  return root;
}

function kpi(context: ChartContext) {
  requireColumns(context, 0, 1, 'kpi');
  const measure = context.measures[0]!;
  const current = context.rows[0] ? context.value(context.rows[0], measure) : null;
  const before = context.previousRows?.[0] ? context.value(context.previousRows[0], measure) : null;
  const change =
    current !== null && before !== null && before !== 0
      ? ((current - before) / Math.abs(before)) * 100
      : null;
  // Money shows its cents, whatever the card's precision.
  const money = measure.unit === 'money';
  const precision = money ? 2 : typeof context.options.precision === 'number' ? context.options.precision : 1;
  const text = current === null ? '—' : current.toFixed(precision);
  const unit = percentSign(measure) || (typeof context.options.unit === 'string' ? context.options.unit : '');
  const changeText = change === null ? '' : `${change >= 0 ? '▲' : '▼'} ${Math.abs(change).toFixed(1)}%`;
  return {
    title: { text: `${text}${unit}`, subtext: changeText, left: 'center', top: 'middle' },
    series: [],
    kpi: {
      label: context.name(measure),
      value: current,
      previous: before,
      changePercent: change,
      unit,
      money,
      // The report's other measures, shown small under the main one.
      extra: context.measures.slice(1).map((other) => ({
        label: context.name(other),
        value: context.rows[0] ? context.value(context.rows[0], other) : null,
        unit: percentSign(other),
        money: other.unit === 'money',
      })),
    },
  };
}

const isAdditive = (measure: ReportDefinition['measures'][number]) =>
  measure.aggregate === 'count' || measure.aggregate === 'sum';

/**
 * The reports whose results are a pivot's totals, when it has a measure whose total is not the sum of its
 * cells (an average, a distinct count, a rate): the same report grouped by the row dimension alone, by the
 * column dimension alone, and not grouped. Undefined for other charts, for a pivot of sums and counts
 * (its totals add up), and for a drilled one (its dimensions are the drill's). The host runs them with the
 * report's own filters, period and scopes and hands the rows over as `ReportResult.totals`.
 */
export function pivotTotalReports(
  report: ReportDefinition,
  drilled = false,
): { rows: ReportDefinition; columns?: ReportDefinition; grand: ReportDefinition } | undefined {
  if (report.chart.type !== 'pivot' || drilled || report.measures.every(isAdditive)) return undefined;
  const [rowDimension, columnDimension] = report.dimensions;
  if (!rowDimension) return undefined;
  // Grouped otherwise, with no top-N or order of their own: those name the pivot's dimensions.
  const { sort: _sort, limit: _limit, drill: _drill, ...base } = report;
  const grouped = (dimensions: ReportDefinition['dimensions']): ReportDefinition => ({
    ...base,
    chart: { type: 'table' },
    dimensions,
  });
  return {
    rows: grouped([rowDimension]),
    ...(columnDimension ? { columns: grouped([columnDimension]) } : {}),
    grand: grouped([]),
  };
}

function pivot(context: ChartContext) {
  requireColumns(context, 1, 1, 'pivot');
  const [rowDimension, columnDimension] = context.dimensions;
  const rowKeys = distinct(context.rows.map((row) => context.category(row, rowDimension!)));
  const columnKeys = columnDimension
    ? distinct(context.rows.map((row) => context.category(row, columnDimension)))
    : [''];
  // Subtotals add up only for additive measures (counts and sums); an average of averages would lie: its
  // totals are their own aggregates, run by the host (pivotTotalReports), or none.
  const additive = new Set(context.report.measures.filter(isAdditive).map((measure) => measure.key));
  const totals = context.totals;
  // Dimensions after the first two are not shown, so a cell can cover several result rows: additive
  // measures add up over them; any other measure has a value only where one row is the whole cell.
  const cellRows = (rowKey: string, columnKey: string) =>
    context.rows.filter(
      (row) =>
        context.category(row, rowDimension!) === rowKey &&
        (!columnDimension || context.category(row, columnDimension) === columnKey),
    );
  const cellValue = (rows: ResultRow[], measure: ColumnMeta) => {
    if (rows.length === 0) return null;
    if (rows.length === 1) return context.value(rows[0]!, measure);
    return additive.has(measure.key)
      ? rows.reduce((sum, row) => sum + (context.value(row, measure) ?? 0), 0)
      : null;
  };
  const total = (rows: ResultRow[], measure: ColumnMeta, aggregated: ResultRow | undefined) =>
    additive.has(measure.key)
      ? rows.reduce((sum, row) => sum + (context.value(row, measure) ?? 0), 0)
      : aggregated
        ? context.value(aggregated, measure)
        : null;
  const totalRow = (rows: ResultRow[] | undefined, dimension: ColumnMeta | undefined, key: string) =>
    dimension ? rows?.find((row) => context.category(row, dimension) === key) : rows?.[0];
  const cells = rowKeys.map((rowKey) =>
    columnKeys.map((columnKey) => {
      const rows = cellRows(rowKey, columnKey);
      return context.measures.map((measure) => cellValue(rows, measure));
    }),
  );
  return {
    series: [],
    pivot: {
      rowHeader: context.name(rowDimension!),
      columnHeader: columnDimension ? context.name(columnDimension) : null,
      measures: context.measures.map((measure) => ({
        key: measure.key,
        name: context.name(measure),
        subtotal: additive.has(measure.key) || totals !== undefined,
        unit: measure.unit ?? null,
      })),
      rows: rowKeys,
      columns: columnKeys,
      cells,
      rowTotals: rowKeys.map((rowKey) =>
        context.measures.map((measure) =>
          total(
            context.rows.filter((row) => context.category(row, rowDimension!) === rowKey),
            measure,
            totalRow(totals?.rows, rowDimension, rowKey),
          ),
        ),
      ),
      columnTotals: columnKeys.map((columnKey) =>
        context.measures.map((measure) =>
          total(
            columnDimension
              ? context.rows.filter((row) => context.category(row, columnDimension) === columnKey)
              : context.rows,
            measure,
            columnDimension ? totalRow(totals?.columns, columnDimension, columnKey) : totals?.grand[0],
          ),
        ),
      ),
      grandTotal: context.measures.map((measure) => total(context.rows, measure, totals?.grand[0])),
    },
  };
}

const BUILDERS: { [K in ChartType]: (context: ChartContext) => EChartsOption } = {
  kpi,
  line: (context) => cartesian(context, 'line', {}),
  area: (context) => cartesian(context, 'line', { area: true, stack: context.dimensions.length > 1 }),
  bar: (context) => cartesian(context, 'bar', {}),
  stackedBar: (context) => cartesian(context, 'bar', { stack: true }),
  horizontalBar: (context) => cartesian(context, 'bar', { horizontal: true }),
  pie: (context) => pie(context, 'pie'),
  ring: (context) => pie(context, 'ring'),
  rose: (context) => pie(context, 'rose'),
  scatter: (context) => scatter(context, false),
  bubble: (context) => scatter(context, true),
  radar: (context) => {
    requireColumns(context, 1, 1, 'radar');
    const dimension = context.dimensions[0]!;
    const max = Math.max(
      1,
      ...context.rows.flatMap((row) => context.measures.map((measure) => context.value(row, measure) ?? 0)),
    );
    return {
      tooltip: tooltip('item'),
      legend: { data: context.measures.map(context.name) },
      radar: { indicator: context.rows.map((row) => ({ name: context.category(row, dimension), max })) },
      series: [
        {
          type: 'radar',
          data: context.measures.map((measure) => ({
            name: context.name(measure),
            value: context.rows.map((row) => context.value(row, measure)),
          })),
        },
      ],
    };
  },
  funnel: (context) => ({
    tooltip: tooltip('item'),
    series: [
      {
        type: 'funnel',
        sort: 'descending',
        name: context.name(context.measures[0]!),
        data: pairs(context, 'funnel'),
      },
    ],
  }),
  gauge: (context) => {
    requireColumns(context, 0, 1, 'gauge');
    const row = context.rows[0];
    const measure = context.measures[0]!;
    const value = row ? context.value(row, measure) : null;
    return {
      series: [
        {
          type: 'gauge',
          min: typeof context.options.min === 'number' ? context.options.min : 0,
          max: typeof context.options.max === 'number' ? context.options.max : 100,
          // Sized for a dashboard card: the name under the value, both in the open bottom of the dial, so
          // they never overlap each other or the pointer's hub.
          radius: '92%',
          center: ['50%', '55%'],
          progress: { show: true, width: 8 },
          axisLine: { lineStyle: { width: 8 } },
          axisTick: { show: false },
          splitLine: { length: 8, distance: 2 },
          axisLabel: { fontSize: 10, distance: 12 },
          pointer: { width: 4, length: '55%' },
          title: { offsetCenter: [0, '78%'], fontSize: 12 },
          detail: {
            formatter: percentSign(measure) ? PERCENT_FORMATTER : '{value}',
            offsetCenter: [0, '48%'],
            fontSize: 20,
            fontWeight: 'bold',
          },
          data: [{ name: context.name(measure), value: value === null ? null : Math.round(value * 10) / 10 }],
        },
      ],
    };
  },
  heatmap: (context) => {
    requireColumns(context, 2, 1, 'heatmap');
    const [x, y] = [context.dimensions[0]!, context.dimensions[1]!];
    const measure = context.measures[0]!;
    const xs = distinct(context.rows.map((row) => context.category(row, x)));
    const ys = distinct(context.rows.map((row) => context.category(row, y)));
    const values = context.rows.map((row) => context.value(row, measure) ?? 0);
    return {
      tooltip: tooltip('item'),
      xAxis: { type: 'category', data: xs },
      yAxis: { type: 'category', data: ys },
      visualMap: {
        min: Math.min(0, ...values),
        max: Math.max(1, ...values),
        calculable: true,
        orient: 'horizontal',
        left: 'center',
      },
      series: [
        {
          type: 'heatmap',
          name: context.name(measure),
          data: context.rows.map((row) => [
            xs.indexOf(context.category(row, x)),
            ys.indexOf(context.category(row, y)),
            context.value(row, measure),
          ]),
        },
      ],
    };
  },
  calendarHeatmap: (context) => {
    requireColumns(context, 1, 1, 'calendarHeatmap');
    const data = pairs(context, 'calendarHeatmap').filter((pair) => /^\d{4}-\d{2}-\d{2}/.test(pair.name));
    const days = data.map((pair) => pair.name.slice(0, 10)).sort();
    const values = data.map((pair) => pair.value ?? 0);
    return {
      tooltip: tooltip('item'),
      visualMap: { min: 0, max: Math.max(1, ...values), orient: 'horizontal', left: 'center' },
      calendar: {
        range: days.length ? [days[0], days[days.length - 1]] : new Date().getUTCFullYear().toString(),
        // Month and weekday names in the report's language, whatever locale the chart was created with;
        // weeks start on Monday, as Chinese calendars do.
        monthLabel: { nameMap: context.locale === 'en' ? 'EN' : 'ZH' },
        dayLabel: { nameMap: context.locale === 'en' ? 'EN' : 'ZH', firstDay: 1 },
      },
      series: [
        {
          type: 'heatmap',
          coordinateSystem: 'calendar',
          data: data.map((pair) => [pair.name.slice(0, 10), pair.value]),
        },
      ],
    };
  },
  treemap: (context) => ({
    tooltip: tooltip('item'),
    // The series name is the treemap's root in its breadcrumb.
    series: [
      { type: 'treemap', name: context.name(context.measures[0]!), data: hierarchy(context, 'treemap') },
    ],
  }),
  sunburst: (context) => ({
    tooltip: tooltip('item'),
    series: [{ type: 'sunburst', radius: ['15%', '90%'], data: hierarchy(context, 'sunburst') }],
  }),
  sankey: (context) => {
    requireColumns(context, 2, 1, 'sankey');
    const [from, to] = [context.dimensions[0]!, context.dimensions[1]!];
    // A name on both sides would make a cycle, which sankey refuses: the target side is told apart.
    const sources = new Set(context.rows.map((row) => context.category(row, from)));
    const target = (name: string) => (sources.has(name) ? `${name} →` : name);
    const links = context.rows.map((row) => ({
      source: context.category(row, from),
      target: target(context.category(row, to)),
      value: context.value(row, context.measures[0]!) ?? 0,
    }));
    const names = distinct(links.flatMap((link) => [link.source, link.target]));
    return {
      tooltip: tooltip('item'),
      series: [{ type: 'sankey', data: names.map((name) => ({ name })), links }],
    };
  },
  boxplot: (context) => {
    // Five measures in order (min, lower quartile, median, upper quartile, max) per category.
    requireColumns(context, 1, 5, 'boxplot');
    const dimension = context.dimensions[0]!;
    return {
      tooltip: tooltip('item'),
      xAxis: { type: 'category', data: context.rows.map((row) => context.category(row, dimension)) },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'boxplot',
          data: context.rows.map((row) =>
            context.measures.slice(0, 5).map((measure) => context.value(row, measure)),
          ),
        },
      ],
    };
  },
  table: (context) => {
    const columns = [...context.dimensions, ...context.measures];
    return {
      series: [],
      table: {
        columns: columns.map((column) => ({
          key: column.key,
          title: context.name(column),
          kind: column.kind,
          unit: column.unit ?? null,
        })),
        rows: context.rows.map((row) =>
          Object.fromEntries(
            columns.map((column) => [
              column.key,
              column.role === 'dimension' ? context.category(row, column) : context.value(row, column),
            ]),
          ),
        ),
      },
    };
  },
  pivot,
  map: (context) => {
    const data = pairs(context, 'map');
    const values = data.map((pair) => pair.value ?? 0);
    return {
      tooltip: tooltip('item'),
      visualMap: { min: 0, max: Math.max(1, ...values), calculable: true, left: 'left', bottom: 0 },
      series: [
        {
          type: 'map',
          map: REGION_MAP_NAME,
          name: context.name(context.measures[0]!),
          // Each district is named on the map: its outline alone does not say which it is. Dark text with a
          // white rim reads on the palest and the darkest fill alike.
          label: { show: true, color: '#262626', textBorderColor: '#fff', textBorderWidth: 2 },
          data,
        },
      ],
    };
  },
};

function scatter(context: ChartContext, bubble: boolean) {
  requireColumns(context, 1, bubble ? 3 : 2, bubble ? 'bubble' : 'scatter');
  const [x, y, size] = context.measures;
  const dimension = context.dimensions[0]!;
  const sizes = bubble ? context.rows.map((row) => context.value(row, size!) ?? 0) : [];
  const largest = Math.max(1, ...sizes);
  return {
    tooltip: tooltip('item'),
    xAxis: { type: 'value', name: context.name(x!) },
    yAxis: { type: 'value', name: context.name(y!) },
    series: [
      {
        type: 'scatter',
        data: context.rows.map((row, index) => ({
          name: context.category(row, dimension),
          value: [context.value(row, x!), context.value(row, y!), ...(bubble ? [sizes[index]] : [])],
          // Area, not radius, follows the value: the eye reads bubbles by area.
          ...(bubble ? { symbolSize: 8 + 42 * Math.sqrt(sizes[index]! / largest) } : {}),
        })),
      },
    ],
  };
}

/** The ECharts option for a report's chart type over a result (rows as compileReport's columns name them). */
export function toEChartsOption(
  report: ReportDefinition,
  result: ReportResult,
  settings: ChartOptionSettings = {},
): EChartsOption {
  const locale = settings.locale ?? 'zh-CN';
  const context: ChartContext = {
    report,
    rows: result.rows,
    previousRows: result.previousRows,
    totals: result.totals,
    dimensions: result.columns.filter((column) => column.role === 'dimension'),
    measures: result.columns.filter((column) => column.role === 'measure'),
    locale,
    options: report.chart.options ?? {},
    name: (column) => localize(column.label, locale) || column.key,
    category: (row, dimension) => {
      const value =
        dimension.labelKey !== undefined && row[dimension.labelKey] != null
          ? row[dimension.labelKey]
          : row[dimension.key];
      return value === null || value === undefined ? EMPTY[locale] : String(value);
    },
    value: (row, measure) => {
      const value = row[measure.key];
      if (typeof value !== 'number' || !Number.isFinite(value)) return null;
      return measure.scale === undefined ? value : value * measure.scale;
    },
  };
  const builder = Object.prototype.hasOwnProperty.call(BUILDERS, report.chart.type)
    ? BUILDERS[report.chart.type]
    : undefined;
  if (!builder)
    throw new ReportError(
      'invalidDefinition',
      'chart.type',
      `"${String(report.chart.type)}" is not a chart type`,
    );
  return { title: { text: localize(report.label, locale) }, ...builder(context) };
}
