import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import '../../i18n';
import { tenantEntity } from '../../test/fixtures';
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
});
