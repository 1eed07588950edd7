import type { EntityDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import { formFieldLimits } from './fieldLimits';

const label = (text: string) => ({ 'zh-CN': text });
const workOrder: EntityDefinition = {
  key: 'workOrder',
  label: label('工单'),
  fields: [
    { key: 'title', type: 'text', label: label('标题'), required: true },
    { key: 'room', type: 'text', label: label('房间') },
    { key: 'dispatchedAt', type: 'datetime', label: label('派单时间') },
    { key: 'rating', type: 'rating', label: label('评分') },
    { key: 'createdAt', type: 'createdAt', label: label('创建时间') },
  ],
  createFields: ['title', 'room'],
};

describe('formFieldLimits', () => {
  it('leaves what the process fills later off the form for a new record', () => {
    expect([...formFieldLimits(workOrder, undefined, 'create').hidden].sort()).toEqual(
      ['createdAt', 'dispatchedAt', 'rating'].sort(),
    );
  });

  it('shows every field of a stored record, within the role’s limits', () => {
    expect(formFieldLimits(workOrder, { hidden: ['rating'], masked: [], readOnly: [] }, 'update')).toEqual({
      hidden: ['rating'],
      readOnly: [],
    });
  });

  it('locks every field of a record the user may only read', () => {
    expect(formFieldLimits(workOrder, { hidden: ['rating'], masked: [], readOnly: [] }, 'view')).toEqual({
      hidden: ['rating'],
      readOnly: workOrder.fields.map((field) => field.key),
    });
  });

  it('shows every editable field of a new record when the entity names no create fields', () => {
    const { createFields: _omitted, ...plain } = workOrder;
    expect(
      [...formFieldLimits(plain, { hidden: [], masked: [], readOnly: ['room'] }, 'create').hidden].sort(),
    ).toEqual(['createdAt', 'room'].sort());
  });
});
