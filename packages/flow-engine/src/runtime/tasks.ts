// Tasks and their SLA: creating a task with due, reminder and overdue timers, and what those timers do.
import { type FlowNode, type Sla } from '@lowcode/app-model';
import { addDuration } from '../duration';
import { type TaskRequest } from '../handlers/contract';
import { type TaskState, type TimerState, type Token } from '../types';
import { type Execution } from './execution';

function slaOf(exec: Execution, nodeKey: string): Sla | undefined {
  const node = exec.flow.node(nodeKey);
  return node.type === 'userTask' || node.type === 'approval' ? node.sla : undefined;
}

function dueDate(exec: Execution, start: Date, sla: Sla): Date {
  const calendar = exec.setup.env.businessCalendar;
  return sla.calendar === 'business' && calendar ? calendar(start, sla.due) : addDuration(start, sla.due);
}

export async function createTask(
  exec: Execution,
  token: Token,
  node: FlowNode,
  request: TaskRequest,
): Promise<void> {
  const now = exec.now();
  const task: TaskState = {
    id: exec.setup.env.newId(),
    nodeKey: node.key,
    tokenId: token.id,
    kind: request.kind,
    assignees: request.assignees,
    mode: request.mode,
    decisions: {},
    status: 'open',
    createdAt: now.toISOString(),
    escalated: false,
    priority: 'normal',
  };
  const { sla } = request;
  const due = sla ? dueDate(exec, now, sla) : undefined;
  const remind = sla?.remindBefore && due ? addDuration(due, sla.remindBefore, -1) : undefined;
  if (due) task.dueAt = due.toISOString();
  if (remind && remind.getTime() > now.getTime()) task.remindAt = remind.toISOString();
  exec.state.tasks.push(task);
  exec.effects.push({
    type: 'createTask',
    taskId: task.id,
    nodeKey: node.key,
    kind: task.kind,
    label: request.label,
    assignees: [...task.assignees],
    mode: task.mode,
    ...(request.form && { form: request.form }),
    ...(task.dueAt && { dueAt: task.dueAt }),
    ...(task.remindAt && { remindAt: task.remindAt }),
    ...(request.fallback && { fallback: true }),
  });
  exec.record({
    tokenId: token.id,
    toNode: node.key,
    action: 'assign',
    data: { taskId: task.id, assignees: task.assignees, ...(request.fallback && { fallback: true }) },
  });
  const owner = { nodeKey: node.key, tokenId: token.id, taskId: task.id };
  if (task.remindAt) exec.scheduleTimer({ kind: 'remind', ...owner }, new Date(task.remindAt));
  if (due && sla) {
    const overdueAt = sla.escalate?.after ? addDuration(due, sla.escalate.after) : due;
    exec.scheduleTimer({ kind: 'overdue', ...owner }, overdueAt);
  }
}

const undecided = (task: TaskState): string[] => task.assignees.filter((user) => !task.decisions[user]);

/** A reminder (催办) or an overdue escalation fired for an open task. */
export async function fireSlaTimer(exec: Execution, timer: TimerState, task: TaskState): Promise<void> {
  const key = (reason: string) => `${exec.state.id}:${timer.id}:${reason}`;
  const base = { nodeKey: task.nodeKey, taskId: task.id };
  if (timer.kind === 'remind') {
    exec.effects.push({
      type: 'notify',
      to: undecided(task),
      reason: 'reminder',
      ...base,
      idempotencyKey: key('remind'),
    });
    exec.record({
      tokenId: timer.tokenId,
      toNode: task.nodeKey,
      action: 'remind',
      data: { taskId: task.id },
    });
    return;
  }
  task.escalated = true;
  const escalate = slaOf(exec, task.nodeKey)?.escalate;
  const policy = { reassign: false, raisePriority: true, ...exec.setup.options.escalation };
  const update: Extract<(typeof exec.effects)[number], { type: 'updateTask' }> = {
    type: 'updateTask',
    taskId: task.id,
    escalated: true,
  };
  if (!escalate) {
    exec.effects.push({
      type: 'notify',
      to: undecided(task),
      reason: 'overdue',
      ...base,
      idempotencyKey: key('overdue'),
    });
  } else {
    const ctx = exec.context(
      exec.flow.node(task.nodeKey),
      exec.state.tokens.find((t) => t.id === timer.tokenId) as Token,
    );
    const to = [...new Set(await ctx.resolveAssignees(escalate.to, { assignees: undecided(task) }))];
    if (to.length > 0)
      exec.effects.push({
        type: 'notify',
        to,
        reason: 'escalation',
        ...base,
        idempotencyKey: key('escalation'),
      });
    if (policy.reassign && to.length > 0) {
      task.assignees = [...Object.keys(task.decisions), ...to.filter((user) => !task.decisions[user])];
      update.assignees = [...task.assignees];
    }
  }
  if (policy.raisePriority) {
    task.priority = 'urgent';
    update.priority = 'urgent';
  }
  exec.effects.push(update);
  exec.record({ tokenId: timer.tokenId, toNode: task.nodeKey, action: 'escalate', data: { ...update } });
}
