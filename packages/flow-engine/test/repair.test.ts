// The property template's repair flow, read from templates/, carried from the tenant's report to the end;
// and the same run stopped and recovered from plain JSON after every step.
import { type FlowInstanceState, type FlowRuntime, type StepResult, createFlowRuntime } from '../src';
import { MINUTE, fakeEnv, loadRepair, ofType, openTaskAt } from './helpers';

const RECORD = {
  type: 'repair',
  project: 'p1',
  category: 'plumbing',
  requiredSkill: 'pipe',
  technician: 'tech1',
  needsSurvey: false,
  requester: { account: 'tenant1' },
};

type Step = (runtime: FlowRuntime, state: FlowInstanceState) => Promise<StepResult>;

const STEPS: [string, Step][] = [
  ['start', (rt) => rt.start({ record: RECORD, actor: 'tenant1', instanceId: 'wo-1' })],
  [
    'accept',
    (rt, s) =>
      rt.completeTask(openTaskAt(s, 'accept'), {
        actor: 'tech1',
        data: { appointmentAt: '2025-03-03T06:00:00Z' },
      }),
  ],
  ['depart', (rt, s) => rt.completeTask(openTaskAt(s, 'depart'), { actor: 'tech1' })],
  [
    'complete',
    (rt, s) =>
      rt.completeTask(openTaskAt(s, 'complete'), {
        actor: 'tech1',
        data: { resolution: 'pipe replaced', firstVisitFix: true },
      }),
  ],
  [
    'rate',
    (rt, s) =>
      rt.completeTask(openTaskAt(s, 'rate'), { actor: 'tenant1', data: { rating: 5 }, comment: '很好' }),
  ],
];

async function runAll(stopAndRecover: boolean) {
  const { env, advance } = fakeEnv();
  const definition = loadRepair();
  let runtime = createFlowRuntime(definition, env, { version: 3 });
  let state = {} as FlowInstanceState;
  const results: StepResult[] = [];
  for (const [, step] of STEPS) {
    if (stopAndRecover && results.length > 0) {
      runtime = createFlowRuntime(definition, env, { version: 3 });
      runtime.recover(JSON.parse(JSON.stringify(state)) as FlowInstanceState);
    }
    const result = await step(runtime, state);
    results.push(result);
    state = result.state;
    advance(5 * MINUTE);
  }
  return results;
}

