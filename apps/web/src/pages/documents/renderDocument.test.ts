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

  it('prints a section only when its field has a value, an inverted one only when it has none', () => {
    const body =
      '租金 {月租金}{#押金}，押金 {押金}{/押金}{^押金}，免押金{/押金}。\n\n{#付款周期}## 付款\n{#押金}押金随首期付清。{/押金}按{付款周期}支付。{/付款周期}';
    const render = (values: Record<string, unknown>) =>
      renderDocument(
        contract,
        { key: 'lease', label: { 'zh-CN': '合同' }, body },
        { values, display: {} },
        'zh-CN',
      );
    expect(render({ rent: 4200, deposit: 8400, cycle: 'quarterly' })).toEqual([
      { kind: 'p', text: '租金 ¥4,200.00，押金 ¥8,400.00。' },
      { kind: 'h2', text: '付款' },
      { kind: 'p', text: '押金随首期付清。按季付支付。' },
    ]);
    // No deposit (0 counts as none) and no cycle: the clauses that do not apply are left out, not blanked.
    expect(render({ rent: 4200, deposit: 0 })).toEqual([{ kind: 'p', text: '租金 ¥4,200.00，免押金。' }]);
  });

  it('prints a lookup of a select by the option’s label, not its code', () => {
    const receipt = {
      key: 'receipt',
      label: { 'zh-CN': '收据' },
      fields: [
        { key: 'contract', type: 'relation', label: { 'zh-CN': '合同' }, relation: { entity: 'contract' } },
        {
          key: 'cycle',
          type: 'lookup',
          label: { 'zh-CN': '付款周期' },
          lookup: { relation: 'contract', field: 'cycle' },
        },
      ],
    } as unknown as EntityDefinition;
    const blocks = renderDocument(
      receipt,
      { key: 'r', label: { 'zh-CN': '收据' }, body: '周期：{付款周期}' },
      { values: { cycle: 'quarterly' }, display: {} },
      'zh-CN',
      [contract, receipt],
    );
    expect(blocks).toEqual([{ kind: 'p', text: '周期：季付' }]);
  });

  it('writes an amount in capitals, and a sub-table as a table of its rows with its amounts summed', () => {
    const order = {
      key: 'workOrder',
      label: { 'zh-CN': '工单' },
      fields: [
        { key: 'labor', type: 'money', label: { 'zh-CN': '人工费' } },
        {
          key: 'owed',
          type: 'formula',
          label: { 'zh-CN': '应付' },
          resultType: 'money',
          expression: { '-': [{ var: 'record.labor' }, 10] },
        },
        {
          key: 'parts',
          type: 'subTable',
          label: { 'zh-CN': '备件' },
          fields: [
            { key: 'part', type: 'relation', label: { 'zh-CN': '备件' }, relation: { entity: 'sparePart' } },
            { key: 'quantity', type: 'number', label: { 'zh-CN': '数量' } },
            { key: 'unitPrice', type: 'money', label: { 'zh-CN': '单价' } },
            {
              key: 'amount',
              type: 'formula',
              label: { 'zh-CN': '金额' },
              resultType: 'money',
              expression: { '*': [{ var: 'row.quantity' }, { var: ['row.unitPrice', 0] }] },
            },
          ],
        },
      ],
    } as unknown as EntityDefinition;
    const slip: DocumentTemplate = {
      key: 'slip',
      label: { 'zh-CN': '派工单' },
      body: '人工费 {labor}（{人工费|大写}），应付 {owed}\n所用备件：\n{parts}\n签字：',
    };
    const blocks = renderDocument(
      order,
      slip,
      {
        values: {
          labor: 80,
          owed: 70,
          parts: [
            { part: 'p1', quantity: 2, unitPrice: 35, amount: 70 },
            { part: 'p2', quantity: 1, unitPrice: 12.5, amount: 12.5 },
          ],
        },
        display: { 'parts[0].part': '阀芯', 'parts[1].part': '生料带' },
      },
      'zh-CN',
    );
    expect(blocks).toEqual([
      // A money formula prints as money.
      { kind: 'p', text: '人工费 ¥80.00（捌拾元整），应付 ¥70.00\n所用备件：' },
      {
        kind: 'table',
        columns: ['备件', '数量', '单价', '金额'],
        rows: [
          ['阀芯', '2', '¥35.00', '¥70.00'],
          ['生料带', '1', '¥12.50', '¥12.50'],
        ],
        // The amounts add up; the unit prices they are made of do not.
        total: ['', '', '', '¥82.50'],
      },
      { kind: 'p', text: '签字：' },
    ]);
    // No rows: a blank line, as any empty value.
    expect(renderDocument(order, slip, { values: { parts: [] }, display: {} }, 'zh-CN')[0]).toEqual({
      kind: 'p',
      text: `人工费 ${BLANK}（${BLANK}），应付 ${BLANK}\n所用备件：\n${BLANK}\n签字：`,
    });
  });
});
