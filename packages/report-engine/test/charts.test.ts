import {
  CHART_DIMENSIONS_SHOWN,
  CHART_TYPES,
  type ChartType,
  type ReportDefinition,
} from '@lowcode/app-model';
import {
  REGION_GEOJSON,
  REGION_SPECIAL_AREAS,
  type ReportResult,
  runReportInMemory,
  toEChartsOption,
} from '../src';
import { dataset, label, rows } from './fixture';

/** Which dimensions and measures each chart type is fed in the test (rooms and work orders by hand). */
function reportFor(type: ChartType): ReportDefinition {
  const count = { key: 'orders', label, aggregate: 'count' as const };
  const hours = (key: string, aggregate: 'min' | 'max' | 'avg' | 'median', p?: number) => ({
    key,
    aggregate,
    field: 'hours',
    ...(p ? { p } : {}),
  });
  const base = { key: type, label, chart: { type }, entity: 'workOrder' };
  switch (type) {
    case 'kpi':
    case 'gauge':
      return { ...base, dimensions: [], measures: [count], periodField: 'reportedAt' };
    case 'scatter':
    case 'bubble':
      return {
        ...base,
        dimensions: [{ field: 'category' }],
        measures: [count, hours('avg', 'avg'), hours('max', 'max')],
      };
    case 'boxplot':
      return {
        ...base,
        dimensions: [{ field: 'category' }],
        measures: [
          hours('min', 'min'),
          { key: 'q1', aggregate: 'percentile', p: 0.25, field: 'hours' },
          hours('median', 'median'),
          { key: 'q3', aggregate: 'percentile', p: 0.75, field: 'hours' },
          hours('max', 'max'),
        ],
      };
    case 'heatmap':
    case 'sankey':
    case 'treemap':
    case 'sunburst':
    case 'stackedBar':
    case 'pivot':
      return {
        ...base,
        dimensions: [{ field: 'room.building' }, { field: 'category' }],
        measures: [count, hours('avg', 'avg')],
      };
    case 'calendarHeatmap':
      return { ...base, dimensions: [{ field: 'reportedAt', bucket: 'day' }], measures: [count] };
    case 'line':
    case 'area':
      return {
        ...base,
        dimensions: [{ field: 'reportedAt', bucket: 'month' }],
        measures: [count, hours('avg', 'avg')],
      };
    default:
      return { ...base, dimensions: [{ field: 'category' }], measures: [count, hours('avg', 'avg')] };
  }
}

/** The report and its result with `count` more dimensions, each holding one value in every row. */
function withSingleValued(definition: ReportDefinition, result: ReportResult, count: number) {
  const added = Array.from({ length: count }, (_, index) => `same${definition.dimensions.length + index}`);
  const columns = [...result.columns];
  const firstMeasure = columns.findIndex((column) => column.role === 'measure');
  columns.splice(
    firstMeasure,
    0,
    ...added.map((key) => ({ key, role: 'dimension' as const, kind: 'text' as const })),
  );
  return {
    definition: {
      ...definition,
      dimensions: [...definition.dimensions, ...added.map((field) => ({ field }))],
    },
    result: {
      ...result,
      columns,
      rows: result.rows.map((row) => ({ ...row, ...Object.fromEntries(added.map((key) => [key, 'one'])) })),
    },
  };
}

