import { type Loose, example, mutated } from '../test/fixtures';
import { type AppModelIssue, validateAppDefinition } from './index';

const label = { 'zh-CN': '测试', en: 'Test' };

function errorsOf(input: unknown, locale: 'en' | 'zh-CN' = 'en'): AppModelIssue[] {
  const result = validateAppDefinition(input, { locale });
  return result.ok ? [] : result.errors;
}

describe('validateAppDefinition: the example app', () => {
  it('accepts the example without errors or warnings', () => {
    const result = validateAppDefinition(example());
    expect(result).toEqual({ ok: true, app: example(), warnings: [] });
  });

  it("accepts an escalation to the overdue assignees' manager", () => {
    const app = mutated((a) => {
      a.flows[0].nodes[1].sla.escalate = { to: { type: 'manager', of: 'assignee', level: 2 }, after: 'PT1H' };
    });
    expect(validateAppDefinition(app)).toMatchObject({ ok: true, warnings: [] });
  });

  it('accepts a relation that fills fields of the same kind from the picked record', () => {
    const app = mutated((a) => {
      a.entities[3].fields[1].relation.fill = { deposit: 'area' };
      a.entities[4].fields[2].relation.fill = { title: 'code' };
    });
    expect(validateAppDefinition(app)).toMatchObject({ ok: true, warnings: [] });
  });

  it('accepts a picker filter over the offered record and this form', () => {
    const app = mutated((a) => {
      a.entities[3].fields[1].relation.pickFilter = {
        and: [
          { '==': [{ var: 'record.status' }, 'vacant'] },
          { '>=': [{ var: 'record.area' }, { var: 'form.rent' }] },
        ],
      };
    });
    expect(validateAppDefinition(app)).toMatchObject({ ok: true, warnings: [] });
  });

  it('does not modify its input', () => {
    const input = mutated((app) => {
      app.entities[0].fields[0].type = 'nope';
      app.flows[0].nodes[1].sla.due = 'soon';
    });
    const before = JSON.stringify(input);
    validateAppDefinition(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('rejects a non-object document with one clear error', () => {
    expect(errorsOf(42)).toEqual([
      {
        path: '$',
        code: 'schema.type',
        message: 'The document must be an object',
        params: { property: '', expected: 'object' },
      },
    ]);
    expect(errorsOf(null, 'zh-CN')[0]?.message).toBe('文档 必须是对象');
  });
});

type Case = [name: string, change: (app: Loose) => void, path: string, code: string, count?: number];

const structuralCases: Case[] = [
  ['required (top level)', (a) => delete a.label, '$.label', 'schema.required'],
  [
    'required (nested)',
    (a) => delete a.entities[0].fields[0].label,
    '$.entities[0].fields[0].label',
    'schema.required',
  ],
  [
    'required (type-specific option)',
    (a) => delete a.entities[1].fields[1].relation,
    '$.entities[1].fields[1].relation',
    'schema.required',
  ],
  ['type', (a) => (a.version = 1), '$.version', 'schema.type'],
  [
    'type (boolean)',
    (a) => (a.entities[0].fields[0].required = 'yes'),
    '$.entities[0].fields[0].required',
    'schema.type',
  ],
  [
    'enum (field type via discriminator)',
    (a) => (a.entities[2].fields[5].type = 'mail'),
    '$.entities[2].fields[5].type',
    'schema.enum',
  ],
  [
    'enum (node type via discriminator)',
    (a) => (a.flows[0].nodes[3].type = 'approvel'),
    '$.flows[0].nodes[3].type',
    'schema.enum',
  ],
  [
    'enum (assignee type)',
    (a) => (a.flows[0].nodes[3].assignee = { type: 'robot' }),
    '$.flows[0].nodes[3].assignee.type',
    'schema.enum',
  ],
  [
    'enum (plain)',
    (a) => (a.roles[1].permissions[0].actions[0] = 'fly'),
    '$.roles[1].permissions[0].actions[0]',
    'schema.enum',
  ],
  [
    'enum (measure format)',
    (a) => (a.reports[0].measures[0].format = 'percentage'),
    '$.reports[0].measures[0].format',
    'schema.enum',
  ],
  ['enum (chart type)', (a) => (a.reports[0].chart.type = 'donut'), '$.reports[0].chart.type', 'schema.enum'],
  ['const', (a) => (a.formatVersion = 2), '$.formatVersion', 'schema.const'],
  [
    'pattern: key',
    (a) => (a.entities[2].fields[5].key = 'E-mail'),
    '$.entities[2].fields[5].key',
    'schema.invalidKey',
  ],
  ['pattern: version', (a) => (a.version = '1.0'), '$.version', 'schema.invalidVersion'],
  [
    'pattern: colour',
    (a) => (a.entities[1].fields[5].options[0].color = 'blue!'),
    '$.entities[1].fields[5].options[0].color',
    'schema.invalidColor',
  ],
  [
    'pattern: currency',
    (a) => (a.entities[3].fields[5].currency = 'cny'),
    '$.entities[3].fields[5].currency',
    'schema.invalidCurrency',
  ],
  ['pattern: time', (a) => (a.rules[1].trigger.at = '9am'), '$.rules[1].trigger.at', 'schema.invalidTime'],
  [
    'pattern: cron',
    (a) => (a.rules[1].trigger = { type: 'schedule', cron: 'daily' }),
    '$.rules[1].trigger.cron',
    'schema.invalidCron',
  ],
  [
    'format: duration',
    (a) => (a.flows[0].nodes[1].sla.due = '4 hours'),
    '$.flows[0].nodes[1].sla.due',
    'schema.invalidDuration',
  ],
  [
    'format: date',
    (a) => (a.entities[3].fields[3].minDate = '2024/01/01'),
    '$.entities[3].fields[3].minDate',
    'schema.invalidDate',
  ],
  [
    'format: uri',
    (a) => a.rules[0].actions.push({ key: 'hook', type: 'webhook', url: 'not a url' }),
    '$.rules[0].actions[2].url',
    'schema.invalidUri',
  ],
  [
    'additionalProperties',
    (a) => (a.entities[0].colour = 'red'),
    '$.entities[0].colour',
    'schema.unknownProperty',
  ],
  [
    'additionalProperties (option of another type)',
    (a) => (a.entities[0].fields[0].options = []),
    '$.entities[0].fields[0].options',
    'schema.unknownProperty',
  ],
  ['additionalProperties (top level)', (a) => (a.extra = true), '$.extra', 'schema.unknownProperty'],
  ['minLength', (a) => (a.label['zh-CN'] = ''), "$.label['zh-CN']", 'schema.minLength'],
  ['minimum', (a) => (a.entities[4].fields[9].max = 0), '$.entities[4].fields[9].max', 'schema.minimum'],
  ['maximum', (a) => (a.entities[4].fields[9].max = 11), '$.entities[4].fields[9].max', 'schema.maximum'],
  [
    'exclusiveMinimum',
    (a) => (a.entities[1].fields[7].maxSizeMb = 0),
    '$.entities[1].fields[7].maxSizeMb',
    'schema.exclusiveMinimum',
  ],
  ['minItems', (a) => (a.rules[0].actions = []), '$.rules[0].actions', 'schema.minItems'],
  [
    'uniqueItems',
    (a) => (a.roles[1].permissions[1].actions = ['read', 'read']),
    '$.roles[1].permissions[1].actions',
    'schema.uniqueItems',
  ],
  [
    'oneOf (timer needs exactly one of duration / untilField)',
    (a) =>
      a.flows[0].nodes.push({
        key: 'wait',
        type: 'timer',
        label,
        duration: 'PT1H',
        untilField: 'reportedAt',
      }),
    '$.flows[0].nodes[6]',
    'schema.oneOf',
  ],
  [
    'dependencies (offset needs untilField)',
    (a) => a.flows[0].nodes.push({ key: 'wait', type: 'timer', label, duration: 'PT1H', offset: 'PT1H' }),
    '$.flows[0].nodes[6].offset',
    'schema.dependencies',
  ],
];

const semanticCases: Case[] = [
  ['duplicate entity', (a) => a.entities.push({ ...a.entities[0] }), '$.entities[5].key', 'duplicateKey'],
  [
    'duplicate field',
    (a) => a.entities[1].fields.push({ key: 'code', type: 'text', label }),
    '$.entities[1].fields[8].key',
    'duplicateKey',
  ],
  [
    'duplicate sub-table column',
    (a) => a.entities[2].fields[6].fields.push({ key: 'name', type: 'text', label }),
    '$.entities[2].fields[6].fields[3].key',
    'duplicateKey',
  ],
  [
    'duplicate validation',
    (a) => a.entities[3].validations.push(a.entities[3].validations[0]),
    '$.entities[3].validations[1].key',
    'duplicateKey',
  ],
  ['duplicate flow', (a) => a.flows.push(a.flows[0]), '$.flows[1].key', 'duplicateKey'],
  [
    'duplicate node',
    (a) => a.flows[0].nodes.push({ key: 'end', type: 'end', label }),
    '$.flows[0].nodes[6].key',
    'duplicateKey',
  ],
  [
    'duplicate edge',
    (a) => a.flows[0].edges.push({ ...a.flows[0].edges[0] }),
    '$.flows[0].edges[6].key',
    'duplicateKey',
  ],
  ['duplicate rule', (a) => a.rules.push(a.rules[1]), '$.rules[2].key', 'duplicateKey'],
  [
    'duplicate action',
    (a) => a.rules[0].actions.push(a.rules[0].actions[0]),
    '$.rules[0].actions[2].key',
    'duplicateKey',
  ],
  ['duplicate report', (a) => a.reports.push(a.reports[1]), '$.reports[3].key', 'duplicateKey'],
  [
    'duplicate measure',
    (a) => a.reports[0].measures.push(a.reports[0].measures[0]),
    '$.reports[0].measures[2].key',
    'duplicateKey',
  ],
  ['duplicate dashboard', (a) => a.dashboards.push(a.dashboards[0]), '$.dashboards[1].key', 'duplicateKey'],
  [
    'duplicate dashboard item',
    (a) => a.dashboards[0].items.push(a.dashboards[0].items[0]),
    '$.dashboards[0].items[3].key',
    'duplicateKey',
  ],
  [
    'duplicate dashboard filter',
    (a) => a.dashboards[0].filters.push(a.dashboards[0].filters[0]),
    '$.dashboards[0].filters[1].key',
    'duplicateKey',
  ],
  ['duplicate role', (a) => a.roles.push(a.roles[0]), '$.roles[2].key', 'duplicateKey'],
  [
    'duplicate seed _key',
    (a) => a.seed.building.push({ _key: 'b1', name: 'x', code: 'B9' }),
    '$.seed.building[2]._key',
    'duplicateKey',
  ],
  [
    'formula options on a number result',
    (a) =>
      a.entities[2].fields.push({
        key: 'band',
        type: 'formula',
        label,
        resultType: 'number',
        expression: 1,
        options: [{ value: '1', label }],
      }),
    '$.entities[2].fields[7].options',
    'formulaOptionsNeedText',
  ],
  [
    'duplicate formula option value',
    (a) =>
      a.entities[2].fields.push({
        key: 'band',
        type: 'formula',
        label,
        resultType: 'text',
        expression: 'a',
        options: [
          { value: 'a', label },
          { value: 'a', label },
        ],
      }),
    '$.entities[2].fields[7].options[1].value',
    'duplicateOption',
  ],
  [
    'duplicate option value',
    (a) => a.entities[2].fields[1].options.push({ value: 'person', label }),
    '$.entities[2].fields[1].options[2].value',
    'duplicateOption',
  ],
  [
    'duplicate permission entity',
    (a) => a.roles[1].permissions.push({ entity: 'tenant', actions: ['export'] }),
    '$.roles[1].permissions[2].entity',
    'duplicatePermission',
  ],
  [
    'relation target',
    (a) => (a.entities[1].fields[1].relation.entity = 'ghost'),
    '$.entities[1].fields[1].relation.entity',
    'unknownEntity',
    2,
  ], // + building's rollup now has no back-relation,
  ['titleField', (a) => (a.entities[0].titleField = 'title'), '$.entities[0].titleField', 'unknownField'],
  [
    'list field',
    (a) => (a.entities[0].listFields = [a.entities[0].fields[0].key, 'title']),
    '$.entities[0].listFields[1]',
    'unknownField',
  ],
  [
    'relation fill into an unknown field',
    (a) => (a.entities[3].fields[1].relation.fill = { ghost: 'area' }),
    '$.entities[3].fields[1].relation.fill.ghost',
    'unknownField',
  ],
  [
    'relation fill from an unknown field',
    (a) => (a.entities[3].fields[1].relation.fill = { deposit: 'ghost' }),
    '$.entities[3].fields[1].relation.fill.deposit',
    'unknownField',
  ],
  [
    'relation fill into a computed field',
    (a) => (a.entities[3].fields[1].relation.fill = { yearlyRent: 'area' }),
    '$.entities[3].fields[1].relation.fill.yearlyRent',
    'fillComputed',
  ],
  [
    'relation fill of another kind of value',
    (a) => (a.entities[3].fields[1].relation.fill = { startDate: 'area' }),
    '$.entities[3].fields[1].relation.fill.startDate',
    'fillTypeMismatch',
  ],
  [
    'picker filter on a field the linked entity lacks',
    (a) => (a.entities[3].fields[1].relation.pickFilter = { '==': [{ var: 'record.ghost' }, 1] }),
    "$.entities[3].fields[1].relation.pickFilter['=='][0].var",
    'unknownField',
  ],
  [
    'picker filter on a field this form lacks',
    (a) =>
      (a.entities[3].fields[1].relation.pickFilter = {
        '==': [{ var: 'record.code' }, { var: 'form.ghost' }],
      }),
    "$.entities[3].fields[1].relation.pickFilter['=='][1].var",
    'unknownField',
  ],
  [
    'picker filter reading neither the offered record nor the form',
    (a) => (a.entities[3].fields[1].relation.pickFilter = { '==': [{ var: 'user.id' }, 1] }),
    "$.entities[3].fields[1].relation.pickFilter['=='][0].var",
    'pickFilterVar',
  ],
  [
    'relation fill through a multiple relation',
    (a) => {
      a.entities[3].fields[1].relation.multiple = true;
      a.entities[3].fields[1].relation.fill = { deposit: 'area' };
    },
    '$.entities[3].fields[1].relation.fill',
    'fillMultipleRelation',
  ],
  [
    'lookup target field',
    (a) => (a.entities[1].fields[2].lookup.field = 'nickname'),
    '$.entities[1].fields[2].lookup.field',
    'unknownField',
  ],
  [
    'lookup relation must exist',
    (a) => (a.entities[1].fields[2].lookup.relation = 'tower'),
    '$.entities[1].fields[2].lookup.relation',
    'unknownField',
  ],
  [
    'lookup through a non-relation',
    (a) => (a.entities[4].fields[3].lookup.relation = 'title'),
    '$.entities[4].fields[3].lookup.relation',
    'lookupNotRelation',
  ],
  [
    'rollup entity',
    (a) => (a.entities[0].fields[4].rollup.entity = 'flat'),
    '$.entities[0].fields[4].rollup.entity',
    'unknownEntity',
  ],
  [
    'rollup back-relation',
    (a) => (a.entities[0].fields[4].rollup.relation = 'code'),
    '$.entities[0].fields[4].rollup.relation',
    'rollupNotBackRelation',
  ],
  [
    'rollup sum needs a field',
    (a) => (a.entities[0].fields[4].rollup.aggregate = 'sum'),
    '$.entities[0].fields[4].rollup',
    'aggregateNeedsField',
  ],
  [
    'computed field required',
    (a) => (a.entities[3].fields[0].required = true),
    '$.entities[3].fields[0].required',
    'computedRequired',
  ],
  [
    'auto-number token',
    (a) => (a.entities[3].fields[0].pattern = 'HT-{YYYYY}-{seq:6}'),
    '$.entities[3].fields[0].pattern',
    'autoNumberToken',
  ],
  [
    'auto-number sequence',
    (a) => (a.entities[3].fields[0].pattern = 'HT-{YYYY}'),
    '$.entities[3].fields[0].pattern',
    'autoNumberSeq',
  ],
  [
    'auto-number date field',
    (a) => (a.entities[3].fields[0].dateField = 'rent'),
    '$.entities[3].fields[0].dateField',
    'autoNumberDateField',
  ],
  [
    'auto-number unknown date field',
    (a) => (a.entities[3].fields[0].dateField = 'signedOn'),
    '$.entities[3].fields[0].dateField',
    'unknownField',
  ],
  [
    'manager in a rule',
    (a) => (a.rules[0].actions[0].to = { type: 'manager' }),
    '$.rules[0].actions[0].to.type',
    'ruleManager',
  ],
  [
    'manager level',
    (a) =>
      (a.flows[0].nodes.find((node: { assignee?: unknown }) => node.assignee).assignee = {
        type: 'manager',
        level: 9,
      }),
    '$.flows[0].nodes[1].assignee.level',
    'schema.maximum',
  ],
  [
    'a new-record form without a required field',
    (a) => (a.entities[0].createFields = ['code']),
    '$.entities[0].createFields',
    'createFieldsMissRequired',
  ],
  [
    'a new-record form naming an unknown field',
    (a) => (a.entities[0].createFields = ['name', 'code', 'nope']),
    '$.entities[0].createFields[2]',
    'unknownField',
  ],
  [
    "the assignees' manager outside an escalation",
    (a) => (a.flows[0].nodes[1].assignee = { type: 'manager', of: 'assignee' }),
    '$.flows[0].nodes[1].assignee.of',
    'managerOfAssigneeOutsideEscalation',
  ],
  [
    'document placeholder',
    (a) =>
      (a.entities[3].documents = [
        { key: 'lease', label, body: '# 租赁合同\n编号 {合同编号}，房间 {room}，押金 {保证金}' },
      ]),
    '$.entities[3].documents[0].body',
    'documentUnknownField',
  ],
  [
    'document format',
    (a) => (a.entities[3].documents = [{ key: 'lease', label, body: '租金 {rent|大写字}' }]),
    '$.entities[3].documents[0].body',
    'documentUnknownFormat',
  ],
  [
    'document format of no amount',
    (a) => (a.entities[3].documents = [{ key: 'lease', label, body: '房间 {room|大写}' }]),
    '$.entities[3].documents[0].body',
    'documentFormatNotAmount',
  ],
  [
    'a user field limited to a role the app lacks',
    (a) => (a.entities[1].fields[6].roles = ['manager', 'gardener']),
    '$.entities[1].fields[6].roles[1]',
    'unknownRole',
  ],
  [
    'a default sort by no field',
    (a) => (a.entities[3].defaultSort = '-signedOn'),
    '$.entities[3].defaultSort',
    'unknownField',
  ],
  [
    'document section of no field',
    (a) => (a.entities[3].documents = [{ key: 'lease', label, body: '{#免租期}免租{/免租期}' }]),
    '$.entities[3].documents[0].body',
    'documentUnknownField',
  ],
  [
    'document section left open',
    (a) => (a.entities[3].documents = [{ key: 'lease', label, body: '{#rent}月租金 {rent}' }]),
    '$.entities[3].documents[0].body',
    'documentUnclosedSection',
  ],
  [
    'document section closed out of turn',
    (a) => (a.entities[3].documents = [{ key: 'lease', label, body: '{^deposit}x{/rent}{/deposit}' }]),
    '$.entities[3].documents[0].body',
    'documentUnopenedSection',
  ],
  [
    'text pattern regex',
    (a) => (a.entities[0].fields[1].pattern = '([A-Z'),
    '$.entities[0].fields[1].pattern',
    'invalidRegex',
  ],
  ['min above max', (a) => (a.entities[0].fields[3].min = 500), '$.entities[0].fields[3].min', 'minAboveMax'],
  [
    'status transition option',
    (a) => (a.entities[1].fields[5].transitions[0].to = 'sold'),
    '$.entities[1].fields[5].transitions[0].to',
    'unknownOption',
  ],
  [
    'select default option',
    (a) => (a.entities[2].fields[1].defaultValue = 'alien'),
    '$.entities[2].fields[1].defaultValue',
    'unknownOption',
  ],
  [
    'validation fields',
    (a) => (a.entities[3].validations[0].fields = ['finish']),
    '$.entities[3].validations[0].fields[0]',
    'unknownField',
  ],
  [
    'validation condition var',
    (a) => (a.entities[3].validations[0].condition['>'][0].var = 'record.finish'),
    "$.entities[3].validations[0].condition['>'][0].var",
    'unknownField',
  ],
  [
    'formula var',
    (a) => (a.entities[3].fields[8].expression['*'][0].var = 'record.price'),
    "$.entities[3].fields[8].expression['*'][0].var",
    'unknownField',
  ],
  ['flow entity', (a) => (a.flows[0].entity = 'ticket'), '$.flows[0].entity', 'unknownEntity'],
  [
    'node form field',
    (a) => a.flows[0].nodes[1].form.editable.push('nope'),
    '$.flows[0].nodes[1].form.editable[2]',
    'unknownField',
  ],
  [
    'node form required field that is not editable',
    (a) => (a.flows[0].nodes[1].form.required = [a.flows[0].nodes[1].form.visible[0]]),
    '$.flows[0].nodes[1].form.required[0]',
    'requiredNotEditable',
  ],
  [
    'auto-dispatch match field',
    (a) => (a.flows[0].nodes[1].assignee.match.category = 'kind'),
    '$.flows[0].nodes[1].assignee.match.category',
    'unknownField',
  ],
  [
    'assignee role',
    (a) => (a.flows[0].nodes[3].assignee.role = 'boss'),
    '$.flows[0].nodes[3].assignee.role',
    'unknownRole',
  ],
  [
    'fallback assignee role',
    (a) => (a.flows[0].nodes[3].assigneeFallback = { type: 'role', role: 'boss' }),
    '$.flows[0].nodes[3].assigneeFallback.role',
    'unknownRole',
  ],
  [
    'notify field assignee',
    (a) => (a.flows[0].nodes[4].action.to.field = 'owner'),
    '$.flows[0].nodes[4].action.to.field',
    'unknownField',
  ],
  [
    'create-record values',
    (a) =>
      (a.flows[0].nodes[4].action = { type: 'createRecord', entity: 'tenant', values: { nickname: 'x' } }),
    '$.flows[0].nodes[4].action.values.nickname',
    'unknownField',
  ],
  [
    'sub-flow',
    (a) => (a.flows[0].nodes[4].action = { type: 'subFlow', flow: 'survey' }),
    '$.flows[0].nodes[4].action.flow',
    'unknownFlow',
  ],
  [
    'timer field',
    (a) => {
      a.flows[0].nodes.push({ key: 'wait', type: 'timer', label, untilField: 'due' });
      a.flows[0].edges.push(
        { key: 'toWait', from: 'notifyTenant', to: 'wait' },
        { key: 'waited', from: 'wait', to: 'end' },
      );
    },
    '$.flows[0].nodes[6].untilField',
    'unknownField',
  ],
  ['edge endpoint', (a) => (a.flows[0].edges[0].to = 'dispatcher'), '$.flows[0].edges[0].to', 'unknownNode'],
  [
    'edge condition var',
    (a) => (a.flows[0].edges[2].condition['>'][0].var = 'record.price'),
    "$.flows[0].edges[2].condition['>'][0].var",
    'unknownField',
  ],
  [
    'no start node',
    (a) => {
      a.flows[0].nodes.splice(0, 1);
      a.flows[0].edges.splice(0, 1);
    },
    '$.flows[0].nodes',
    'flowNoStart',
  ],
  [
    'two start nodes',
    (a) => a.flows[0].nodes.push({ key: 'start2', type: 'start', label }),
    '$.flows[0].nodes',
    'flowMultipleStarts',
  ],
  [
    'no end node',
    (a) => {
      a.flows[0].nodes.splice(5, 1);
      a.flows[0].edges.splice(5, 1);
    },
    '$.flows[0].nodes',
    'flowNoEnd',
  ],
  [
    'edge into start',
    (a) => a.flows[0].edges.push({ key: 'loop', from: 'notifyTenant', to: 'start' }),
    '$.flows[0].edges[6].to',
    'startHasIncoming',
  ],
  [
    'edge out of end',
    (a) => a.flows[0].edges.push({ key: 'again', from: 'end', to: 'dispatch' }),
    '$.flows[0].edges[6].from',
    'endHasOutgoing',
  ],
  [
    'condition outside a gateway',
    (a) => (a.flows[0].edges[0].condition = true),
    '$.flows[0].edges[0].condition',
    'conditionOutsideGateway',
  ],
  [
    'default outside a gateway',
    (a) => (a.flows[0].edges[0].default = true),
    '$.flows[0].edges[0].default',
    'conditionOutsideGateway',
  ],
  [
    'exclusive gateway without default',
    (a) => {
      delete a.flows[0].edges[3].default;
      a.flows[0].edges[3].condition = { '<=': [{ var: 'record.cost' }, 500] };
    },
    '$.flows[0].nodes[2]',
    'gatewayDefaultMissing',
  ],
  [
    'gateway with two defaults',
    (a) => (a.flows[0].edges[2].default = true),
    '$.flows[0].nodes[2]',
    'gatewayDefaultMultiple',
  ],
  [
    'gateway edge without condition',
    (a) => delete a.flows[0].edges[2].condition,
    '$.flows[0].edges[2]',
    'gatewayEdgeNeedsCondition',
  ],
  [
    'rule trigger entity',
    (a) => (a.rules[1].trigger.entity = 'lease'),
    '$.rules[1].trigger.entity',
    'unknownEntity',
  ],
  [
    'rule trigger fields',
    (a) => a.rules[0].trigger.fields.push('score'),
    '$.rules[0].trigger.fields[1]',
    'unknownField',
  ],
  [
    'rule trigger date field',
    (a) => (a.rules[1].trigger.field = 'expiry'),
    '$.rules[1].trigger.field',
    'unknownField',
  ],
  [
    'rule condition old.<field>',
    (a) => (a.rules[0].condition['<='][0].var = 'old.score'),
    "$.rules[0].condition['<='][0].var",
    'unknownField',
  ],
  [
    'rule flow event',
    (a) => (a.rules[1].trigger = { type: 'flowEvent', flow: 'survey', event: 'taskOverdue' }),
    '$.rules[1].trigger.flow',
    'unknownFlow',
  ],
  [
    'rule start flow',
    (a) => a.rules[1].actions.push({ key: 'go', type: 'startFlow', flow: 'survey' }),
    '$.rules[1].actions[1].flow',
    'unknownFlow',
  ],
  [
    'rule create record entity',
    (a) => a.rules[1].actions.push({ key: 'mk', type: 'createRecord', entity: 'memo', values: {} }),
    '$.rules[1].actions[1].entity',
    'unknownEntity',
  ],
  [
    'scheduled rule reading a record',
    (a) => {
      a.rules[1].trigger = { type: 'schedule', cron: '0 9 * * *' };
      a.rules[1].condition = { var: 'record.endDate' };
    },
    '$.rules[1].condition.var',
    'ruleNoRecord',
  ],
  [
    'scheduled rule updating a record',
    (a) => {
      a.rules[1].trigger = { type: 'schedule', cron: '0 9 * * *' };
      a.rules[1].actions.push({ key: 'mark', type: 'updateRecord', values: { status: 'x' } });
    },
    '$.rules[1].actions[1].values',
    'ruleNoRecord',
  ],
  [
    'time zone',
    (a) => (a.rules[1].trigger = { type: 'schedule', cron: '0 9 * * *', timezone: 'Mars/Olympus' }),
    '$.rules[1].trigger.timezone',
    'invalidTimezone',
  ],
  ['report entity', (a) => (a.reports[0].entity = 'ticket'), '$.reports[0].entity', 'unknownEntity'],
  [
    'report dimension',
    (a) => (a.reports[0].dimensions[0].field = 'kind'),
    '$.reports[0].dimensions[0].field',
    'unknownField',
  ],
  [
    'report measure field',
    (a) => (a.reports[0].measures[1].field = 'price'),
    '$.reports[0].measures[1].field',
    'unknownField',
  ],
  [
    'measure needs field',
    (a) => delete a.reports[0].measures[1].field,
    '$.reports[0].measures[1]',
    'aggregateNeedsField',
  ],
  [
    'measure needs number',
    (a) => (a.reports[0].measures[1].field = 'title'),
    '$.reports[0].measures[1].field',
    'aggregateNeedsNumber',
  ],
  [
    'bucket needs date',
    (a) => (a.reports[0].dimensions[0].bucket = 'month'),
    '$.reports[0].dimensions[0].bucket',
    'bucketNeedsDate',
  ],
  ['sort key', (a) => (a.reports[0].sort[0].by = 'total'), '$.reports[0].sort[0].by', 'unknownSortKey'],
  [
    'dimension path through a non-relation',
    (a) => (a.reports[0].dimensions[0].field = 'category.name'),
    '$.reports[0].dimensions[0].field',
    'notSingleRelation',
  ],
  [
    'dimension path to a missing field',
    (a) => (a.reports[0].dimensions[0].field = 'room.colour'),
    '$.reports[0].dimensions[0].field',
    'unknownField',
  ],
  [
    'measure with two ways of computing',
    (a) => (a.reports[0].measures[0].metric = 'nps'),
    '$.reports[0].measures[0]',
    'measureKind',
  ],
  [
    'metric without its field',
    (a) => a.reports[0].measures.push({ key: 'score', metric: 'nps' }),
    '$.reports[0].measures[2]',
    'metricNeedsField',
  ],
  [
    'metric on a non-date field',
    (a) =>
      a.reports[0].measures.push({ key: 'mttr', metric: 'mttr', startField: 'title', field: 'reportedAt' }),
    '$.reports[0].measures[2].startField',
    'metricNeedsDate',
  ],
  [
    'metric with a display format',
    (a) =>
      a.reports[0].measures.push({
        key: 'fixRate',
        metric: 'firstTimeFix',
        reopenField: 'cost',
        format: 'percent',
      }),
    '$.reports[0].measures[2].format',
    'metricHasFormat',
  ],
  [
    'percentile without p',
    (a) => a.reports[0].measures.push({ key: 'p80', aggregate: 'percentile', field: 'cost' }),
    '$.reports[0].measures[2]',
    'percentileNeedsP',
  ],
  [
    'formula over an unknown measure',
    (a) =>
      a.reports[0].measures.push({ key: 'share', formula: { '/': [{ var: 'avgCost' }, { var: 'total' }] } }),
    "$.reports[0].measures[2].formula['/'][1].var",
    'formulaUnknownMeasure',
  ],
  [
    'formula with a non-arithmetic operator',
    (a) => a.reports[0].measures.push({ key: 'share', formula: { max: [{ var: 'orders' }, 1] } }),
    '$.reports[0].measures[2].formula',
    'formulaShape',
  ],
  [
    'period field that is not a date',
    (a) => (a.reports[0].periodField = 'title'),
    '$.reports[0].periodField',
    'periodNeedsDate',
  ],
  [
    'default period without a period field',
    (a) => (a.reports[0].defaultPeriod = 'thisMonth'),
    '$.reports[0].defaultPeriod',
    'defaultPeriodNeedsField',
  ],
  [
    'report filter var',
    (a) => (a.reports[2].filter['!='][0].var = 'record.state'),
    "$.reports[2].filter['!='][0].var",
    'unknownField',
  ],
  ['dashboard role', (a) => a.dashboards[0].roles.push('owner'), '$.dashboards[0].roles[1]', 'unknownRole'],
  [
    'dashboard report',
    (a) => (a.dashboards[0].items[0].report = 'occupancy'),
    '$.dashboards[0].items[0].report',
    'unknownReport',
  ],
  [
    'dashboard filter field',
    (a) => (a.dashboards[0].filters[0].field = 'community'),
    '$.dashboards[0].filters[0].field',
    'dashboardFilterField',
  ],
  [
    'role entity',
    (a) => (a.roles[1].permissions[0].entity = 'ticket'),
    '$.roles[1].permissions[0].entity',
    'unknownEntity',
  ],
  [
    'role field lists',
    (a) => a.roles[1].permissions[1].fields.masked.push('passport'),
    '$.roles[1].permissions[1].fields.masked[2]',
    'unknownField',
  ],
  [
    'role scope var',
    (a) => (a.roles[1].permissions[0].scope['=='][0].var = 'record.worker'),
    "$.roles[1].permissions[0].scope['=='][0].var",
    'unknownField',
  ],
  ['seed entity', (a) => (a.seed.ghost = []), '$.seed.ghost', 'unknownEntity'],
  ['seed field', (a) => (a.seed.room[0].colour = 'red'), '$.seed.room[0].colour', 'unknownField'],
  [
    'seed sub-table column',
    (a) => (a.seed.tenant[0].contacts[0].age = 40),
    '$.seed.tenant[0].contacts[0].age',
    'unknownField',
  ],
  [
    'seed relation reference',
    (a) => (a.seed.room[0].building = 'b9'),
    '$.seed.room[0].building',
    'unresolvedSeedReference',
  ],
  [
    'json-logic: method',
    (a) => (a.rules[0].condition = { method: ['abc', 'toUpperCase'] }),
    '$.rules[0].condition.method',
    'jsonLogicForbiddenOperation',
  ],
  [
    'json-logic: __proto__',
    (a) => (a.rules[0].condition = { var: 'record.__proto__' }),
    '$.rules[0].condition.var',
    'jsonLogicForbiddenPath',
  ],
  [
    'json-logic: constructor',
    (a) => (a.reports[2].filter = { var: ['user.constructor.name', 1] }),
    '$.reports[2].filter.var',
    'jsonLogicForbiddenPath',
  ],
  [
    'json-logic: computed var',
    (a) => (a.rules[0].condition = { var: { cat: ['record.', 'x'] } }),
    '$.rules[0].condition.var',
    'jsonLogicDynamicVar',
  ],
];

describe.each([
  ['structural', structuralCases],
  ['semantic', semanticCases],
])('validateAppDefinition: %s errors', (_kind, cases) => {
  it.each(cases)('%s', (_name, change, path, code, count = 1) => {
    const input = mutated(change);
    const en = errorsOf(input, 'en');
    const zh = errorsOf(input, 'zh-CN');
    expect(en.map((e) => `${e.path} ${e.code}`)).toContain(`${path} ${code}`);
    expect(en).toHaveLength(count);
    const enIssue = en.find((e) => e.path === path && e.code === code);
    const zhIssue = zh.find((e) => e.path === path && e.code === code);
    expect(enIssue?.message).toBeTruthy();
    expect(zhIssue?.message).toBeTruthy();
    expect(zhIssue?.message).not.toBe(enIssue?.message);
    expect(zhIssue?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('validateAppDefinition: report measures and paths', () => {
  it('accepts relation paths, metrics, percentiles, formulas, drill and period fields', () => {
    const input = mutated((a) => {
      a.reports[0].dimensions = [{ field: 'room.building' }];
      a.reports[0].drill = ['room', 'technician'];
      a.reports[0].periodField = 'reportedAt';
      a.reports[0].measures.push(
        { key: 'p80', aggregate: 'percentile', p: 0.8, field: 'cost' },
        { key: 'satisfied', metric: 'csat', field: 'rating', threshold: 4 },
        { key: 'perOrder', formula: { '/': [{ var: 'avgCost' }, { '+': [{ var: 'orders' }, 1] }] } },
      );
    });
    expect(validateAppDefinition(input)).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('validateAppDefinition: messages and collection', () => {
  it('writes plain words', () => {
    const input = mutated((a) => {
      a.entities[1].fields.push({ key: 'code', type: 'text', label });
      a.entities[0].fields[0].type = 'txt';
      a.flows[0].nodes[1].form.editable.push('category2');
    });
    const en = errorsOf(input).map((e) => e.message);
    expect(en).toContain('Field key "code" is used twice in entity "room"');
    expect(en).toContain(
      'Flow "repair" node "dispatch" refers to field "category2" which entity "workOrder" does not have',
    );
    expect(en.find((m) => m.startsWith('"type" must be one of: text, longText, richText'))).toBeDefined();
    expect(errorsOf(input, 'zh-CN').map((e) => e.message)).toContain('实体 "room" 中字段标识 "code" 重复');
  });

  it('returns every error at once, structural before semantic', () => {
    const input = mutated((a) => {
      a.version = 'one';
      a.reports[0].entity = 'ticket';
      a.roles[0].permissions[0].entity = 'flat';
    });
    expect(errorsOf(input).map((e) => e.code)).toEqual([
      'schema.invalidVersion',
      'unknownEntity',
      'unknownEntity',
    ]);
  });

  it('still runs semantic checks on the readable parts of a malformed document', () => {
    const input = mutated((a) => {
      a.entities[0].fields[0].type = 42;
      a.flows[0].nodes[1].form.editable.push('nope');
    });
    expect(errorsOf(input).map((e) => e.path)).toEqual([
      '$.entities[0].fields[0].type',
      '$.flows[0].nodes[1].form.editable[2]',
    ]);
  });

  it('does not report references into a list that is not a list', () => {
    const input = mutated((a) => (a.entities = { building: {} }));
    expect(errorsOf(input).map((e) => e.code)).toEqual(['schema.type']);
  });

  it('checks only the first segment of nested var paths', () => {
    const input = mutated((a) => (a.rules[0].condition = { '==': [{ var: 'record.room.code' }, '1-101'] }));
    expect(validateAppDefinition(input).ok).toBe(true);
  });

  it('reports every problem inside one JSON-logic expression', () => {
    const input = mutated((a) => (a.rules[0].condition = { method: [{ var: 'record.__proto__' }, 'x'] }));
    expect(errorsOf(input).map((e) => e.code)).toEqual([
      'jsonLogicForbiddenOperation',
      'jsonLogicForbiddenPath',
    ]);
  });

  it('warns about unreachable and dead-end nodes without failing', () => {
    const input = mutated((a) => {
      a.flows[0].nodes.push({
        key: 'orphan',
        type: 'userTask',
        label,
        assignee: { type: 'role', role: 'manager' },
      });
    });
    const result = validateAppDefinition(input, { locale: 'zh-CN' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => `${w.path} ${w.code}`)).toEqual([
      '$.flows[0].nodes[6] nodeUnreachable',
    ]);
    expect(result.warnings[0]?.message).toBe('流程 "repair" 的节点 "orphan" 无法从开始节点到达');
  });

  it('warns about dimensions a chart type does not draw, naming them', () => {
    const threeDimensions = (type: string) =>
      mutated((a) => {
        a.reports[0].chart = { type };
        a.reports[0].dimensions = [{ field: 'category' }, { field: 'status' }, { field: 'room' }];
      });
    const result = validateAppDefinition(threeDimensions('pie'), { locale: 'en' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => `${w.path} ${w.code}`)).toEqual([
      '$.reports[0].dimensions[1] dimensionsNotShown',
    ]);
    expect(result.warnings[0]?.message).toContain('first 1 dimension(s): status, room still split');
    // A table draws every dimension.
    expect(validateAppDefinition(threeDimensions('table'), { locale: 'en' })).toMatchObject({
      ok: true,
      warnings: [],
    });
  });

  it('warns about chart options no chart reads, naming the ones that exist', () => {
    const input = mutated((a) => {
      a.reports[0].chart.options = { showValues: true, format: 'percent' };
    });
    const result = validateAppDefinition(input, { locale: 'en' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => `${w.path} ${w.code}`)).toEqual([
      '$.reports[0].chart.options.format unknownChartOption',
    ]);
    expect(result.warnings[0]?.message).toContain('precision, showPercent, showValues');
  });
});
