import { type ReportDefinition } from '@lowcode/app-model';
import { compileSharedScan, ReportError, sharedScanMembers } from '../src';
import { dataset, report } from './fixture';

const byCategory = report({
  entity: 'workOrder',
  dimensions: [{ field: 'category' }],
  measures: [
    { key: 'orders', aggregate: 'count' },
    { key: 'hours', aggregate: 'avg', field: 'hours' },
  ],
});
const byWeek = report({
  entity: 'workOrder',
  dimensions: [{ field: 'reportedAt', bucket: 'week' }],
  measures: [{ key: 'orders', aggregate: 'count' }],
});
const byMonth = report({
  entity: 'workOrder',
  dimensions: [{ field: 'reportedAt', bucket: 'month' }, { field: 'room.building' }],
  measures: [{ key: 'latest', aggregate: 'max', field: 'completedAt' }],
});
const median = report({
  entity: 'workOrder',
  dimensions: [{ field: 'category' }],
  measures: [{ key: 'hours', aggregate: 'median', field: 'hours' }],
});
const filtered = { ...byCategory, filter: { '==': [{ var: 'record.category' }, 'plumbing'] } };
const rooms = report({ entity: 'room', measures: [{ key: 'rooms', aggregate: 'count' }] });
const nps = report({
  entity: 'workOrder',
  measures: [{ key: 'nps', metric: 'nps', field: 'reopens' } as ReportDefinition['measures'][number]],
});

describe('sharedScanMembers', () => {
  const cards = [byCategory, median, byWeek, filtered, rooms, byMonth, nps];

  it('groups the reports over the same rows whose measures merge from partial groups', () => {
    expect(sharedScanMembers(cards, 0, dataset)).toEqual([0, 2, 5]);
    expect(sharedScanMembers(cards, 5, dataset)).toEqual([0, 2, 5]);
  });

  it('leaves out percentiles, built-in metrics, other entities and other filters', () => {
    expect(sharedScanMembers(cards, 1, dataset)).toBeUndefined();
    expect(sharedScanMembers(cards, 6, dataset)).toBeUndefined();
    expect(sharedScanMembers(cards, 4, dataset)).toBeUndefined();
    expect(sharedScanMembers(cards, 3, dataset)).toBeUndefined();
    expect(sharedScanMembers([...cards, filtered], 3, dataset)).toEqual([3, 7]);
  });

  it('leaves out a report with a comparison period, and one that does not compile', () => {
    const kpi = report({
      entity: 'workOrder',
      periodField: 'reportedAt',
      measures: [{ key: 'orders', aggregate: 'count' }],
    });
    const period = { period: { from: '2024-01-01', to: '2024-01-31' } };
    expect(sharedScanMembers([byCategory, kpi], 1, dataset, period)).toBeUndefined();
    expect(
      sharedScanMembers([kpi, { ...kpi, key: 'again' }], 0, dataset, { ...period, compare: 'previousYear' }),
    ).toBeUndefined();
    const broken = report({ entity: 'workOrder', measures: [{ key: 'x', aggregate: 'sum', field: 'nope' }] });
    expect(sharedScanMembers([byCategory, broken, byWeek], 0, dataset)).toEqual([0, 2]);
  });
});

describe('compileSharedScan', () => {
  it('groups once at the finest bucket every member can be cut from, and regroups for each', () => {
    const scan = compileSharedScan([byCategory, byWeek, byMonth], dataset, { timeZone: 'Asia/Shanghai' });
    const [grain] = scan.sql.split('\n)\nSELECT');
    // Weeks and months meet at days; the building's title comes along with its id.
    expect(grain).toMatch(/date_trunc\('day', r\."_created_at" AT TIME ZONE \$\d+::text\) AS "g1"/);
    expect(grain).not.toContain(`'week'`);
    expect(grain).toMatch(/GROUP BY 1, 2, 3, 4\b/);
    expect(scan.sql).toContain(`date_trunc('week', s."g1")`);
    expect(scan.sql).toContain(`date_trunc('month', s."g1")`);
    expect(scan.sql).toContain('(sum(s."p1") / NULLIF(sum(s."p2"), 0))');
    expect(scan.entities.sort()).toEqual(['building', 'room', 'workOrder']);
    expect(scan.params).toContain('Asia/Shanghai');
  });

  it('cuts months from months: no finer grain than the members need', () => {
    const quarterly = {
      ...byMonth,
      dimensions: [{ field: 'reportedAt', bucket: 'quarter' as const }],
    };
    const scan = compileSharedScan([byMonth, quarterly], dataset);
    expect(scan.sql).toMatch(/date_trunc\('month', r\."_created_at" AT TIME ZONE \$\d+::text\) AS "g0"/);
    expect(scan.sql).toContain(`date_trunc('quarter', s."g0")`);
  });

  it('splits its row into each member’s rows, in order, without the row numbers', () => {
    const scan = compileSharedScan([byCategory, byWeek], dataset);
    const rows = scan.read({
      grain: 7,
      m0: [{ category: 'a', orders: 2, hours: 1.5, '#': 1 }],
      m1: [
        { reportedAt: '2024-01-01', orders: 1, '#': 1 },
        { reportedAt: '2024-01-08', orders: 1, '#': 2 },
      ],
    });
    expect(rows).toEqual({
      grainGroups: 7,
      rows: [
        [{ category: 'a', orders: 2, hours: 1.5 }],
        [
          { reportedAt: '2024-01-01', orders: 1 },
          { reportedAt: '2024-01-08', orders: 1 },
        ],
      ],
    });
  });

  it('refuses reports that read other rows or whose measures do not merge', () => {
    expect(() => compileSharedScan([byCategory, filtered], dataset)).toThrow(ReportError);
    expect(() => compileSharedScan([byCategory, median], dataset)).toThrow(/do not merge/);
  });

  it('keeps every value a parameter', () => {
    const hostile = `x'); DROP TABLE "room"; --`;
    const scan = compileSharedScan([byCategory, byWeek], dataset, {
      filters: { category: [hostile] },
      timeZone: 'Asia/Shanghai',
    });
    expect(scan.sql).not.toContain('DROP');
    expect(scan.params).toContainEqual([hostile]);
  });
});
