import type { FlowNode } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import { NODE_DEFAULTS } from './flowModel';
import {
  ccParts,
  changeActionType,
  changeAssigneeType,
  slaDraft,
  withCc,
  withSla,
  withTaskForm,
  withTimerMode,
  type TaskNode,
} from './nodeProps';

const task = (): TaskNode => ({ key: 'accept', ...NODE_DEFAULTS.userTask() });
const approval = () =>
  ({ key: 'ok', ...NODE_DEFAULTS.approval() }) as Extract<FlowNode, { type: 'approval' }>;

describe('property panel → node JSON', () => {
  it('switches assignee rules to complete shapes and keeps the same type', () => {
    expect(changeAssigneeType(undefined, 'autoDispatch')).toEqual({
      type: 'autoDispatch',
      match: {},
      strategy: 'leastLoaded',
    });
    const byField = { type: 'field' as const, field: 'technician' };
    expect(changeAssigneeType(byField, 'field')).toBe(byField);
    expect(changeAssigneeType(byField, 'user')).toEqual({ type: 'user', users: [] });
  });

  it('writes the task form without empty lists or fields that are both', () => {
    expect(withTaskForm(task(), { editable: ['status'], visible: ['title', 'status'] }).form).toEqual({
      editable: ['status'],
      visible: ['title'],
    });
    expect(withTaskForm(task(), { editable: [], visible: [] })).not.toHaveProperty('form');
    expect(
      withTaskForm(task(), { editable: ['rating', 'comment'], required: ['rating', 'status'] }).form,
    ).toEqual({ editable: ['rating', 'comment'], required: ['rating'] });
  });

  it('writes an SLA only with a due time, and round-trips it through the draft', () => {
    expect(withSla(task(), { due: ' ', remindBefore: 'PT1H' })).not.toHaveProperty('sla');
    const node = withSla(task(), {
      due: 'PT4H',
      calendar: 'business',
      remindBefore: 'PT1H',
      escalateTo: { type: 'role', role: 'manager' },
      escalateAfter: 'PT2H',
    });
    expect(node.sla).toEqual({
      due: 'PT4H',
      calendar: 'business',
      remindBefore: 'PT1H',
      escalate: { to: { type: 'role', role: 'manager' }, after: 'PT2H' },
    });
    expect(withSla(task(), slaDraft(node.sla)).sla).toEqual(node.sla);
  });

  it('keeps a timer to one of duration or date field', () => {
    const timer = { key: 'wait', ...NODE_DEFAULTS.timer() } as Extract<FlowNode, { type: 'timer' }>;
    const until = withTimerMode(timer, 'untilField');
    expect(until).toEqual({ key: 'wait', type: 'timer', label: timer.label, untilField: '' });
    expect(withTimerMode(until, 'duration')).toEqual({ ...until, untilField: undefined, duration: 'PT1H' });
  });

  it('starts a new action type afresh', () => {
    expect(changeActionType({ type: 'updateRecord', values: { a: 1 } }, 'webhook')).toEqual({
      type: 'webhook',
      url: 'https://',
      method: 'POST',
    });
  });

  it('stores cc as user and role rules and keeps rules it does not edit', () => {
    const node = { ...approval(), cc: [{ type: 'field' as const, field: 'owner' }] };
    const next = withCc(node, ['u1', 'u2'], ['manager']);
    expect(next.cc).toEqual([
      { type: 'field', field: 'owner' },
      { type: 'user', users: ['u1', 'u2'] },
      { type: 'role', role: 'manager' },
    ]);
    expect(ccParts(next)).toEqual({ users: ['u1', 'u2'], roles: ['manager'] });
    expect(withCc(approval(), [], [])).not.toHaveProperty('cc');
  });
});
