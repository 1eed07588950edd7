// compileRule: typed errors naming the place, caching per rule content, trigger matching, action planning.
import { type RuleDefinition } from '@lowcode/app-model';
import { RuleCompileError, compileRule, type RecordEvent } from '../src';
import { propertyApp, rule } from './fixtures';

const app = propertyApp();
const updated = { type: 'recordUpdated', entity: 'bill' } as const;

function compileError(definition: RuleDefinition): RuleCompileError {
  try {
    compileRule(definition, app);
  } catch (error) {
    if (error instanceof RuleCompileError) return error;
    throw error;
  }
  throw new Error('expected a RuleCompileError');
}

const aggregate = (spec: Record<string, unknown>) => ({
  '>': [{ aggregate: { name: 'n', entity: 'rating', fn: 'count', ...spec } }, 0],
});

describe('compile errors', () => {
  it.each<[string, Partial<RuleDefinition> & Pick<RuleDefinition, 'trigger'>, string, string]>([
    [
      'an unknown entity',
      { trigger: { type: 'recordCreated', entity: 'nope' } },
      'unknownEntity',
      'rules.testRule.trigger.entity',
    ],
    [
      'an unknown changed field',
      { trigger: { type: 'fieldChanged', entity: 'bill', fields: ['nope'] } },
      'unknownField',
      'rules.testRule.trigger.fields.0',
    ],
    [
      'an unknown flow',
      { trigger: { type: 'flowEvent', flow: 'nope', event: 'taskOverdue' } },
      'unknownFlow',
      'rules.testRule.trigger.flow',
    ],
    [
      'a bad cron',
      { trigger: { type: 'schedule', cron: '61 * * * *' } },
      'invalidCron',
      'rules.testRule.trigger.cron',
    ],
    [
      'a cron with 4 fields',
      { trigger: { type: 'schedule', cron: '* * * *' } },
      'invalidCron',
      'rules.testRule.trigger.cron',
    ],
    [
      'a bad time zone',
      { trigger: { type: 'schedule', cron: '0 9 * * *', timezone: 'Mars/Base' } },
      'invalidTimeZone',
      'rules.testRule.trigger.timezone',
    ],
    [
      'a non-date field',
      { trigger: { type: 'dateRelative', entity: 'bill', field: 'amount', offsetDays: 0 } },
      'unknownField',
      'rules.testRule.trigger.field',
    ],
    [
      'a bad time',
      { trigger: { type: 'dateRelative', entity: 'bill', field: 'dueDate', offsetDays: 0, at: '25:00' } },
      'invalidTime',
      'rules.testRule.trigger.at',
    ],
    [
      'a fractional offset',
      { trigger: { type: 'dateRelative', entity: 'bill', field: 'dueDate', offsetDays: 1.5 } },
      'invalidOffset',
      'rules.testRule.trigger.offsetDays',
    ],
    [
      'an unknown record field',
      { trigger: updated, condition: { var: 'record.nope' } },
      'unknownField',
      'rules.testRule.condition',
    ],
    [
      'an unknown data root',
      { trigger: updated, condition: { var: 'user.id' } },
      'unknownField',
      'rules.testRule.condition',
    ],
    [
      'record in a scheduled rule',
      { trigger: { type: 'schedule', cron: '0 9 * * *' }, condition: { var: 'record.amount' } },
      'noRecord',
      'rules.testRule.condition',
    ],
    [
      'method',
      { trigger: updated, condition: { method: ['x', 'toString'] } },
      'logicForbiddenOperation',
      'rules.testRule.condition',
    ],
    [
      'an aggregate with an unknown fn',
      { trigger: updated, condition: aggregate({ fn: 'median' }) },
      'invalidAggregate',
      'rules.testRule.condition.aggregate',
    ],
    [
      'an aggregate without field',
      { trigger: updated, condition: aggregate({ fn: 'sum' }) },
      'unknownField',
      'rules.testRule.condition.aggregate.field',
    ],
    [
      'values without limit',
      { trigger: updated, condition: aggregate({ fn: 'values', field: 'csat' }) },
      'invalidAggregate',
      'rules.testRule.condition.aggregate',
    ],
    [
      'a where with SQL-unfriendly ops',
      { trigger: updated, condition: aggregate({ where: { map: [[], 1] } }) },
      'invalidAggregate',
      'rules.testRule.condition.aggregate',
    ],
    [
      'a where on an unknown field',
      { trigger: updated, condition: aggregate({ where: { '==': [{ var: 'nope' }, 1] } }) },
      'unknownField',
      'rules.testRule.condition.aggregate.where',
    ],
    [
      'an unknown aggregate property',
      { trigger: updated, condition: aggregate({ sql: 'x' }) },
      'invalidAggregate',
      'rules.testRule.condition.aggregate',
    ],
    [
      'a by without a matching record field',
      { trigger: { type: 'recordUpdated', entity: 'sparePart' }, condition: aggregate({ by: 'tenant' }) },
      'invalidAggregate',
      'rules.testRule.condition.aggregate',
    ],
    [
      'updateRecord in a scheduled rule',
      {
        trigger: { type: 'schedule', cron: '0 9 * * *' },
        actions: [{ key: 'u', type: 'updateRecord', values: {} }],
      },
      'noRecord',
      'rules.testRule.actions.u.values',
    ],
    [
      'createRecord with an unknown field',
      {
        trigger: updated,
        actions: [{ key: 'c', type: 'createRecord', entity: 'careTask', values: { nope: 1 } }],
      },
      'unknownField',
      'rules.testRule.actions.c.values.nope',
    ],
    [
      'a bad due',
      {
        trigger: updated,
        actions: [
          {
            key: 't',
            type: 'createTask',
            assignee: { type: 'role', role: 'x' },
            title: { 'zh-CN': 't' },
            due: '3 days',
          },
        ],
      },
      'invalidDuration',
      'rules.testRule.actions.t.due',
    ],
    [
      'a non-http webhook',
      { trigger: updated, actions: [{ key: 'w', type: 'webhook', url: 'file:///etc/passwd' }] },
      'invalidUrl',
      'rules.testRule.actions.w.url',
    ],
    [
      'unsafe value templates',
      {
        trigger: updated,
        actions: [
          {
            key: 'c',
            type: 'createRecord',
            entity: 'careTask',
            values: { title: { var: 'record.__proto__' } },
          },
        ],
      },
      'logicForbiddenPath',
      'rules.testRule.actions.c.values.title',
    ],
  ])('refuses %s', (_name, partial, code, path) => {
    const error = compileError(rule(partial));
    expect(error.code).toBe(code);
    expect(error.path).toBe(path);
    expect(error.render('zh-CN')).not.toMatch(/\{\w+\}/);
    expect(error.render('en')).not.toMatch(/\{\w+\}/);
  });

  it('refuses a time zone option it does not know', () => {
    expect(() => compileRule(rule({ trigger: updated }), app, { timeZone: 'Nowhere/Town' })).toThrow(
      RuleCompileError,
    );
  });
});

