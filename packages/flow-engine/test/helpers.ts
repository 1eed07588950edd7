// Test doubles: a fake environment (clock, ids, assignee directory) and a terse way to write small flows.
import { type Assignee, type FlowDefinition, type FlowEdge, type FlowNode } from '@lowcode/app-model';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Effect, type FlowEnvironment, createGuardedEvaluator } from '../src';

export const T0 = new Date('2025-03-03T01:00:00.000Z'); // a Monday, 09:00 in Beijing

export interface FakeEnv {
  env: FlowEnvironment;
  advance(ms: number): void;
  set(date: Date): void;
}

export const ROLES: Record<string, string[]> = {
  manager: ['mgr1'],
  projectManager: ['pm1'],
  customerService: ['cs1', 'cs2'],
  board: ['b1', 'b2', 'b3'],
};

export function fakeEnv(extra: Partial<FlowEnvironment> = {}): FakeEnv {
  let now = new Date(T0.getTime());
  let next = 0;
  const evaluate = createGuardedEvaluator();
  const env: FlowEnvironment = {
    now: () => new Date(now.getTime()),
    newId: () => `id${++next}`,
    evaluate,
    async resolveAssignees(rule: Assignee, ctx) {
      switch (rule.type) {
        case 'user':
          return rule.users;
        case 'role':
          return ROLES[rule.role] ?? [];
        case 'department':
          return [`head-of-${rule.department}`];
        case 'manager':
          // The engine names whose manager: the starter, whoever acted in the step, or the overdue assignees.
          if (rule.of === 'assignee') return (ctx.assignees ?? []).map((user) => `manager-of-${user}`);
          return [`manager-of-${rule.of === 'actor' ? ctx.actor : ctx.starter}`];
        case 'field': {
          const value = ctx.record[rule.field];
          return value === undefined ? [] : [String(value)];
        }
        case 'expression': {
          const value = evaluate(rule.expression, { record: ctx.record, variables: ctx.variables });
          return value === undefined || value === null ? [] : [String(value)];
        }
        case 'autoDispatch':
          return ['tech1'];
      }
    },
    ...extra,
  };
  return {
    env,
    advance: (ms) => (now = new Date(now.getTime() + ms)),
    set: (date) => (now = new Date(date.getTime())),
  };
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export const n = (key: string, type: FlowNode['type'], extra: Record<string, unknown> = {}): FlowNode =>
  ({ key, type, label: { 'zh-CN': key, en: key }, ...extra }) as unknown as FlowNode;

export const e = (from: string, to: string, extra: Partial<FlowEdge> = {}): FlowEdge => ({
  key: `${from}To${to[0]!.toUpperCase()}${to.slice(1)}`,
  from,
  to,
  ...extra,
});

export const flow = (nodes: FlowNode[], edges: FlowEdge[], key = 'test'): FlowDefinition => ({
  key,
  label: { 'zh-CN': key },
  entity: 'workOrder',
  trigger: { type: 'manual' },
  nodes,
  edges,
});

export const task = (key: string, users: string[], extra: Record<string, unknown> = {}): FlowNode =>
  n(key, 'userTask', { assignee: { type: 'user', users }, ...extra });

export const approval = (
  key: string,
  users: string[],
  mode: 'single' | 'all' | 'any',
  extra: Record<string, unknown> = {},
) => n(key, 'approval', { assignee: { type: 'user', users }, mode, ...extra });

export function loadRepair(): FlowDefinition {
  const path = join(__dirname, '..', '..', '..', 'templates', 'property', 'app', 'flows', 'repair.json');
  return JSON.parse(readFileSync(path, 'utf8')) as FlowDefinition;
}

export const ofType = <K extends Effect['type']>(effects: Effect[], type: K) =>
  effects.filter((effect): effect is Extract<Effect, { type: K }> => effect.type === type);

/** The open task at `nodeKey` (throws if none). */
export function openTaskAt(
  state: { tasks: { id: string; nodeKey: string; status: string }[] },
  nodeKey: string,
): string {
  const found = state.tasks.find((t) => t.nodeKey === nodeKey && t.status === 'open');
  if (!found) throw new Error(`No open task at ${nodeKey}`);
  return found.id;
}
