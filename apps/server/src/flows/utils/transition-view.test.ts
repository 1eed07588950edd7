import { trackEntryFor, type TrackViewer } from './transition-view';

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
