// The four property rules of REQUIREMENTS §3 with hand-made data and a fake clock: 3rd consecutive bad
// rating, arrears over 30 days and 5,000, birthday greeting, stock below safety.
import { type RuleDefinition } from '@lowcode/app-model';
import {
  aggregateMatchValue,
  compileRule,
  dateRelativeWindow,
  explain,
  nextRuns,
  type RecordEvent,
} from '../src';
import { propertyApp } from './fixtures';

/** The environment clock the server would give the engine; the system clock is faked to a wrong year. */
const clock = { now: () => new Date('2026-03-15T01:30:00.000Z') }; // 09:30 in Shanghai
const TZ = 'Asia/Shanghai';
const v = (path: string) => ({ var: path });
const zh = (text: string) => ({ 'zh-CN': text });

beforeAll(() => jest.useFakeTimers({ now: new Date('1999-01-01T00:00:00Z') }));
afterAll(() => jest.useRealTimers());

function recordEvent(partial: Partial<RecordEvent> & Pick<RecordEvent, 'entity' | 'record'>): RecordEvent {
  return {
    type: 'updated',
    recordId: String(partial.record.id),
    changes: [],
    source: { kind: 'user' },
    depth: 0,
    ...partial,
  };
}

const badRatings: RuleDefinition = {
  key: 'consecutiveBadRatings',
  label: { 'zh-CN': '连续三次差评预警', en: 'Third consecutive bad rating' },
  trigger: { type: 'fieldChanged', entity: 'rating', fields: ['csat'] },
  condition: {
    and: [
      { '<=': [v('record.csat'), 2] },
      { '>=': [{ length: [v('aggregates.lastRatings')] }, 3] },
      {
        all: [
          { aggregate: { name: 'lastRatings', entity: 'rating', by: 'tenant', orderBy: '-createdAt', limit: 3, fn: 'values', field: 'csat' } }, // prettier-ignore
          { '<=': [v(''), 2] },
        ],
      },
    ],
  },
  actions: [
    { key: 'alertManager', type: 'notify', to: { type: 'role', role: 'projectManager' }, channel: 'inApp', template: zh('业主连续三次差评，请立即跟进') }, // prettier-ignore
    {
      key: 'careTask',
      type: 'createRecord',
      entity: 'careTask',
      values: {
        title: { cat: ['连续差评关怀：', v('record.tenant.name')] },
        tenant: v('record.tenant.id'),
        owner: v('record.tenant.butler'),
        reason: 'badRatings',
        risk: 'high',
      },
    },
    { key: 'managerTask', type: 'createTask', assignee: { type: 'role', role: 'projectManager' }, title: zh('重点客户关怀'), due: 'P1D' }, // prettier-ignore
  ],
};

describe('3rd consecutive bad rating', () => {
  const app = propertyApp([badRatings]);
  const compiled = compileRule(badRatings, app);
  const rating = { id: 'r9', csat: 1, tenant: { id: 't1', name: '王芳', butler: 'u7' } };
  const event = recordEvent({
    entity: 'rating',
    record: rating,
    changes: [{ field: 'csat', from: null, to: 1 }],
  });

  it('declares the last-3-ratings aggregate for the server to resolve', () => {
    expect(compiled.dataNeeds).toEqual([
      {
        name: 'lastRatings',
        entity: 'rating',
        fn: 'values',
        field: 'csat',
        match: { field: 'tenant', valuePath: 'record.tenant' },
        orderBy: { field: 'createdAt', direction: 'desc' },
        limit: 3,
      },
    ]);
    expect(aggregateMatchValue(compiled.dataNeeds[0]!, { record: rating })).toBe('t1');
  });

  it('matches csat changes only', () => {
    expect(compiled.matches(event)).toBe(true);
    expect(compiled.matches({ ...event, changes: [{ field: 'comment', from: '', to: 'x' }] })).toBe(false);
    expect(compiled.matches({ ...event, entity: 'bill' })).toBe(false);
  });

  it('fires on the third bad rating in a row with manager alert, care record and task', () => {
    const now = clock.now().toISOString();
    const verdict = compiled.evaluate({
      record: rating,
      changes: event.changes,
      aggregates: { lastRatings: [1, 2, 1] },
      now,
    });
    expect(verdict.matched).toBe(true);
    expect(verdict.read).toEqual({ 'record.csat': 1, 'aggregates.lastRatings': [1, 2, 1] });
    expect(verdict.actions.map((action) => action.type)).toEqual(['notify', 'createRecord', 'createTask']);
    expect(verdict.actions[1]).toMatchObject({
      entity: 'careTask',
      values: { title: '连续差评关怀：王芳', tenant: 't1', owner: 'u7', reason: 'badRatings', risk: 'high' },
      chain: [{ ruleKey: 'consecutiveBadRatings', recordId: 'r9' }],
    });
    expect(verdict.actions[2]).toMatchObject({ dueAt: '2026-03-16T01:30:00.000Z' });
    expect(explain(verdict, 'en')).toEqual([
      'Rule "Third consecutive bad rating (consecutiveBadRatings)" matched.',
      'Read record.csat = 1',
      'Read aggregates.lastRatings = [1,2,1]',
      'The condition gave true.',
      'Notify role projectManager by in-app message: "业主连续三次差评，请立即跟进"',
      'Create a careTask record: title = "连续差评关怀：王芳", tenant = "t1", owner = "u7", reason = "badRatings", risk = "high"',
      'Create task "重点客户关怀" for role projectManager, due 2026-03-16T01:30:00.000Z',
    ]);
    expect(explain(verdict, 'zh-CN')[0]).toBe('规则「连续三次差评预警 (consecutiveBadRatings)」条件成立。');
  });

  it.each([
    ['a good rating among the last three', [1, 4, 2]],
    ['only two ratings so far', [1, 2]],
  ])('does not fire with %s', (_name, lastRatings) => {
    const verdict = compiled.evaluate({
      record: rating,
      aggregates: { lastRatings },
      now: clock.now().toISOString(),
    });
    expect(verdict.matched).toBe(false);
    expect(verdict.actions).toEqual([]);
    expect(explain(verdict, 'zh-CN')[0]).toContain('条件不成立');
  });
});

