import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { AppDefinition, EntityDefinition } from '@lowcode/app-model';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { jsonResponse } from '../../test/http';
import { tenantEntity, testApp } from '../../test/fixtures';
import { FilterBar } from './FilterBar';
import { buildFilter, type Conjunction, type FilterRow } from './filterModel';

function Harness() {
  const [rows, setRows] = useState<FilterRow[]>([]);
  const [join, setJoin] = useState<Conjunction>('and');
  return (
    <>
      <FilterBar
        entity={tenantEntity}
        locale="en"
        rows={rows}
        conjunction={join}
        onChange={(r, j) => (setRows(r), setJoin(j))}
      />
      <pre data-testid="filter-json">{JSON.stringify(buildFilter(rows, join) ?? null)}</pre>
    </>
  );
}

describe('FilterBar', () => {
  it('builds the filter JSON from the rows the user adds', () => {
    render(<Harness />);
    fireEvent.click(screen.getByTestId('filter-add'));
    // The first field is the text field "name" with "contains" preselected.
    const valueInput = screen
      .getByTestId('filter-row-1')
      .querySelector('input.ant-input') as HTMLInputElement;
    fireEvent.change(valueInput, { target: { value: 'acme' } });
    expect(JSON.parse(screen.getByTestId('filter-json').textContent!)).toEqual({
      contains: [{ var: 'name' }, 'acme'],
    });

    fireEvent.click(screen.getByTestId('filter-add'));
    expect(screen.getByText('满足全部')).toBeInTheDocument();
    const second = screen.getByTestId('filter-row-2').querySelector('input.ant-input') as HTMLInputElement;
    fireEvent.change(second, { target: { value: 'beta' } });
    fireEvent.click(screen.getByText('满足任一'));
    expect(JSON.parse(screen.getByTestId('filter-json').textContent!)).toEqual({
      or: [{ contains: [{ var: 'name' }, 'acme'] }, { contains: [{ var: 'name' }, 'beta'] }],
    });
  });

  it("shows a relation's chosen records by their titles, also those a link brought as ids", async () => {
    const room: EntityDefinition = {
      key: 'room',
      label: { 'zh-CN': '房间' },
      titleField: 'code',
      fields: [{ key: 'code', type: 'text', label: { 'zh-CN': '房号' } }],
    };
    const order: EntityDefinition = {
      key: 'workOrder',
      label: { 'zh-CN': '工单' },
      fields: [{ key: 'room', type: 'relation', label: { 'zh-CN': '房间' }, relation: { entity: 'room' } }],
    };
    const app: AppDefinition = { ...testApp, entities: [room, order] };
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(
      jsonResponse(200, {
        items: [{ id: 'r1', version: 1, values: { code: '1-101' }, display: {} }],
        nextCursor: null,
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
    render(
      <FilterBar
        entity={order}
        locale="zh-CN"
        rows={[{ id: 1, field: 'room', operator: 'eq', value: 'r1' }]}
        conjunction="and"
        app={{ key: 'pm', definition: app }}
        onChange={() => undefined}
      />,
    );
    expect(await screen.findByText('1-101')).toBeInTheDocument();
    expect(decodeURIComponent(String(fetchMock.mock.calls[0]![0]))).toContain('{"in":[{"var":"id"},["r1"]]}');
  });
});
