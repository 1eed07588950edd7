// Evaluation of compiled rules: rules without conditions, planned update/webhook actions with chains,
// aggregates that must be resolved first.
import { compileRule, RuleEvaluationError } from '../src';
import { NOW, propertyApp, rule } from './fixtures';

const app = propertyApp();
const updated = { type: 'recordUpdated', entity: 'bill' } as const;
const aggregate = (spec: Record<string, unknown>) => ({
  '>': [{ aggregate: { name: 'n', entity: 'rating', fn: 'count', ...spec } }, 0],
});

describe('evaluation and planning', () => {
  it('treats a rule without condition as always matching and plans update, webhook and flow', () => {
    const definition = rule({
      trigger: updated,
      actions: [
        { key: 'mark', type: 'updateRecord', values: { status: { if: [{ '>': [{ var: 'record.outstanding' }, 0] }, 'overdue', 'paid'] } } }, // prettier-ignore
        { key: 'hook', type: 'webhook', url: 'https://example.com/hook', headers: { 'X-A': '1' } },
      ],
    });
    const verdict = compileRule(definition, app).evaluate(
      { record: { id: 7, outstanding: 10 }, now: NOW },
      { chain: [{ ruleKey: 'other', recordId: '3' }] },
    );
    expect(verdict.matched).toBe(true);
    expect(verdict.result).toBe(true);
    expect(verdict.actions[0]).toMatchObject({
      type: 'updateRecord',
      entity: 'bill',
      recordId: '7',
      values: { status: 'overdue' },
    });
    expect(verdict.actions[1]).toMatchObject({
      type: 'webhook',
      method: 'POST',
      headers: { 'X-A': '1' },
      body: { rule: 'testRule', action: 'hook', now: NOW, record: { id: 7, outstanding: 10 } },
      chain: [
        { ruleKey: 'other', recordId: '3' },
        { ruleKey: 'testRule', recordId: '7' },
      ],
    });
  });

  it('refuses to evaluate when a declared aggregate was not resolved', () => {
    const definition = rule({
      trigger: { type: 'recordUpdated', entity: 'tenant' },
      condition: {
        '>': [
          { aggregate: { name: 'ratings', entity: 'rating', by: 'tenant', fn: 'avg', field: 'csat' } },
          3,
        ],
      },
    });
    const compiled = compileRule(definition, app);
    expect(compiled.dataNeeds[0]?.match).toEqual({ field: 'tenant', valuePath: 'record.id' });
    expect(() => compiled.evaluate({ record: { id: 't1' }, now: NOW })).toThrow(RuleEvaluationError);
    expect(compiled.evaluate({ record: { id: 't1' }, aggregates: { ratings: 3.5 }, now: NOW }).matched).toBe(
      true,
    );
  });

  it('passes a where filter through to the aggregate need', () => {
    const where = { and: [{ '<=': [{ var: 'csat' }, 2] }, { contains: [{ var: 'comment' }, '漏水'] }] };
    const compiled = compileRule(rule({ trigger: updated, condition: aggregate({ where }) }), app);
    expect(compiled.dataNeeds[0]).toEqual({ name: 'n', entity: 'rating', fn: 'count', where });
  });
});
