import { shownOnExternalTrack, trackEntryFor, type TrackViewer } from './transition-view';

const mask = () => '***';
const tenant: TrackViewer = {
  hidden: (field) => field === 'laborCost',
  masked: (field) => field === 'idCard',
  external: true,
};
const staff: TrackViewer = { hidden: () => false, masked: () => false, external: false };

describe('trackEntryFor', () => {
  const completed = {
    data: { taskId: 't1', data: { resolution: '更换阀芯', laborCost: 80, idCard: '110101199001011234' } },
    comment: null,
  };

  it('keeps from the form values the fields the viewer may not see, and masks the masked', () => {
    expect(trackEntryFor(completed, tenant, mask).data).toEqual({
      taskId: 't1',
      data: { resolution: '更换阀芯', idCard: '***' },
    });
    expect(trackEntryFor(completed, staff, mask)).toEqual(completed);
  });

  it('leaves an internal note out for an external viewer only', () => {
    const note = {
      data: { taskId: 't1', comment: '业主态度差，注意沟通', commentAudience: 'internal' },
      comment: '业主态度差，注意沟通',
    };
    expect(trackEntryFor(note, tenant, mask)).toEqual({
      data: { taskId: 't1' },
      comment: null,
    });
    expect(trackEntryFor(note, staff, mask)).toEqual(note);
    const open = { data: { taskId: 't1', comment: '已更换' }, comment: '已更换' };
    expect(trackEntryFor(open, tenant, mask)).toEqual(open);
  });

  it('passes entries without form values through', () => {
    const entered = { data: { edge: 'e1' }, comment: null };
    expect(trackEntryFor(entered, tenant, mask)).toEqual(entered);
  });
});

describe('shownOnExternalTrack', () => {
  const types: Record<string, string> = {
    start: 'start',
    routeByType: 'exclusiveGateway',
    markDispatched: 'action',
    accept: 'userTask',
    costApproval: 'approval',
    join: 'parallelGateway',
    end: 'end',
  };
  const shown = (action: string, to: string | null) =>
    shownOnExternalTrack({ action, to_node: to }, (key) => types[key]);

  it('keeps the steps people take and where the flow ends', () => {
    expect(shown('start', 'start')).toBe(true);
    expect(shown('enter', 'accept')).toBe(true);
    expect(shown('enter', 'costApproval')).toBe(true);
    expect(shown('assign', 'accept')).toBe(true);
    expect(shown('complete', 'accept')).toBe(true);
    expect(shown('enter', 'end')).toBe(true);
    expect(shown('withdraw', null)).toBe(true);
  });

  it('leaves out routing, automatic actions, joins, timers, reminders and escalations', () => {
    expect(shown('enter', 'routeByType')).toBe(false);
    expect(shown('enter', 'markDispatched')).toBe(false);
    expect(shown('join', 'join')).toBe(false);
    for (const action of ['timer', 'remind', 'escalate', 'error'])
      expect(shown(action, 'accept')).toBe(false);
    expect(shown('enter', 'gone')).toBe(false);
  });
});
