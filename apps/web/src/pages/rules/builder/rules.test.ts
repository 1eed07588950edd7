import type { AppDefinition, RuleTrigger } from '@lowcode/app-model';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import i18n from '../../../i18n';
import { conditionFields, jsonLogicToQuery, operatorsFor, queryToJsonLogic } from './conditionQuery';
import { issuesOfRule } from './ruleDraft';
import { cronToPreset, describeCron, presetToCron, type SchedulePreset } from './schedule';
import { describeTrigger } from './triggerText';

const app = JSON.parse(
  readFileSync(resolve(__dirname, '../../../../../../packages/app-model/examples/small-app.json'), 'utf8'),
) as AppDefinition;
const workOrder = app.entities.find((entity) => entity.key === 'workOrder')!;
const fields = conditionFields(workOrder, 'zh-CN');

describe('condition ↔ builder query', () => {
  const conditions: [string, unknown][] = [
    ['a comparison', { '<=': [{ var: 'record.rating' }, 2] }],
    [
      'nested and/or',
      {
        and: [
          { '==': [{ var: 'record.status' }, 'done'] },
          {
            or: [
              { contains: [{ var: 'record.title' }, '漏水'] },
              { startsWith: [{ var: 'record.title' }, '电梯'] },
            ],
          },
        ],
      },
    ],
    ['in a list', { in: [{ var: 'record.category' }, ['plumbing', 'electrical']] }],
    ['not in', { '!': { in: [{ var: 'record.category' }, ['other']] } }],
    ['empty', { in: [{ var: 'record.technician' }, [null, '']] }],
    ['not empty on a list', { '!': { '==': [{ length: [{ var: 'record.photos' }] }, 0] } }],
    [
      'a negated group',
      {
        '!': {
          or: [{ '>': [{ var: 'record.cost' }, 1000] }, { '!=': [{ var: 'record.status' }, 'closed'] }],
        },
      },
    ],
  ];
  it.each(conditions)('round-trips %s', (_, logic) => {
    const parsed = jsonLogicToQuery(logic, fields);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(queryToJsonLogic(parsed.query, fields)).toEqual(logic);
  });

  it('maps fields to record.<key> and writes numbers for numeric fields', () => {
    expect(fields.find((field) => field.name === 'record.rating')?.label).toBe(
      workOrder.fields.find((field) => field.key === 'rating')!.label['zh-CN'],
    );
    const logic = queryToJsonLogic(
      { combinator: 'and', rules: [{ field: 'record.rating', operator: '<=', value: '2' }] },
      fields,
    );
    expect(logic).toEqual({ '<=': [{ var: 'record.rating' }, 2] });
  });

  it('offers select options as values and operators by type', () => {
    const status = fields.find((field) => field.name === 'record.status')!;
    expect(status.values?.map((option) => (option as { name: string }).name)).toEqual([
      'submitted',
      'dispatched',
      'done',
      'closed',
    ]);
    const rating = fields.find((field) => field.name === 'record.rating')!;
    expect(operatorsFor(rating.kind)).toContain('<=');
    expect(operatorsFor(rating.kind)).not.toContain('contains');
    expect(operatorsFor(status.kind)).toContain('in');
  });

  it('refuses what the builder cannot show instead of dropping it', () => {
    expect(
      jsonLogicToQuery({ '<=': [{ daysBetween: [{ today: [] }, { var: 'record.due' }] }, 7] }, fields).ok,
    ).toBe(false);
    expect(jsonLogicToQuery({ '==': [{ var: 'record.nope' }, 1] }, fields).ok).toBe(false);
    expect(
      jsonLogicToQuery({ and: [{ '==': [{ var: 'record.status' }, 'done'] }, { '+': [1, 2] }] }, fields).ok,
    ).toBe(false);
  });

  it('has no condition for an empty builder', () => {
    expect(queryToJsonLogic({ combinator: 'and', rules: [] }, fields)).toBeUndefined();
    expect(jsonLogicToQuery(undefined, fields)).toEqual({
      ok: true,
      query: { combinator: 'and', rules: [] },
    });
  });
});

