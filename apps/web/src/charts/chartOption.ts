import type { DateBucket, FieldDefinition, Locale, ReportDefinition } from '@lowcode/app-model';
import { localize, singleValueOptions } from '@lowcode/app-model';
import {
  PERCENT_FORMATTER,
  toEChartsOption,
  type ColumnMeta,
  type ReportResult,
  type ResultRow,
} from '@lowcode/report-engine';
import { theme } from 'antd';
import { resolvePath, type Entities } from '../pages/dashboards/model/fieldPaths';
import { formatNumber } from './numberFormat';

// Report results made readable before they are charted: option labels instead of stored values (`leased` →
// 已租), months as 2025-03 instead of their first day, yes/no for checkboxes. Each readable value goes into
// a `<key>#display` column the engine's option builders show, while the raw value stays where it was, so a
// click maps back to what a filter or a drill needs.

const EMPTY: Record<Locale, string> = { 'zh-CN': '（空）', en: '(empty)' };
const YES_NO: Record<Locale, [string, string]> = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] };

function bucketLabel(value: string, bucket: DateBucket | undefined): string {
  const text = value.slice(0, 10);
  switch (bucket) {
    case 'year':
      return text.slice(0, 4);
    case 'quarter':
      return `${text.slice(0, 4)} Q${Math.floor((Number(text.slice(5, 7)) - 1) / 3) + 1}`;
    case 'month':
      return text.slice(0, 7);
    default:
      return text;
  }
}

function labeler(field: FieldDefinition | undefined, column: ColumnMeta, locale: Locale) {
  if (column.labelKey) return undefined;
  const labelled = singleValueOptions(field);
  if (labelled) {
    const options = new Map(labelled.map((option) => [String(option.value), localize(option.label, locale)]));
    return (value: unknown) => options.get(String(value)) ?? String(value);
  }
  if (column.kind === 'boolean' || field?.type === 'checkbox')
    return (value: unknown) => (value === true || value === 'true' ? YES_NO[locale][0] : YES_NO[locale][1]);
  if (column.bucket && column.bucket !== 'day')
    return (value: unknown) => bucketLabel(String(value), column.bucket);
  if (column.kind === 'datetime') return (value: unknown) => String(value).slice(0, 16).replace('T', ' ');
  return undefined;
}

/** The result with a display column for each dimension whose stored value is not what people read. */
export function displayResult(
  result: ReportResult,
  report: Pick<ReportDefinition, 'entity'>,
  entities: Entities,
  locale: Locale,
): ReportResult {
  const columns = result.columns.map((column) => ({ ...column }));
  const labels: { key: string; display: string; label: (value: unknown) => string }[] = [];
  for (const column of columns) {
    if (column.role !== 'dimension') continue;
    const field = resolvePath(entities, report.entity, column.key)?.field;
    if (!column.label && field) column.label = field.label;
    const label = labeler(field, column, locale);
    if (!label) continue;
    column.labelKey = `${column.key}#display`;
    labels.push({ key: column.key, display: column.labelKey, label });
  }
  // Every set of rows the chart reads names its values alike — a pivot's totals are found by these names.
  const labelled = (rows: ResultRow[]) =>
    rows.map((row) => {
      const copy = { ...row };
      for (const { key, display, label } of labels) {
        const value = row[key];
        copy[display] = value === null || value === undefined ? EMPTY[locale] : label(value);
      }
      return copy;
    });
  const totals = result.totals && {
    rows: labelled(result.totals.rows),
    ...(result.totals.columns ? { columns: labelled(result.totals.columns) } : {}),
    grand: labelled(result.totals.grand),
  };
  return { ...result, columns, rows: labelled(result.rows), ...(totals ? { totals } : {}) };
}

/** Option colours are antd preset names (`green`, `gold` …) or `#rrggbb`; charts need the CSS colour. */
const PRESET_COLORS = theme.getDesignToken() as unknown as Record<string, unknown>;
function cssColor(color: string | undefined): string | undefined {
  if (!color || color.startsWith('#')) return color;
  const preset = PRESET_COLORS[color];
  return typeof preset === 'string' ? preset : undefined;
}

