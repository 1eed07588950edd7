import { runReportInMemory } from '../src';
import { dataset, report, rows } from './fixture';

const run = (definition: Parameters<typeof report>[0], options = {}) =>
  runReportInMemory(report(definition), rows, { dataset, ...options }).rows;

describe('built-in metrics on numbers worked out by hand', () => {
  it('NPS: (4 promoters − 3 detractors) / 9 responses', () => {
    const [row] = run({ entity: 'rating', measures: [{ key: 'nps', metric: 'nps', field: 'nps' }] });
    expect(row!.nps).toBeCloseTo((100 * (4 - 3)) / 9, 10);
  });

  it('CSAT: 6 of 9 ratings are 4 or 5; with threshold 5, 3 of 9', () => {
    expect(
      run({ entity: 'rating', measures: [{ key: 'csat', metric: 'csat', field: 'csat' }] })[0]!.csat,
    ).toBeCloseTo((100 * 6) / 9, 10);
    expect(
      run({ entity: 'rating', measures: [{ key: 'csat', metric: 'csat', field: 'csat', threshold: 5 }] })[0]!
        .csat,
    ).toBeCloseTo((100 * 3) / 9, 10);
  });

  it('CES: the mean of 1..9 is 5', () => {
    expect(run({ entity: 'rating', measures: [{ key: 'ces', metric: 'ces', field: 'ces' }] })[0]!.ces).toBe(
      5,
    );
  });

  it('MTTR: (2 + 4 + 6 + 10 + 20) / 5 hours; the open order has no end and does not count', () => {
    const [row] = run({
      entity: 'workOrder',
      measures: [{ key: 'mttr', metric: 'mttr', startField: 'reportedAt', field: 'completedAt' }],
    });
    expect(row!.mttr).toBeCloseTo(42 / 5, 10);
  });

  it('first-time fix rate from a yes/no field (3 of 4 answered) or a reopen count (3 of 5 at zero)', () => {
    const [byFlag] = run({
      entity: 'workOrder',
      measures: [{ key: 'ftf', metric: 'firstTimeFix', field: 'firstFix' }],
    });
    const [byReopens] = run({
      entity: 'workOrder',
      measures: [{ key: 'ftf', metric: 'firstTimeFix', reopenField: 'reopens' }],
    });
    expect(byFlag!.ftf).toBe(75);
    expect(byReopens!.ftf).toBe(60);
  });

  it('occupancy: 2 of 4 live rooms leased (the deleted room is left out); per building 50% and 50%', () => {
    const occupancy = { key: 'occupancy', metric: 'occupancy' as const, field: 'status', values: ['leased'] };
    expect(run({ entity: 'room', measures: [occupancy] })[0]!.occupancy).toBe(50);
    expect(run({ entity: 'room', dimensions: [{ field: 'building' }], measures: [occupancy] })).toEqual([
      { building: rows.building![0]!.id, 'building#label': 'A栋', occupancy: 50 },
      { building: rows.building![1]!.id, 'building#label': 'B栋', occupancy: 50 },
    ]);
  });

  it('rent collection rate: 1800 paid of 2500 due', () => {
    const [row] = run({
      entity: 'bill',
      measures: [{ key: 'rate', metric: 'collectionRate', field: 'paid', dueField: 'due' }],
    });
    expect(row!.rate).toBe(72);
  });

  it('percentiles interpolate like percentile_cont: hours 2, 4, 6, 10, 20', () => {
    const [row] = run({
      entity: 'workOrder',
      measures: [
        { key: 'median', aggregate: 'median', field: 'hours' },
        { key: 'p90', aggregate: 'p90', field: 'hours' },
        { key: 'p25', aggregate: 'percentile', p: 0.25, field: 'hours' },
      ],
    });
    expect(row).toEqual({ median: 6, p90: 16, p25: 4 });
  });

  it('derived metrics divide with NULLIF semantics: a zero denominator gives no value', () => {
    const result = run({
      entity: 'bill',
      dimensions: [{ field: 'periodStart', bucket: 'month' }],
      measures: [
        { key: 'paid', aggregate: 'sum', field: 'paid', hidden: true },
        { key: 'due', aggregate: 'sum', field: 'due' },
        { key: 'share', formula: { '/': [{ var: 'paid' }, { '-': [{ var: 'due' }, 1000] }] } },
      ],
    });
    expect(result).toEqual([
      { periodStart: '2024-01-01', due: 1000, share: null },
      { periodStart: '2024-02-01', due: 1500, share: 2 },
    ]);
  });

  it('groups by a path through two relations, with date buckets in a time zone', () => {
    const result = run(
      {
        entity: 'workOrder',
        dimensions: [{ field: 'room.building' }, { field: 'reportedAt', bucket: 'month' }],
        measures: [{ key: 'orders', aggregate: 'count' }],
      },
      { timeZone: 'Asia/Shanghai' },
    );
    // 2024-01-31T20:00Z is 1 February in Shanghai.
    expect(result.map((row) => [row['room.building#label'], row.reportedAt, row.orders])).toEqual([
      ['A栋', '2024-02-01', 3],
      ['B栋', '2024-03-01', 2],
      [null, '2024-03-01', 1],
    ]);
  });

  it('compares a period with the one before', () => {
    const result = runReportInMemory(
      report({
        entity: 'workOrder',
        periodField: 'reportedAt',
        measures: [{ key: 'orders', aggregate: 'count' }],
      }),
      rows,
      { dataset, period: { from: '2024-03-01', to: '2024-03-31' }, compare: 'previousPeriod' },
    );
    expect(result.rows).toEqual([{ orders: 3 }]);
    expect(result.previousRows).toEqual([{ orders: 3 }]); // 31 days before: 30 Jan – 29 Feb
  });
});
