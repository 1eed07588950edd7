// Timers and SLAs with a fake clock: reminders (催办), overdue escalation, business calendars, stale
// timers, and a timer that survives getState / recover.
import { addDuration, createFlowRuntime, type FlowInstanceState, type RuntimeOptions } from '../src';
import { HOUR, T0, e, fakeEnv, flow, n, ofType, openTaskAt, task } from './helpers';

const sla = {
  due: 'PT4H',
  remindBefore: 'PT1H',
  escalate: { to: { type: 'role', role: 'manager' }, after: 'PT30M' },
};

function slaFlow(slaConfig: Record<string, unknown> = sla) {
  return flow(
    [n('start', 'start'), task('fix', ['tech1', 'tech2'], { sla: slaConfig }), n('end', 'end')],
    [e('start', 'fix'), e('fix', 'end')],
  );
}

async function started(
  options: RuntimeOptions = {},
  slaConfig?: Record<string, unknown>,
  businessCalendar?: (d: Date, iso: string) => Date,
) {
  const fake = fakeEnv(businessCalendar ? { businessCalendar } : {});
  const runtime = createFlowRuntime(slaFlow(slaConfig), fake.env, options);
  const result = await runtime.start({ record: {}, actor: 'u1' });
  const timers = Object.fromEntries(ofType(result.effects, 'scheduleTimer').map((t) => [t.kind, t]));
  return { ...fake, runtime, result, timers };
}

