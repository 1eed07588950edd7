import type { EntityDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import type { RecordDto } from '../api/types';
import { pickerLabel } from './recordTitle';

const bill = {
  key: 'bill',
  label: { 'zh-CN': '账单' },
  titleField: 'no',
  listFields: ['no', 'tenant', 'amount', 'status', 'dueDate', 'createdAt'],
  fields: [
    { key: 'no', type: 'autoNumber', label: { 'zh-CN': '账单号' }, pattern: 'ZD-{seq:6}' },
    { key: 'tenant', type: 'relation', label: { 'zh-CN': '租户' }, relation: { entity: 'tenant' } },
    { key: 'amount', type: 'money', label: { 'zh-CN': '金额' } },
    {
      key: 'status',
      type: 'select',
      label: { 'zh-CN': '状态' },
      options: [{ value: 'unpaid', label: { 'zh-CN': '未缴' } }],
    },
    { key: 'dueDate', type: 'date', label: { 'zh-CN': '到期日' } },
    { key: 'createdAt', type: 'createdAt', label: { 'zh-CN': '创建时间' } },
  ],
} as unknown as EntityDefinition;

const record = (values: Record<string, unknown>, display: Record<string, string> = {}) =>
  ({ id: 'b1', values, display }) as unknown as RecordDto;

describe('pickerLabel', () => {
  it('names a record by its title and its first four list fields, so numbered records can be told apart', () => {
    expect(
      pickerLabel(
        bill,
        record(
          { no: 'ZD-000432', tenant: 't1', amount: 2680, status: 'unpaid', dueDate: '2026-07-05' },
          { tenant: '王小明' },
        ),
        'zh-CN',
      ),
    ).toBe('ZD-000432 · 王小明 · ¥2,680.00 · 未缴 · 2026-07-05');
  });

  it('leaves out what is empty or not shown to the user', () => {
    expect(pickerLabel(bill, record({ no: 'ZD-000433', status: 'unpaid' }), 'zh-CN')).toBe(
      'ZD-000433 · 未缴',
    );
  });
});
