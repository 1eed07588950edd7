import { type AppDefinition, type FlowDefinition } from '@lowcode/app-model';
import { hashPassword } from '../../src/auth/password';
import { loginAs, type TestApp } from './test-app';

export const FLOW_PASSWORD = 'flow-test-password';
const text = (zh: string) => ({ 'zh-CN': zh, en: zh });
/** A flow node labelled by its key. */
export const node = (key: string, type: string, extra: Record<string, unknown> = {}) => ({
  key,
  type,
  label: text(key),
  ...extra,
});
const edge = (from: string, to: string, extra: Record<string, unknown> = {}) => ({
  key: `${from}To${to[0]!.toUpperCase()}${to.slice(1)}`,
  from,
  to,
  ...extra,
});
/** Edges from each node to the next. */
export const chain = (...keys: string[]) => keys.slice(1).map((key, index) => edge(keys[index]!, key));
/** A flow on `entity` (the ops app's requests by default). */
export const flow = (key: string, trigger: string, nodes: unknown[], edges: unknown[], entity = 'request') =>
  ({
    key,
    label: text(key),
    entity,
    trigger: { type: trigger },
    nodes,
    edges,
  }) as unknown as FlowDefinition;

/** A small operations app whose flows exercise each kind of node the server has to run durably. */
export function opsApp(): AppDefinition {
  return {
    formatVersion: 1,
    key: 'ops',
    version: '1.0.0',
    label: text('运维'),
    entities: [
      {
        key: 'request',
        label: text('请求'),
        titleField: 'title',
        fields: [
          { key: 'title', type: 'text', label: text('标题'), required: true },
          {
            key: 'category',
            type: 'select',
            label: text('类别'),
            options: [
              { value: 'plumbing', label: text('水') },
              { value: 'electrical', label: text('电') },
            ],
          },
          { key: 'area', type: 'text', label: text('区域') },
          { key: 'amount', type: 'number', label: text('金额') },
          { key: 'status', type: 'text', label: text('状态') },
          { key: 'technician', type: 'user', label: text('师傅') },
          { key: 'note', type: 'text', label: text('备注') },
          { key: 'createdBy', type: 'createdBy', label: text('提交人') },
        ],
      },
    ],
    roles: [
      {
        key: 'manager',
        label: text('经理'),
        permissions: [{ entity: 'request', actions: ['read', 'create', 'update'] }],
      },
      {
        key: 'technician',
        label: text('师傅'),
        permissions: [{ entity: 'request', actions: ['read', 'update'] }],
      },
      {
        key: 'requester',
        label: text('报事人'),
        permissions: [
          {
            entity: 'request',
            actions: ['read', 'create'],
            scope: { '==': [{ var: 'record.createdBy' }, { var: 'user.id' }] },
          },
        ],
      },
    ],
    flows: [
      flow(
        'repair',
        'recordCreated',
        [
          node('start', 'start'),
          node('accept', 'userTask', {
            assignee: {
              type: 'autoDispatch',
              match: { area: 'area', category: 'category' },
              strategy: 'leastLoaded',
            },
            // No technician for the area and trade: the managers dispatch by hand.
            assigneeFallback: { type: 'role', role: 'manager' },
            form: { editable: ['technician', 'status'], visible: ['title', 'area'] },
            sla: {
              due: 'PT1H',
              remindBefore: 'PT30M',
              escalate: { to: { type: 'role', role: 'manager' }, after: 'PT30M' },
            },
          }),
          node('markAccepted', 'action', {
            action: { type: 'updateRecord', values: { status: 'accepted' } },
          }),
          node('complete', 'userTask', {
            assignee: { type: 'field', field: 'technician' },
            form: { editable: ['note', 'status'] },
          }),
          node('end', 'end'),
        ],
        chain('start', 'accept', 'markAccepted', 'complete', 'end'),
      ),
      flow(
        'purchase',
        'manual',
        [
          node('start', 'start'),
          node('fill', 'userTask', {
            assignee: { type: 'user', users: ['req1'] },
            form: { editable: ['amount', 'note'] },
          }),
          node('gate', 'exclusiveGateway'),
          node('countersign', 'approval', {
            assignee: { type: 'user', users: ['mgr1', 'mgr2'] },
            mode: 'all',
            allowReturn: true,
            allowTransfer: true,
            cc: [{ type: 'user', users: ['tech1'] }],
          }),
          node('orSign', 'approval', { assignee: { type: 'user', users: ['mgr1', 'mgr2'] }, mode: 'any' }),
          node('end', 'end'),
        ],
        [
          ...chain('start', 'fill', 'gate'),
          edge('gate', 'countersign', { condition: { '>': [{ var: 'record.amount' }, 1000] } }),
          edge('gate', 'orSign', { default: true }),
          edge('countersign', 'end'),
          edge('orSign', 'end'),
        ],
      ),
      flow(
        'inspect',
        'manual',
        [
          node('start', 'start'),
          node('split', 'parallelGateway'),
          node('water', 'userTask', { assignee: { type: 'user', users: ['tech1'] } }),
          node('power', 'userTask', { assignee: { type: 'user', users: ['tech2'] } }),
          node('join', 'parallelGateway'),
          node('end', 'end'),
        ],
        [
          ...chain('start', 'split'),
          edge('split', 'water'),
          edge('split', 'power'),
          edge('water', 'join'),
          edge('power', 'join'),
          ...chain('join', 'end'),
        ],
      ),
      flow(
        'wait',
        'manual',
        [
          node('start', 'start'),
          node('pause', 'timer', { duration: 'PT2H' }),
          node('stamp', 'action', { action: { type: 'updateRecord', values: { status: 'waited' } } }),
          node('end', 'end'),
        ],
        chain('start', 'pause', 'stamp', 'end'),
      ),
      flow(
        'triage',
        'manual',
        [
          node('start', 'start'),
          // Offered to every manager: a group task, which one of them claims.
          node('review', 'userTask', { assignee: { type: 'role', role: 'manager' } }),
          node('end', 'end'),
        ],
        chain('start', 'review', 'end'),
      ),
      flow(
        'single',
        'manual',
        [
          node('start', 'start'),
          node('ok', 'approval', { assignee: { type: 'user', users: ['mgr1'] }, mode: 'single' }),
          node('end', 'end'),
        ],
        chain('start', 'ok', 'end'),
      ),
      flow(
        'broken',
        'manual',
        [
          node('start', 'start'),
          node('first', 'userTask', { assignee: { type: 'user', users: ['tech1'] } }),
          // The record it creates has no title: the form engine refuses it, so the step must roll back.
          node('create', 'action', {
            action: { type: 'createRecord', entity: 'request', values: { amount: 5 } },
          }),
          node('end', 'end'),
        ],
        chain('start', 'first', 'create', 'end'),
      ),
    ],
    rules: [],
    reports: [],
    dashboards: [],
  } as unknown as AppDefinition;
}

