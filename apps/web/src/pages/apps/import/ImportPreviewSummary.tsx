import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportAction, ImportPreview } from '../../../api/types';
import { ImportChanges } from './ImportChanges';

const ACTION_COLORS: { [A in ImportAction]: string } = {
  create: 'green',
  update: 'blue',
  unchanged: 'default',
};

export function ImportPreviewSummary({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const count = (change: 'add' | 'change' | 'remove') =>
    preview.changes.filter((c) => c.change === change).length;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap data-testid="import-action">
        <Typography.Text strong>{t('import.actionSummary', { appKey: preview.appKey })}</Typography.Text>
        <Tag color={ACTION_COLORS[preview.action]}>{t(`import.action.${preview.action}`)}</Tag>
        {preview.action !== 'unchanged' ? (
          <Typography.Text type="secondary">
            {t('import.changeCount', { add: count('add'), change: count('change'), remove: count('remove') })}
          </Typography.Text>
        ) : null}
      </Space>
      {preview.action === 'unchanged' || preview.changes.length === 0 ? (
        <Alert type="info" showIcon message={t('import.noChanges')} />
      ) : (
        <ImportChanges changes={preview.changes} />
      )}
    </Space>
  );
}