/**
 * The colour of each option label the chart will show, for dimensions whose field gives its options colours
 * (a room status, an NPS group): slices and series then wear the colours the same values wear as tags.
 */
export function optionColors(
  report: Pick<ReportDefinition, 'entity' | 'dimensions'>,
  entities: Entities,
  locale: Locale,
): Map<string, string> {
  const colors = new Map<string, string>();
  for (const dimension of report.dimensions.slice(0, 2)) {
    for (const option of singleValueOptions(resolvePath(entities, report.entity, dimension.field)?.field) ??
      []) {
      const color = cssColor(option.color);
      if (color) colors.set(localize(option.label, locale), color);
    }
  }
  return colors;
}

/** What a dimension shows for a row (the engine's rule: its label column when there is one). */
export function categoryOf(row: ResultRow, column: ColumnMeta, locale: Locale): string {
  const value =
    column.labelKey !== undefined && row[column.labelKey] != null ? row[column.labelKey] : row[column.key];
  return value === null || value === undefined ? EMPTY[locale] : String(value);
}

/** The raw value behind a label shown for dimension `index` (0: the category axis / slice names). */
export function rawValueOf(
  result: ReportResult,
  index: number,
  shown: string,
  locale: Locale,
): { found: boolean; value: string | number | boolean | null } {
  const column = result.columns.filter((candidate) => candidate.role === 'dimension')[index];
  if (!column) return { found: false, value: null };
  const row = result.rows.find((candidate) => categoryOf(candidate, column, locale) === shown);
  if (!row) return { found: false, value: null };
  const value = row[column.key];
  return {
    found: true,
    value:
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : value === null || value === undefined
          ? null
          : String(value),
  };
}

const PALETTE = [
  '#1677ff',
  '#52c41a',
  '#faad14',
  '#ff4d4f',
  '#13c2c2',
  '#722ed1',
  '#eb2f96',
  '#fa8c16',
  '#2f54eb',
  '#a0d911',
];

/** A legend entry's widest text, in pixels, before it is cut. */
const LEGEND_TEXT_WIDTH = 112;
/** The room an axis name takes above the plot. */
const AXIS_NAME_HEIGHT = 24;

/** A tooltip's value: up to two fraction digits, as many as it needs. */
const round = (value: unknown) => formatNumber(value, 2, 0);

/**
 * The ECharts option for a card: the engine's option over the readable result, without its title (the
 * card has one), with the legend on top, labels that give way instead of overlapping, and the app's colours.
 */
