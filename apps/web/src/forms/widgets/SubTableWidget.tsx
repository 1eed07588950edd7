import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { subTableCellKey, type SubTableColumn } from '@lowcode/app-model';
import { Button, Card, Flex, Grid, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';
import { errorsAtField, type FormValues } from '../formValues';
import type { FormContext, WidgetProps } from '../widgetTypes';
import { fieldOfType } from '../widgetTypes';

const rowsOf = (value: unknown): FormValues[] => (Array.isArray(value) ? (value as FormValues[]) : []);

/**
 * The titles of the records and people this table's stored rows link to, by column and id, from the
 * record's display (`partsUsed[0].part`). Keyed by id, not row, so a cell keeps its title when rows above
 * it are removed before saving.
 */
function storedTitles(context: FormContext, tableKey: string): Map<string, Map<string, string>> {
  const titles = new Map<string, Map<string, string>>();
  rowsOf(context.stored[tableKey]).forEach((row, rowIndex) => {
    for (const [column, value] of Object.entries(row)) {
      const shown = context.display[subTableCellKey(tableKey, rowIndex, column)];
      if (shown === undefined) continue;
      const byId = titles.get(column) ?? new Map<string, string>();
      const ids = Array.isArray(value) ? value : [value];
      const names = Array.isArray(shown) ? shown : [shown];
      ids.forEach((id, index) => {
        if (typeof id === 'string' && names[index] !== undefined) byId.set(id, names[index]);
      });
      titles.set(column, byId);
    }
  });
  return titles;
}

/** A cell's display: the titles of the ids it holds, as a field's own display would give them. */
function cellDisplay(
  titles: Map<string, Map<string, string>>,
  column: string,
  value: unknown,
): Record<string, string | string[]> {
  const byId = titles.get(column);
  if (!byId) return {};
  if (Array.isArray(value))
    return { [column]: value.map((id) => (typeof id === 'string' ? (byId.get(id) ?? id) : String(id))) };
  const title = typeof value === 'string' ? byId.get(value) : undefined;
  return title === undefined ? {} : { [column]: title };
}

/** The row as the record's formulas filled it (its formula columns), for the cells of that row. */
const computedRow = (context: FormContext, tableKey: string, rowIndex: number): FormValues =>
  rowsOf(context.computed[tableKey])[rowIndex] ?? {};

interface CellProps {
  column: SubTableColumn;
  titles: Map<string, Map<string, string>>;
  row: FormValues;
  rowIndex: number;
  tableKey: string;
  context: FormContext;
  onCellChange(rowIndex: number, key: string, value: unknown): void;
  onBlur(): void;
}

/** One cell: the column's own widget, with the errors the engine reported at `lines[2].qty`. */
function SubTableCell({ column, titles, row, rowIndex, tableKey, context, onCellChange, onBlur }: CellProps) {
  const Widget = context.widgetFor(column);
  const messages = errorsAtField(context.errors, `${tableKey}[${rowIndex}].${column.key}`);
  return (
    <div data-testid={`cell-${tableKey}-${rowIndex}-${column.key}`}>
      <Widget
        field={column}
        value={row[column.key]}
        onChange={(value) => onCellChange(rowIndex, column.key, value)}
        onBlur={onBlur}
        id={`${tableKey}-${rowIndex}-${column.key}`}
        invalid={messages.length > 0}
        context={{
          ...context,
          values: row,
          stored: {},
          computed: computedRow(context, tableKey, rowIndex),
          display: cellDisplay(titles, column.key, row[column.key]),
        }}
      />
      {messages.map((message) => (
        <Typography.Text key={message} type="danger" style={{ fontSize: 12, display: 'block' }}>
          {message}
        </Typography.Text>
      ))}
    </div>
  );
}

/** Rows edited inline: a table on wide screens, a card per row on phones. The value is always the whole list. */
export function SubTableWidget({ field, value, onChange, onBlur, context }: WidgetProps) {
  const { t } = useTranslation();
  const isPhone = !Grid.useBreakpoint().md;
  const columns = fieldOfType(field, 'subTable')?.fields ?? [];
  const rows = rowsOf(value);
  const titles = storedTitles(context, field.key);
  const setCell = (rowIndex: number, key: string, cell: unknown) =>
    onChange(rows.map((row, index) => (index === rowIndex ? { ...row, [key]: cell } : row)));
  const removeRow = (rowIndex: number) => {
    onChange(rows.filter((_, index) => index !== rowIndex));
    onBlur();
  };
  const cell = (column: SubTableColumn, row: FormValues, rowIndex: number) => (
    <SubTableCell
      column={column}
      titles={titles}
      row={row}
      rowIndex={rowIndex}
      tableKey={field.key}
      context={context}
      onCellChange={setCell}
      onBlur={onBlur}
    />
  );
  const addButton = (
    <Button
      icon={<PlusOutlined />}
      onClick={() => onChange([...rows, {}])}
      data-testid={`subtable-add-${field.key}`}
    >
      {t('form.addRow')}
    </Button>
  );
  const removeButton = (rowIndex: number) => (
    <Button
      type="text"
      danger
      icon={<DeleteOutlined />}
      aria-label={t('form.removeRow')}
      onClick={() => removeRow(rowIndex)}
    />
  );

  if (isPhone) {
    return (
      <Flex vertical gap={8}>
        {rows.map((row, rowIndex) => (
          <Card key={rowIndex} size="small" title={`#${rowIndex + 1}`} extra={removeButton(rowIndex)}>
            {columns.map((column) => (
              <div key={column.key} style={{ marginBottom: 8 }}>
                <Typography.Text type="secondary">{localize(column.label, context.locale)}</Typography.Text>
                {cell(column, row, rowIndex)}
              </div>
            ))}
          </Card>
        ))}
        {addButton}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={8}>
      <Table<FormValues & { __index: number }>
        size="small"
        pagination={false}
        rowKey="__index"
        scroll={{ x: 'max-content' }}
        dataSource={rows.map((row, index) => ({ ...row, __index: index }))}
        columns={[
          ...columns.map((column) => ({
            key: column.key,
            title: `${column.required ? '* ' : ''}${localize(column.label, context.locale)}`,
            width: 180,
            render: (_: unknown, row: FormValues & { __index: number }) => cell(column, row, row.__index),
          })),
          {
            key: '__remove',
            width: 48,
            render: (_: unknown, row: { __index: number }) => removeButton(row.__index),
          },
        ]}
      />
      {addButton}
    </Flex>
  );
}
