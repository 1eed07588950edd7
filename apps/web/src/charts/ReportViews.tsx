import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { formatNumber, fractionDigits } from './numberFormat';
import { SideScrollHint } from './SideScrollHint';

// The chart types drawn as HTML instead of on a canvas: the KPI card, the table and the pivot table, from
// the `kpi` / `table` / `pivot` blocks of the engine's option.

/** A table or pivot cell's text: a percentage's number gets its sign. */
const withUnit = (text: string, value: unknown, unit: string | null) =>
  unit === 'percent' && typeof value === 'number' ? `${text}%` : text;

/** A value with up to `precision` fraction digits, as many as it needs; money always with its cents. */
const format = (value: unknown, precision = 2, money = false) =>
  money ? formatNumber(value, 2) : formatNumber(value, precision, 0);

/** The fraction digits a column of values shares: two for money (¥4,200.90), else as few as show them all. */
const digitsOf = (values: readonly unknown[], unit: string | null) =>
  unit === 'money' ? 2 : fractionDigits(values);

export interface KpiBlock {
  label: string;
  value: number | null;
  previous: number | null;
  changePercent: number | null;
  unit: string;
  /** An amount of money: shown with its cents. */
  money?: boolean;
  /** The report's other measures, shown small under the main one. */
  extra: Array<{ label: string; value: number | null; unit: string; money?: boolean }>;
}

export function KpiView({
  kpi,
  precision,
  hasPeriod,
}: {
  kpi: KpiBlock;
  precision: number;
  /** Whether a period is chosen (the change needs one). */
  hasPeriod: boolean;
}) {
  const { t } = useTranslation();
  const up = (kpi.changePercent ?? 0) >= 0;
  return (
    <Flex vertical align="center" justify="center" style={{ height: '100%' }} gap={4} data-testid="kpi-view">
      <Typography.Text type="secondary">{kpi.label}</Typography.Text>
      <span style={{ fontSize: 36, fontWeight: 600, lineHeight: 1.1 }} data-testid="kpi-value">
        {format(kpi.value, precision, kpi.money)}
        {kpi.value !== null && kpi.unit ? (
          <small style={{ fontSize: 18, marginLeft: 2 }}>{kpi.unit}</small>
        ) : null}
      </span>
      {kpi.changePercent !== null ? (
        <span style={{ color: up ? '#389e0d' : '#cf1322' }} data-testid="kpi-change">
          {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(kpi.changePercent).toFixed(1)}%{' '}
          <Typography.Text type="secondary">
            {t('dashboards.kpi.vsPrevious', { value: format(kpi.previous, precision, kpi.money) })}
          </Typography.Text>
        </span>
      ) : hasPeriod && kpi.previous === null ? (
        <Typography.Text type="secondary">{t('dashboards.kpi.noPrevious')}</Typography.Text>
      ) : null}
      {kpi.extra.length ? (
        <Flex gap={16} wrap justify="center">
          {kpi.extra.map((entry) => (
            <Typography.Text key={entry.label} type="secondary">
              {entry.label}:{' '}
              <b>
                {format(entry.value, 2, entry.money)}
                {entry.value !== null ? entry.unit : ''}
              </b>
            </Typography.Text>
          ))}
        </Flex>
      ) : null}
    </Flex>
  );
}

export interface TableBlock {
  columns: Array<{ key: string; title: string; kind: string; unit: string | null }>;
  rows: Array<Record<string, unknown>>;
}

/** A text cell: one line, cut past about seven characters. */
const TEXT_CELL: React.CSSProperties = {
  display: 'inline-block',
  maxWidth: '7em',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  verticalAlign: 'bottom',
};

export function TableView({
  table,
  height,
  onRowClick,
}: {
  table: TableBlock;
  height: number;
  onRowClick?: (row: Record<string, unknown>, event: React.MouseEvent) => void;
}) {
  // Every column is as wide as its header and numbers need: a card narrower than that scrolls sideways
  // instead of cutting them ("最长逾期…", "403,3…"). Only a long text (a company's name) is cut, in full
  // on hover.
  const columns: ColumnsType<Record<string, unknown>> = table.columns.map((column) => {
    // A column's numbers share their digits, so 1,111,158.00 lines up with 10,187,393.26.
    const digits = digitsOf(
      table.rows.map((row) => row[column.key]),
      column.unit,
    );
    return {
      key: column.key,
      dataIndex: column.key,
      title: <span style={{ whiteSpace: 'nowrap' }}>{column.title}</span>,
      align: column.kind === 'number' ? 'right' : 'left',
      render: (value: unknown) => {
        const text = withUnit(formatNumber(value, digits), value, column.unit);
        return column.kind === 'number' ? (
          <span style={{ whiteSpace: 'nowrap' }}>{text}</span>
        ) : (
          <span title={text} style={TEXT_CELL}>
            {text}
          </span>
        );
      },
      sorter: (a, b) => {
        const [x, y] = [a[column.key], b[column.key]];
        return typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x ?? '').localeCompare(String(y ?? ''));
      },
    };
  });
  return (
    <SideScrollHint>
      <Table
        size="small"
        rowKey={(_, index) => String(index)}
        columns={columns}
        dataSource={table.rows}
        pagination={false}
        scroll={{ x: 'max-content', y: Math.max(80, height - 40) }}
        onRow={(row) => ({
          onClick: (event) => onRowClick?.(row, event),
          style: { cursor: onRowClick ? 'pointer' : undefined },
        })}
      />
    </SideScrollHint>
  );
}

