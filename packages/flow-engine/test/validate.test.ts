// Validation before publishing: one broken flow per problem, each problem with a path and both languages.
import { type AppDefinition, type FlowDefinition } from '@lowcode/app-model';
import { validateFlow } from '../src';
import { approval, e, flow, loadRepair, n, task } from './helpers';

const start = n('start', 'start');
const end = n('end', 'end');
const codes = (definition: FlowDefinition) => validateFlow(definition).map((p) => p.code);

describe('validateFlow', () => {
  it('accepts the repair template and a minimal flow', () => {
    expect(validateFlow(loadRepair()).filter((p) => p.severity === 'error')).toEqual([]);
    expect(validateFlow(flow([start, end], [e('start', 'end')]))).toEqual([]);
  });

  it.each<[string, FlowDefinition, string]>([
    ['no start', flow([end], []), 'flowNoStart'],
    ['no end', flow([start, task('t', ['x'])], [e('start', 't')]), 'flowNoEnd'],
    [
      'two starts',
      flow([start, n('start2', 'start'), end], [e('start', 'end'), e('start2', 'end')]),
      'flowMultipleStarts',
    ],
    ['an edge to nowhere', flow([start, end], [e('start', 'end'), e('start', 'ghost')]), 'edgeUnknownNode'],
    [
      'an edge into the start',
      flow([start, task('t', ['x']), end], [e('start', 't'), e('t', 'start'), e('t', 'end')]),
      'edgeIntoStart',
    ],
    [
      'an unreachable node',
      flow([start, task('lost', ['x']), end], [e('start', 'end'), e('lost', 'end')]),
      'nodeUnreachable',
    ],
    [
      'a node that cannot reach an end',
      flow([start, task('stuck', ['x']), end], [e('start', 'stuck'), e('start', 'end')]),
      'nodeCannotReachEnd',
    ],
    [
      'a gateway without a default',
      flow(
        [start, n('gw', 'exclusiveGateway'), end, n('end2', 'end')],
        [e('start', 'gw'), e('gw', 'end', { condition: true }), e('gw', 'end2', { condition: false })],
      ),
      'gatewayDefaultMissing',
    ],
    [
      'a gateway edge with neither condition nor default',
      flow(
        [start, n('gw', 'exclusiveGateway'), end, n('end2', 'end')],
        [e('start', 'gw'), e('gw', 'end', { default: true }), e('gw', 'end2')],
      ),
      'gatewayEdgeNeedsCondition',
    ],
    [
      'a join without its split',
      flow(
        [
          start,
          n('gw', 'exclusiveGateway'),
          task('a', ['x']),
          task('b', ['x']),
          n('join', 'parallelGateway'),
          end,
        ],
        [
          e('start', 'gw'),
          e('gw', 'a', { condition: true }),
          e('gw', 'b', { default: true }),
          e('a', 'join'),
          e('b', 'join'),
          e('join', 'end'),
        ],
      ),
      'joinWithoutSplit',
    ],
    [
      'a task without an assignee rule',
      flow([start, n('t', 'userTask'), end], [e('start', 't'), e('t', 'end')]),
      'taskAssigneeMissing',
    ],
    [
      'a timer without a duration',
      flow([start, n('w', 'timer'), end], [e('start', 'w'), e('w', 'end')]),
      'timerDurationMissing',
    ],
    [
      'a malformed duration',
      flow([start, n('w', 'timer', { duration: '4 hours' }), end], [e('start', 'w'), e('w', 'end')]),
      'durationInvalid',
    ],
    [
      'a malformed SLA',
      flow([start, task('t', ['x'], { sla: { due: 'soon' } }), end], [e('start', 't'), e('t', 'end')]),
      'durationInvalid',
    ],
    [
      'an unknown approval mode',
      flow([start, approval('a', ['x'], 'most' as 'all'), end], [e('start', 'a'), e('a', 'end')]),
      'approvalModeInvalid',
    ],
    [
      'a loop without a wait state',
      flow(
        [
          start,
          n('a', 'action', { action: { type: 'updateRecord', values: {} } }),
          n('gw', 'exclusiveGateway'),
          end,
        ],
        [e('start', 'a'), e('a', 'gw'), e('gw', 'a', { condition: true }), e('gw', 'end', { default: true })],
      ),
      'cycleWithoutWait',
    ],
    [
      'a forbidden condition',
      flow(
        [start, n('gw', 'exclusiveGateway'), end, n('end2', 'end')],
        [
          e('start', 'gw'),
          e('gw', 'end', { condition: { method: [1, 'x'] } }),
          e('gw', 'end2', { default: true }),
        ],
      ),
      'conditionInvalid',
    ],
  ])('reports %s', (_name, definition, code) => {
    expect(codes(definition)).toContain(code);
  });

  it('allows a loop that passes a task', () => {
    const looped = flow(
      [start, task('fix', ['x']), n('gw', 'exclusiveGateway'), end],
      [
        e('start', 'fix'),
        e('fix', 'gw'),
        e('gw', 'fix', { condition: { '==': [{ var: 'record.ok' }, false] } }),
        e('gw', 'end', { default: true }),
      ],
    );
    expect(validateFlow(looped)).toEqual([]);
  });

  it('gives a path and messages in English and Chinese', () => {
    const [found] = validateFlow(flow([start, n('t', 'userTask'), end], [e('start', 't'), e('t', 'end')]));
    expect(found).toEqual({
      path: '$.nodes[1].assignee',
      code: 'taskAssigneeMissing',
      severity: 'error',
      message: { en: 'Task "t" has no assignee rule', 'zh-CN': '任务“t”没有设置处理人规则' },
      params: { node: 't' },
    });
  });

  it('checks fields, roles, entities and flows against the app when given', () => {
    const app = {
      entities: [
        {
          key: 'workOrder',
          label: { 'zh-CN': '工单' },
          fields: [{ key: 'technician', type: 'user', label: { 'zh-CN': '师傅' } }],
        },
      ],
      flows: [],
      roles: [{ key: 'manager', label: { 'zh-CN': '经理' } }],
    } as unknown as AppDefinition;
    const definition = flow(
      [
        start,
        n('t', 'userTask', { assignee: { type: 'field', field: 'butler' } }),
        n('a', 'approval', { assignee: { type: 'role', role: 'ghost' }, mode: 'single' }),
        n('sub', 'action', { action: { type: 'subFlow', flow: 'complaint' } }),
        n('make', 'action', { action: { type: 'createRecord', entity: 'invoice', values: {} } }),
        end,
      ],
      [e('start', 't'), e('t', 'a'), e('a', 'sub'), e('sub', 'make'), e('make', 'end')],
    );
    expect(validateFlow(definition, app).map((p) => p.code)).toEqual([
      'fieldUnknown',
      'roleUnknown',
      'flowUnknown',
      'entityUnknown',
    ]);
    expect(validateFlow(definition).map((p) => p.code)).toEqual([]);
  });

  it("accepts as a created record's receiver only a single relation to its entity", () => {
    const app = {
      entities: [
        {
          key: 'workOrder',
          label: { 'zh-CN': '工单' },
          fields: [
            { key: 'invoice', type: 'relation', label: { 'zh-CN': '发票' }, relation: { entity: 'invoice' } },
            {
              key: 'invoices',
              type: 'relation',
              label: { 'zh-CN': '发票' },
              relation: { entity: 'invoice', multiple: true },
            },
            { key: 'room', type: 'relation', label: { 'zh-CN': '房间' }, relation: { entity: 'room' } },
            { key: 'note', type: 'text', label: { 'zh-CN': '备注' } },
          ],
        },
        { key: 'invoice', label: { 'zh-CN': '发票' }, fields: [] },
      ],
      flows: [],
      roles: [],
    } as unknown as AppDefinition;
    const receiving = (resultField: string) =>
      validateFlow(
        flow(
          [
            start,
            n('make', 'action', {
              action: { type: 'createRecord', entity: 'invoice', values: {}, resultField },
            }),
            end,
          ],
          [e('start', 'make'), e('make', 'end')],
        ),
        app,
      );
    expect(receiving('invoice')).toEqual([]);
    for (const field of ['invoices', 'room', 'note', 'ghost'])
      expect(receiving(field)).toEqual([
        expect.objectContaining({ code: 'resultFieldInvalid', path: '$.nodes[1].action.resultField' }),
      ]);
  });
});
