// Micro-benchmark: 100 compiled rules evaluated on record-update events, against bare json-logic-js `apply`
// of the same conditions in the same run. Run `pnpm --filter @lowcode/rule-engine build` first.
// Prints BENCH lines: rules.eval_per_s, rules.jsonlogic_per_s, rules.eval.ratio (engine/bare, target ≥ 0.5)
// and rules.update_latency_us (what one record update costs with 100 rules active).
'use strict';
const jsonLogic = require('json-logic-js');
const { compileRule, prepareRuleData } = require('../dist');

const RULES = 100;
const EVENTS = 500;
const DURATION_MS = Number(process.env.BENCH_MS || 1000);
const STATUSES = ['unpaid', 'partial', 'paid', 'overdue'];

const field = (key, type, extra = {}) => ({ key, type, label: { 'zh-CN': key }, ...extra });
const app = {
  formatVersion: 1,
  key: 'bench',
  version: '1.0.0',
  label: { 'zh-CN': 'bench' },
  entities: [
    {
      key: 'bill',
      label: { 'zh-CN': '账单' },
      fields: [
        field('amount', 'money'),
        field('outstanding', 'number'),
        field('overdueDays', 'number'),
        field('status', 'select', {
          options: STATUSES.map((value) => ({ value, label: { 'zh-CN': value } })),
        }),
        field('building', 'text'),
        field('tags', 'multiSelect', { options: [{ value: 'vip', label: { 'zh-CN': 'vip' } }] }),
      ],
    },
  ],
  flows: [],
  rules: [],
  reports: [],
  dashboards: [],
  roles: [],
};

/** Rule i: a mix of the shapes real rules take (comparisons, in, and/or, old vs new, some over a list). */
function condition(i) {
  const v = (path) => ({ var: path });
  switch (i % 5) {
    case 0:
      return {
        and: [{ '>': [v('record.outstanding'), i * 50] }, { '>': [v('record.overdueDays'), i % 60] }],
      };
    case 1:
      return { in: [v('record.status'), [STATUSES[i % 4], STATUSES[(i + 1) % 4]]] };
    case 2:
      return {
        and: [{ '<': [v('record.amount'), v('old.amount')] }, { '==': [v('record.building'), `B${i % 10}`] }],
      };
    case 3:
      return {
        or: [
          { some: [v('record.tags'), { '==': [v(''), 'vip'] }] },
          { '>=': [v('record.amount'), 9000 - i] },
        ],
      };
    default:
      return { if: [{ '!': [v('old.status')] }, false, { '!=': [v('record.status'), v('old.status')] }] };
  }
}

const rules = [];
for (let i = 0; i < RULES; i += 1) {
  rules.push({
    key: `rule${i}`,
    label: { 'zh-CN': `规则 ${i}` },
    trigger: { type: 'fieldChanged', entity: 'bill', fields: ['amount', 'outstanding', 'status'] },
    condition: condition(i),
    actions: [
      {
        key: 'tell',
        type: 'notify',
        to: { type: 'role', role: 'finance' },
        channel: 'inApp',
        template: { 'zh-CN': 'x' },
      },
    ],
  });
}
const compiled = rules.map((rule) => compileRule(rule, app));

let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const bill = () => ({
  id: String(Math.floor(random() * 1e6)),
  amount: Math.round(random() * 10000),
  outstanding: Math.round(random() * 8000),
  overdueDays: Math.floor(random() * 90),
  status: STATUSES[Math.floor(random() * 4)],
  building: `B${Math.floor(random() * 10)}`,
  tags: random() > 0.8 ? ['vip'] : [],
});
const events = [];
for (let i = 0; i < EVENTS; i += 1) {
  const old = bill();
  const record = { ...bill(), id: old.id };
  events.push({
    type: 'updated',
    entity: 'bill',
    recordId: record.id,
    record,
    old,
    changes: [{ field: 'amount', from: old.amount, to: record.amount }],
    source: { kind: 'user' },
    depth: 0,
  });
}
const now = new Date('2026-03-15T01:00:00Z').toISOString();

function engineRound() {
  let evaluations = 0;
  let matched = 0;
  for (const event of events) {
    const data = prepareRuleData({ record: event.record, old: event.old, changes: event.changes, now });
    for (const rule of compiled) {
      if (!rule.matches(event)) continue;
      if (rule.evaluate(data).matched) matched += 1;
      evaluations += 1;
    }
  }
  return { evaluations, matched };
}

function bareRound() {
  let evaluations = 0;
  let matched = 0;
  for (const event of events) {
    const data = { record: event.record, old: event.old, changes: event.changes, now };
    for (const rule of rules) {
      if (jsonLogic.truthy(jsonLogic.apply(rule.condition, data))) matched += 1;
      evaluations += 1;
    }
  }
  return { evaluations, matched };
}

function measure(round) {
  let evaluations = 0;
  let matched = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < DURATION_MS) {
    const result = round();
    evaluations += result.evaluations;
    matched += result.matched;
    elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  }
  return { perSecond: (evaluations / elapsed) * 1000, matched, evaluations };
}

// Same verdicts, or the comparison means nothing.
const check = [engineRound(), bareRound()];
if (check[0].matched !== check[1].matched) throw new Error(`verdicts differ: ${JSON.stringify(check)}`);

measure(engineRound);
measure(bareRound); // warm-up
const engine = measure(engineRound);
const bare = measure(bareRound);
const latencyUs = (RULES / engine.perSecond) * 1e6;

console.log(`BENCH rules.eval_per_s ${Math.round(engine.perSecond)}`);
console.log(`BENCH rules.jsonlogic_per_s ${Math.round(bare.perSecond)}`);
console.log(`BENCH rules.eval.ratio ${(engine.perSecond / bare.perSecond).toFixed(3)}`);
console.log(`BENCH rules.update_latency_us ${latencyUs.toFixed(1)}`);
console.log(
  `# ${RULES} rules, ${EVENTS} update events, ${check[0].matched} of ${check[0].evaluations} evaluations matched per round`,
);
