import type { AppDefinition, DashboardItem, ReportDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import { canDrill, currentLevel, drillInto, drillRun, drillUp } from './drill';
import { entitiesRead, narrowingCondition } from './fieldPaths';
import {
  bucketRange,
  equivalentPath,
  PERIOD_FILTER,
  runInputs,
  toggleSelection,
  type Selection,
} from './filters';
import {
  filterCandidates,
  filtersChanged,
  fromGridLayout,
  layoutChanged,
  phoneOrder,
  toGridLayout,
  withDashboardItems,
} from './layout';
import { dayEnd, dayStart, recordsHref, whereRows } from './recordsLink';

const label = (text: string) => ({ 'zh-CN': text, en: text });
const entities = [
  {
    key: 'project',
    label: label('Project'),
    titleField: 'name',
    fields: [{ key: 'name', type: 'text', label: label('Name') }],
  },
  {
    key: 'building',
    label: label('Building'),
    titleField: 'name',
    fields: [
      { key: 'name', type: 'text', label: label('Name') },
      { key: 'project', type: 'relation', label: label('Project'), relation: { entity: 'project' } },
    ],
  },
  {
    key: 'room',
    label: label('Room'),
    fields: [
      { key: 'project', type: 'relation', label: label('Project'), relation: { entity: 'project' } },
      { key: 'building', type: 'relation', label: label('Building'), relation: { entity: 'building' } },
      { key: 'floor', type: 'number', label: label('Floor') },
      { key: 'status', type: 'status', label: label('Status'), options: [] },
    ],
  },
  {
    key: 'workOrder',
    label: label('Work order'),
    fields: [
      { key: 'room', type: 'relation', label: label('Room'), relation: { entity: 'room' } },
      { key: 'status', type: 'status', label: label('Status'), options: [] },
      { key: 'reportedAt', type: 'datetime', label: label('Reported') },
    ],
  },
  {
    key: 'bill',
    label: label('Bill'),
    fields: [
      { key: 'project', type: 'relation', label: label('Project'), relation: { entity: 'project' } },
      { key: 'periodStart', type: 'date', label: label('Period') },
    ],
  },
] as unknown as AppDefinition['entities'];

const selection = (over: Partial<Selection>): Selection => ({
  itemKey: 'rooms',
  entity: 'room',
  field: 'building',
  value: 'b1',
  label: 'A座',
  ...over,
});

describe('cross-filters → run filters', () => {
  it('maps a clicked relation value to each chart by the record type it points at', () => {
    expect(equivalentPath(entities, 'room', { entity: 'room', field: 'building' })).toBe('building');
    // A work order reaches the building through its room.
    expect(equivalentPath(entities, 'workOrder', { entity: 'room', field: 'building' })).toBe(
      'room.building',
    );
    // A bill has no way to a building: the chart is not filtered, and says so.
    expect(equivalentPath(entities, 'bill', { entity: 'room', field: 'building' })).toBeUndefined();
    expect(equivalentPath(entities, 'bill', { entity: 'room', field: 'project' })).toBe('project');
    // Same key and type on another entity.
    expect(equivalentPath(entities, 'workOrder', { entity: 'room', field: 'status' })).toBe('status');
  });

  it('applies selections made on other charts only, and ranges for date buckets', () => {
    const selections = [
      selection({}),
      selection({
        itemKey: 'trend',
        entity: 'workOrder',
        field: 'reportedAt',
        bucket: 'month',
        value: '2025-02-01',
        label: '2025-02',
      }),
    ];
    const own = runInputs(entities, { entity: 'room' }, 'rooms', [], selections);
    expect(own.filters).toEqual({});
    expect(own.skipped).toEqual(['trend']);
    const orders = runInputs(entities, { entity: 'workOrder' }, 'orders', [], selections);
    expect(orders.filters).toEqual({
      'room.building': 'b1',
      reportedAt: { from: '2025-02-01', to: '2025-02-28' },
    });
  });

  it('turns global filters into paths, the period into `period`, and intersects ranges', () => {
    const globals = [
      { key: 'project', field: 'project', value: ['p1', 'p2'] },
      { key: PERIOD_FILTER, field: PERIOD_FILTER, value: { from: '2025-01-01', to: '2025-03-31' } },
      { key: 'when', field: 'periodStart', value: { from: '2025-01-01', to: '2025-06-30' } },
    ];
    const bill = runInputs(entities, { entity: 'bill', periodField: 'periodStart' }, 'x', globals, [
      selection({
        itemKey: 'y',
        entity: 'bill',
        field: 'periodStart',
        bucket: 'quarter',
        value: '2025-04-01',
      }),
    ]);
    expect(bill.period).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    expect(bill.filters).toEqual({
      project: ['p1', 'p2'],
      periodStart: { from: '2025-04-01', to: '2025-06-30' },
    });
    // A work order reaches the project through its room; it has no periodStart and no periodField.
    const orders = runInputs(entities, { entity: 'workOrder' }, 'x', globals, []);
    expect(orders.period).toBeUndefined();
    expect(orders.filters).toEqual({ 'room.project': ['p1', 'p2'] });
    expect(orders.skipped).toEqual(['when']);
  });

  it('marks a chart whose report has no periodField as not filtered by a chosen time range', () => {
    const range = {
      key: PERIOD_FILTER,
      field: PERIOD_FILTER,
      value: { from: '2025-01-01', to: '2025-03-31' },
    };
    const rooms = runInputs(entities, { entity: 'room' }, 'x', [range], []);
    expect(rooms).toMatchObject({ periodIgnored: true, skipped: [] });
    expect(rooms.period).toBeUndefined();
    const orders = runInputs(entities, { entity: 'workOrder', periodField: 'reportedAt' }, 'x', [range], []);
    expect(orders).toMatchObject({ periodIgnored: false, period: { from: '2025-01-01', to: '2025-03-31' } });
    // No range chosen: nothing is ignored.
    expect(runInputs(entities, { entity: 'room' }, 'x', [], []).periodIgnored).toBe(false);
  });

  it('toggles: a second click on the same value clears it, another value replaces it', () => {
    const first = toggleSelection([], selection({}));
    expect(first).toHaveLength(1);
    expect(toggleSelection(first, selection({ value: 'b2' }))[0]!.value).toBe('b2');
    expect(toggleSelection(first, selection({}))).toEqual([]);
  });

  it('computes bucket ranges', () => {
    expect(bucketRange('2024-02-01', 'month')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(bucketRange('2025-10-01', 'quarter')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(bucketRange('2025-01-01', 'year')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(bucketRange('2025-12-29', 'week')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
  });

  it('lists the entities a report reads, for live refresh', () => {
    expect(
      entitiesRead(entities, {
        entity: 'workOrder',
        dimensions: [{ field: 'room.building' }],
        measures: [{}],
      }).sort(),
    ).toEqual(['building', 'room', 'workOrder']);
  });
});

const report = (over: Partial<ReportDefinition>): ReportDefinition => ({
  key: 'r',
  label: label('R'),
  entity: 'room',
  chart: { type: 'bar' },
  dimensions: [{ field: 'project' }],
  measures: [{ key: 'rooms', aggregate: 'count' }],
  ...over,
});

describe('cascading filters', () => {
  it("offers the chosen project's buildings and rooms, and everything while nothing is chosen", () => {
    expect(narrowingCondition(entities, 'building', [{ entity: 'project', ids: ['p1', 'p2'] }])).toEqual({
      in: [{ var: 'project' }, ['p1', 'p2']],
    });
    expect(
      narrowingCondition(entities, 'room', [
        { entity: 'project', ids: ['p1'] },
        { entity: 'building', ids: ['b1'] },
      ]),
    ).toEqual({ and: [{ in: [{ var: 'project' }, ['p1']] }, { in: [{ var: 'building' }, ['b1']] }] });
    expect(narrowingCondition(entities, 'building', [{ entity: 'project', ids: [] }])).toBeUndefined();
    // A filter does not narrow itself, nor an entity with no relation to it.
    expect(narrowingCondition(entities, 'project', [{ entity: 'project', ids: ['p1'] }])).toBeUndefined();
    expect(narrowingCondition(entities, 'project', [{ entity: 'building', ids: ['b1'] }])).toBeUndefined();
  });
});

describe('drill path', () => {
  it('descends through the drill fields and climbs back by breadcrumb', () => {
    const rooms = report({ drill: ['building', 'floor'] });
    let path = drillInto(rooms, [], 'p1', '南山花园');
    expect(currentLevel(rooms, path)).toEqual({ field: 'building' });
    path = drillInto(rooms, path, 'b1', 'A座');
    expect(canDrill(rooms, path)).toBe(false);
    expect(drillInto(rooms, path, 3, '3')).toBe(path);
    expect(drillRun(rooms, path)).toEqual({
      kind: 'saved',
      drill: [
        { field: 'project', value: 'p1' },
        { field: 'building', value: 'b1' },
      ],
    });
    expect(drillUp(path, 1)).toEqual([path[0]]);
    expect(drillRun(rooms, [])).toEqual({ kind: 'saved' });
  });

  it('descends a date bucket year → month → day as a preview with the period filtered', () => {
    const income = report({
      entity: 'bill',
      dimensions: [{ field: 'periodStart', bucket: 'year' }],
      limit: 5,
    });
    const path = drillInto(income, [], '2025-01-01', '2025');
    expect(path[0]).toMatchObject({ field: 'periodStart', bucket: 'year' });
    const run = drillRun(income, path);
    expect(run.kind).toBe('preview');
    if (run.kind !== 'preview') return;
    expect(run.report.dimensions[0]).toEqual({ field: 'periodStart', bucket: 'month' });
    expect(run.report.limit).toBeUndefined();
    expect(run.filters).toEqual({ periodStart: { from: '2025-01-01', to: '2025-12-31' } });
    const deeper = drillInto(income, path, '2025-03-01', '2025-03');
    const day = drillRun(income, deeper);
    expect(day.kind === 'preview' && day.report.dimensions[0]!.bucket).toBe('day');
    expect(day.kind === 'preview' && day.filters).toEqual({
      periodStart: { from: '2025-03-01', to: '2025-03-31' },
    });
    expect(canDrill(income, deeper)).toBe(false);
    expect(canDrill(report({}), [])).toBe(false);
  });
});

describe('layout ↔ definition', () => {
  const items: DashboardItem[] = [
    { key: 'b', report: 'r2', layout: { x: 12, y: 0, w: 12, h: 8 } },
    { key: 'a', report: 'r1', layout: { x: 0, y: 0, w: 12, h: 8 } },
    { key: 'c', report: 'r3', layout: { x: 0, y: 8, w: 24, h: 6 } },
  ];

  it('round-trips and clamps to the 24-column grid', () => {
    const grid = toGridLayout(items);
    expect(grid[0]).toMatchObject({ i: 'b', x: 12, y: 0, w: 12, h: 8 });
    expect(fromGridLayout(items, grid)).toEqual(items);
    expect(layoutChanged(items, grid)).toBe(false);
    const moved = fromGridLayout(items, [{ i: 'c', x: 20, y: 2.4, w: 30, h: 5 }]);
    expect(moved[2]!.layout).toEqual({ x: 0, y: 2, w: 24, h: 5 });
    expect(layoutChanged(items, [{ i: 'a', x: 0, y: 0, w: 8, h: 8 }])).toBe(true);
  });

  it('orders a phone by row, then column', () => {
    expect(phoneOrder(items).map((item) => item.key)).toEqual(['a', 'b', 'c']);
  });

  it('writes the items into the one dashboard', () => {
    const app = {
      dashboards: [
        { key: 'd1', label: label('D'), items },
        { key: 'd2', label: label('E'), items: [] },
      ],
    } as unknown as AppDefinition;
    const next = withDashboardItems(app, 'd2', [items[0]!]);
    expect(next.dashboards[1]!.items).toEqual([items[0]]);
    expect(next.dashboards[0]).toBe(app.dashboards[0]);
  });

  it('writes global filters with the items, and drops the list when none is left', () => {
    const app = {
      dashboards: [{ key: 'd1', label: label('D'), items, filters: [{ key: 'project', field: 'project' }] }],
    } as unknown as AppDefinition;
    const filtered = withDashboardItems(app, 'd1', items, [{ key: 'building', field: 'building' }]);
    expect(filtered.dashboards[0]!.filters).toEqual([{ key: 'building', field: 'building' }]);
    expect(withDashboardItems(app, 'd1', items, []).dashboards[0]).not.toHaveProperty('filters');
    expect(withDashboardItems(app, 'd1', items).dashboards[0]!.filters).toEqual([
      { key: 'project', field: 'project' },
    ]);
    expect(filtersChanged(undefined, [])).toBe(false);
    expect(filtersChanged([{ key: 'project', field: 'project' }], [])).toBe(true);
    expect(
      filtersChanged(
        [{ key: 'project', field: 'project', label: label('项目') }],
        [{ key: 'project', field: 'project' }],
      ),
    ).toBe(false);
  });

  it('offers as global filters the pickable fields of the charts, most widely shared first', () => {
    const entities = [
      {
        key: 'room',
        label: label('房间'),
        fields: [
          { key: 'project', type: 'relation', label: label('项目'), relation: { entity: 'project' } },
          { key: 'status', type: 'status', label: label('状态'), options: [] },
          { key: 'area', type: 'number', label: label('面积') },
          {
            key: 'tags',
            type: 'relation',
            label: label('标签'),
            relation: { entity: 'tag', multiple: true },
          },
        ],
      },
      {
        key: 'bill',
        label: label('账单'),
        fields: [
          { key: 'project', type: 'relation', label: label('项目'), relation: { entity: 'project' } },
          { key: 'butler', type: 'user', label: label('管家') },
          { key: 'dueDate', type: 'date', label: label('到期日') },
        ],
      },
    ] as unknown as AppDefinition['entities'];
    const reports = [{ entity: 'room' }, { entity: 'bill' }, { entity: 'bill' }] as ReportDefinition[];
    expect(filterCandidates(entities, reports).map(({ field, charts }) => [field, charts])).toEqual([
      ['project', 3],
      ['butler', 2],
      ['status', 1],
    ]);
  });
});

describe('click-through link', () => {
  it('selects the rows behind a value with the records page filter rows', () => {
    const rows = whereRows(
      { status: ['leased'], 'room.building': 'b1', floor: { from: 2 } },
      { field: 'periodStart', from: '2025-01-01', to: '2025-01-31' },
      [
        { field: 'project', value: 'p1' },
        { field: 'reportedAt', bucket: 'month', value: '2025-02-01' },
        { field: 'building', value: null },
      ],
    );
    expect(rows).toEqual([
      { field: 'status', operator: 'in', value: ['leased'] },
      { field: 'floor', operator: 'gte', value: 2 },
      { field: 'periodStart', operator: 'between', value: ['2025-01-01', '2025-01-31'] },
      { field: 'project', operator: 'eq', value: 'p1' },
      { field: 'reportedAt', operator: 'between', value: ['2025-02-01', '2025-02-28'] },
      { field: 'building', operator: 'empty' },
    ]);
    expect(recordsHref('property', 'room', [])).toBe('/apps/property/e/room');
    expect(decodeURIComponent(recordsHref('property', 'room', rows.slice(0, 1)))).toBe(
      '/apps/property/e/room?where=[{"field":"status","operator":"in","value":["leased"]}]',
    );
  });

  it('reads a range of days on a date-time field as instants of the chart’s zone', () => {
    expect(dayStart('2025-01-01', 'Asia/Shanghai')).toBe('2024-12-31T16:00:00.000Z');
    expect(dayEnd('2025-03-31', 'Asia/Shanghai')).toBe('2025-03-31T15:59:59.999Z');
    // A day that springs forward is 23 hours long.
    expect(dayStart('2025-03-09', 'America/New_York')).toBe('2025-03-09T05:00:00.000Z');
    expect(dayEnd('2025-03-09', 'America/New_York')).toBe('2025-03-10T03:59:59.999Z');

    const options = { isInstant: (field: string) => field === 'reportedAt', timeZone: 'Asia/Shanghai' };
    const period = { field: 'reportedAt', from: '2025-01-01', to: '2025-03-31' };
    expect(whereRows({}, period, [], options)).toEqual([
      {
        field: 'reportedAt',
        operator: 'between',
        value: ['2024-12-31T16:00:00.000Z', '2025-03-31T15:59:59.999Z'],
      },
    ]);
    // A month clicked on a chart filtered to part of it keeps to the period's days.
    expect(
      whereRows(
        {},
        { ...period, from: '2025-02-10' },
        [{ field: 'reportedAt', bucket: 'month', value: '2025-02-01' }],
        options,
      ),
    ).toEqual([
      {
        field: 'reportedAt',
        operator: 'between',
        value: ['2025-02-09T16:00:00.000Z', '2025-02-28T15:59:59.999Z'],
      },
    ]);
    // A date field stays in days, as the records API compares dates.
    expect(whereRows({}, { field: 'dueDate', from: '2025-01-01', to: '2025-03-31' }, [], options)).toEqual([
      { field: 'dueDate', operator: 'between', value: ['2025-01-01', '2025-03-31'] },
    ]);
  });
});
