import type { EntityDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import { checkValues } from '../../forms/formValues';
import { taskFormEntity } from './taskForm';

const label = (text: string) => ({ 'zh-CN': text, en: text });
const application: EntityDefinition = {
  key: 'leaseApplication',
  label: label('租赁申请'),
  fields: [
    { key: 'startDate', type: 'date', label: label('起租日期') },
    { key: 'endDate', type: 'date', label: label('到期日期') },
    { key: 'rentReceived', type: 'checkbox', label: label('首期租金已到账') },
    { key: 'depositReceived', type: 'checkbox', label: label('押金已到账') },
  ],
  validations: [
    {
      key: 'endAfterStart',
      condition: { '>': [{ var: 'record.endDate' }, { var: 'record.startDate' }] },
      message: label('到期日期须晚于起租日期'),
      fields: ['endDate'],
    },
    {
      key: 'bothReceived',
      condition: { '==': [{ var: 'record.rentReceived' }, { var: 'record.depositReceived' }] },
      message: label('租金与押金须一并确认'),
      fields: ['depositReceived'],
    },
  ],
};

/** Finance's step: two checkboxes to tick; the lease dates are not on it, so the page never received them. */
const financeTask = {
  form: {
    fields: application.fields,
    editable: ['rentReceived', 'depositReceived'],
    visible: [],
    required: ['rentReceived'],
  },
  record: { values: { rentReceived: false, depositReceived: false } },
} as unknown as Parameters<typeof taskFormEntity>[0];

describe('taskFormEntity', () => {
  it('edits the step’s fields, required where the step needs them', () => {
    const entity = taskFormEntity(financeTask, application)!;
    expect(entity.fields.map((field) => [field.key, field.required ?? false])).toEqual([
      ['rentReceived', true],
      ['depositReceived', false],
    ]);
  });

  it('keeps only the rules over what the page has, so a hidden field cannot block the step', () => {
    const entity = taskFormEntity(financeTask, application)!;
    expect(entity.validations?.map((validation) => validation.key)).toEqual(['bothReceived']);
    const current = financeTask!.record!.values;
    const ticked = { rentReceived: true, depositReceived: true };
    expect(checkValues(entity, ticked, { locale: 'zh-CN', mode: 'update', current })).toMatchObject({
      ok: true,
    });
    // The whole entity would refuse the same ticks over the missing dates.
    expect(
      checkValues({ ...entity, validations: application.validations }, ticked, {
        locale: 'zh-CN',
        mode: 'update',
        current,
      }),
    ).toMatchObject({ ok: false });
    // A rule over the step's own fields still speaks.
    expect(
      checkValues(
        entity,
        { rentReceived: true, depositReceived: false },
        { locale: 'zh-CN', mode: 'update', current },
      ),
    ).toMatchObject({ ok: false, errors: [expect.objectContaining({ message: '租金与押金须一并确认' })] });
  });

  it('has no form for a step that edits nothing', () => {
    expect(
      taskFormEntity({ ...financeTask!, form: { ...financeTask!.form!, editable: [] } }, application),
    ).toBe(undefined);
  });
});
