import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../i18n';
import { PivotView, TableView } from './ReportViews';

const money = (value: number) => value.toLocaleString(undefined, { minimumFractionDigits: 2 });

describe('report tables', () => {
  it('shows a pivot measure’s cells and totals with the same digits', () => {
    render(
      <PivotView
        height={400}
        pivot={{
          rowHeader: 'Project',
          columnHeader: 'Quarter',
          measures: [
            { key: 'income', name: 'Income', subtotal: true, unit: null },
            { key: 'bills', name: 'Bills', subtotal: true, unit: null },
            { key: 'paidOnTime', name: 'Paid on time', subtotal: false, unit: 'percent' },
          ],
          rows: ['Jinqiao'],
          columns: ['2025 Q1', '2025 Q2'],
          cells: [
            [
              [1_111_158, 3, 87.5],
              [10_187_393.26, 4, 92.25],
            ],
          ],
          rowTotals: [[11_298_551.26, 7, null]],
          columnTotals: [
            [1_111_158, 3, null],
            [10_187_393.26, 4, null],
          ],
          grandTotal: [11_298_551.26, 7, null],
        }}
      />,
    );
    expect(screen.getAllByText(money(1_111_158)).length).toBeGreaterThan(0);
    expect(screen.getAllByText(money(10_187_393.26)).length).toBeGreaterThan(0);
    // Counts stay whole.
    expect(screen.getAllByText('7').length).toBeGreaterThan(0);
    expect(screen.queryByText('7.00')).toBeNull();
    // Percentages carry their sign.
    expect(
      screen.getByText(`${(87.5).toLocaleString(undefined, { minimumFractionDigits: 2 })}%`),
    ).toBeTruthy();
  });

  it('shows a table column’s numbers with the same digits', () => {
    render(
      <TableView
        height={400}
        table={{
          columns: [{ key: 'score', title: 'Average score', kind: 'number', unit: null }],
          rows: [{ score: 4 }, { score: 3.75 }],
        }}
      />,
    );
    expect(screen.getByText((4).toLocaleString(undefined, { minimumFractionDigits: 2 }))).toBeTruthy();
    expect(screen.getByText('3.75')).toBeTruthy();
  });
});
