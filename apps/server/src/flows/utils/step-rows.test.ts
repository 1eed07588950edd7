import { type FlowInstanceState, type TaskState } from '@lowcode/flow-engine';
import { decisionRows, transitionRows } from './step-rows';

const USER_A = '00000000-0000-4000-8000-00000000000a';
const USER_B = '00000000-0000-4000-8000-00000000000b';

const task = (id: string, deciders: string[]): TaskState => ({
  id,
  nodeKey: 'sign',
  tokenId: 't1',
  kind: 'approval',
  assignees: [USER_A, USER_B],
  mode: 'all',
  decisions: Object.fromEntries(
    deciders.map((user) => [user, { decision: 'approve', at: '2026-01-05T01:00:00Z' }]),
  ),
  status: 'open',
  createdAt: '2026-01-05T00:00:00Z',
  escalated: false,
  priority: 'normal',
});

const state = (tasks: TaskState[]) => ({ tasks }) as unknown as FlowInstanceState;

describe('transitionRows', () => {
  it('keeps user actors, drops system ones, and lifts a comment out of the data', () => {
    expect(
      transitionRows([
        { seq: 1, at: '2026-01-05T00:00:00Z', actor: 'system', toNode: 'start', action: 'start' },
        {
          seq: 2,
          at: '2026-01-05T00:01:00Z',
          actor: USER_A,
          fromNode: 'sign',
          action: 'approve',
          data: { taskId: 'k1', comment: '同意' },
        },
      ]),
    ).toEqual([
      {
        seq: 1,
        at: '2026-01-05T00:00:00Z',
        actor_id: null,
        from_node: null,
        to_node: 'start',
        action: 'start',
        data: {},
        comment: null,
      },
      {
        seq: 2,
        at: '2026-01-05T00:01:00Z',
        actor_id: USER_A,
        from_node: 'sign',
        to_node: null,
        action: 'approve',
        data: { taskId: 'k1', comment: '同意' },
        comment: '同意',
      },
    ]);
  });
});

describe('decisionRows', () => {
  it.each([
    ['nobody decided', [task('k1', [])], [task('k1', [])], []],
    ['the same people as before', [task('k1', [USER_A])], [task('k1', [USER_A])], []],
    ['a first decision', [task('k1', [])], [task('k1', [USER_A])], [{ id: 'k1', deciders: [USER_A] }]],
    [
      'a second signer, sorted',
      [task('k1', [USER_B])],
      [task('k1', [USER_B, USER_A])],
      [{ id: 'k1', deciders: [USER_A, USER_B] }],
    ],
    ['a task new in this step', [], [task('k2', [USER_B])], [{ id: 'k2', deciders: [USER_B] }]],
    [
      'a system decision only (no user id)',
      [task('k1', [])],
      [task('k1', ['system'])],
      [{ id: 'k1', deciders: [] }],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(decisionRows(state(before), state(after))).toEqual(expected);
  });
});