describe('schedule presets ↔ cron', () => {
  const cases: [SchedulePreset, string][] = [
    [{ kind: 'daily', time: '09:00' }, '0 9 * * *'],
    [{ kind: 'weekdays', time: '09:00' }, '0 9 * * 1-5'],
    [{ kind: 'weekly', weekday: 1, time: '08:30' }, '30 8 * * 1'],
    [{ kind: 'monthly', day: 1, time: '10:00' }, '0 10 1 * *'],
    [{ kind: 'hourly', every: 4 }, '0 */4 * * *'],
    [{ kind: 'hourly', every: 1 }, '0 * * * *'],
  ];
  it.each(cases)('%j ↔ %s', (preset, cron) => {
    expect(presetToCron(preset)).toBe(cron);
    expect(cronToPreset(cron)).toEqual(preset);
  });

  it('keeps anything else as a custom cron', () => {
    expect(cronToPreset('*/15 8-18 * * 1-5')).toEqual({ kind: 'custom', cron: '*/15 8-18 * * 1-5' });
    expect(cronToPreset('0 9 * 1 *')).toEqual({ kind: 'custom', cron: '0 9 * 1 *' });
  });

  it('reads the cron in both languages and reports a bad one', () => {
    expect(describeCron('0 9 * * 1-5', 'en')).toEqual({ ok: true, text: 'At 09:00, Monday through Friday' });
    const zh = describeCron('0 9 * * 1-5', 'zh-CN');
    expect(zh.ok && zh.text).toMatch(/09:00.*星期一至星期五/);
    expect(describeCron('61 9 * * *', 'en').ok).toBe(false);
  });
});

describe('trigger descriptions', () => {
  const zh = i18n.getFixedT('zh-CN');
  const en = i18n.getFixedT('en');
  const fieldChanged: RuleTrigger = {
    type: 'fieldChanged',
    entity: 'workOrder',
    fields: ['rating', 'status'],
  };
  const dateRelative: RuleTrigger = {
    type: 'dateRelative',
    entity: 'contract',
    field: 'endDate',
    offsetDays: -7,
    at: '09:00',
  };

  it('says them in Chinese', () => {
    expect(describeTrigger(fieldChanged, app, 'zh-CN', zh)).toBe('工单的评分、状态变化时');
    expect(describeTrigger(dateRelative, app, 'zh-CN', zh)).toBe('合同.结束日期前 7 天的 09:00');
    expect(describeTrigger({ type: 'recordCreated', entity: 'workOrder' }, app, 'zh-CN', zh)).toBe(
      '新建工单时',
    );
  });

  it('says them in English', () => {
    expect(describeTrigger(fieldChanged, app, 'en', en)).toBe('When Rating, Status of a Work order changes');
    expect(describeTrigger(dateRelative, app, 'en', en)).toBe('7 days before Contract.End date at 09:00');
    expect(describeTrigger({ ...dateRelative, offsetDays: 1 }, app, 'en', en)).toBe(
      '1 day after Contract.End date at 09:00',
    );
    expect(describeTrigger({ type: 'schedule', cron: '30 8 * * 1' }, app, 'en', en)).toBe(
      'At 08:30, only on Monday',
    );
  });
});

describe('server problems at their controls', () => {
  it('picks the rule’s issues and names the section', () => {
    const issues = issuesOfRule(
      [
        { path: '$.rules[2].actions[0].to.role', message: 'unknown role' },
        { path: '$.rules[2].condition', message: 'bad field' },
        { path: 'rules.myRule.trigger.fields[0]', message: 'no such field' },
        { path: '$.rules[1].condition', message: 'another rule' },
      ],
      2,
      'myRule',
    );
    expect(issues.map((issue) => issue.section)).toEqual(['actions.0', 'condition', 'trigger']);
  });
});