describe('repair flow (templates/property/app/flows/repair.json)', () => {
  it('runs start → dispatch → accept → complete → rate → end', async () => {
    const results = await runAll(false);
    const final = results.at(-1)!.state;
    const history = results.flatMap((result) => result.transitions);
    expect(final.status).toBe('completed');
    expect(final.flowVersion).toBe(3);
    const path = history.filter((h) => h.action === 'enter').map((h) => h.toNode);
    expect(path).toEqual([
      'routeByType', 'markDispatched', 'accept', 'markAccepted', 'surveyCheck', 'depart', 'markDeparted',
      'complete', 'markCompleted', 'inviteRating', 'rate', 'ratingCheck', 'close', 'end',
    ]); // prettier-ignore
    // Setting off is the technician's confirmation; the flow stamps the status and the time.
    expect(ofType(results[2]!.effects, 'updateRecord').map((u) => u.values)).toEqual([
      { status: 'departed', departedAt: '2025-03-03T01:10:00.000Z' },
    ]);
    const [dispatched] = ofType(results[0]!.effects, 'createTask');
    expect(dispatched).toMatchObject({
      nodeKey: 'accept',
      assignees: ['tech1'],
      dueAt: '2025-03-03T01:30:00.000Z',
      remindAt: '2025-03-03T01:20:00.000Z',
    });
    expect(ofType(results[0]!.effects, 'scheduleTimer').map((t) => [t.kind, t.fireAt])).toEqual([
      ['remind', '2025-03-03T01:20:00.000Z'],
      ['overdue', '2025-03-03T01:45:00.000Z'],
    ]);
    // Completing the task cancels its SLA timers.
    expect(ofType(results[1]!.effects, 'cancelTimer')).toHaveLength(2);
    expect(ofType(results[1]!.effects, 'updateRecord').map((u) => u.values)).toEqual([
      { appointmentAt: '2025-03-03T06:00:00Z' },
      // The step stamps who accepted and when, from `actor` and `now`.
      { status: 'accepted', technician: 'tech1', acceptedAt: '2025-03-03T01:05:00.000Z' },
    ]);
    expect(ofType(results[3]!.effects, 'notify')).toMatchObject([
      { to: ['tenant1'], reason: 'action', nodeKey: 'inviteRating' },
    ]);
    expect(final.record).toMatchObject({ status: 'closed', rating: 5, resolution: 'pipe replaced' });
    expect(history.find((h) => h.action === 'complete' && h.fromNode === 'rate')).toMatchObject({
      actor: 'tenant1',
      data: { comment: '很好' },
    });
    expect(ofType(results[4]!.effects, 'instanceEnded')).toEqual([
      { type: 'instanceEnded', status: 'completed' },
    ]);
    // People are credited with what they did; what the flow did in consequence (the dispatch to tech1 after
    // the tenant's request, the end after the rating) is the system's.
    const acts = (result: StepResult) => result.transitions.map((h) => `${h.action}:${h.actor}`);
    expect(acts(results[0]!).filter((act) => !act.startsWith('enter:'))).toEqual([
      'start:tenant1',
      'assign:system',
    ]);
    expect(acts(results[4]!).filter((act) => !act.startsWith('enter:'))).toEqual([
      'complete:tenant1',
      'end:system',
      'completed:system',
    ]);
    expect(history.filter((h) => h.action === 'enter').every((h) => h.actor === 'system')).toBe(true);
  });

  it('refuses form fields the task may not edit, leaving the state untouched', async () => {
    const { env } = fakeEnv();
    const runtime = createFlowRuntime(loadRepair(), env);
    const { state } = await runtime.start({ record: RECORD, actor: 'tenant1' });
    await expect(
      runtime.completeTask(openTaskAt(state, 'accept'), { actor: 'tech1', data: { rating: 1 } }),
    ).rejects.toMatchObject({
      code: 'fieldNotEditable',
      status: 400,
    });
    expect(runtime.getState()).toEqual(state);
  });

  it('refuses to complete the rating task without its required rating, naming it', async () => {
    const { env } = fakeEnv();
    const runtime = createFlowRuntime(loadRepair(), env);
    let state = (await runtime.start({ record: RECORD, actor: 'tenant1' })).state;
    for (const [node, data] of [
      ['accept', {}],
      ['depart', undefined],
      ['complete', { resolution: 'pipe replaced' }],
    ] as const)
      state = (await runtime.completeTask(openTaskAt(state, node), { actor: 'tech1', ...(data && { data }) }))
        .state;
    const rate = openTaskAt(state, 'rate');
    await expect(
      runtime.completeTask(rate, { actor: 'tenant1', data: { ratingComment: '还行' } }),
    ).rejects.toMatchObject({ code: 'fieldRequired', status: 400, details: { fields: ['rating'] } });
    expect(runtime.getState()).toEqual(state);
    await expect(
      runtime.completeTask(rate, { actor: 'tenant1', data: { rating: 4 } }),
    ).resolves.toBeDefined();
  });

  it('getState / recover after every step gives the same result as not stopping', async () => {
    const straight = await runAll(false);
    const recovered = await runAll(true);
    expect(recovered.map((r) => r.effects)).toEqual(straight.map((r) => r.effects));
    expect(recovered.at(-1)!.state).toEqual(straight.at(-1)!.state);
  });

  it('routes complaints to the sub-flow and inquiries to customer service', async () => {
    const complaint = await createFlowRuntime(loadRepair(), fakeEnv().env).start({
      record: { ...RECORD, type: 'complaint' },
      actor: 't',
    });
    expect(complaint.state.status).toBe('completed');
    expect(ofType(complaint.effects, 'startSubFlow')[0]).toMatchObject({ flow: 'complaint' });
    const inquiry = await createFlowRuntime(loadRepair(), fakeEnv().env).start({
      record: { ...RECORD, type: 'inquiry' },
      actor: 't',
    });
    expect(ofType(inquiry.effects, 'createTask')[0]).toMatchObject({
      nodeKey: 'answerInquiry',
      assignees: ['cs1', 'cs2'],
    });
  });

  it('takes the survey, cost approval and multi-party branch with its parallel join', async () => {
    const { env } = fakeEnv();
    const runtime = createFlowRuntime(loadRepair(), env);
    let { state } = await runtime.start({
      record: { ...RECORD, needsSurvey: true, butler: 'butler1' },
      actor: 't',
    });
    ({ state } = await runtime.completeTask(openTaskAt(state, 'accept'), { actor: 'tech1' }));
    ({ state } = await runtime.completeTask(openTaskAt(state, 'siteSurvey'), {
      actor: 'tech1',
      data: { estimateCost: 5000, supplier: 's1' },
    }));
    const approval = await runtime.completeTask(openTaskAt(state, 'costApproval'), {
      actor: 'pm1',
      decision: 'approve',
    });
    expect(ofType(approval.effects, 'createRecord')[0]).toMatchObject({
      entity: 'vendorEstimate',
      values: { total: 5000, supplier: 's1' },
    });
    expect(approval.state.tokens.map((t) => [t.nodeKey, t.status])).toEqual([
      ['join', 'waiting'],
      ['supplierWork', 'waiting'],
    ]);
    const joined = await runtime.completeTask(openTaskAt(approval.state, 'supplierWork'), {
      actor: 'butler1',
    });
    expect(joined.state.tokens.map((t) => [t.nodeKey, t.splits])).toEqual([['depart', []]]);
  });
});
