import type { AppDefinition } from '@lowcode/app-model';
import type { ReportResult } from '@lowcode/report-engine';
import { describe, expect, it } from 'vitest';
import { formatFieldText } from '../fields/formatFieldText';
import { chartOption, displayResult, optionColors, rawValueOf } from './chartOption';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A rating whose NPS group is a text formula naming its three results. */
const entities: AppDefinition['entities'] = [
  {
    key: 'rating',
    label: label('评价', 'Rating'),
    fields: [
      { key: 'nps', type: 'number', label: label('NPS', 'NPS') },
      {
        key: 'npsGroup',
        type: 'formula',
        label: label('NPS 分组', 'NPS group'),
        resultType: 'text',
        expression: { if: [{ '>=': [{ var: 'record.nps' }, 9] }, 'promoter', 'other'] },
        options: [
          { value: 'promoter', label: label('推荐者', 'Promoter'), color: 'green' },
          { value: 'detractor', label: label('贬损者', 'Detractor'), color: 'red' },
        ],
      },
      {
        key: 'code',
        type: 'formula',
        label: label('编码', 'Code'),
        resultType: 'text',
        expression: { cat: ['R-', { var: 'record.nps' }] },
      },
    ],
  },
] as AppDefinition['entities'];

const result = (key: string, values: Array<string | null>): ReportResult => ({
  columns: [
    { key, role: 'dimension', kind: 'text' },
    { key: 'responses', role: 'measure', kind: 'number' },
  ],
  rows: values.map((value, index) => ({ [key]: value, responses: index + 1 })),
});

describe('a text formula that names its results', () => {
  it('is charted and clicked through by its labels, the stored code kept for filters', () => {
    const shown = displayResult(
      result('npsGroup', ['promoter', 'detractor', 'other', null]),
      {
        entity: 'rating',
      },
      entities,
      'zh-CN',
    );
    expect(shown.rows.map((row) => row['npsGroup#display'])).toEqual(['推荐者', '贬损者', 'other', '（空）']);
    expect(rawValueOf(shown, 0, '贬损者', 'zh-CN')).toEqual({ found: true, value: 'detractor' });
    const english = displayResult(result('npsGroup', ['promoter']), { entity: 'rating' }, entities, 'en');
    expect(english.rows[0]!['npsGroup#display']).toBe('Promoter');
  });

  it("labels a pivot's total rows as its cells, so the totals are found under the same names", () => {
    const pivot: ReportResult = {
      columns: [
        { key: 'code', role: 'dimension', kind: 'text' },
        { key: 'npsGroup', role: 'dimension', kind: 'text' },
        { key: 'avgNps', role: 'measure', kind: 'number' },
      ],
      rows: [{ code: 'R-9', npsGroup: 'promoter', avgNps: 9 }],
      totals: {
        rows: [{ code: 'R-9', avgNps: 9 }],
        columns: [{ npsGroup: 'promoter', avgNps: 9.5 }],
        grand: [{ avgNps: 8 }],
      },
    };
    const report = {
      key: 'p',
      label: label('透视', 'Pivot'),
      entity: 'rating',
      chart: { type: 'pivot' as const },
      dimensions: [{ field: 'code' }, { field: 'npsGroup' }],
      measures: [{ key: 'avgNps', aggregate: 'avg' as const, field: 'nps' }],
    };
    const shown = displayResult(pivot, report, entities, 'zh-CN');
    expect(shown.totals!.columns![0]!['npsGroup#display']).toBe('推荐者');
    const option = chartOption(report, shown, 'zh-CN') as {
      pivot: { columnTotals: (number | null)[][]; grandTotal: (number | null)[] };
    };
    expect(option.pivot.columnTotals).toEqual([[9.5]]);
    expect(option.pivot.grandTotal).toEqual([8]);
  });

  it('is read as its label in cells; a formula without options stays as computed', () => {
    const [, group, code] = entities[0]!.fields;
    expect(formatFieldText(group!, 'detractor', 'zh-CN')).toBe('贬损者');
    expect(formatFieldText(group!, 'other', 'en')).toBe('other');
    expect(formatFieldText(code!, 'R-9', 'en')).toBe('R-9');
    expect(
      displayResult(result('code', ['R-9']), { entity: 'rating' }, entities, 'en').rows[0],
    ).not.toHaveProperty('code#display');
  });
});

