// One small flow per node type: what each node does on its own, through the public runtime API.
import { createFlowRuntime } from '../src';
import { HOUR, e, fakeEnv, flow, n, ofType, openTaskAt, task } from './helpers';

const start = n('start', 'start');
const end = n('end', 'end');

describe('node types', () => {
  it('start → end completes at once', async () => {
    const { env } = fakeEnv();
    const { state, effects, transitions } = await createFlowRuntime(
      flow([start, end], [e('start', 'end')]),
      env,
    ).start({
      record: {},
      actor: 'u1',
    });
    expect(state.status).toBe('completed');
    expect(effects).toEqual([{ type: 'instanceEnded', status: 'completed' }]);
    expect(transitions.map((h) => h.action)).toEqual(['start', 'enter', 'end', 'completed']);
  });

  it('userTask waits for one assignee, then continues', async () => {
    const { env } = fakeEnv();
    const runtime = createFlowRuntime(
      flow([start, task('fill', ['a', 'b']), end], [e('start', 'fill'), e('fill', 'end')]),
      env,
    );
    const started = await runtime.start({ record: {}, actor: 'u1' });
    expect(started.state.status).toBe('running');
    const [created] = ofType(started.effects, 'createTask');
    expect(created).toMatchObject({
      nodeKey: 'fill',
      assignees: ['a', 'b'],
      mode: 'single',
      kind: 'userTask',
    });
    const done = await runtime.completeTask(created!.taskId, { actor: 'b', data: { note: 'ok' } });
    expect(done.state.status).toBe('completed');
    expect(done.state.record).toEqual({ note: 'ok' });
    expect(ofType(done.effects, 'updateRecord')[0]?.values).toEqual({ note: 'ok' });
    expect(ofType(done.effects, 'closeTask')).toEqual([
      { type: 'closeTask', taskId: created!.taskId, outcome: 'completed' },
    ]);
  });

  it('gives a task to its fallback when its assignee rule finds no one, and fails only when both do', async () => {
    const { env } = fakeEnv();
    // The requester's account rates; without one, customer service rates by phone.
    const rate = (fallback?: object) =>
      n('rate', 'userTask', {
        assignee: { type: 'expression', expression: { var: 'record.account' } },
        ...(fallback ? { assigneeFallback: fallback } : {}),
      });
    const run = (node: ReturnType<typeof rate>, record: Record<string, unknown>) =>
      createFlowRuntime(flow([start, node, end], [e('start', 'rate'), e('rate', 'end')]), env).start({
        record,
        actor: 'u1',
      });
    const phone = { type: 'user', users: ['cs1', 'cs2'] };
    const tenant = await run(rate(phone), { account: 'tenant1' });
    expect(ofType(tenant.effects, 'createTask')[0]?.assignees).toEqual(['tenant1']);
    const walkIn = await run(rate(phone), {});
    expect(walkIn.state.status).toBe('running');
    expect(ofType(walkIn.effects, 'createTask')[0]).toMatchObject({
      assignees: ['cs1', 'cs2'],
      fallback: true,
    });
    expect(walkIn.transitions.find((entry) => entry.action === 'assign')?.data).toMatchObject({
      fallback: true,
    });
    expect(ofType(tenant.effects, 'createTask')[0]?.fallback).toBeUndefined();
    const nobody = await run(rate({ type: 'user', users: [] }), {});
    expect(nobody.state).toMatchObject({
      status: 'failed',
      error: 'rate: No assignee was found for task "rate"',
    });
  });

  it('gives a manager task to the starter’s manager, or to the manager of whoever acted before', async () => {
    const { env } = fakeEnv();
    const approve = (key: string, of?: 'starter' | 'actor') =>
      task(key, [], { assignee: { type: 'manager', ...(of ? { of } : {}) } });
    const runtime = createFlowRuntime(
      flow(
        [start, task('fill', ['clerk']), approve('lead'), approve('next', 'actor'), end],
        [e('start', 'fill'), e('fill', 'lead'), e('lead', 'next'), e('next', 'end')],
      ),
      env,
    );
    const started = await runtime.start({ record: {}, actor: 'u1' });
    const filled = await runtime.completeTask(openTaskAt(started.state, 'fill'), { actor: 'clerk' });
    // Not the clerk's, who acted last: the starter's.
    expect(ofType(filled.effects, 'createTask')[0]!.assignees).toEqual(['manager-of-u1']);
    const led = await runtime.completeTask(openTaskAt(filled.state, 'lead'), { actor: 'manager-of-u1' });
    expect(ofType(led.effects, 'createTask')[0]!.assignees).toEqual(['manager-of-manager-of-u1']);
  });

  it('a group user task handed on is the new person’s alone', async () => {
    const { env } = fakeEnv();
    const runtime = createFlowRuntime(
      flow([start, task('accept', ['cs1', 'cs2', 'cs3']), end], [e('start', 'accept'), e('accept', 'end')]),
      env,
    );
    const [created] = ofType((await runtime.start({ record: {}, actor: 'u1' })).effects, 'createTask');
    const moved = await runtime.transferTask(created!.taskId, { actor: 'cs2', to: 'tech7' });
    expect(ofType(moved.effects, 'updateTask')).toEqual([
      { type: 'updateTask', taskId: created!.taskId, assignees: ['tech7'] },
    ]);
    await expect(runtime.completeTask(created!.taskId, { actor: 'cs1' })).rejects.toMatchObject({
      code: 'notAssignee',
    });
    expect((await runtime.completeTask(created!.taskId, { actor: 'tech7' })).state.status).toBe('completed');
  });

  it.each([
    ['high', { amount: 5000 }, 'big'],
    ['low', { amount: 10 }, 'small'],
    ['default', {}, 'other'],
  ])(
    'exclusiveGateway takes the first true edge in order, else the default (%s)',
    async (_name, record, expected) => {
      const { env } = fakeEnv();
      const nodes = [
        start,
        n('gw', 'exclusiveGateway'),
        task('big', ['x']),
        task('small', ['x']),
        task('other', ['x']),
        end,
      ];
      const edges = [
        e('start', 'gw'),
        e('gw', 'other', { default: true }),
        e('gw', 'big', { condition: { '>': [{ var: 'record.amount' }, 1000] } }),
        e('gw', 'small', { condition: { '>': [{ var: 'record.amount' }, 0] } }),
        e('big', 'end'),
        e('small', 'end'),
        e('other', 'end'),
      ];
      const { state } = await createFlowRuntime(flow(nodes, edges), env).start({ record, actor: 'u1' });
      expect(state.tokens.map((t) => t.nodeKey)).toEqual([expected]);
    },
  );

  it('parallelGateway splits one token per edge and the join waits for all of them', async () => {
    const { env } = fakeEnv();
    const nodes = [
      start,
      n('split', 'parallelGateway'),
      task('a', ['x']),
      task('b', ['y']),
      n('join', 'parallelGateway'),
      end,
    ];
    const edges = [
      e('start', 'split'),
      e('split', 'a'),
      e('split', 'b'),
      e('a', 'join'),
      e('b', 'join'),
      e('join', 'end'),
    ];
    const runtime = createFlowRuntime(flow(nodes, edges), env);
    const { state } = await runtime.start({ record: {}, actor: 'u1' });
    expect(state.tokens.map((t) => [t.nodeKey, t.splits.length])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    const first = await runtime.completeTask(openTaskAt(state, 'a'), { actor: 'x' });
    expect(first.state.tokens.map((t) => [t.nodeKey, t.status])).toEqual([
      ['join', 'waiting'],
      ['b', 'waiting'],
    ]);
    expect(first.state.status).toBe('running');
    const second = await runtime.completeTask(openTaskAt(state, 'b'), { actor: 'y' });
    expect(second.state.status).toBe('completed');
    expect(second.transitions.filter((h) => h.action === 'join')).toHaveLength(1);
  });

  it('inclusiveGateway takes every true edge and its join waits for exactly those', async () => {
    const { env } = fakeEnv();
    const nodes = [
      start,
      n('split', 'inclusiveGateway'),
      task('a', ['x']),
      task('b', ['x']),
      task('c', ['x']),
      n('join', 'inclusiveGateway'),
      end,
    ];
    const cond = (field: string) => ({ condition: { '==': [{ var: `record.${field}` }, true] } });
    const edges = [
      e('start', 'split'), e('split', 'a', cond('a')), e('split', 'b', cond('b')), e('split', 'c', { default: true }),
      e('a', 'join'), e('b', 'join'), e('c', 'join'), e('join', 'end'),
    ]; // prettier-ignore
    const runtime = createFlowRuntime(flow(nodes, edges), env);
    const { state } = await runtime.start({ record: { a: true, b: false }, actor: 'u1' });
    expect(state.tokens.map((t) => t.nodeKey)).toEqual(['a']);
    expect(state.tokens[0]?.splits).toMatchObject([{ gateway: 'split', branches: 1 }]);
    const done = await runtime.completeTask(openTaskAt(state, 'a'), { actor: 'x' });
    expect(done.state.status).toBe('completed');

    const both = createFlowRuntime(flow(nodes, edges), fakeEnv().env);
    const twoWay = await both.start({ record: { a: true, b: true }, actor: 'u1' });
    expect(twoWay.state.tokens.map((t) => t.nodeKey)).toEqual(['a', 'b']);
    expect((await both.completeTask(openTaskAt(twoWay.state, 'a'), { actor: 'x' })).state.status).toBe(
      'running',
    );
    expect((await both.completeTask(openTaskAt(twoWay.state, 'b'), { actor: 'x' })).state.status).toBe(
      'completed',
    );

    const none = createFlowRuntime(flow(nodes, edges), fakeEnv().env);
    expect((await none.start({ record: {}, actor: 'u1' })).state.tokens.map((t) => t.nodeKey)).toEqual(['c']);
  });

  it.each([
    [
      { type: 'createRecord', entity: 'invoice', values: { total: { '*': [{ var: 'record.qty' }, 2] } } },
      { type: 'createRecord', entity: 'invoice', values: { total: 6 } },
    ],
    [
      { type: 'updateRecord', values: { status: 'closed' } },
      { type: 'updateRecord', values: { status: 'closed' } },
    ],
    [
      { type: 'notify', to: { type: 'role', role: 'manager' }, template: { 'zh-CN': '你好' } },
      { type: 'notify', to: ['mgr1'], reason: 'action', template: { 'zh-CN': '你好' }, nodeKey: 'act' },
    ],
    [
      { type: 'webhook', url: 'https://example.com/hook', method: 'POST' },
      { type: 'callWebhook', url: 'https://example.com/hook', method: 'POST' },
    ],
    [
      { type: 'subFlow', flow: 'complaint' },
      { type: 'startSubFlow', flow: 'complaint', record: { qty: 3 } },
    ],
  ])('action %j emits its effect with an idempotency key', async (action, expected) => {
    const { env } = fakeEnv();
    const runtime = createFlowRuntime(
      flow([start, n('act', 'action', { action }), end], [e('start', 'act'), e('act', 'end')]),
      env,
    );
    const { state, effects } = await runtime.start({ record: { qty: 3 }, actor: 'u1', instanceId: 'inst1' });
    expect(state.status).toBe('completed');
    const [effect] = effects.filter((x) => x.type === expected.type);
    expect(effect).toMatchObject(expected);
    expect((effect as { idempotencyKey: string }).idempotencyKey).toMatch(/^inst1:\d+:act:\d+$/);
  });

  it('names a created record in the receiving field, so the nodes after it read its id', async () => {
    const { env } = fakeEnv();
    const runtime = createFlowRuntime(
      flow(
        [
          start,
          n('tenant', 'action', {
            action: { type: 'createRecord', entity: 'tenant', values: { name: 'Li' }, resultField: 'tenant' },
          }),
          n('contract', 'action', {
            action: {
              type: 'createRecord',
              entity: 'contract',
              values: { tenant: { var: 'record.tenant' } },
            },
          }),
          end,
        ],
        [e('start', 'tenant'), e('tenant', 'contract'), e('contract', 'end')],
      ),
      env,
    );
    const { state, effects } = await runtime.start({
      record: { tenant: null },
      actor: 'u1',
      instanceId: 'i',
    });
    const [tenant, contract] = ofType(effects, 'createRecord');
    expect(tenant).toMatchObject({ entity: 'tenant', values: { name: 'Li' }, id: expect.any(String) });
    expect(tenant).not.toHaveProperty('resultField');
    expect(ofType(effects, 'updateRecord')).toEqual([
      expect.objectContaining({ values: { tenant: tenant!.id } }),
    ]);
    expect(contract).toMatchObject({ entity: 'contract', values: { tenant: tenant!.id } });
    expect(contract!.id).not.toBe(tenant!.id);
    expect(state.record.tenant).toBe(tenant!.id);
    // The record is written before it is linked, so the link's referential check finds it.
    expect(effects.indexOf(tenant!)).toBeLessThan(effects.findIndex((x) => x.type === 'updateRecord'));
  });

  it('timer with a duration schedules, waits and continues when fired', async () => {
    const { env, advance } = fakeEnv();
    const runtime = createFlowRuntime(
      flow([start, n('wait', 'timer', { duration: 'PT2H' }), end], [e('start', 'wait'), e('wait', 'end')]),
      env,
    );
    const { state, effects } = await runtime.start({ record: {}, actor: 'u1' });
    const [scheduled] = ofType(effects, 'scheduleTimer');
    expect(scheduled).toMatchObject({ kind: 'node', fireAt: '2025-03-03T03:00:00.000Z' });
    expect(state.timers).toHaveLength(1);
    advance(2 * HOUR);
    const fired = await runtime.fireTimer(scheduled!.timerId);
    expect(fired.state.status).toBe('completed');
    expect(fired.state.timers).toEqual([]);
    expect((await runtime.fireTimer(scheduled!.timerId)).effects).toEqual([]);
  });

  it('timer until a date field plus an offset, and a past date passes at once', async () => {
    const { env } = fakeEnv();
    const definition = flow(
      [start, n('wait', 'timer', { untilField: 'visitAt', offset: '-PT1H' }), end],
      [e('start', 'wait'), e('wait', 'end')],
    );
    const future = await createFlowRuntime(definition, env).start({
      record: { visitAt: '2025-03-05T08:00:00Z' },
      actor: 'u1',
    });
    expect(ofType(future.effects, 'scheduleTimer')[0]?.fireAt).toBe('2025-03-05T07:00:00.000Z');
    const past = await createFlowRuntime(definition, fakeEnv().env).start({
      record: { visitAt: '2020-01-01T00:00:00Z' },
      actor: 'u1',
    });
    expect(past.state.status).toBe('completed');
    const missing = await createFlowRuntime(definition, fakeEnv().env).start({ record: {}, actor: 'u1' });
    expect(missing.state).toMatchObject({ status: 'failed', error: expect.stringContaining('visitAt') });
  });

  it("timer until a date without a time fires at that day's midnight in the host's zone", async () => {
    const definition = flow(
      [start, n('wait', 'timer', { untilField: 'dueDate', offset: 'P1D' }), end],
      [e('start', 'wait'), e('wait', 'end')],
    );
    const fireAt = async (timeZone?: string) =>
      ofType(
        (
          await createFlowRuntime(definition, fakeEnv(timeZone ? { timeZone } : {}).env).start({
            record: { dueDate: '2025-03-20' },
            actor: 'u1',
          })
        ).effects,
        'scheduleTimer',
      )[0]?.fireAt;
    expect(await fireAt()).toBe('2025-03-20T16:00:00.000Z'); // 03-21 00:00 in Shanghai, the default
    expect(await fireAt('UTC')).toBe('2025-03-21T00:00:00.000Z');
    expect(await fireAt('America/New_York')).toBe('2025-03-21T04:00:00.000Z'); // daylight time since 03-09
  });

  it('a gateway with no applicable branch fails the instance and says why', async () => {
    const { env } = fakeEnv();
    const nodes = [start, n('gw', 'exclusiveGateway'), end, n('end2', 'end')];
    const edges = [
      e('start', 'gw'),
      e('gw', 'end', { condition: { '==': [1, 2] } }),
      e('gw', 'end2', { condition: { '==': [1, 3] } }),
    ];
    const { state, effects } = await createFlowRuntime(flow(nodes, edges), env).start({
      record: {},
      actor: 'u1',
    });
    expect(state.status).toBe('failed');
    expect(ofType(effects, 'instanceEnded')[0]).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('gw'),
    });
  });

  it('a refused expression fails the instance instead of running', async () => {
    const { env } = fakeEnv();
    const nodes = [start, n('gw', 'exclusiveGateway'), end, n('end2', 'end')];
    const edges = [
      e('start', 'gw'),
      e('gw', 'end', { condition: { method: ['x', 'toString'] } }),
      e('gw', 'end2', { default: true }),
    ];
    const { state } = await createFlowRuntime(flow(nodes, edges), env).start({ record: {}, actor: 'u1' });
    expect(state).toMatchObject({ status: 'failed', error: expect.stringContaining('not allowed') });
  });
});
