// User tasks and approvals: enter resolves assignees and asks for a task; resume decides, from the
// decisions recorded so far, whether the node is done (single, countersign `all`, or-sign `any`).
import { type Sla } from '@lowcode/app-model';
import { isDuration } from '../duration';
import { readsVar } from '../logic';
import { type Problem, nodePath, problem } from '../problems';
import { type Decision, type HandlerContext, type NodeHandler, type NodeOfType } from './contract';

type TaskNode = NodeOfType<'userTask'> | NodeOfType<'approval'>;

function validateTask(node: TaskNode, flow: Parameters<NodeHandler<'userTask'>['validate']>[1]): Problem[] {
  const problems: Problem[] = [];
  const at = (...rest: string[]) => nodePath(flow, node, ...rest);
  const assignee = node.assignee as unknown;
  if (assignee === undefined || assignee === null || typeof assignee !== 'object')
    problems.push(problem(at('assignee'), 'taskAssigneeMissing', { node: node.key }));
  problems.push(...validateSla(node.sla, node.key, at('sla')));
  return problems;
}

function validateSla(sla: Sla | undefined, key: string, path: string): Problem[] {
  if (!sla) return [];
  const durations: [string, unknown][] = [
    ['due', sla.due],
    ['remindBefore', sla.remindBefore],
    ['escalate.after', sla.escalate?.after],
  ];
  return durations
    .filter(([name, value]) => (name === 'due' || value !== undefined) && !isDuration(value))
    .map(([name, value]) =>
      problem(`${path}.${name}`, 'durationInvalid', { node: key, value: String(value) }),
    );
}

/** The task's assignees: its rule's, else its fallback's (said so); a message when neither finds anyone. */
async function assigneesOf(
  ctx: Pick<HandlerContext<'userTask'>, 'resolveAssignees'> & { node: TaskNode },
): Promise<{ users: string[]; fallback?: true } | string> {
  const users = [...new Set(await ctx.resolveAssignees(ctx.node.assignee))];
  if (users.length > 0) return { users };
  if (ctx.node.assigneeFallback) {
    const fallback = [...new Set(await ctx.resolveAssignees(ctx.node.assigneeFallback))];
    if (fallback.length > 0) return { users: fallback, fallback: true };
  }
  return `No assignee was found for task "${ctx.node.key}"`;
}

export const userTaskHandler: NodeHandler<'userTask'> = {
  waits: true,
  validate: (node, flow) => validateTask(node, flow),
  async enter(ctx) {
    const assignees = await assigneesOf(ctx);
    if (typeof assignees === 'string') return { kind: 'error', message: assignees };
    const { node } = ctx;
    return {
      kind: 'wait',
      task: {
        kind: 'userTask',
        assignees: assignees.users,
        ...(assignees.fallback && { fallback: true }),
        mode: 'single',
        label: node.label,
        form: node.form,
        sla: node.sla,
      },
    };
  },
  // A user task (or a group task) is done as soon as one assignee completes it.
  resume: () => ({ kind: 'continue' }),
};

/** Edges to take after an approval, given its outcome (conditions on the approval's own edges read `decision`). */
function afterApproval(ctx: HandlerContext<'approval'>, decision: 'approved' | 'rejected'): Decision {
  const extra = { decision };
  const variables = { decision };
  const conditional = ctx.outgoing.filter((edge) => edge.condition !== undefined);
  const taken = ctx.outgoing.filter(
    (edge) => edge.condition === undefined || ctx.test(edge.condition, extra),
  );
  if (decision === 'approved') {
    return { kind: 'continue', variables, edges: taken.map((edge) => edge.key) };
  }
  const rejectedEdges = conditional.filter((edge) => ctx.test(edge.condition, extra));
  if (rejectedEdges.length > 0)
    return { kind: 'continue', variables, edges: rejectedEdges.map((e) => e.key) };
  // A gateway right after the approval that routes on `decision` is the rejected branch.
  const nextRoutes = ctx.outgoing.some((edge) => {
    const next = ctx.flow.nodes.find((node) => node.key === edge.to);
    if (next?.type !== 'exclusiveGateway' && next?.type !== 'inclusiveGateway') return false;
    return ctx.flow.edges.some((out) => out.from === next.key && readsVar(out.condition, 'decision'));
  });
  if (nextRoutes) return { kind: 'continue', variables, edges: taken.map((edge) => edge.key) };
  return { kind: 'continue', variables, edges: [], outcome: 'rejected' };
}

export const approvalHandler: NodeHandler<'approval'> = {
  waits: true,
  validate(node, flow) {
    const problems = validateTask(node, flow);
    if (!['single', 'all', 'any'].includes(node.mode))
      problems.push(
        problem(nodePath(flow, node, 'mode'), 'approvalModeInvalid', {
          node: node.key,
          mode: String(node.mode),
        }),
      );
    return problems;
  },
  async enter(ctx) {
    const assignees = await assigneesOf(ctx);
    if (typeof assignees === 'string') return { kind: 'error', message: assignees };
    const { node } = ctx;
    const cc = new Set<string>();
    for (const rule of node.cc ?? []) for (const user of await ctx.resolveAssignees(rule)) cc.add(user);
    return {
      kind: 'wait',
      task: {
        kind: 'approval',
        assignees: assignees.users,
        ...(assignees.fallback && { fallback: true }),
        mode: node.mode,
        label: node.label,
        form: node.form,
        sla: node.sla,
      },
      effects:
        cc.size > 0
          ? [{ type: 'notify', to: [...cc], reason: 'cc', nodeKey: node.key, template: node.label }]
          : [],
    };
  },
  resume(ctx, event) {
    if (event.type !== 'taskDecided')
      return { kind: 'error', message: `Approval "${ctx.node.key}" got ${event.type}` };
    const { task } = event;
    const decisions = Object.values(task.decisions).map((entry) => entry.decision);
    const approvals = decisions.filter((decision) => decision === 'approve').length;
    const rejections = decisions.filter((decision) => decision === 'reject').length;
    const everyone = task.assignees.length;
    switch (task.mode) {
      case 'single':
        return afterApproval(ctx, rejections > 0 ? 'rejected' : 'approved');
      case 'all':
        if (rejections > 0) return afterApproval(ctx, 'rejected');
        return approvals >= everyone ? afterApproval(ctx, 'approved') : { kind: 'wait' };
      case 'any':
        if (approvals > 0) return afterApproval(ctx, 'approved');
        return rejections >= everyone ? afterApproval(ctx, 'rejected') : { kind: 'wait' };
    }
  },
};