describe('chartOption', () => {
  it("keeps the engine's percent axis and says % in the tooltip; other charts stay plain numbers", () => {
    const report = {
      key: 'rates',
      label: label('收缴率', 'Collection rate'),
      entity: 'rating',
      chart: { type: 'bar' as const },
      dimensions: [{ field: 'nps' }],
      measures: [{ key: 'rate', metric: 'collectionRate' as const, field: 'nps', dueField: 'nps' }],
    };
    const rates: ReportResult = {
      columns: [
        { key: 'nps', role: 'dimension', kind: 'number' },
        { key: 'rate', role: 'measure', kind: 'number', unit: 'percent' },
      ],
      rows: [{ nps: 1, rate: 94.666 }],
    };
    const option = chartOption(report, rates, 'zh-CN') as {
      yAxis: { axisLabel: Record<string, unknown> };
      tooltip: { valueFormatter: (value: unknown) => string };
    };
    expect(option.yAxis.axisLabel).toEqual({ formatter: '{value}%', hideOverlap: true });
    expect(option.tooltip.valueFormatter(94.666)).toBe(`${(94.67).toLocaleString()}%`);
    const counts = chartOption(
      { ...report, measures: [{ key: 'rate', aggregate: 'count' as const }] },
      { ...rates, columns: [rates.columns[0]!, { key: 'rate', role: 'measure', kind: 'number' }] },
      'zh-CN',
    ) as typeof option;
    expect(counts.yAxis.axisLabel).toEqual({ hideOverlap: true });
    expect(counts.tooltip.valueFormatter(3)).toBe('3');
  });

  it('keeps both value axes when the engine splits measures of different sizes', () => {
    const report = {
      key: 'expiring',
      label: label('到期合同', 'Expiring'),
      entity: 'rating',
      chart: { type: 'bar' as const },
      dimensions: [{ field: 'nps' }],
      measures: [
        { key: 'contracts', aggregate: 'count' as const },
        { key: 'rent', aggregate: 'sum' as const, field: 'nps' },
      ],
    };
    const option = chartOption(
      report,
      {
        columns: [
          { key: 'nps', role: 'dimension', kind: 'number' },
          { key: 'contracts', role: 'measure', kind: 'number' },
          { key: 'rent', role: 'measure', kind: 'number' },
        ],
        rows: [
          { nps: 1, contracts: 3, rent: 240_000 },
          { nps: 2, contracts: 5, rent: 410_000 },
        ],
      },
      'zh-CN',
    ) as {
      yAxis: Array<{ axisLabel: unknown; name?: string }>;
      series: Array<{ yAxisIndex?: number }>;
      grid: { top: number };
    };
    expect(option.yAxis).toHaveLength(2);
    expect(option.yAxis.map((axis) => axis.axisLabel)).toEqual([
      { hideOverlap: true },
      { hideOverlap: true },
    ]);
    expect(option.series.map((series) => series.yAxisIndex)).toEqual([undefined, 1]);
    // The axes' names sit above the plot: it starts lower than a chart with one unnamed axis, so the
    // names are under the legend, not on it.
    expect(option.yAxis.map((axis) => axis.name)).toEqual(['contracts', 'rent']);
    const single = chartOption(
      { ...report, measures: [report.measures[0]!] },
      {
        columns: [
          { key: 'nps', role: 'dimension', kind: 'number' },
          { key: 'contracts', role: 'measure', kind: 'number' },
        ],
        rows: [{ nps: 1, contracts: 3 }],
      },
      'zh-CN',
    ) as typeof option;
    expect(option.grid.top).toBeGreaterThanOrEqual(single.grid.top + 20);
  });

  it('cuts a long legend entry (in full on hover) and pages what does not fit', () => {
    const report = {
      key: 'channels',
      label: label('报事渠道', 'Channels'),
      entity: 'rating',
      chart: { type: 'pie' as const },
      dimensions: [{ field: 'code' }],
      measures: [{ key: 'orders', aggregate: 'count' as const }],
    };
    const rows: ReportResult = {
      columns: [
        { key: 'code', role: 'dimension', kind: 'text' },
        { key: 'orders', role: 'measure', kind: 'number' },
      ],
      rows: [
        { code: 'APP/小程序', orders: 3 },
        { code: '管家代报（线下登记后补录）', orders: 2 },
      ],
    };
    for (const compact of [false, true]) {
      const { legend } = chartOption(report, rows, 'zh-CN', { compact }) as {
        legend: { type: string; textStyle: { width: number; overflow: string }; tooltip: { show: boolean } };
      };
      expect(legend.type).toBe('scroll');
      expect(legend.textStyle.overflow).toBe('truncate');
      expect(legend.textStyle.width).toBeLessThanOrEqual(120);
      expect(legend.tooltip.show).toBe(true);
    }
  });
});

describe('option colours', () => {
  it('paint the slices and series named after an option as its tag is painted', () => {
    const report = {
      key: 'groups',
      label: label('NPS 构成', 'NPS groups'),
      entity: 'rating',
      chart: { type: 'ring' as const },
      dimensions: [{ field: 'npsGroup' }],
      measures: [{ key: 'responses', aggregate: 'count' as const }],
    };
    const colors = optionColors(report, entities, 'zh-CN');
    expect(colors.get('推荐者')).toMatch(/^#[0-9a-f]{6}$/i);
    expect(colors.get('贬损者')).not.toBe(colors.get('推荐者'));
    const shown = displayResult(
      result('npsGroup', ['promoter', 'detractor', 'other']),
      report,
      entities,
      'zh-CN',
    );
    const ring = chartOption(report, shown, 'zh-CN', { colors }) as {
      series: Array<{ data: Array<{ name: string; itemStyle?: { color: string } }> }>;
    };
    // 'other' has no option: the palette colours every slice, or a grey-less slice would blur with one.
    expect(ring.series[0]!.data.map((slice) => slice.itemStyle?.color)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const known = displayResult(result('npsGroup', ['promoter', 'detractor']), report, entities, 'zh-CN');
    const painted = chartOption(report, known, 'zh-CN', { colors }) as typeof ring;
    expect(painted.series[0]!.data.map((slice) => slice.itemStyle?.color)).toEqual([
      colors.get('推荐者'),
      colors.get('贬损者'),
    ]);
    // Two options of one colour: the palette instead.
    const alike = new Map([...colors].map(([name]) => [name, '#1677ff']));
    const plain = chartOption(report, known, 'zh-CN', { colors: alike }) as typeof ring;
    expect(plain.series[0]!.data.every((slice) => slice.itemStyle === undefined)).toBe(true);
  });
});