const arrears: RuleDefinition = {
  key: 'arrearsToLegal',
  label: zh('欠费超 30 天且超 5000 元移交法务'),
  trigger: { type: 'dateRelative', entity: 'bill', field: 'dueDate', offsetDays: 31, at: '09:00' },
  condition: {
    and: [
      { in: [v('record.status'), ['unpaid', 'partial', 'overdue']] },
      { '>': [{ daysBetween: [v('record.dueDate'), { today: [] }] }, 30] },
      { '>': [v('record.outstanding'), 5000] },
    ],
  },
  actions: [
    { key: 'legalTodo', type: 'createTask', assignee: { type: 'role', role: 'legal' }, title: zh('评估法律催收'), due: 'P3D' }, // prettier-ignore
    { key: 'emailLegal', type: 'notify', to: { type: 'role', role: 'legal' }, channel: 'email', template: zh('账单逾期') }, // prettier-ignore
    { key: 'legalFlow', type: 'startFlow', flow: 'legalCase' },
  ],
};

describe('arrears over 30 days and 5,000', () => {
  const compiled = compileRule(arrears, propertyApp([arrears]));
  const bill = (outstanding: number, dueDate: string) => ({
    id: 'b1',
    status: 'overdue',
    outstanding,
    dueDate,
  });
  const now = clock.now().toISOString();

  it('selects bills due 31 days ago with one window per run', () => {
    expect(dateRelativeWindow(arrears.trigger as never, clock.now(), TZ)).toMatchObject({
      kind: 'range',
      from: '2026-02-12',
      to: '2026-02-12',
      runDates: ['2026-03-15'],
    });
    expect(compiled.matches({ type: 'tick', ruleKey: 'arrearsToLegal', at: clock.now() })).toBe(true);
    expect(compiled.matches({ type: 'tick', ruleKey: 'other', at: clock.now() })).toBe(false);
  });

  it('fires for 31 days and 5,001 and plans the legal to-do, e-mail and flow', () => {
    const verdict = compiled.evaluate({ record: bill(5001, '2026-02-12'), now });
    expect(verdict.matched).toBe(true);
    expect(verdict.actions.map((action) => action.type)).toEqual(['createTask', 'notify', 'startFlow']);
    expect(verdict.actions[2]).toMatchObject({ flow: 'legalCase', entity: 'bill', recordId: 'b1' });
    expect(verdict.actions[0]).toMatchObject({ dueAt: '2026-03-18T01:30:00.000Z' });
  });

  it.each([
    [5000, '2026-02-12'],
    [9000, '2026-02-13'],
  ])('does not fire for outstanding %d due %s', (outstanding, dueDate) => {
    expect(compiled.evaluate({ record: bill(outstanding, dueDate), now }).matched).toBe(false);
  });
});

