import type { AppDefinition, EntityDefinition } from '@lowcode/app-model';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import '../i18n';
import type { RecordDto } from '../api/types';
import { RecordDrawer } from '../pages/records/RecordDrawer';
import { jsonResponse } from '../test/http';
import { testApp } from '../test/fixtures';
import { lookupsThrough, relationsNamedBy, valuesFilledBy } from './useRelationAutofill';

const label = (text: string) => ({ 'zh-CN': text });
const project: EntityDefinition = {
  key: 'project',
  label: label('项目'),
  titleField: 'name',
  fields: [{ key: 'name', type: 'text', label: label('名称') }],
};
const room: EntityDefinition = {
  key: 'room',
  label: label('房间'),
  titleField: 'code',
  fields: [
    { key: 'code', type: 'text', label: label('房号') },
    { key: 'project', type: 'relation', label: label('项目'), relation: { entity: 'project' } },
  ],
};
const order: EntityDefinition = {
  key: 'workOrder',
  label: label('工单'),
  fields: [
    { key: 'title', type: 'text', label: label('标题') },
    { key: 'project', type: 'relation', label: label('项目'), relation: { entity: 'project' } },
    { key: 'room', type: 'relation', label: label('房间'), relation: { entity: 'room' } },
  ],
};
const app: AppDefinition = { ...testApp, entities: [project, room, order] };
const myRoom: RecordDto = {
  id: 'r1',
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: null,
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: null,
  deletedAt: null,
  values: { code: '1-101', project: 'p1' },
  display: { project: '阳光花园' },
};

const tenant: EntityDefinition = {
  key: 'tenant',
  label: label('租户'),
  titleField: 'name',
  fields: [{ key: 'name', type: 'text', label: label('姓名') }],
};
const bill: EntityDefinition = {
  key: 'bill',
  label: label('账单'),
  titleField: 'no',
  fields: [
    { key: 'no', type: 'text', label: label('账单编号') },
    { key: 'tenant', type: 'relation', label: label('租户'), relation: { entity: 'tenant' } },
    { key: 'outstanding', type: 'money', label: label('未缴') },
    {
      key: 'type',
      type: 'select',
      label: label('费项'),
      options: [
        { value: 'rent', label: label('租金') },
        { value: 'propertyFee', label: label('物业费') },
      ],
    },
  ],
};
const payment: EntityDefinition = {
  key: 'payment',
  label: label('收款'),
  fields: [
    {
      key: 'bill',
      type: 'relation',
      label: label('账单'),
      relation: { entity: 'bill', fill: { amount: 'outstanding', tenant: 'tenant' } },
    },
    { key: 'tenant', type: 'relation', label: label('付款人'), relation: { entity: 'tenant' } },
    { key: 'amount', type: 'money', label: label('收款金额') },
    { key: 'billType', type: 'lookup', label: label('费项'), lookup: { relation: 'bill', field: 'type' } },
    { key: 'payer', type: 'lookup', label: label('租户'), lookup: { relation: 'bill', field: 'tenant' } },
  ],
};
const openBill: RecordDto = {
  ...myRoom,
  id: 'b1',
  values: { no: 'ZD-202603-000001', tenant: 't1', outstanding: 1280, type: 'propertyFee' },
  display: { tenant: '张三' },
};

