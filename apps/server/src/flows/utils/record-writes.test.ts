import { type Effect } from '@lowcode/flow-engine';
import { coalesceRecordWrites } from './record-writes';

const write = (key: string, values: Record<string, unknown>): Effect => ({
  type: 'updateRecord',
  values,
  idempotencyKey: key,
});
const closeTask: Effect = { type: 'closeTask', taskId: 't1', outcome: 'completed' };
const cancelTimer: Effect = { type: 'cancelTimer', timerId: 'r1' };
const createTask = { type: 'createTask', taskId: 't2' } as unknown as Effect;
const subFlow: Effect = { type: 'startSubFlow', flow: 'visit', record: {}, idempotencyKey: 's1' };

describe('coalesceRecordWrites', () => {
  it('writes a task’s form values and the next action node’s stamps once, in the place of the last', () => {
    const effects = [
      write('form', { technician: 'u1', priority: 'high' }),
      closeTask,
      cancelTimer,
      write('stamp', { status: 'dispatched', dispatchedAt: '2026-01-05T01:00:00Z' }),
      createTask,
    ];
    expect(coalesceRecordWrites(effects)).toEqual([
      closeTask,
      cancelTimer,
      write('stamp', {
        technician: 'u1',
        priority: 'high',
        status: 'dispatched',
        dispatchedAt: '2026-01-05T01:00:00Z',
      }),
      createTask,
    ]);
  });

  it('merges a run of writes of different fields into one', () => {
    expect(coalesceRecordWrites([write('a', { x: 1 }), write('b', { y: 2 }), write('c', { z: 3 })])).toEqual([
      write('c', { x: 1, y: 2, z: 3 }),
    ]);
  });

  it('keeps two writes of one field apart, so each status transition is checked', () => {
    const effects = [
      write('sign', { status: 'signed' }),
      closeTask,
      write('move', { status: 'moved-in', at: 1 }),
    ];
    expect(coalesceRecordWrites(effects)).toEqual(effects);
    expect(
      coalesceRecordWrites([
        write('a', { x: 1 }),
        write('b', { status: 'signed' }),
        write('c', { status: 'in' }),
      ]),
    ).toEqual([write('b', { x: 1, status: 'signed' }), write('c', { status: 'in' })]);
  });

  it('keeps two writes apart when what comes between may read the record', () => {
    const effects = [write('a', { x: 1 }), subFlow, write('b', { y: 2 })];
    expect(coalesceRecordWrites(effects)).toEqual(effects);
  });

  it('leaves steps with one write or none as they are', () => {
    const effects = [closeTask, write('a', { x: 1 }), createTask];
    expect(coalesceRecordWrites(effects)).toEqual(effects);
    expect(coalesceRecordWrites([closeTask, createTask])).toEqual([closeTask, createTask]);
  });
});