describe('SLA', () => {
  it('gives the task dueAt and remindAt and schedules reminder and overdue timers', async () => {
    const { result, timers } = await started();
    expect(ofType(result.effects, 'createTask')[0]).toMatchObject({
      dueAt: '2025-03-03T05:00:00.000Z',
      remindAt: '2025-03-03T04:00:00.000Z',
    });
    expect(timers.remind?.fireAt).toBe('2025-03-03T04:00:00.000Z');
    expect(timers.overdue?.fireAt).toBe('2025-03-03T05:30:00.000Z');
  });

  it('the reminder notifies the assignees who have not acted', async () => {
    const { runtime, timers, set } = await started();
    set(new Date(timers.remind!.fireAt));
    const fired = await runtime.fireTimer(timers.remind!.timerId);
    expect(fired.effects).toEqual([
      {
        type: 'notify',
        to: ['tech1', 'tech2'],
        reason: 'reminder',
        nodeKey: 'fix',
        taskId: expect.any(String),
        idempotencyKey: expect.stringContaining('remind'),
      },
    ]);
    expect(fired.transitions.at(-1)).toMatchObject({
      action: 'remind',
      actor: 'system',
      at: '2025-03-03T04:00:00.000Z',
    });
  });

  it('overdue escalates: notifies the manager and raises the priority', async () => {
    const { runtime, timers, set } = await started();
    set(new Date(timers.overdue!.fireAt));
    const fired = await runtime.fireTimer(timers.overdue!.timerId);
    const taskId = openTaskAt(fired.state, 'fix');
    expect(fired.effects).toEqual([
      {
        type: 'notify',
        to: ['mgr1'],
        reason: 'escalation',
        nodeKey: 'fix',
        taskId,
        idempotencyKey: expect.any(String),
      },
      { type: 'updateTask', taskId, escalated: true, priority: 'urgent' },
    ]);
    expect(fired.state.tasks[0]).toMatchObject({ escalated: true, priority: 'urgent', status: 'open' });
    // The job queue delivering the same timer twice changes nothing.
    expect(await runtime.fireTimer(timers.overdue!.timerId)).toEqual({
      state: fired.state,
      effects: [],
      transitions: [],
    });
  });

  it('overdue can reassign to the escalation target', async () => {
    const { runtime, timers } = await started({ escalation: { reassign: true, raisePriority: false } });
    const fired = await runtime.fireTimer(timers.overdue!.timerId);
    expect(ofType(fired.effects, 'updateTask')).toEqual([
      { type: 'updateTask', taskId: expect.any(String), escalated: true, assignees: ['mgr1'] },
    ]);
    const done = await runtime.completeTask(openTaskAt(fired.state, 'fix'), { actor: 'mgr1' });
    expect(done.state.status).toBe('completed');
  });

  it("escalates to the managers of the assignees who have not acted (the task's 逾期升级 to their manager)", async () => {
    const fake = fakeEnv();
    const approve = n('approve', 'approval', {
      mode: 'all',
      assignee: { type: 'user', users: ['tech1', 'tech2'] },
      sla: { due: 'PT4H', escalate: { to: { type: 'manager', of: 'assignee' } } },
    });
    const runtime = createFlowRuntime(
      flow([n('start', 'start'), approve, n('end', 'end')], [e('start', 'approve'), e('approve', 'end')]),
      fake.env,
      { escalation: { reassign: true, raisePriority: false } },
    );
    const started = await runtime.start({ record: {}, actor: 'u1' });
    const taskId = openTaskAt(started.state, 'approve');
    await runtime.completeTask(taskId, { actor: 'tech1', decision: 'approve' });
    const overdue = ofType(started.effects, 'scheduleTimer').find((timer) => timer.kind === 'overdue')!;
    fake.set(new Date(overdue.fireAt));
    const fired = await runtime.fireTimer(overdue.timerId);
    // tech1 approved in time: only tech2's manager is told, and takes tech2's place beside tech1's decision.
    expect(ofType(fired.effects, 'notify')).toEqual([expect.objectContaining({ to: ['manager-of-tech2'] })]);
    expect(ofType(fired.effects, 'updateTask')).toEqual([
      { type: 'updateTask', taskId, escalated: true, assignees: ['tech1', 'manager-of-tech2'] },
    ]);
  });

  it('without an escalation rule, overdue notifies the assignees', async () => {
    const { runtime, timers } = await started({}, { due: 'PT2H' });
    expect(timers.remind).toBeUndefined();
    expect(timers.overdue?.fireAt).toBe('2025-03-03T03:00:00.000Z');
    const fired = await runtime.fireTimer(timers.overdue!.timerId);
    expect(ofType(fired.effects, 'notify')).toMatchObject([{ to: ['tech1', 'tech2'], reason: 'overdue' }]);
  });

  it('uses the business calendar for business SLAs', async () => {
    // A toy work calendar: working time is 09:00–18:00 Beijing (01:00–10:00 UTC), every day.
    const calendar = (startAt: Date, iso: string) => {
      const end = addDuration(startAt, iso);
      const closing = new Date(startAt);
      closing.setUTCHours(10, 0, 0, 0);
      return end <= closing ? end : new Date(end.getTime() + 15 * HOUR);
    };
    const { result } = await started({}, { due: 'PT10H', calendar: 'business' }, calendar);
    expect(ofType(result.effects, 'createTask')[0]?.dueAt).toBe('2025-03-04T02:00:00.000Z');
    const plain = await started({}, { due: 'PT10H', calendar: 'calendar' }, calendar);
    expect(ofType(plain.result.effects, 'createTask')[0]?.dueAt).toBe('2025-03-03T11:00:00.000Z');
  });

  it('completing the task cancels its SLA timers', async () => {
    const { runtime, timers, result } = await started();
    const done = await runtime.completeTask(openTaskAt(result.state, 'fix'), { actor: 'tech2' });
    expect(
      ofType(done.effects, 'cancelTimer')
        .map((c) => c.timerId)
        .sort(),
    ).toEqual([timers.remind!.timerId, timers.overdue!.timerId].sort());
    // A timer delivered after the instance ended is a no-op, not an error.
    expect(await runtime.fireTimer(timers.overdue!.timerId)).toEqual({
      state: done.state,
      effects: [],
      transitions: [],
    });
  });

  it('a node timer recovered from JSON fires and continues like one that never stopped', async () => {
    const definition = flow(
      [n('start', 'start'), n('cool', 'timer', { duration: 'P1D' }), task('check', ['x']), n('end', 'end')],
      [e('start', 'cool'), e('cool', 'check'), e('check', 'end')],
    );
    const first = fakeEnv();
    const runtime = createFlowRuntime(definition, first.env);
    const { effects } = await runtime.start({ record: {}, actor: 'u1' });
    const [timer] = ofType(effects, 'scheduleTimer');
    const saved = JSON.stringify(runtime.getState());
    first.advance(24 * HOUR);
    const direct = await runtime.fireTimer(timer!.timerId);

    const second = fakeEnv();
    await createFlowRuntime(definition, second.env).start({ record: {}, actor: 'u1' }); // same id sequence
    const restarted = createFlowRuntime(definition, second.env);
    restarted.recover(JSON.parse(saved) as FlowInstanceState);
    second.advance(24 * HOUR);
    const recovered = await restarted.fireTimer(timer!.timerId);
    expect(recovered).toEqual(direct);
    expect(recovered.state.tokens.map((t) => t.nodeKey)).toEqual(['check']);
    expect(new Date(recovered.transitions.at(-1)!.at).getTime() - T0.getTime()).toBe(24 * HOUR);
  });

  it('recover refuses the state of another flow version', async () => {
    const { runtime } = await started({ version: 2 });
    const other = createFlowRuntime(slaFlow(), fakeEnv().env, { version: 3 });
    expect(() => other.recover(runtime.getState())).toThrow(
      expect.objectContaining({ code: 'versionMismatch' }),
    );
  });
});
