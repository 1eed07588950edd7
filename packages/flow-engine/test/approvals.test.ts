// Approvals: countersign and or-sign, rejection routes, return to an earlier node, transfer, added
// signers, withdraw and cancel, and the typed errors for refused commands.
import { createFlowRuntime, type StepResult } from '../src';
import { approval, e, fakeEnv, flow, n, ofType, openTaskAt, task } from './helpers';

const start = n('start', 'start');
const end = n('end', 'end');
const rejectedEnd = n('rejectedEnd', 'end');

/** start → fill → approve → [gateway on decision] → end / rejectedEnd */
function approvalFlow(mode: 'single' | 'all' | 'any', extra: Record<string, unknown> = {}, routed = true) {
  const nodes = [
    start,
    task('fill', ['starter']),
    approval('approve', ['b1', 'b2', 'b3'], mode, { allowReturn: true, ...extra }),
    end,
  ];
  const edges = [e('start', 'fill'), e('fill', 'approve')];
  if (!routed) return flow(nodes, [...edges, e('approve', 'end')]);
  return flow(
    [...nodes, n('route', 'exclusiveGateway'), rejectedEnd],
    [
      ...edges,
      e('approve', 'route'),
      e('route', 'rejectedEnd', { condition: { '==': [{ var: 'decision' }, 'rejected'] } }),
      e('route', 'end', { default: true }),
    ],
  );
}

async function atApproval(mode: 'single' | 'all' | 'any', extra?: Record<string, unknown>, routed?: boolean) {
  const runtime = createFlowRuntime(approvalFlow(mode, extra, routed), fakeEnv().env);
  const { state } = await runtime.start({ record: {}, actor: 'starter' });
  const filled = await runtime.completeTask(openTaskAt(state, 'fill'), { actor: 'starter' });
  return { runtime, taskId: openTaskAt(filled.state, 'approve') };
}

/** The node the step's last `enter` went to. */
const lastNode = (step: StepResult) => step.transitions.filter((h) => h.action === 'enter').at(-1)?.toNode;

