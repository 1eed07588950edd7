import { type AppDefinition, type ReportDefinition } from '@lowcode/app-model';
import { loadPropertyTemplate } from '../src';

const app: AppDefinition = loadPropertyTemplate();
const report = (key: string) => app.reports.find((candidate) => candidate.key === key)!;

/** The conditions a filter requires of every row: itself, or each part of a top-level `and`. */
function conditions(filter: unknown): unknown[] {
  if (filter && typeof filter === 'object' && 'and' in filter) return (filter as { and: unknown[] }).and;
  return filter === undefined ? [] : [filter];
}

const isVar = (node: unknown, field: string) =>
  JSON.stringify(node) === JSON.stringify({ var: `record.${field}` });

/** Whether the filter keeps only rows whose `field` is not `value`. */
function excludes(report: ReportDefinition, field: string, value: unknown): boolean {
  return conditions(report.filter).some((condition) => {
    const operands = (condition as Record<string, unknown[]>)['!='];
    return Array.isArray(operands) && isVar(operands[0], field) && operands[1] === value;
  });
}

/** Whether the filter keeps only rows with a value in `field` (`!!`, or `!= null` where 0 counts). */
function requiresValue(report: ReportDefinition, field: string): boolean {
  return conditions(report.filter).some((condition) => {
    const record = condition as Record<string, unknown[]>;
    if (Array.isArray(record['!!'])) return isVar(record['!!'][0], field);
    return excludes({ ...report, filter: condition }, field, null);
  });
}

describe("the property template's report filters", () => {
  it('leaves deposits out of every report of bill income: a deposit is refunded, not earned', () => {
    const income = app.reports.filter(
      (candidate) =>
        candidate.entity === 'bill' &&
        candidate.measures.some((measure) => ['amount', 'paidAmount'].includes(measure.field ?? '')),
    );
    expect(income.map((candidate) => candidate.key).sort()).toEqual([
      'collectionRate',
      'collectionRateByProject',
      'incomeByType',
      'rentIncomeByMonth',
      'rentIncomeByQuarter',
    ]);
    for (const candidate of income)
      expect({ report: candidate.key, excludesDeposits: excludes(candidate, 'type', 'deposit') }).toEqual({
        report: candidate.key,
        excludesDeposits: true,
      });
  });

  it('ranks only records that have a value in each ranked field: no "(empty)" among the top N', () => {
    const rankings = app.reports.filter((candidate) => candidate.limit && candidate.sort?.length);
    expect(rankings.map((candidate) => candidate.key)).toEqual(
      expect.arrayContaining(['lowestScoring', 'staffRanking', 'repairCategoryRanking']),
    );
    for (const ranking of rankings) {
      const entity = app.entities.find((candidate) => candidate.key === ranking.entity)!;
      for (const dimension of ranking.dimensions) {
        const field = entity.fields.find((candidate) => candidate.key === dimension.field.split('.')[0]);
        if (!field || ('required' in field && field.required)) continue;
        expect({
          report: ranking.key,
          field: dimension.field,
          guarded: requiresValue(ranking, dimension.field),
        }).toEqual({ report: ranking.key, field: dimension.field, guarded: true });
      }
    }
  });

  it('rates community × category only over answers about a category (periodic surveys have none)', () => {
    expect(requiresValue(report('lowestScoring'), 'category')).toBe(true);
    expect(conditions(report('lowestScoring').filter)).toContainEqual({
      '==': [{ var: 'record.status' }, 'answered'],
    });
  });
});
