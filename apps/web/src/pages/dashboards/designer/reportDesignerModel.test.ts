import type { AppDefinition, ReportDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import {
  designerReducer,
  emptyState,
  errorsByControl,
  fromReportDefinition,
  keyFromText,
  paletteFields,
  toReportDefinition,
  type DesignerAction,
  type DesignerState,
} from './reportDesignerModel';

const run = (actions: DesignerAction[], state: DesignerState = emptyState('workOrder')) =>
  actions.reduce(designerReducer, state);

describe('report designer state → ReportDefinition', () => {
  it('builds dimensions with buckets, measures with aggregates, filters, sort and top N', () => {
    const state = run([
      { type: 'label', locale: 'zh-CN', text: '各月报修', taken: [] },
      { type: 'label', locale: 'en', text: 'Repairs by month', taken: ['repairsByMonth'] },
      { type: 'chart', chartType: 'stackedBar' },
      { type: 'addDimension', field: 'reportedAt', date: true },
      { type: 'addDimension', field: 'category', date: false },
      { type: 'addDimension', field: 'category', date: false },
      { type: 'addMeasure', numeric: false },
      { type: 'addMeasure', field: 'repairHours', numeric: true },
      { type: 'addFilter', field: 'status' },
      { type: 'addFilter', field: 'room.building' },
    ]);
    const [hours] = state.measures.slice(1);
    const [status, building] = state.filters;
    const done = run(
      [
        { type: 'updateDimension', id: state.dimensions[0]!.id, bucket: 'quarter' },
        { type: 'updateMeasure', id: hours!.id, change: { aggregate: 'percentile' } },
        { type: 'updateFilter', id: status!.id, change: { operator: 'in', value: ['completed', 'closed'] } },
        { type: 'updateFilter', id: building!.id, change: { value: '' } },
        { type: 'sort', sort: { by: 'count', direction: 'desc' } },
        { type: 'limit', limit: 10 },
        { type: 'drill', drill: ['room.building', 'room'] },
        { type: 'periodField', field: 'reportedAt' },
      ],
      state,
    );
    expect(toReportDefinition(done)).toEqual({
      key: 'repairsByMonth2',
      label: { 'zh-CN': '各月报修', en: 'Repairs by month' },
      entity: 'workOrder',
      chart: { type: 'stackedBar' },
      dimensions: [{ field: 'reportedAt', bucket: 'quarter' }, { field: 'category' }],
      measures: [
        { key: 'count', aggregate: 'count' },
        { key: 'percentileRepairHours', aggregate: 'percentile', field: 'repairHours', p: 0.9 },
      ],
      // The half-filled building row is left out rather than sent.
      filter: { in: [{ var: 'status' }, ['completed', 'closed']] },
      sort: [{ by: 'count', direction: 'desc' }],
      limit: 10,
      drill: ['room.building', 'room'],
      periodField: 'reportedAt',
    });
  });

  it('keeps a sort on a measure whose key follows its aggregate; a metric measure names its fields', () => {
    let state = run([{ type: 'addMeasure', field: 'cost', numeric: true }]);
    const id = state.measures[0]!.id;
    state = run(
      [
        { type: 'sort', sort: { by: 'sumCost', direction: 'asc' } },
        { type: 'updateMeasure', id, change: { aggregate: 'avg' } },
      ],
      state,
    );
    expect(state.sort).toEqual({ by: 'avgCost', direction: 'asc' });
    state = run(
      [
        {
          type: 'updateMeasure',
          id,
          change: { kind: 'metric', metric: 'mttr', field: 'completedAt', startField: 'reportedAt' },
        },
      ],
      state,
    );
    expect(toReportDefinition(state).measures).toEqual([
      { key: 'mttr', metric: 'mttr', field: 'completedAt', startField: 'reportedAt' },
    ]);
    state = run([{ type: 'removeMeasure', id }], state);
    expect(state.sort).toBeUndefined();
  });

  it('round-trips a saved report, formulas and nested filters included', () => {
    const saved: ReportDefinition = {
      key: 'costPerOrder',
      label: { 'zh-CN': '单均成本', en: 'Cost per order' },
      entity: 'workOrder',
      chart: { type: 'bar', options: { showValues: true } },
      dimensions: [{ field: 'room.building' }],
      measures: [
        { key: 'orders', label: { 'zh-CN': '工单', en: 'Orders' }, aggregate: 'count' },
        { key: 'cost', aggregate: 'sum', field: 'cost', hidden: true } as never,
        { key: 'per', formula: { '/': [{ var: 'cost' }, { var: 'orders' }] } },
      ],
      filter: {
        and: [{ '==': [{ var: 'record.status' }, 'closed'] }, { or: [{ '>': [{ var: 'cost' }, 0] }] }],
      },
      sort: [{ by: 'per', direction: 'desc' }],
      limit: 5,
      drill: ['room'],
    };
    const state = fromReportDefinition(saved);
    expect(state.filters).toMatchObject([{ field: 'status', operator: '==', value: 'closed' }]);
    const again = toReportDefinition(state);
    expect(again.measures[2]).toEqual(saved.measures[2]);
    expect(again.measures[0]).toEqual(saved.measures[0]);
    expect(again.filter).toEqual({
      and: [{ or: [{ '>': [{ var: 'cost' }, 0] }] }, { '==': [{ var: 'status' }, 'closed'] }],
    });
    expect(again.chart).toEqual(saved.chart);
    // Editing a loaded measure keeps its key: formulas name it.
    const edited = designerReducer(state, {
      type: 'updateMeasure',
      id: state.measures[0]!.id,
      change: { aggregate: 'distinctCount', field: 'room' },
    });
    expect(edited.measures[0]!.key).toBe('orders');
  });

  it('keeps a measure shown as a percentage, and leaves the format off a built-in metric', () => {
    const saved: ReportDefinition = {
      key: 'fixShare',
      label: { 'zh-CN': '一次修复率', en: 'First-time fix' },
      entity: 'workOrder',
      chart: { type: 'kpi' },
      dimensions: [],
      measures: [
        { key: 'share', aggregate: 'avg', field: 'firstVisitFix', format: 'percent' },
        { key: 'ratio', formula: { '/': [{ var: 'share' }, 2] }, format: 'percent' },
      ],
    };
    const state = fromReportDefinition(saved);
    expect(toReportDefinition(state).measures).toEqual(saved.measures);
    const id = state.measures[0]!.id;
    const unticked = designerReducer(state, { type: 'updateMeasure', id, change: { format: undefined } });
    expect(toReportDefinition(unticked).measures[0]).toEqual({
      key: 'share',
      aggregate: 'avg',
      field: 'firstVisitFix',
    });
    const metric = designerReducer(state, {
      type: 'updateMeasure',
      id,
      change: { kind: 'metric', metric: 'firstTimeFix' },
    });
    expect(toReportDefinition(metric).measures[0]).not.toHaveProperty('format');
  });

  it('keeps a default period with its period field, and drops it when the field goes', () => {
    const saved: ReportDefinition = {
      key: 'doneThisMonth',
      label: { 'zh-CN': '本月完工' },
      entity: 'workOrder',
      chart: { type: 'kpi' },
      dimensions: [],
      measures: [{ key: 'orders', aggregate: 'count' }],
      periodField: 'reportedAt',
      defaultPeriod: 'thisMonth',
    };
    const state = fromReportDefinition(saved);
    expect(toReportDefinition(state)).toMatchObject({
      periodField: 'reportedAt',
      defaultPeriod: 'thisMonth',
    });
    const cleared = designerReducer(state, { type: 'periodField', field: undefined });
    expect(toReportDefinition(cleared)).not.toHaveProperty('defaultPeriod');
    expect(toReportDefinition(cleared)).not.toHaveProperty('periodField');
  });

  it('derives keys from labels and clears fields when the entity changes', () => {
    expect(keyFromText('Rent income — by month!')).toBe('rentIncomeByMonth');
    expect(keyFromText('各月报修')).toBe('report');
    const state = run([
      { type: 'addDimension', field: 'category', date: false },
      { type: 'entity', entity: 'room' },
    ]);
    expect(state.dimensions).toEqual([]);
    expect(state.entity).toBe('room');
  });

  it('puts server errors next to the control their path names', () => {
    const state = run([
      { type: 'addDimension', field: 'category', date: false },
      { type: 'addMeasure', numeric: false },
      { type: 'addMeasure', field: 'cost', numeric: true },
    ]);
    const errors = errorsByControl(state, [
      { path: 'report.dimensions[0].field', message: 'unknown field' },
      { path: 'measures[1].field', message: 'not a number' },
      { path: 'filter.==[1]', message: 'bad value' },
      { path: 'chart.type', message: 'needs two measures' },
      { path: 'options.drill[0]', message: 'drill' },
      { path: 'entity', message: 'no read' },
      { path: 'somewhere', message: 'else' },
    ]);
    expect(errors).toEqual({
      [`dimensions.${state.dimensions[0]!.id}`]: ['unknown field'],
      [`measures.${state.measures[1]!.id}`]: ['not a number'],
      filter: ['bad value'],
      chart: ['needs two measures'],
      drill: ['drill'],
      entity: ['no read'],
      report: ['else'],
    });
  });

  it('offers the entity fields and those one relation away', () => {
    const entities = [
      {
        key: 'room',
        label: { 'zh-CN': '房间' },
        fields: [
          { key: 'name', type: 'text', label: { 'zh-CN': '名' } },
          { key: 'photos', type: 'image', label: { 'zh-CN': '图' } },
        ],
      },
      {
        key: 'workOrder',
        label: { 'zh-CN': '工单' },
        fields: [{ key: 'room', type: 'relation', label: { 'zh-CN': '房间' }, relation: { entity: 'room' } }],
      },
    ] as unknown as AppDefinition['entities'];
    expect(paletteFields(entities, 'workOrder').map((entry) => entry.path)).toEqual(['room', 'room.name']);
  });
});