describe('approvals', () => {
  it('countersign (all) completes only when everyone approved', async () => {
    const { runtime, taskId } = await atApproval('all');
    expect((await runtime.completeTask(taskId, { actor: 'b1', decision: 'approve' })).state.status).toBe(
      'running',
    );
    expect((await runtime.completeTask(taskId, { actor: 'b2', decision: 'approve' })).state.status).toBe(
      'running',
    );
    const done = await runtime.completeTask(taskId, { actor: 'b3', decision: 'approve' });
    expect(done.state.status).toBe('completed');
    expect(lastNode(done)).toBe('end');
    expect(done.state.variables.decision).toBe('approved');
  });

  it('countersign: one rejection takes the rejected branch at once', async () => {
    const { runtime, taskId } = await atApproval('all');
    await runtime.completeTask(taskId, { actor: 'b1', decision: 'approve' });
    const done = await runtime.completeTask(taskId, {
      actor: 'b2',
      decision: 'reject',
      comment: 'too expensive',
    });
    expect(lastNode(done)).toBe('rejectedEnd');
    expect(ofType(done.effects, 'closeTask')).toEqual([{ type: 'closeTask', taskId, outcome: 'rejected' }]);
  });

  it('or-sign (any) completes on the first approval; rejected only when all reject', async () => {
    const first = await atApproval('any');
    await first.runtime.completeTask(first.taskId, { actor: 'b1', decision: 'reject' });
    const approved = await first.runtime.completeTask(first.taskId, { actor: 'b3', decision: 'approve' });
    expect(lastNode(approved)).toBe('end');

    const second = await atApproval('any');
    for (const actor of ['b1', 'b2'])
      await second.runtime.completeTask(second.taskId, { actor, decision: 'reject' });
    const rejected = await second.runtime.completeTask(second.taskId, { actor: 'b3', decision: 'reject' });
    expect(lastNode(rejected)).toBe('rejectedEnd');
  });

  it('a rejection without a rejected branch ends the instance as rejected', async () => {
    const { runtime, taskId } = await atApproval('single', {}, false);
    const done = await runtime.completeTask(taskId, { actor: 'b2', decision: 'reject' });
    expect(done.state).toMatchObject({ status: 'completed', outcome: 'rejected' });
    expect(ofType(done.effects, 'instanceEnded')).toEqual([
      { type: 'instanceEnded', status: 'completed', outcome: 'rejected' },
    ]);
  });

  it('keeps an internal comment marked as such in the decision and the transition', async () => {
    const { runtime, taskId } = await atApproval('all');
    const done = await runtime.completeTask(taskId, {
      actor: 'b1',
      decision: 'approve',
      comment: '业主上次拖欠物业费',
      commentAudience: 'internal',
    });
    expect(done.state.tasks.find((task) => task.id === taskId)?.decisions.b1).toMatchObject({
      comment: '业主上次拖欠物业费',
      commentAudience: 'internal',
    });
    expect(done.transitions.at(-1)).toMatchObject({
      action: 'approve',
      data: { comment: '业主上次拖欠物业费', commentAudience: 'internal' },
    });
    // A comment for everyone carries no audience; an audience without a comment is nothing to keep.
    const plain = await runtime.completeTask(taskId, {
      actor: 'b2',
      decision: 'approve',
      commentAudience: 'internal',
    });
    expect(plain.transitions.find((entry) => entry.action === 'approve')?.data).toEqual({ taskId });
  });

  it('return sends the token back to an earlier node and cancels the open task', async () => {
    const { runtime, taskId } = await atApproval('all');
    await runtime.completeTask(taskId, { actor: 'b1', decision: 'approve' });
    const back = await runtime.completeTask(taskId, {
      actor: 'b2',
      decision: 'return',
      returnTo: 'fill',
      comment: 'add photos',
    });
    expect(back.state.tokens.map((t) => t.nodeKey)).toEqual(['fill']);
    expect(ofType(back.effects, 'closeTask')).toEqual([{ type: 'closeTask', taskId, outcome: 'returned' }]);
    expect(ofType(back.effects, 'createTask')[0]).toMatchObject({ nodeKey: 'fill', assignees: ['starter'] });
    expect(back.transitions.at(-2)).toMatchObject({
      action: 'return',
      fromNode: 'approve',
      toNode: 'fill',
      data: { comment: 'add photos' },
    });
    // Going round again creates a fresh approval task.
    const again = await runtime.completeTask(openTaskAt(back.state, 'fill'), { actor: 'starter' });
    expect(again.state.tasks.filter((t) => t.nodeKey === 'approve').map((t) => t.status)).toEqual([
      'completed',
      'open',
    ]);
  });

  it('return inside a parallel branch out of the split cancels the sibling branch', async () => {
    const nodes = [
      start,
      task('fill', ['s']),
      n('split', 'parallelGateway'),
      approval('a', ['x'], 'single', { allowReturn: true }),
      task('b', ['y']),
      n('join', 'parallelGateway'),
      end,
    ];
    const edges = [
      e('start', 'fill'),
      e('fill', 'split'),
      e('split', 'a'),
      e('split', 'b'),
      e('a', 'join'),
      e('b', 'join'),
      e('join', 'end'),
    ];
    const runtime = createFlowRuntime(flow(nodes, edges), fakeEnv().env);
    const started = await runtime.start({ record: {}, actor: 's' });
    const split = await runtime.completeTask(openTaskAt(started.state, 'fill'), { actor: 's' });
    const back = await runtime.completeTask(openTaskAt(split.state, 'a'), {
      actor: 'x',
      decision: 'return',
      returnTo: 'fill',
    });
    expect(back.state.tokens.map((t) => [t.nodeKey, t.splits])).toEqual([['fill', []]]);
    expect(ofType(back.effects, 'cancelTask').map((c) => c.taskId)).toEqual([openTaskAt(split.state, 'b')]);
  });

  it('keeps one visit per task node however often it is returned to; seq numbers every transition once', async () => {
    const { runtime, taskId: first } = await atApproval('single');
    const steps: StepResult[] = [];
    let taskId = first;
    for (let round = 0; round < 30; round += 1) {
      const back = await runtime.completeTask(taskId, { actor: 'b1', decision: 'return', returnTo: 'fill' });
      const filled = await runtime.completeTask(openTaskAt(back.state, 'fill'), { actor: 'starter' });
      steps.push(back, filled);
      taskId = openTaskAt(filled.state, 'approve');
    }
    const { state } = steps.at(-1)!;
    expect(state.visits).toEqual([
      { node: 'fill', branch: [] },
      { node: 'approve', branch: [] },
    ]);
    const seqs = steps.flatMap((step) => step.transitions.map((transition) => transition.seq));
    expect(seqs).toEqual(seqs.map((_, index) => seqs[0]! + index));
    expect(state.seq).toBe(seqs.at(-1));
  });

  it('forgets the nodes of a joined branch: nothing can return into it', async () => {
    const nodes = [
      start,
      n('split', 'parallelGateway'),
      task('a', ['x']),
      task('b', ['y']),
      n('join', 'parallelGateway'),
      approval('check', ['z'], 'single', { allowReturn: true }),
      end,
    ];
    const edges = [
      e('start', 'split'),
      e('split', 'a'),
      e('split', 'b'),
      e('a', 'join'),
      e('b', 'join'),
      e('join', 'check'),
      e('check', 'end'),
    ];
    const runtime = createFlowRuntime(flow(nodes, edges), fakeEnv().env);
    const started = await runtime.start({ record: {}, actor: 's' });
    expect(started.state.visits.map((visit) => visit.node)).toEqual(['a', 'b']);
    await runtime.completeTask(openTaskAt(started.state, 'a'), { actor: 'x' });
    const joined = await runtime.completeTask(openTaskAt(started.state, 'b'), { actor: 'y' });
    expect(joined.state.visits).toEqual([{ node: 'check', branch: [] }]);
    await expect(
      runtime.completeTask(openTaskAt(joined.state, 'check'), {
        actor: 'z',
        decision: 'return',
        returnTo: 'a',
      }),
    ).rejects.toMatchObject({ code: 'returnTargetInvalid' });
  });

  it.each([
    ['an unvisited node', 'approve2', 'returnTargetInvalid'],
    ['the same node', 'approve', 'returnTargetInvalid'],
    ['a gateway', 'route', 'returnTargetInvalid'],
  ])('return to %s is refused', async (_name, returnTo, code) => {
    const { runtime, taskId } = await atApproval('single');
    await expect(
      runtime.completeTask(taskId, { actor: 'b1', decision: 'return', returnTo }),
    ).rejects.toMatchObject({ code });
  });

  it('return is refused where the approval does not allow it', async () => {
    const { runtime, taskId } = await atApproval('single', { allowReturn: false });
    await expect(
      runtime.completeTask(taskId, { actor: 'b1', decision: 'return', returnTo: 'fill' }),
    ).rejects.toMatchObject({ code: 'returnNotAllowed' });
  });

  it('transfer hands a task to someone else (when allowed); addSigner adds a countersigner', async () => {
    const { runtime, taskId } = await atApproval('all', { allowTransfer: true });
    const moved = await runtime.transferTask(taskId, { actor: 'b1', to: 'deputy' });
    expect(ofType(moved.effects, 'updateTask')).toEqual([
      { type: 'updateTask', taskId, assignees: ['deputy', 'b2', 'b3'] },
    ]);
    await expect(runtime.completeTask(taskId, { actor: 'b1', decision: 'approve' })).rejects.toMatchObject({
      code: 'notAssignee',
      status: 403,
    });
    const added = await runtime.addSigner(taskId, { actor: 'b2', users: ['legal'] });
    expect(added.state.tasks.find((t) => t.id === taskId)?.assignees).toEqual([
      'deputy',
      'b2',
      'b3',
      'legal',
    ]);
    for (const actor of ['deputy', 'b2', 'b3'])
      await runtime.completeTask(taskId, { actor, decision: 'approve' });
    expect(runtime.getState().status).toBe('running');
    expect((await runtime.completeTask(taskId, { actor: 'legal', decision: 'approve' })).state.status).toBe(
      'completed',
    );

    const notAllowed = await atApproval('single');
    await expect(
      notAllowed.runtime.transferTask(notAllowed.taskId, { actor: 'b1', to: 'x' }),
    ).rejects.toMatchObject({ code: 'transferNotAllowed' });
  });

  it.each([
    ['a second decision by the same user', 'b1', 'approve', 'alreadyDecided'],
    ['a decision a user task has not', 'b2', 'complete', 'invalidDecision'],
    ['no decision on an approval', 'b2', undefined, 'invalidDecision'],
  ] as const)('refuses %s', async (_name, actor, decision, code) => {
    const { runtime, taskId } = await atApproval('all');
    await runtime.completeTask(taskId, { actor: 'b1', decision: 'approve' });
    const before = runtime.getState();
    await expect(runtime.completeTask(taskId, { actor, decision })).rejects.toMatchObject({ code });
    expect(runtime.getState()).toEqual(before);
  });

  it('a closed task answers taskClosed (the 409 of two users completing at once)', async () => {
    const nodes = [start, approval('approve', ['b1', 'b2'], 'single'), task('after', ['z']), end];
    const runtime = createFlowRuntime(
      flow(nodes, [e('start', 'approve'), e('approve', 'after'), e('after', 'end')]),
      fakeEnv().env,
    );
    const taskId = openTaskAt((await runtime.start({ record: {}, actor: 's' })).state, 'approve');
    const results = await Promise.allSettled([
      runtime.completeTask(taskId, { actor: 'b1', decision: 'approve' }),
      runtime.completeTask(taskId, { actor: 'b2', decision: 'approve' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'taskClosed', status: 409 });
    await expect(runtime.completeTask('nope', { actor: 'b1' })).rejects.toMatchObject({
      code: 'taskNotFound',
      status: 404,
    });
  });

  it('withdraw by the starter before anyone acted; cancel by an admin', async () => {
    const runtime = createFlowRuntime(approvalFlow('single'), fakeEnv().env);
    await runtime.start({ record: {}, actor: 'starter' });
    await expect(runtime.withdraw('someoneElse')).rejects.toMatchObject({ code: 'withdrawNotAllowed' });
    const withdrawn = await runtime.withdraw('starter');
    expect(withdrawn.state).toMatchObject({ status: 'cancelled', outcome: 'withdrawn', tokens: [] });
    expect(ofType(withdrawn.effects, 'cancelTask')).toHaveLength(1);

    const { runtime: other, taskId } = await atApproval('all');
    await expect(other.withdraw('starter')).rejects.toMatchObject({ code: 'withdrawNotAllowed' });
    await other.completeTask(taskId, { actor: 'b1', decision: 'approve' });
    const cancelled = await other.cancel('admin', 'duplicate');
    expect(cancelled.state.status).toBe('cancelled');
    expect(cancelled.effects.map((x) => x.type)).toEqual(['cancelTask', 'instanceEnded']);
  });

  it('carbon copies the approval to its cc list', async () => {
    const runtime = createFlowRuntime(
      approvalFlow('single', { cc: [{ type: 'role', role: 'manager' }] }),
      fakeEnv().env,
    );
    const { state } = await runtime.start({ record: {}, actor: 'starter' });
    const filled = await runtime.completeTask(openTaskAt(state, 'fill'), { actor: 'starter' });
    expect(ofType(filled.effects, 'notify')).toMatchObject([
      { to: ['mgr1'], reason: 'cc', nodeKey: 'approve' },
    ]);
  });
});
