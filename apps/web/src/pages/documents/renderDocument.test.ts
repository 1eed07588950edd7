import type { DocumentTemplate, EntityDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import { BLANK, renderDocument } from './renderDocument';

const contract = {
  key: 'contract',
  label: { 'zh-CN': '合同' },
  fields: [
    { key: 'no', type: 'text', label: { 'zh-CN': '合同编号' } },
    { key: 'room', type: 'relation', label: { 'zh-CN': '房间' }, relation: { entity: 'room' } },
    { key: 'rent', type: 'money', label: { 'zh-CN': '月租金', en: 'Monthly rent' } },
    {
      key: 'cycle',
      type: 'select',
      label: { 'zh-CN': '付款周期' },
      options: [{ value: 'quarterly', label: { 'zh-CN': '季付' } }],
    },
    { key: 'deposit', type: 'money', label: { 'zh-CN': '押金' } },
  ],
} as unknown as EntityDefinition;

const template: DocumentTemplate = {
  key: 'lease',
  label: { 'zh-CN': '租赁合同' },
  body: '# 房屋租赁合同\n合同编号：{合同编号}\n\n## 第一条 租赁物\n乙方租用 {room}。\n租金 {Monthly rent}，{付款周期}；押金 {押金}。\n\n\n备注 <b>{no}</b>',
};

describe('a document filled from a record', () => {
  it('fills each placeholder with the value as the reader sees it, and blanks what is empty', () => {
    const blocks = renderDocument(
      contract,
      template,
      {
        values: { no: 'HT-2026-000001', room: 'uuid-of-room', rent: 4200, cycle: 'quarterly' },
        display: { room: 'A栋-1201' },
      },
      'zh-CN',
    );
    expect(blocks).toEqual([
      { kind: 'h1', text: '房屋租赁合同' },
      { kind: 'p', text: '合同编号：HT-2026-000001' },
      { kind: 'h2', text: '第一条 租赁物' },
      { kind: 'p', text: `乙方租用 A栋-1201。\n租金 ¥4,200.00，季付；押金 ${BLANK}。` },
      // Markup in a template or a value is text, never HTML: React prints it as written.
      { kind: 'p', text: '备注 <b>HT-2026-000001</b>' },
    ]);
  });
});
