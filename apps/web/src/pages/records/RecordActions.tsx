import { DeleteOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecordDto } from '../../api/types';

/** Soft delete behind a confirmation; the record can be restored from the "show deleted" view. */
export function RecordActions({
  record,
  onDelete,
}: {
  record: RecordDto;
  onDelete(record: RecordDto): void;
}) {
  const { t } = useTranslation();
  return (
    <Popconfirm title={t('records.deleteConfirm')} onConfirm={() => onDelete(record)}>
      <Button
        size="small"
        danger
        icon={<DeleteOutlined />}
        aria-label={t('records.delete')}
        data-testid={`record-delete-${record.id}`}
      />
    </Popconfirm>
  );
}
