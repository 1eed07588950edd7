import { Card, Descriptions, Empty, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AppSummary } from '../../api/types';
import { localize, useLocale } from '../../hooks/useLocale';
import { formatDateTime } from '../../utils/formatDate';
import { AppActions } from './AppActions';
import { AppCountsTags } from './AppCountsTags';

interface AppsViewProps {
  apps: AppSummary[];
  loading: boolean;
  onChanged: () => void;
}

/** Phones: a card per app, nothing scrolls sideways. */
export function AppsCards({ apps, loading, onChanged }: AppsViewProps) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const sorted = [...apps].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <List<AppSummary>
      loading={loading}
      dataSource={sorted}
      rowKey="key"
      locale={{ emptyText: <Empty description={t('apps.empty')} /> }}
      renderItem={(app) => (
        <List.Item style={{ padding: '6px 0', borderBlockEnd: 'none' }}>
          <Card
            size="small"
            style={{ width: '100%' }}
            data-testid={`app-row-${app.key}`}
            title={
              <Link to={`/apps/${encodeURIComponent(app.key)}`}>
                <Typography.Text strong>{localize(app.label, locale)}</Typography.Text>
              </Link>
            }
            extra={<span className="mono">{app.key}</span>}
            actions={[<AppActions key="actions" app={app} onDeleted={onChanged} />]}
          >
            <Descriptions size="small" column={2} colon={false}>
              <Descriptions.Item label={t('apps.version')}>{app.version}</Descriptions.Item>
              <Descriptions.Item label={t('apps.revision')}>{app.revision}</Descriptions.Item>
              <Descriptions.Item label={t('apps.updatedAt')} span={2}>
                {formatDateTime(app.updatedAt, locale)}
              </Descriptions.Item>
            </Descriptions>
            <AppCountsTags counts={app.counts} />
          </Card>
        </List.Item>
      )}
    />
  );
}
