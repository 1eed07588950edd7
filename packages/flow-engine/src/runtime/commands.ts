// The commands that resume a waiting token: a task decision, a return, a transfer, an added signer, and
// a fired timer. They check the request (typed errors), record it, and hand over to the node's handler.
import { type FlowNode, isEmptyValue } from '@lowcode/app-model';
import { FlowEngineError } from '../errors';
import { type NodeOfType } from '../handlers/contract';
import { handlerFor } from '../handlers/registry';
import {
  type AddSignerInput,
  type CommentAudience,
  type CompleteTaskInput,
  type TaskState,
  type Token,
  type TransferTaskInput,
} from '../types';
import { branchOf, samePrefix } from './branches';
import { type Execution } from './execution';
import { fireSlaTimer } from './tasks';

type TaskNode = NodeOfType<'userTask'> | NodeOfType<'approval'>;

function openTask(
  exec: Execution,
  taskId: string,
  actor: string,
): { task: TaskState; node: TaskNode; token: Token } {
  const task = exec.state.tasks.find((candidate) => candidate.id === taskId);
  if (!task) throw new FlowEngineError('taskNotFound', `No task "${taskId}" in this instance`, { taskId });
  if (task.status !== 'open')
    throw new FlowEngineError('taskClosed', `Task "${taskId}" is ${task.status}`, { taskId });
  if (!task.assignees.includes(actor))
    throw new FlowEngineError('notAssignee', `User "${actor}" is not an assignee of task "${taskId}"`, {
      taskId,
      actor,
    });
  if (task.decisions[actor])
    throw new FlowEngineError('alreadyDecided', `User "${actor}" has already decided`, { taskId });
  const token = exec.state.tokens.find((candidate) => candidate.id === task.tokenId);
  const node = exec.flow.node(task.nodeKey);
  if (!token || (node.type !== 'userTask' && node.type !== 'approval'))
    throw new FlowEngineError('invalidState', `Task "${taskId}" has no waiting token`);
  return { task, node, token };
}

function closeTask(exec: Execution, task: TaskState, outcome: NonNullable<TaskState['outcome']>): void {
  task.status = 'completed';
  task.outcome = outcome;
  exec.effects.push({ type: 'closeTask', taskId: task.id, outcome });
  exec.cancelTimers((timer) => timer.taskId === task.id);
}

function checkDecision(
  node: TaskNode,
  decision: CompleteTaskInput['decision'],
): NonNullable<CompleteTaskInput['decision']> {
  const allowed = node.type === 'approval' ? ['approve', 'reject', 'return'] : ['complete', 'return'];
  const chosen = decision ?? (node.type === 'userTask' ? 'complete' : undefined);
  if (!chosen || !allowed.includes(chosen))
    throw new FlowEngineError(
      'invalidDecision',
      `"${String(decision)}" is not a decision for a ${node.type}`,
      { allowed },
    );
  if (chosen === 'return' && node.type === 'approval' && node.allowReturn !== true)
    throw new FlowEngineError('returnNotAllowed', `Approval "${node.key}" does not allow returning`);
  return chosen;
}

function applyFormData(exec: Execution, node: TaskNode, data: Record<string, unknown> | undefined): void {
  if (!data || Object.keys(data).length === 0) return;
  const editable = node.form?.editable;
  const refused = editable ? Object.keys(data).filter((field) => !editable.includes(field)) : [];
  if (refused.length > 0)
    throw new FlowEngineError(
      'fieldNotEditable',
      `Fields not editable at "${node.key}": ${refused.join(', ')}`,
      { fields: refused },
    );
  exec.emitActions([{ type: 'updateRecord', values: { ...data } }], node.key);
}

/** The form's required fields must have a value, in what the assignee sends or the record already holds. */
function checkRequired(
  node: TaskNode,
  record: Record<string, unknown>,
  data: Record<string, unknown> | undefined,
): void {
  const missing = (node.form?.required ?? []).filter((field) =>
    isEmptyValue(data && Object.prototype.hasOwnProperty.call(data, field) ? data[field] : record[field]),
  );
  if (missing.length > 0)
    throw new FlowEngineError('fieldRequired', `Fields required at "${node.key}": ${missing.join(', ')}`, {
      fields: missing,
    });
}

/** A decision's comment as the state and the transition keep it; an internal one says so. */
function commentOf(input: { comment?: string; commentAudience?: CommentAudience }): {
  comment?: string;
  commentAudience?: 'internal';
} {
  if (!input.comment) return {};
  return input.commentAudience === 'internal'
    ? { comment: input.comment, commentAudience: 'internal' }
    : { comment: input.comment };
}

export async function completeTask(exec: Execution, taskId: string, input: CompleteTaskInput): Promise<void> {
  const { task, node, token } = openTask(exec, taskId, input.actor);
  const decision = checkDecision(node, input.decision);
  if (input.record) exec.state.record = JSON.parse(JSON.stringify(input.record)) as Record<string, unknown>;
  if (decision === 'complete' || decision === 'approve') checkRequired(node, exec.state.record, input.data);
  applyFormData(exec, node, input.data);
  task.decisions[input.actor] = { decision, at: exec.nowIso(), ...commentOf(input) };
  const data = { taskId, ...commentOf(input), ...(input.data && { data: input.data }) };
  if (decision === 'return') return returnTo(exec, task, node, token, input.returnTo, data);
  exec.recordAct({ tokenId: token.id, fromNode: node.key, action: decision, data });
  const handler = handlerFor(node.type);
  const ctx = exec.context(node, token);
  const next = await exec.decide(
    () => handler.resume?.(ctx as never, { type: 'taskDecided', task }) ?? { kind: 'continue' },
  );
  if (next.kind === 'wait') return;
  const approved = next.kind === 'continue' && next.variables?.decision;
  closeTask(
    exec,
    task,
    node.type === 'approval' ? (approved === 'rejected' ? 'rejected' : 'approved') : 'completed',
  );
  await exec.apply(next, token, node);
}