describe('toEChartsOption', () => {
  it.each(CHART_TYPES.map((type) => [type]))('builds a %s option from a real result', (type) => {
    const definition = reportFor(type);
    const result = runReportInMemory(definition, rows, {
      dataset,
      ...(type === 'kpi'
        ? { period: { from: '2024-03-01', to: '2024-03-31' }, compare: 'previousPeriod' as const }
        : {}),
    });
    const option = toEChartsOption(definition, result, { locale: 'en' });
    expect(JSON.parse(JSON.stringify(option))).toEqual(option); // plain data, sendable as JSON
    expect(option.title).toBeDefined();
    const series = option.series as Array<Record<string, unknown>>;
    expect(Array.isArray(series)).toBe(true);
    if (!['kpi', 'table', 'pivot'].includes(type)) {
      expect(series.length).toBeGreaterThan(0);
      for (const entry of series) expect(typeof entry.type).toBe('string');
    }
  });

  // The app model warns about dimensions a chart type does not draw (CHART_DIMENSIONS_SHOWN): the builders
  // must agree. A dimension with a single value changes nothing in a chart that does not draw it.
  it.each(CHART_TYPES.map((type) => [type]))(
    'draws as many dimensions of a %s as the app model says',
    (type) => {
      const definition = reportFor(type);
      const result = runReportInMemory(definition, rows, { dataset });
      const shown = Object.hasOwn(CHART_DIMENSIONS_SHOWN, type) ? CHART_DIMENSIONS_SHOWN[type]! : Infinity;
      // Filled up to what the type draws where the fixture gives it fewer, then one more.
      const drawn = withSingleValued(
        definition,
        result,
        Math.max(0, Math.min(shown, 2) - definition.dimensions.length),
      );
      const beyond = withSingleValued(drawn.definition, drawn.result, 1);
      const option = (chart: typeof drawn) =>
        toEChartsOption(chart.definition, chart.result, { locale: 'en' });
      if (shown === Infinity) expect(option(beyond)).not.toEqual(option(drawn));
      else expect(option(beyond)).toEqual(option(drawn));
    },
  );

  it("names a calendar's months and weekdays in the report's language", () => {
    const definition = reportFor('calendarHeatmap');
    const result = runReportInMemory(definition, rows, { dataset });
    const calendar = (locale: 'en' | 'zh-CN') =>
      toEChartsOption(definition, result, { locale }).calendar as Record<string, { nameMap: string }>;
    expect(calendar('en').monthLabel!.nameMap).toBe('EN');
    expect(calendar('zh-CN').dayLabel!.nameMap).toBe('ZH');
  });

  it('a KPI card shows the change against the previous period', () => {
    const definition = reportFor('kpi');
    const result = runReportInMemory(definition, rows, {
      dataset,
      period: { from: '2024-03-01', to: '2024-03-31' },
      compare: 'previousPeriod',
    });
    result.previousRows = [{ orders: 2 }];
    expect(toEChartsOption(definition, result).kpi).toMatchObject({
      value: 3,
      previous: 2,
      changePercent: 50,
    });
  });

  it('shows a measure formatted as percent as a percentage of its fraction, in every view', () => {
    const share = {
      key: 'fixed',
      label,
      aggregate: 'avg' as const,
      field: 'firstFix',
      format: 'percent' as const,
    };
    const byCategory: ReportDefinition = {
      key: 'fixShare',
      label,
      entity: 'workOrder',
      chart: { type: 'bar' },
      dimensions: [{ field: 'category' }],
      measures: [share],
    };
    const result = runReportInMemory(byCategory, rows, { dataset });
    const fractions = result.rows.map((row) => row.fixed as number | null);
    expect(fractions.some((value) => value !== null && value > 0 && value < 1)).toBe(true);
    const percents = fractions.map((value) => (value === null ? null : value * 100));
    expect(result.columns.find((column) => column.key === 'fixed')).toMatchObject({
      unit: 'percent',
      scale: 100,
    });

    const bar = toEChartsOption(byCategory, result);
    expect((bar.series as Array<{ data: unknown[] }>)[0]!.data).toEqual(percents);
    expect(bar.yAxis).toMatchObject({ axisLabel: { formatter: '{value}%' } });
    const table = toEChartsOption({ ...byCategory, chart: { type: 'table' } }, result).table as {
      columns: Array<{ key: string; unit: string | null }>;
      rows: Array<Record<string, unknown>>;
    };
    expect(table.rows.map((row) => row.fixed)).toEqual(percents);
    expect(table.columns.find((column) => column.key === 'fixed')?.unit).toBe('percent');

    // On a KPI card, the main value and the smaller ones under it alike.
    const overall: ReportDefinition = {
      ...byCategory,
      chart: { type: 'kpi' },
      dimensions: [],
      measures: [{ key: 'orders', label, aggregate: 'count' }, share],
    };
    const [whole] = runReportInMemory(overall, rows, { dataset }).rows;
    expect(toEChartsOption(overall, runReportInMemory(overall, rows, { dataset })).kpi).toMatchObject({
      value: whole!.orders,
      unit: '',
      extra: [{ label: '测试', value: (whole!.fixed as number) * 100, unit: '%' }],
    });
    const first = { ...overall, measures: [share] };
    expect(toEChartsOption(first, runReportInMemory(first, rows, { dataset })).kpi).toMatchObject({
      value: (whole!.fixed as number) * 100,
      unit: '%',
      extra: [],
    });
    // Without the format the same query shows the fraction, and the axis has no unit.
    const plain = { ...byCategory, measures: [{ ...share, format: undefined }] };
    const unformatted = toEChartsOption(plain, runReportInMemory(plain, rows, { dataset }));
    expect((unformatted.series as Array<{ data: unknown[] }>)[0]!.data).toEqual(fractions);
    expect(unformatted.yAxis).toEqual({ type: 'value' });
  });

  it('shows sums, averages and extremes of money with their cents, counts without', () => {
    const bill = dataset.entities.bill!;
    const withMoney = {
      ...dataset,
      entities: {
        ...dataset.entities,
        bill: { ...bill, fields: { ...bill.fields, due: { ...bill.fields.due!, money: true } } },
      },
    };
    const owed: ReportDefinition = {
      key: 'owed',
      label,
      entity: 'bill',
      chart: { type: 'kpi', options: { precision: 0 } },
      dimensions: [],
      measures: [
        { key: 'due', label, aggregate: 'sum', field: 'due' },
        { key: 'bills', label, aggregate: 'count' },
        { key: 'largest', label, aggregate: 'max', field: 'due' },
      ],
    };
    const result = runReportInMemory(owed, rows, { dataset: withMoney });
    expect(result.columns.map((column) => [column.key, column.unit])).toEqual([
      ['due', 'money'],
      ['bills', undefined],
      ['largest', 'money'],
    ]);
    const option = toEChartsOption(owed, result);
    const total = result.rows[0]!.due as number;
    expect(option.kpi).toMatchObject({ money: true, extra: [{ money: false }, { money: true }] });
    expect((option.title as { text: string }).text).toBe(total.toFixed(2));
    // Without the mark the same sum is a plain number.
    const plain = toEChartsOption(owed, runReportInMemory(owed, rows, { dataset }));
    expect(plain.kpi).toMatchObject({ money: false });
  });

  it('draws measures of different orders of size on two value axes, stacks and alike sizes on one', () => {
    const definition = (type: 'bar' | 'stackedBar' | 'horizontalBar', field: string): ReportDefinition => ({
      key: 'sizes',
      label,
      entity: 'workOrder',
      chart: { type },
      dimensions: [{ field: 'category' }],
      measures: [
        { key: 'orders', label: { 'zh-CN': '工单', en: 'Orders' }, aggregate: 'count' },
        { key: 'total', label: { 'zh-CN': '工时', en: 'Hours' }, aggregate: 'sum', field },
      ],
    });
    const draw = (report: ReportDefinition) =>
      toEChartsOption(report, runReportInMemory(report, rows, { dataset }), { locale: 'en' }) as {
        xAxis: unknown;
        yAxis: unknown;
        series: Array<Record<string, unknown>>;
      };
    // Orders per category are 1–3; their hours add up to 1,000 for the lift.
    const apart = draw(definition('bar', 'hours'));
    expect(apart.yAxis).toEqual([
      { type: 'value', name: 'Orders', nameTextStyle: { align: 'left' } },
      { type: 'value', name: 'Hours', splitLine: { show: false }, nameTextStyle: { align: 'right' } },
    ]);
    expect(apart.series.map((entry) => entry.yAxisIndex)).toEqual([undefined, 1]);
    const sideways = draw(definition('horizontalBar', 'hours'));
    expect(Array.isArray(sideways.xAxis)).toBe(true);
    expect(sideways.series[1]).toMatchObject({ xAxisIndex: 1 });
    expect(draw(definition('stackedBar', 'hours')).yAxis).toEqual({ type: 'value' });
    // Reopen counts are the size of order counts: one axis.
    expect(draw(definition('bar', 'reopens')).yAxis).toEqual({ type: 'value' });
  });

  it('refuses a format it does not know, and a format on a built-in metric', () => {
    const definition = (measure: Record<string, unknown>) =>
      ({
        key: 'formats',
        label,
        entity: 'rating',
        chart: { type: 'kpi' },
        dimensions: [],
        measures: [{ key: 'm', ...measure }],
      }) as ReportDefinition;
    expect(() =>
      runReportInMemory(definition({ aggregate: 'avg', field: 'csat', format: 'percentage' }), rows, {
        dataset,
      }),
    ).toThrow(/measures\[0\]\.format/);
    expect(() =>
      runReportInMemory(definition({ metric: 'csat', field: 'csat', format: 'percent' }), rows, { dataset }),
    ).toThrow(/measures\[0\]\.format/);
  });

  it('marks the bucket still in progress: a captioned rule, its bars paler; past runs mark nothing', () => {
    const trend = (type: 'line' | 'bar'): ReportDefinition => ({
      key: 'trend',
      label,
      entity: 'workOrder',
      chart: { type },
      dimensions: [{ field: 'reportedAt', bucket: 'month' }],
      measures: [{ key: 'orders', aggregate: 'count' }],
    });
    // 2024-03-21 in Shanghai: March has begun and not ended.
    const run = (type: 'line' | 'bar', now?: string) => {
      const result = runReportInMemory(trend(type), rows, { dataset, timeZone: 'Asia/Shanghai', now });
      return { result, option: toEChartsOption(trend(type), result, { locale: 'zh-CN' }) };
    };
    const { result, option } = run('bar', '2024-03-21T01:00:00Z');
    expect(result.columns[0]).toMatchObject({ bucket: 'month', currentBucket: '2024-03-01' });
    const categories = (option.xAxis as { data: string[] }).data;
    const march = categories.findIndex((category) => category.startsWith('2024-03'));
    expect(march).toBe(categories.length - 1);
    const [bars] = option.series as Array<{ data: unknown[]; markLine: { data: unknown[]; label: object } }>;
    expect(bars!.data[march]).toEqual({ value: 3, itemStyle: { opacity: 0.5 } });
    expect(bars!.data.slice(0, march).every((value) => typeof value === 'number')).toBe(true);
    expect(bars!.markLine.data).toEqual([{ xAxis: march }]);
    // Down the rule inside the plot, clear of a second value axis's name over the same corner.
    expect(bars!.markLine.label).toMatchObject({ formatter: '本月至今', position: 'insideEndTop' });
    // A line keeps its values as numbers; the rule says the month is partial.
    const [line] = run('line', '2024-03-21T01:00:00Z').option.series as Array<Record<string, unknown>>;
    expect((line!.data as unknown[]).every((value) => typeof value === 'number')).toBe(true);
    expect(line!.markLine).toBeDefined();
    // In April, March is whole; without `now`, nothing is known to be partial; in mid-February the chart
    // runs on past it (as contracts by month of expiry do), so it is no trend up to now.
    for (const unmarked of [
      run('bar', '2024-04-01T00:00:00Z'),
      run('bar'),
      run('bar', '2024-02-15T00:00:00Z'),
    ])
      expect((unmarked.option.series as Array<Record<string, unknown>>)[0]!.markLine).toBeUndefined();
    expect(() => run('bar', 'yesterday')).toThrow(/options\.now/);
  });

  it('category charts put each second-dimension value in its own series, labelled by record titles', () => {
    const option = toEChartsOption(
      reportFor('stackedBar'),
      runReportInMemory(reportFor('stackedBar'), rows, { dataset }),
    );
    expect((option.xAxis as { data: string[] }).data).toEqual(['A栋', 'B栋', '（空）']);
    const series = option.series as Array<{ name: string; stack: string; data: Array<number | null> }>;
    expect(series.map((entry) => entry.name)).toEqual(['electric', 'plumbing', 'lift']);
    expect(series[1]).toMatchObject({ stack: 'total', data: [2, null, null] });
  });

  it("a pivot's totals add up its counts and sums, and are their own aggregates for the others", () => {
    const option = toEChartsOption(
      reportFor('pivot'),
      runReportInMemory(reportFor('pivot'), rows, { dataset }),
    );
    const pivot = option.pivot as {
      rows: string[];
      rowTotals: Array<Array<number | null>>;
      grandTotal: Array<number | null>;
    };
    expect(pivot.rows).toEqual(['A栋', 'B栋', '（空）']);
    // Average hours: A栋's orders took 2, 4 and 6 hours, B栋's 10 and 20 — not a sum of the cells' averages.
    expect(pivot.rowTotals).toEqual([
      [3, 4],
      [2, 15],
      [1, null],
    ]);
    expect(pivot.grandTotal).toEqual([6, 8.4]);
    // Without the totals' own rows (a host that did not run them), such a measure has no total.
    const bare = runReportInMemory(reportFor('pivot'), rows, { dataset });
    delete bare.totals;
    expect((toEChartsOption(reportFor('pivot'), bare).pivot as typeof pivot).grandTotal).toEqual([6, null]);
  });

  it('a pivot cell adds up the rows of the dimensions it does not show (additive measures only)', () => {
    const definition: ReportDefinition = {
      ...reportFor('pivot'),
      dimensions: [{ field: 'room.building' }, { field: 'category' }, { field: 'room.status' }],
    };
    const option = toEChartsOption(definition, runReportInMemory(definition, rows, { dataset }));
    const pivot = option.pivot as {
      rows: string[];
      columns: string[];
      cells: Array<Array<Array<number | null>>>;
      rowTotals: Array<Array<number | null>>;
    };
    const twoDimensions = toEChartsOption(
      { ...definition, dimensions: definition.dimensions.slice(0, 2) },
      runReportInMemory({ ...definition, dimensions: definition.dimensions.slice(0, 2) }, rows, { dataset }),
    ).pivot as typeof pivot;
    expect(pivot.rows).toEqual(twoDimensions.rows);
    expect(pivot.columns).toEqual(twoDimensions.columns);
    // Counts are those of the two-dimension pivot; an average over several categories is not shown.
    expect(pivot.cells.map((row) => row.map((cell) => cell[0]))).toEqual(
      twoDimensions.cells.map((row) => row.map((cell) => cell[0])),
    );
    expect(pivot.rowTotals).toEqual(twoDimensions.rowTotals);
  });

  it('boxplot gets five numbers per category', () => {
    const option = toEChartsOption(
      reportFor('boxplot'),
      runReportInMemory(reportFor('boxplot'), rows, { dataset }),
    );
    const [series] = option.series as Array<{ data: number[][] }>;
    expect(series!.data).toContainEqual([2, 2.5, 3, 3.5, 4]);
  });

  it('ships closed region outlines for the map, and a place for each side by side', () => {
    for (const feature of REGION_GEOJSON.features) {
      const ring = feature.geometry.coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      // A copy, not the same point: ECharts moves points in place when it lays the districts out.
      expect(ring[0]).not.toBe(ring[ring.length - 1]);
      expect(ring.length).toBeGreaterThan(4);
    }
    const places = REGION_GEOJSON.features.map((feature) => REGION_SPECIAL_AREAS[feature.properties.name]!);
    expect(places.every((place) => place.width === places[0]!.width && place.top === places[0]!.top)).toBe(
      true,
    );
    places
      .slice(1)
      .forEach((place, index) =>
        expect(place.left).toBeGreaterThan(places[index]!.left + places[index]!.width),
      );
  });

  it('refuses a chart its columns cannot feed', () => {
    const definition = { ...reportFor('bar'), chart: { type: 'sankey' as const } };
    expect(() => toEChartsOption(definition, runReportInMemory(definition, rows, { dataset }))).toThrow(
      /sankey chart needs 2 dimension/,
    );
  });
});
