import { type AppDefinition } from '@lowcode/app-model';
import { loadPropertyTemplate } from '../src';

const app: AppDefinition = loadPropertyTemplate();

/** Reports of the present: the dashboard's time range does not apply to them, and their cards say so. */
const SNAPSHOTS = [
  'arrearsAging', // what is owed now, however old: a range would hide the oldest debts
  'churnRisk', // open care tasks
  'depositBalance', // deposits held now
  'lowStockParts',
  'maintenanceDue', // active plans and their next due date
  'myBillsDue', // what a tenant owes now, however old
  'myOpenBills',
  'myOpenOrders',
  'occupancyByProject',
  'occupancyRate',
  'ordersByStatus', // open orders, however old
  'projectMap',
  'roomStatus',
  'roomStatusByBuilding',
  'roomStatusByFloor',
  'vacantByUnitType',
];

describe("the property template's reports and the dashboard time range", () => {
  it('names the date each time-based report is filtered on; only reports of the present have none', () => {
    const without = app.reports.filter((report) => !report.periodField).map((report) => report.key);
    expect(without.sort()).toEqual([...SNAPSHOTS].sort());
    for (const report of app.reports.filter((candidate) => candidate.periodField)) {
      const entity = app.entities.find((candidate) => candidate.key === report.entity)!;
      const field = entity.fields.find((candidate) => candidate.key === report.periodField);
      expect({ report: report.key, type: field?.type }).toEqual({
        report: report.key,
        type: expect.stringMatching(/^(date|datetime)$/),
      });
    }
  });

  it('filters a chart over time on the date its axis shows', () => {
    for (const report of app.reports) {
      const axis = report.dimensions.find((dimension) => dimension.bucket);
      if (axis)
        expect({ report: report.key, periodField: report.periodField }).toEqual({
          report: report.key,
          periodField: axis.field,
        });
    }
  });

  it('reads work orders by when they were reported, ratings by when they were given, bills by due date', () => {
    const periodOf = (key: string) => app.reports.find((report) => report.key === key)?.periodField;
    expect(periodOf('mttr')).toBe('reportedAt');
    expect(periodOf('slaBreaches')).toBe('reportedAt');
    expect(periodOf('staffRanking')).toBe('reportedAt');
    expect(periodOf('npsGauge')).toBe('answeredAt');
    expect(periodOf('lowestScoring')).toBe('answeredAt');
    // 收缴率 is "received ÷ receivable of the bills due in the period" (its own description).
    expect(periodOf('collectionRate')).toBe('dueDate');
    expect(periodOf('collectionRateByProject')).toBe('dueDate');
    expect(periodOf('paymentsByMethod')).toBe('paidAt');
  });
});
