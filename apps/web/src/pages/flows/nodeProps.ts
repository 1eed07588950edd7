import type { Assignee, FlowAction, FlowNode, Sla, TaskForm } from '@lowcode/app-model';

// Property panel → node JSON: each change is a pure function of the node, so the panel holds no rules of its
// own and every shape written here is one the app model accepts.

export type AssigneeType = Assignee['type'];
export type ActionType = FlowAction['type'];
export type TaskNode = Extract<FlowNode, { type: 'userTask' | 'approval' }>;
export type TimerNode = Extract<FlowNode, { type: 'timer' }>;

export const ASSIGNEE_DEFAULTS: { [T in AssigneeType]: () => Extract<Assignee, { type: T }> } = {
  user: () => ({ type: 'user', users: [] }),
  role: () => ({ type: 'role', role: '' }),
  department: () => ({ type: 'department', department: '' }),
  manager: () => ({ type: 'manager', of: 'starter', level: 1 }),
  field: () => ({ type: 'field', field: '' }),
  expression: () => ({ type: 'expression', expression: { var: 'record.createdBy' } }),
  autoDispatch: () => ({ type: 'autoDispatch', match: {}, strategy: 'leastLoaded' }),
};

export const ACTION_DEFAULTS: { [T in ActionType]: () => Extract<FlowAction, { type: T }> } = {
  createRecord: () => ({ type: 'createRecord', entity: '', values: {} }),
  updateRecord: () => ({ type: 'updateRecord', values: {} }),
  notify: () => ({ type: 'notify', to: { type: 'role', role: '' }, template: { 'zh-CN': '', en: '' } }),
  webhook: () => ({ type: 'webhook', url: 'https://', method: 'POST' }),
  subFlow: () => ({ type: 'subFlow', flow: '' }),
};

export const isTaskNode = (node: FlowNode): node is TaskNode =>
  node.type === 'userTask' || node.type === 'approval';

/** Switching the rule type starts that type afresh; the same type keeps what was set. */
export function changeAssigneeType(current: Assignee | undefined, type: AssigneeType): Assignee {
  return current?.type === type ? current : ASSIGNEE_DEFAULTS[type]();
}

export function changeActionType(current: FlowAction, type: ActionType): FlowAction {
  return current.type === type ? current : ACTION_DEFAULTS[type]();
}

/**
 * Sets the task form; empty lists are left out, an empty form is removed. Required fields are among the
 * editable ones (a field no longer editable is no longer required).
 */
export function withTaskForm<N extends TaskNode>(node: N, form: TaskForm): N {
  const next: TaskForm = {};
  if (form.editable?.length) next.editable = form.editable;
  if (form.visible?.length) next.visible = form.visible.filter((key) => !next.editable?.includes(key));
  if (next.visible?.length === 0) delete next.visible;
  const required = form.required?.filter((key) => next.editable?.includes(key));
  if (required?.length) next.required = required;
  const { form: _form, ...rest } = node;
  return (Object.keys(next).length > 0 ? { ...rest, form: next } : rest) as N;
}

export interface SlaDraft {
  due?: string;
  calendar?: Sla['calendar'];
  remindBefore?: string;
  escalateAfter?: string;
  escalateTo?: Assignee;
}

/** The SLA from the panel's fields: no due time means no SLA; blank durations are left out. */
export function withSla<N extends TaskNode>(node: N, draft: SlaDraft): N {
  const { sla: _sla, ...rest } = node;
  const due = draft.due?.trim();
  if (!due) return rest as N;
  const sla: Sla = { due };
  if (draft.calendar) sla.calendar = draft.calendar;
  if (draft.remindBefore?.trim()) sla.remindBefore = draft.remindBefore.trim();
  if (draft.escalateTo) {
    sla.escalate = { to: draft.escalateTo };
    if (draft.escalateAfter?.trim()) sla.escalate.after = draft.escalateAfter.trim();
  }
  return { ...rest, sla } as N;
}

export function slaDraft(sla: Sla | undefined): SlaDraft {
  return {
    due: sla?.due,
    calendar: sla?.calendar,
    remindBefore: sla?.remindBefore,
    escalateAfter: sla?.escalate?.after,
    escalateTo: sla?.escalate?.to,
  };
}

/** A timer waits a fixed duration or until a date field (with an optional offset), never both. */
export function timerMode(node: TimerNode): 'duration' | 'untilField' {
  return node.untilField !== undefined ? 'untilField' : 'duration';
}

export function withTimerMode(node: TimerNode, mode: 'duration' | 'untilField'): TimerNode {
  const base = { key: node.key, type: node.type, label: node.label, position: node.position };
  const described = node.description ? { description: node.description } : {};
  return mode === 'duration'
    ? { ...base, ...described, duration: node.duration ?? 'PT1H' }
    : { ...base, ...described, untilField: node.untilField ?? '' };
}

/** Carbon copy: a list of user ids and role keys, stored as one assignee rule per kind. */
export function withCc(
  node: Extract<FlowNode, { type: 'approval' }>,
  users: string[],
  roles: string[],
): Extract<FlowNode, { type: 'approval' }> {
  // Rules the panel does not edit (by field, by department …) are kept as they are.
  const cc: Assignee[] = (node.cc ?? []).filter((rule) => rule.type !== 'user' && rule.type !== 'role');
  if (users.length) cc.push({ type: 'user', users });
  for (const role of roles) cc.push({ type: 'role', role });
  const { cc: _cc, ...rest } = node;
  return cc.length ? { ...rest, cc } : rest;
}

export function ccParts(node: Extract<FlowNode, { type: 'approval' }>): { users: string[]; roles: string[] } {
  const users: string[] = [];
  const roles: string[] = [];
  for (const rule of node.cc ?? []) {
    if (rule.type === 'user') users.push(...rule.users);
    if (rule.type === 'role') roles.push(rule.role);
  }
  return { users, roles };
}
