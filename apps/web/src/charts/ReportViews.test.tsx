import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../i18n';
import { KpiView, PivotView, TableView } from './ReportViews';

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

  it('shows money with its cents, in a table and on a KPI card', () => {
    const cents = (value: number) => value.toLocaleString(undefined, { minimumFractionDigits: 2 });
    render(
      <TableView
        height={400}
        table={{
          columns: [{ key: 'owed', title: 'Owed', kind: 'number', unit: 'money' }],
          rows: [{ owed: 4200.9 }],
        }}
      />,
    );
    expect(screen.getByText(cents(4200.9))).toBeTruthy();
    render(
      <KpiView
        precision={0}
        hasPeriod={false}
        kpi={{
          label: 'To pay',
          value: 12065.5,
          previous: null,
          changePercent: null,
          unit: '元',
          money: true,
          extra: [{ label: 'Bills', value: 2, unit: '', money: false }],
        }}
      />,
    );
    expect(screen.getByTestId('kpi-value')).toHaveTextContent(cents(12065.5));
  });

  it('keeps a table’s headers and numbers whole, scrolling sideways when the card is too narrow', () => {
    const { container } = render(
      <TableView
        height={300}
        table={{
          columns: [
            { key: 'tenant', title: '租户', kind: 'text', unit: null },
            { key: 'arrears', title: '欠费', kind: 'number', unit: null },
            { key: 'days', title: '最长逾期天数', kind: 'number', unit: null },
          ],
          rows: [{ tenant: '上海正云电子商务有限公司', arrears: 403_316.12, days: 289 }],
        }}
      />,
    );
    // No header or cell is cut with an ellipsis by the table; the table is as wide as its content.
    expect(container.querySelector('.ant-table-cell-ellipsis')).toBeNull();
    for (const header of screen.getAllByText('最长逾期天数')) expect(header.style.whiteSpace).toBe('nowrap');
    expect(container.querySelector<HTMLTableElement>('.ant-table-body table')?.style.width).toBe(
      'max-content',
    );
    // A long name is cut to a line by its cell, in full on hover.
    expect(screen.getByText('上海正云电子商务有限公司').getAttribute('title')).toBe(
      '上海正云电子商务有限公司',
    );
  });
});