export function chartOption(
  report: ReportDefinition,
  result: ReportResult,
  locale: Locale,
  options: { compact?: boolean; colors?: Map<string, string> } = {},
): Record<string, unknown> {
  const option = toEChartsOption(report, result, { locale });
  const { title: _title, ...rest } = option;
  // Drawn at once, without ECharts' entry animation: a dashboard is read, not watched, and a dozen charts
  // growing for 0.4 s each delay that. (Its live refresh replaces the whole option, so it would replay too.)
  const out: Record<string, unknown> = { color: PALETTE, animation: false, ...rest };
  if (out.legend && typeof out.legend === 'object') {
    const vertical = (out.legend as { orient?: string }).orient === 'vertical';
    // A long name is cut (in full on hover), so one series does not take a narrow card's whole legend row;
    // what does not fit pages.
    const items = { textStyle: { width: LEGEND_TEXT_WIDTH, overflow: 'truncate' }, tooltip: { show: true } };
    out.legend =
      vertical && !options.compact
        ? { ...(out.legend as object), ...items, type: 'scroll', top: 'middle' }
        : {
            ...(out.legend as object),
            ...items,
            type: 'scroll',
            orient: 'horizontal',
            left: 'center',
            top: 0,
          };
    // A narrow card has no room for labels beside the slices: the share goes inside, the name in the legend.
    if (options.compact && Array.isArray(out.series))
      out.series = (out.series as Array<Record<string, unknown>>).map((series) =>
        series.type === 'pie'
          ? {
              ...series,
              center: ['50%', '58%'],
              label: { show: true, position: 'inside', formatter: '{d}%', color: '#fff', fontSize: 11 },
              labelLine: { show: false },
              minShowLabelAngle: 18,
            }
          : series,
      );
  }
  // The engine marks a value axis whose every series is a percentage; when all of them are, the tooltip
  // says so too.
  type Axis = { type?: string; axisLabel?: { formatter?: unknown } };
  const valueAxes = [out.xAxis, out.yAxis]
    .flatMap((value) => (Array.isArray(value) ? value : value ? [value] : []))
    .filter((value): value is Axis => (value as Axis).type === 'value');
  const percent =
    valueAxes.length > 0 && valueAxes.every((value) => value.axisLabel?.formatter === PERCENT_FORMATTER);
  if (options.colors?.size && Array.isArray(out.series))
    out.series = withOptionColors(out.series, options.colors);
  if (out.tooltip && typeof out.tooltip === 'object')
    out.tooltip = {
      ...(out.tooltip as object),
      valueFormatter: percent
        ? (value: unknown) => `${round(value)}${typeof value === 'number' ? '%' : ''}`
        : round,
      confine: true,
    };
  if (out.xAxis || out.yAxis) {
    // `containLabel` keeps the tick labels in, not an axis's name: a named value axis (two measures on two
    // axes) writes it above the plot, so the plot starts a line lower, under the legend rather than on it.
    const named = (Array.isArray(out.yAxis) ? out.yAxis : [out.yAxis]).some(
      (axis) => typeof (axis as { name?: unknown } | undefined)?.name === 'string',
    );
    out.grid = {
      left: 8,
      right: 16,
      bottom: 8,
      top: (out.legend ? 36 : 16) + (named ? AXIS_NAME_HEIGHT : 0),
      containLabel: true,
    };
    const axis = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(axis)
        : value && typeof value === 'object'
          ? {
              ...(value as object),
              axisLabel: { ...(value as { axisLabel?: object }).axisLabel, hideOverlap: true },
            }
          : value;
    out.xAxis = axis(out.xAxis);
    out.yAxis = axis(out.yAxis);
  }
  if (
    Array.isArray(out.series) &&
    (out.series as Array<{ type?: string }>).some((series) => series.type === 'pie')
  )
    out.series = (out.series as Array<Record<string, unknown>>).map((series) =>
      series.type === 'pie' && !options.compact && out.legend
        ? { ...series, center: ['60%', '50%'] }
        : series,
    );
  return out;
}

/**
 * The option colour of each name, when every name has one and no two share it; otherwise none, and the
 * palette tells them apart (a status without a colour, or two statuses both blue, would blur together).
 */
function distinctColors(names: unknown[], colors: Map<string, string>): string[] | undefined {
  const picked = names.map((name) => colors.get(String(name)));
  if (picked.some((color) => color === undefined)) return undefined;
  return new Set(picked).size === picked.length ? (picked as string[]) : undefined;
}

/** Series named after options, or slices of pies and funnels, in those options' colours. */
function withOptionColors(series: Array<Record<string, unknown>>, colors: Map<string, string>) {
  const paint = <T extends Record<string, unknown>>(item: T, color: string): T => ({
    ...item,
    itemStyle: { ...(item.itemStyle as object), color },
  });
  if (series.length === 1 && (series[0]!.type === 'pie' || series[0]!.type === 'funnel')) {
    const data = series[0]!.data as Array<Record<string, unknown>>;
    const picked = distinctColors(
      data.map((item) => item.name),
      colors,
    );
    return picked
      ? [{ ...series[0]!, data: data.map((item, index) => paint(item, picked[index]!)) }]
      : series;
  }
  if (!series.every((entry) => entry.type === 'bar' || entry.type === 'line')) return series;
  const picked = distinctColors(
    series.map((entry) => entry.name),
    colors,
  );
  return picked ? series.map((entry, index) => paint(entry, picked[index]!)) : series;
}

/** Chart types the web draws itself instead of on a canvas. */
export const NON_CANVAS_TYPES = new Set(['kpi', 'table', 'pivot']);