describe('relation autofill', () => {
  it('names the empty relations a chosen record names itself', () => {
    const chosen = { field: 'room', record: myRoom };
    expect(relationsNamedBy(order, app, chosen, () => true)).toEqual([
      { key: 'project', id: 'p1', title: '阳光花园' },
    ]);
    expect(relationsNamedBy(order, app, chosen, (key) => key !== 'project')).toEqual([]);
  });

  it("starts a tenant's new work order with their one room, and the room's project", async () => {
    const fetchMock = vi.fn<typeof fetch>(async (url) => {
      const path = decodeURIComponent(String(url));
      if (path.endsWith('/access'))
        return jsonResponse(200, {
          entities: [
            { key: 'room', actions: ['read'], scoped: true },
            { key: 'project', actions: ['read'], scoped: false },
          ],
        });
      if (path.includes('/entities/room/records'))
        return jsonResponse(200, { items: [myRoom], nextCursor: null });
      throw new Error(`unexpected ${path}`);
    });
    vi.stubGlobal('fetch', fetchMock);
    render(
      <AntApp>
        <RecordDrawer
          appKey="pm"
          app={app}
          entity={order}
          record={undefined}
          onClose={vi.fn()}
          onSaved={vi.fn()}
        />
      </AntApp>,
    );
    await waitFor(() => expect(screen.getByTestId('field-room')).toHaveTextContent('1-101'));
    expect(screen.getByTestId('field-project')).toHaveTextContent('阳光花园');
    // The project, which the tenant reads whole, was not listed for a sole choice.
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('/entities/project/records'))).toBe(
      false,
    );
  });

  it('copies what a relation’s fill names from the chosen record into the fields it may fill', () => {
    const chosen = { field: 'bill', record: openBill };
    expect(valuesFilledBy(payment, chosen, () => true)).toEqual([
      { key: 'amount', value: 1280 },
      { key: 'tenant', value: 't1', title: '张三' },
    ]);
    expect(valuesFilledBy(payment, chosen, (key) => key !== 'amount')).toEqual([
      { key: 'tenant', value: 't1', title: '张三' },
    ]);
    // Another relation, or a chosen record without the value, fills nothing.
    expect(valuesFilledBy(payment, { field: 'tenant', record: openBill }, () => true)).toEqual([]);
    const settled = { ...openBill, values: { ...openBill.values, outstanding: null } };
    expect(valuesFilledBy(payment, { field: 'bill', record: settled }, () => true)).toEqual([
      { key: 'tenant', value: 't1', title: '张三' },
    ]);
  });

  it('starts a payment of the one bill there is at its outstanding amount', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (url) => {
        const path = decodeURIComponent(String(url));
        if (path.endsWith('/access'))
          return jsonResponse(200, { entities: [{ key: 'bill', actions: ['read'], scoped: true }] });
        if (path.includes('/entities/bill/records/b1')) return jsonResponse(200, openBill);
        if (path.includes('/entities/bill/records'))
          return jsonResponse(200, { items: [openBill], nextCursor: null });
        throw new Error(`unexpected ${path}`);
      }),
    );
    render(
      <AntApp>
        <RecordDrawer
          appKey="pm"
          app={{ ...testApp, entities: [tenant, bill, payment] }}
          entity={payment}
          record={undefined}
          onClose={vi.fn()}
          onSaved={vi.fn()}
        />
      </AntApp>,
    );
    await waitFor(() => expect(screen.getByTestId('field-bill')).toHaveTextContent('ZD-202603-000001'));
    expect(screen.getByTestId('field-amount').querySelector('input')).toHaveValue('1280');
    expect(screen.getByTestId('field-tenant')).toHaveTextContent('张三');
    // What it looks up through the bill shows before saving, as the field it looks up: 物业费, not the key.
    await waitFor(() => expect(screen.getByTestId('field-billType')).toHaveTextContent('物业费'));
    expect(screen.getByTestId('field-payer')).toHaveTextContent('张三');
  });

  it('previews the lookups through a chosen record, and empties them when none is chosen', () => {
    expect(lookupsThrough(payment, { field: 'bill', record: openBill })).toEqual({
      values: { billType: 'propertyFee', payer: 't1' },
      display: { payer: '张三' },
    });
    expect(lookupsThrough(payment, { field: 'bill', record: null })).toEqual({
      values: { billType: null, payer: null },
      display: {},
    });
    expect(lookupsThrough(payment, { field: 'tenant', record: openBill })).toEqual({
      values: {},
      display: {},
    });
  });
});

describe('relation picker', () => {
  it("offers only what the relation's pickFilter lets through, bound to the form's values", async () => {
    // The room picker of a work order offers the rooms of the project chosen in the form.
    const narrowed: EntityDefinition = {
      ...order,
      fields: order.fields.map((field) =>
        field.type === 'relation' && field.key === 'room'
          ? {
              ...field,
              relation: {
                ...field.relation,
                pickFilter: { '==': [{ var: 'record.project' }, { var: 'form.project' }] },
              },
            }
          : field,
      ),
    };
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (url) => {
        const path = decodeURIComponent(String(url));
        if (!path.includes('/entities/room/records')) throw new Error(`unexpected ${path}`);
        asked.push(path);
        return jsonResponse(200, { items: [], nextCursor: null });
      }),
    );
    render(
      <AntApp>
        <RecordDrawer
          appKey="pm"
          app={{ ...app, entities: [project, room, narrowed] }}
          entity={narrowed}
          record={{ ...myRoom, id: 'o1', values: { title: '漏水', project: 'p1', room: null }, display: {} }}
          onClose={vi.fn()}
          onSaved={vi.fn()}
        />
      </AntApp>,
    );
    fireEvent.mouseDown(screen.getByTestId('field-room').querySelector('.ant-select-selector')!);
    await waitFor(() => expect(asked).toHaveLength(1));
    const filter = new URL(asked[0]!, 'http://x').searchParams.get('filter');
    expect(JSON.parse(filter!)).toEqual({ '==': [{ var: 'project' }, 'p1'] });
  });
});
