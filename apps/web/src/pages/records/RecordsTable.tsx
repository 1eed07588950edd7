import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import type { EntityDefinition, Locale } from '@lowcode/app-model';
import { Button, Space, Table, Tag, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecordDto } from '../../api/types';
import { FieldValue } from '../../fields/FieldValue';
import { shownField } from '../../fields/shownField';
import { localize } from '../../hooks/useLocale';
import { columnFields } from './recordColumns';
import { RecordActions } from './RecordActions';

export interface RecordsViewProps {
  entity: EntityDefinition;
  /** The app's entities: a lookup shows its values as the field it looks up does (a select's labels). */
  entities?: readonly EntityDefinition[];
  locale: Locale;
  records: RecordDto[];
  loading: boolean;
  visibleKeys: string[];
  onOpen(record: RecordDto): void;
  /** Absent when the user's roles do not allow deleting. */
  onDelete?(record: RecordDto): void;
  onRestore(record: RecordDto): void;
}

const COLUMN_WIDTH = 160;
const ACTIONS_WIDTH = 130;

/** Columns from the entity's fields; clicking a header sorts on the server. */
export function RecordsTable(
  props: RecordsViewProps & {
    /** Fields the user's roles hide or mask: the server refuses sorting by them. */
    unsortable?: readonly string[];
    onSortChange(field: string | undefined, order: 'ascend' | 'descend' | null): void;
  },
) {
  const { entity, locale, records, loading, visibleKeys, onOpen, onDelete, onRestore, onSortChange } = props;
  const unsortable = props.unsortable ?? [];
  const { t } = useTranslation();
  const shown = columnFields(entity).filter((field) => visibleKeys.includes(field.key));
  const columns: TableProps<RecordDto>['columns'] = [
    ...shown.map((field) => ({
      key: field.key,
      title: localize(field.label, locale),
      sorter: !unsortable.includes(field.key),
      ellipsis: true,
      width: COLUMN_WIDTH,
      render: (_: unknown, record: RecordDto) => (
        <FieldValue
          field={shownField(props.entities, entity, field)}
          value={record.values[field.key]}
          locale={locale}
          display={record.display[field.key]}
        />
      ),
    })),
    {
      key: '__actions',
      title: t('apps.actions'),
      fixed: 'right',
      width: ACTIONS_WIDTH,
      render: (_, record) =>
        record.deletedAt ? (
          <Space>
            <Tag>{t('records.deleted')}</Tag>
            <Button
              size="small"
              icon={<UndoOutlined />}
              onClick={() => onRestore(record)}
              data-testid={`record-restore-${record.id}`}
            >
              {t('records.restore')}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => onOpen(record)}
              aria-label={t('records.edit')}
            />
            {onDelete ? <RecordActions record={record} onDelete={onDelete} /> : null}
          </Space>
        ),
    },
  ];
  return (
    <Table<RecordDto>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={records}
      columns={columns}
      pagination={false}
      // The columns' own widths, not 'max-content': with cut-off (ellipsis) cells antd measures the content
      // short, and the fixed actions column then covers the last field's column.
      scroll={{ x: shown.length * COLUMN_WIDTH + ACTIONS_WIDTH }}
      onRow={(record) => ({ 'data-testid': `record-row-${record.id}` }) as React.HTMLAttributes<HTMLElement>}
      onChange={(_pagination, _filters, sorter) => {
        const single = Array.isArray(sorter) ? sorter[0] : sorter;
        onSortChange(single?.columnKey as string | undefined, single?.order ?? null);
      }}
    />
  );
}
