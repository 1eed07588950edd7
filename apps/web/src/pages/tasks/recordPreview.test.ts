import type { EntityDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import { recordPreviewTexts } from './recordPreview';

const workOrder = {
  key: 'workOrder',
  label: { 'zh-CN': '工单', en: 'Work order' },
  titleField: 'no',
  listFields: ['no', 'title', 'status', 'category', 'room', 'photos', 'priority', 'reportedAt'],
  fields: [
    { key: 'no', type: 'autoNumber', label: { 'zh-CN': '编号' }, prefix: 'WO' },
    { key: 'title', type: 'text', label: { 'zh-CN': '标题' } },
    {
      key: 'status',
      type: 'status',
      label: { 'zh-CN': '状态' },
      options: [{ value: 'pending', label: { 'zh-CN': '待派单' } }],
    },
    {
      key: 'category',
      type: 'select',
      label: { 'zh-CN': '类别' },
      options: [{ value: 'plumbing', label: { 'zh-CN': '水电', en: 'Plumbing' } }],
    },
    { key: 'room', type: 'relation', label: { 'zh-CN': '房间' }, target: { entity: 'room' } },
    { key: 'photos', type: 'image', label: { 'zh-CN': '照片' } },
    { key: 'priority', type: 'text', label: { 'zh-CN': '优先级' } },
    { key: 'reportedAt', type: 'datetime', label: { 'zh-CN': '报修时间' } },
  ],
} as unknown as EntityDefinition;

describe('a task card previews its record', () => {
  it('shows what the job is and where, in the list order, by labels and titles', () => {
    const texts = recordPreviewTexts(
      workOrder,
      {
        no: 'WO-1',
        title: '卫生间漏水',
        status: 'pending',
        category: 'plumbing',
        room: '7d3c0d8e-3b1f-4c55-9a53-1d2a0e1b6f00',
        photos: [{ id: 'f', name: 'a.png' }],
        priority: '',
        reportedAt: '2026-06-01T02:00:00Z',
      },
      { room: '1栋-1201' },
      'zh-CN',
    );
    // Not the title (the card's own line), the status (the task says it), photos or empty fields; at most four.
    expect(texts).toEqual(['卫生间漏水', '水电', '1栋-1201', expect.stringContaining('2026')]);
  });

  it('falls back to the entity’s fields when it lists none', () => {
    const plain = { ...workOrder, listFields: undefined } as EntityDefinition;
    expect(recordPreviewTexts(plain, { no: 'WO-2', title: '门锁坏了' }, {}, 'en')).toEqual(['门锁坏了']);
  });
});