export interface Person {
  id: string;
  username: string;
  auth: { Authorization: string };
}

/** Members of the admin's workspace with app roles and attributes, logged in. */
export async function addPeople(
  testApp: TestApp,
  people: { username: string; roles: string[]; attributes?: Record<string, unknown> }[],
): Promise<Record<string, Person>> {
  const [{ workspace_id: workspaceId } = { workspace_id: '' }] = await testApp.database.query<{
    workspace_id: string;
  }>(
    `SELECT m.workspace_id FROM workspace_member m JOIN app_user u ON u.id = m.user_id WHERE u.username = 'admin'`,
  );
  const hash = await hashPassword(FLOW_PASSWORD);
  const result: Record<string, Person> = {};
  for (const person of people) {
    const [{ id } = { id: '' }] = await testApp.database.query<{ id: string }>(
      `INSERT INTO app_user (username, display_name, password_hash) VALUES ($1, $1, $2) RETURNING id`,
      [person.username, hash],
    );
    await testApp.database.query(
      `INSERT INTO workspace_member (workspace_id, user_id, role, app_roles, attributes) VALUES ($1, $2, 'member', $3, $4)`,
      [workspaceId, id, person.roles, JSON.stringify(person.attributes ?? {})],
    );
    const { auth } = await loginAs(testApp, { username: person.username, password: FLOW_PASSWORD });
    result[person.username] = { id, username: person.username, auth };
  }
  return result;
}