const birthday: RuleDefinition = {
  key: 'birthdayGreeting',
  label: { 'zh-CN': '生日祝福', en: 'Birthday greeting' },
  trigger: { type: 'dateRelative', entity: 'tenant', field: 'birthday', offsetDays: 0, at: '09:00' },
  condition: {
    and: [
      { '==': [v('record.kind'), 'person'] },
      { '==': [{ substr: [{ dateOf: [v('record.birthday')] }, 5] }, { substr: [{ today: [] }, 5] }] },
    ],
  },
  actions: [
    { key: 'greet', type: 'notify', to: { type: 'field', field: 'account' }, channel: 'sms', template: zh('生日快乐！') }, // prettier-ignore
    { key: 'tellButler', type: 'notify', to: { type: 'field', field: 'butler' }, channel: 'inApp', template: zh('今天是业主生日') }, // prettier-ignore
  ],
};

describe('birthday greeting (yearly)', () => {
  const compiled = compileRule(birthday, propertyApp([birthday]));
  const trigger = birthday.trigger as Extract<RuleDefinition['trigger'], { type: 'dateRelative' }>;

  it('runs daily at 09:00 Shanghai and selects by month and day', () => {
    const runs = nextRuns(trigger, new Date('2026-03-14T00:00:00Z'), new Date('2026-03-16T00:00:00Z'), TZ);
    expect(runs.map((run) => run.toISOString())).toEqual([
      '2026-03-14T01:00:00.000Z',
      '2026-03-15T01:00:00.000Z',
    ]);
    expect(dateRelativeWindow(trigger, clock.now(), TZ)).toMatchObject({
      kind: 'monthDay',
      monthDays: ['03-15'],
    });
    // Before 09:00 today's run is not due yet: yesterday's run is the latest.
    expect(dateRelativeWindow(trigger, new Date('2026-03-15T00:30:00Z'), TZ)).toMatchObject({
      monthDays: ['03-14'],
    });
    // People born on Feb 29 are greeted on Feb 28 in other years.
    expect(dateRelativeWindow(trigger, new Date('2026-02-28T02:00:00Z'), TZ)).toMatchObject({
      monthDays: ['02-28', '02-29'],
    });
  });

  it('greets a person on the month and day, with the account and butler resolved', () => {
    const record = { id: 't1', kind: 'person', birthday: '1980-03-15', account: 'u1', butler: 'u7' };
    const verdict = compiled.evaluate({ record, now: clock.now().toISOString() });
    expect(verdict.matched).toBe(true);
    expect(verdict.actions).toMatchObject([
      { type: 'notify', channel: 'sms', to: { type: 'field', field: 'account', value: 'u1' } },
      { type: 'notify', channel: 'inApp', to: { type: 'field', field: 'butler', value: 'u7' } },
    ]);
    expect(
      compiled.evaluate({ record: { ...record, kind: 'company' }, now: clock.now().toISOString() }).matched,
    ).toBe(false);
    expect(
      compiled.evaluate({ record: { ...record, birthday: '1980-03-16' }, now: clock.now().toISOString() })
        .matched,
    ).toBe(false);
  });
});

const lowStock: RuleDefinition = {
  key: 'lowStock',
  label: { 'zh-CN': '低于安全库存提醒采购', en: 'Purchase reminder below safety stock' },
  trigger: { type: 'fieldChanged', entity: 'sparePart', fields: ['stock'] },
  condition: {
    and: [
      { '<': [v('record.stock'), v('record.safetyStock')] },
      { '>=': [v('old.stock'), v('old.safetyStock')] },
    ],
  },
  actions: [
    { key: 'purchaseTask', type: 'createTask', assignee: { type: 'role', role: 'projectManager' }, title: zh('备件采购'), due: 'P2D' }, // prettier-ignore
  ],
};

describe('stock below safety', () => {
  const compiled = compileRule(lowStock, propertyApp([lowStock]));
  const old = { id: 'p1', name: '水泵', stock: 5, safetyStock: 4 };
  const record = { ...old, stock: 3 };
  const event = recordEvent({
    entity: 'sparePart',
    record,
    old,
    changes: [{ field: 'stock', from: 5, to: 3 }],
  });

  it('fires once when the stock crosses the safety line', () => {
    expect(compiled.matches(event)).toBe(true);
    const verdict = compiled.evaluate({
      record,
      old,
      changes: event.changes,
      now: clock.now().toISOString(),
    });
    expect(verdict.matched).toBe(true);
    expect(verdict.read).toEqual({
      'record.stock': 3,
      'record.safetyStock': 4,
      'old.stock': 5,
      'old.safetyStock': 4,
    });
    expect(verdict.actions[0]).toMatchObject({ type: 'createTask', dueAt: '2026-03-17T01:30:00.000Z' });
  });

  it('stays quiet when already below, and ignores other field changes', () => {
    const lower = { ...record, stock: 2 };
    expect(compiled.evaluate({ record: lower, old: record, now: clock.now().toISOString() }).matched).toBe(
      false,
    );
    expect(compiled.matches({ ...event, changes: [{ field: 'name', from: 'a', to: 'b' }] })).toBe(false);
  });
});