export interface PivotBlock {
  rowHeader: string;
  columnHeader: string | null;
  measures: Array<{ key: string; name: string; subtotal: boolean; unit: string | null }>;
  rows: string[];
  columns: string[];
  cells: Array<Array<Array<number | null>>>;
  rowTotals: Array<Array<number | null>>;
  columnTotals: Array<Array<number | null>>;
  grandTotal: Array<number | null>;
}

export function PivotView({
  pivot,
  height,
  onRowClick,
}: {
  pivot: PivotBlock;
  height: number;
  onRowClick?: (rowName: string, event: React.MouseEvent) => void;
}) {
  const { t } = useTranslation();
  const hasTotals = pivot.measures.some((measure) => measure.subtotal);
  type Row = { key: string; name: string; values: Array<Array<number | null>>; totals: Array<number | null> };
  const data: Row[] = pivot.rows.map((name, index) => ({
    key: name,
    name,
    values: pivot.cells[index]!,
    totals: pivot.rowTotals[index]!,
  }));
  // Each measure's cells and totals share their digits.
  const digits = pivot.measures.map((measure, measureIndex) =>
    digitsOf(
      [
        ...pivot.cells.flatMap((row) => row.map((cell) => cell[measureIndex])),
        ...pivot.rowTotals.map((totals) => totals[measureIndex]),
        ...pivot.columnTotals.map((totals) => totals[measureIndex]),
        pivot.grandTotal[measureIndex],
      ],
      measure.unit,
    ),
  );
  const show = (value: unknown, measureIndex: number) =>
    withUnit(formatNumber(value, digits[measureIndex]!), value, pivot.measures[measureIndex]!.unit);
  const measureColumns = (columnIndex: number | 'total') =>
    pivot.measures.map((measure, measureIndex) => ({
      key: `${columnIndex}-${measure.key}`,
      title: measure.name,
      align: 'right' as const,
      render: (_: unknown, row: Row) =>
        show(
          columnIndex === 'total' ? row.totals[measureIndex] : row.values[columnIndex]?.[measureIndex],
          measureIndex,
        ),
    }));
  const columns: ColumnsType<Row> = [
    { key: 'name', dataIndex: 'name', title: pivot.rowHeader, fixed: 'left', width: 140, ellipsis: true },
    ...(pivot.columnHeader
      ? pivot.columns.map((column, index) => ({
          key: `c${index}`,
          title: column,
          children: measureColumns(index),
        }))
      : measureColumns(0)),
    ...(pivot.columnHeader && hasTotals
      ? [{ key: 'total', title: t('dashboards.pivot.total'), children: measureColumns('total') }]
      : []),
  ];
  return (
    <SideScrollHint>
      <Table<Row>
        size="small"
        bordered
        columns={columns}
        dataSource={data}
        pagination={false}
        scroll={{ x: 'max-content', y: Math.max(80, height - 90) }}
        onRow={(row) => ({
          onClick: (event) => onRowClick?.(row.name, event),
          style: { cursor: onRowClick ? 'pointer' : undefined },
        })}
        summary={() =>
          hasTotals ? (
            <Table.Summary fixed>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <b>{t('dashboards.pivot.total')}</b>
                </Table.Summary.Cell>
                {pivot.columns.flatMap((_, columnIndex) =>
                  pivot.measures.map((measure, measureIndex) => (
                    <Table.Summary.Cell key={`${columnIndex}-${measure.key}`} index={1} align="right">
                      {show(pivot.columnTotals[columnIndex]?.[measureIndex], measureIndex)}
                    </Table.Summary.Cell>
                  )),
                )}
                {pivot.columnHeader
                  ? pivot.measures.map((measure, measureIndex) => (
                      <Table.Summary.Cell key={`g-${measure.key}`} index={2} align="right">
                        <b>{show(pivot.grandTotal[measureIndex], measureIndex)}</b>
                      </Table.Summary.Cell>
                    ))
                  : null}
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
    </SideScrollHint>
  );
}
