import { UndoOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldValue } from '../../fields/FieldValue';
import { shownField } from '../../fields/shownField';
import { titleOfRecord } from '../../fields/recordTitle';
import { localize } from '../../hooks/useLocale';
import { columnFields } from './recordColumns';
import { RecordActions } from './RecordActions';
import type { RecordsViewProps } from './RecordsTable';

/** Phones: one card per record, titled by the entity's titleField; tap to edit. */
export function RecordCards({
  entity,
  entities,
  locale,
  records,
  loading,
  visibleKeys,
  onOpen,
  onDelete,
  onRestore,
}: RecordsViewProps) {
  const { t } = useTranslation();
  if (loading && records.length === 0) return <Skeleton active />;
  if (records.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  // The card's tag is the first status shown; its lines are the other shown fields, in the list's order.
  const shown = columnFields(entity).filter((field) => visibleKeys.includes(field.key));
  const status = shown.find((field) => field.type === 'status');
  const fields = shown.filter((f) => f !== status && f.key !== entity.titleField).slice(0, 5);
  return (
    <Flex vertical gap={8}>
      {records.map((record) => (
        <Card
          key={record.id}
          size="small"
          data-testid={`record-row-${record.id}`}
          title={titleOfRecord(entity, record, locale)}
          hoverable={!record.deletedAt}
          onClick={() => !record.deletedAt && onOpen(record)}
          extra={
            <span onClick={(event) => event.stopPropagation()}>
              {status && !record.deletedAt ? (
                <FieldValue
                  field={status}
                  value={record.values[status.key]}
                  locale={locale}
                  display={record.display[status.key]}
                />
              ) : null}
              {record.deletedAt ? (
                <Button size="small" icon={<UndoOutlined />} onClick={() => onRestore(record)}>
                  {t('records.restore')}
                </Button>
              ) : (
                onDelete && <RecordActions record={record} onDelete={onDelete} />
              )}
            </span>
          }
        >
          {record.deletedAt ? <Tag>{t('records.deleted')}</Tag> : null}
          <Descriptions size="small" column={1}>
            {fields.map((field) => (
              <Descriptions.Item key={field.key} label={localize(field.label, locale)}>
                <FieldValue
                  field={shownField(entities, entity, field)}
                  value={record.values[field.key]}
                  locale={locale}
                  display={record.display[field.key]}
                />
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      ))}
    </Flex>
  );
}