describe('caching', () => {
  it('returns the same compiled rule for the same content on the same app', () => {
    const definition = rule({ trigger: updated, condition: { '>': [{ var: 'record.amount' }, 1] } });
    const first = compileRule(definition, app);
    expect(compileRule(JSON.parse(JSON.stringify(definition)) as RuleDefinition, app)).toBe(first);
    expect(compileRule({ ...definition, condition: { '>': [{ var: 'record.amount' }, 2] } }, app)).not.toBe(
      first,
    );
    expect(compileRule(definition, propertyApp())).not.toBe(first);
    expect(compileRule(definition, app, { timeZone: 'UTC' })).not.toBe(first);
  });
});

describe('trigger matching', () => {
  const event = (partial: Partial<RecordEvent>): RecordEvent => ({
    type: 'updated',
    entity: 'bill',
    recordId: '1',
    record: { id: '1' },
    changes: [{ field: 'amount', from: 1, to: 2 }],
    source: { kind: 'user' },
    depth: 0,
    ...partial,
  });
  const matches = (
    trigger: RuleDefinition['trigger'],
    e: Parameters<ReturnType<typeof compileRule>['matches']>[0],
  ) => compileRule(rule({ trigger }), app).matches(e);

  it.each<[string, RuleDefinition['trigger'], Partial<RecordEvent>, boolean]>([
    ['created on created', { type: 'recordCreated', entity: 'bill' }, { type: 'created' }, true],
    ['created on updated', { type: 'recordCreated', entity: 'bill' }, {}, false],
    ['updated on updated', updated, {}, true],
    ['updated on a save without changes', updated, { changes: [] }, false],
    ['updated on another entity', updated, { entity: 'tenant' }, false],
    ['deleted on deleted', { type: 'recordDeleted', entity: 'bill' }, { type: 'deleted' }, true],
    ['deleted on restored', { type: 'recordDeleted', entity: 'bill' }, { type: 'restored' }, false],
    ['fieldChanged on a create setting the field', { type: 'fieldChanged', entity: 'bill', fields: ['amount'] }, { type: 'created' }, true], // prettier-ignore
    [
      'fieldChanged on a delete',
      { type: 'fieldChanged', entity: 'bill', fields: ['amount'] },
      { type: 'deleted' },
      false,
    ],
  ])('%s', (_name, trigger, partial, expected) => {
    expect(matches(trigger, event(partial))).toBe(expected);
  });

  it('matches flow events by flow and event', () => {
    const trigger = { type: 'flowEvent', flow: 'legalCase', event: 'instanceEnded' } as const;
    const flowEvent = {
      type: 'flow' as const,
      flow: 'legalCase',
      event: 'instanceEnded' as const,
      instanceId: 'i1',
      entity: 'bill',
      recordId: '1',
      record: {},
      source: { kind: 'flow' as const },
      depth: 0,
    };
    expect(matches(trigger, flowEvent)).toBe(true);
    expect(matches(trigger, { ...flowEvent, event: 'taskOverdue' })).toBe(false);
    expect(compileRule(rule({ trigger }), app).entity).toBe('bill');
  });
});
