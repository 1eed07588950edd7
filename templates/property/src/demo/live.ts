// Work in progress for the demo company: the newest open work orders run in the template's repair flow and
// the lease applications in progress in the onboarding flow when the demo is installed, some moved on a few
// steps, so every role finds something to do on first sign-in — a technician an order to accept or finish, a
// tenant a repair to rate, customer service an inquiry, leasing an application to review or a contract to
// prepare. The server plays these plans through the flow engine after the demo records are in (reserved key
// `_flows`).
import { type DemoContext, type DemoRecord, DAY, HOUR, isoDateTime } from './context';

/** What a work order says when it is filed; the rest (technician, times, results) the flow will write. */
const FILED_FIELDS = new Set([
  '_key',
  'no',
  'type',
  'channel',
  'project',
  'room',
  'requester',
  'contactPhone',
  'category',
  'serviceLine',
  'priority',
  'requiredSkill',
  'title',
  'description',
  'photos',
  'media',
  'reportedAt',
  'slaDueAt',
  'butler',
]);

const OPEN = new Set(['pending', 'dispatched', 'accepted', 'departed', 'visited', 'inProgress']);

/** How far each live repair is taken, in turn: a spread over the flow's stages (the first goes furthest). */
const REPAIR_STAGES: readonly (readonly string[])[] = [
  ['accept', 'depart', 'complete'],
  [],
  ['accept'],
  [],
  ['accept', 'depart'],
  [],
  ['accept', 'depart', 'complete'],
  ['accept'],
  [],
  ['accept', 'depart'],
];

/**
 * Turns the work orders reported in the last three days that are still open into just-filed ones (status
 * pending, nothing done yet) and plans a run of the repair flow for each: started by the requester's account
 * (else the butler), then the tasks of its stage completed by whoever the flow gives them to. Orders other
 * demo records refer to (a supplier's quote, parts taken) keep their history and get no flow.
 */
export function planLiveFlows(ctx: DemoContext): void {
  const now = ctx.now;
  const referenced = new Set<string>();
  for (const [entity, records] of Object.entries(ctx.data)) {
    if (entity === 'workOrder' || entity === '_users') continue;
    for (const record of records)
      for (const value of Object.values(record))
        if (typeof value === 'string' && value.startsWith('wo-')) referenced.add(value);
  }
  const tenants = new Map((ctx.data.tenant ?? []).map((tenant) => [tenant._key, tenant]));
  const live = (ctx.data.workOrder ?? []).filter(
    (order) =>
      OPEN.has(String(order.status)) &&
      Date.parse(String(order.reportedAt)) > now - 3 * DAY &&
      !referenced.has(order._key),
  );
  let repairs = 0;
  for (const order of live) {
    for (const key of Object.keys(order)) if (!FILED_FIELDS.has(key)) delete order[key];
    order.status = 'pending';
    const account = tenants.get(String(order.requester))?.account;
    const stage = order.type === 'repair' ? REPAIR_STAGES[repairs++ % REPAIR_STAGES.length]! : [];
    const plan: DemoRecord = {
      _key: `flow-${order._key}`,
      flow: 'repair',
      entity: 'workOrder',
      record: order._key,
      ...(account ? { startedBy: account } : order.butler ? { startedBy: order.butler } : {}),
      steps: stage.map((node) => ({ node, data: STEP_DATA[node]?.(now) ?? {} })),
    };
    (ctx.data._flows ??= []).push(plan);
  }
}

/** What the assignee enters at each task a live repair is taken through. */
const STEP_DATA: Record<string, (now: number) => Record<string, unknown>> = {
  accept: (now) => ({ appointmentAt: isoDateTime(now + 4 * HOUR) }),
  complete: () => ({ resolution: '已修复，试用正常', laborCost: 60, firstVisitFix: true }),
};

/**
 * How far an application in progress has gone through onboarding, by the status the generator gave it: the
 * leasing review approved, then the contract prepared and sent (the upload is already on the record).
 */
const APPLICATION_STEPS: Record<string, { node: string; action?: string; data?: Record<string, unknown> }[]> =
  {
    submitted: [],
    approved: [{ node: 'review', action: 'approve', data: { reviewNote: '资料齐全，同意签约' } }],
    contractSent: [
      { node: 'review', action: 'approve', data: { reviewNote: '资料齐全，同意签约' } },
      { node: 'prepareContract' },
    ],
  };

/**
 * Turns the lease applications in progress into just-submitted ones and plans their onboarding flow, started
 * by their leasing agent (who took the application), then taken as far as their status says — so the flow,
 * not the generator, sets the status and the leasing team's inboxes hold the next steps.
 */
export function planLiveApplications(ctx: DemoContext): void {
  for (const application of ctx.data.leaseApplication ?? []) {
    const steps = APPLICATION_STEPS[String(application.status)];
    if (!steps) continue;
    application.status = 'submitted';
    delete application.reviewNote;
    (ctx.data._flows ??= []).push({
      _key: `flow-${application._key}`,
      flow: 'onboarding',
      entity: 'leaseApplication',
      record: application._key,
      startedBy: application.leasingAgent,
      steps,
    });
  }
}