/** Sends the token back to a task node it passed earlier in the same branch (or before the split). */
function returnTo(
  exec: Execution,
  task: TaskState,
  node: FlowNode,
  token: Token,
  target: string | undefined,
  data: Record<string, unknown>,
): void {
  const targetNode = target && exec.flow.hasNode(target) ? exec.flow.node(target) : undefined;
  if (
    !targetNode ||
    (targetNode.type !== 'userTask' && targetNode.type !== 'approval') ||
    target === node.key
  )
    throw new FlowEngineError('returnTargetInvalid', `"${String(target)}" is not a task node to return to`, {
      returnTo: target,
    });
  const branch = branchOf(token);
  const visit = exec.state.visits.findLast(
    (entry) => entry.node === target && samePrefix(entry.branch, branch),
  );
  if (!visit)
    throw new FlowEngineError(
      'returnTargetInvalid',
      `The instance has not passed "${target}" on this branch`,
      { returnTo: target },
    );
  const depth = visit.branch.length;
  const scope = branch.slice(0, depth);
  const inScope = (other: Token) => samePrefix(scope, branchOf(other));
  closeTask(exec, task, 'returned');
  const dropped = exec.state.tokens.filter(
    (other) => other.status !== 'done' && other.id !== token.id && inScope(other),
  );
  const droppedIds = new Set(dropped.map((other) => other.id));
  exec.cancelTasks((open) => droppedIds.has(open.tokenId), 'returned');
  exec.cancelTimers((timer) => droppedIds.has(timer.tokenId));
  for (const other of dropped) other.status = 'done';
  token.splits = token.splits.slice(0, depth);
  token.nodeKey = targetNode.key;
  token.status = 'active';
  token.arrivedAt = exec.nowIso();
  exec.recordAct({
    tokenId: token.id,
    fromNode: node.key,
    toNode: targetNode.key,
    action: 'return',
    branch: scope,
    data,
  });
}

export function transferTask(exec: Execution, taskId: string, input: TransferTaskInput): void {
  const { task, node, token } = openTask(exec, taskId, input.actor);
  if (node.type === 'approval' && node.allowTransfer !== true)
    throw new FlowEngineError('transferNotAllowed', `Approval "${node.key}" does not allow transfer`);
  if (task.assignees.includes(input.to))
    throw new FlowEngineError('transferNotAllowed', `User "${input.to}" is already an assignee`);
  // A user task is done by one person: handed on, it is the new person's alone (customer service passing an
  // order no technician qualified for to one it chose). An approval's other signers still decide.
  task.assignees =
    node.type === 'userTask'
      ? [input.to]
      : task.assignees.map((user) => (user === input.actor ? input.to : user));
  exec.effects.push({ type: 'updateTask', taskId, assignees: [...task.assignees] });
  const data = { taskId, to: input.to, ...commentOf(input) };
  exec.recordAct({ tokenId: token.id, fromNode: node.key, toNode: node.key, action: 'transfer', data });
}

export function addSigner(exec: Execution, taskId: string, input: AddSignerInput): void {
  const { task, node, token } = openTask(exec, taskId, input.actor);
  if (node.type !== 'approval')
    throw new FlowEngineError('addSignerNotAllowed', 'Signers can only be added to approvals');
  const added = input.users.filter((user) => !task.assignees.includes(user));
  if (added.length === 0) throw new FlowEngineError('addSignerNotAllowed', 'No new signer given');
  task.assignees = [...task.assignees, ...added];
  exec.effects.push({ type: 'updateTask', taskId, assignees: [...task.assignees] });
  const data = { taskId, users: added, ...commentOf(input) };
  exec.recordAct({ tokenId: token.id, fromNode: node.key, toNode: node.key, action: 'addSigner', data });
}

/** A timer the host's job queue fired. A timer no longer in the state (cancelled meanwhile) is a no-op. */
export async function fireTimer(exec: Execution, timerId: string): Promise<void> {
  const timer = exec.state.timers.find((candidate) => candidate.id === timerId);
  if (!timer) return;
  exec.state.timers = exec.state.timers.filter((candidate) => candidate.id !== timerId);
  if (timer.kind !== 'node') {
    const task = exec.state.tasks.find((candidate) => candidate.id === timer.taskId);
    if (task?.status === 'open') await fireSlaTimer(exec, timer, task);
    return;
  }
  const token = exec.state.tokens.find((candidate) => candidate.id === timer.tokenId);
  if (!token) return;
  const node = exec.flow.node(timer.nodeKey);
  exec.record({ tokenId: token.id, fromNode: node.key, action: 'timer', data: { timerId } });
  const handler = handlerFor(node.type);
  const ctx = exec.context(node, token);
  const next = await exec.decide(
    () => handler.resume?.(ctx as never, { type: 'timerFired', timer }) ?? { kind: 'continue' },
  );
  await exec.apply(next, token, node);
}
