import { Table, Typography, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
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

/** Wide screens: one dense row per app. */
export function AppsTable({ apps, loading, onChanged }: AppsViewProps) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const columns: TableProps<AppSummary>['columns'] = [
    {
      title: t('apps.label'),
      key: 'label',
      render: (_, app) => (
        <Link to={`/apps/${encodeURIComponent(app.key)}`}>
          <Typography.Text strong>{localize(app.label, locale)}</Typography.Text>
        </Link>
      ),
      sorter: (a, b) => localize(a.label, locale).localeCompare(localize(b.label, locale), locale),
    },
    {
      title: t('apps.key'),
      dataIndex: 'key',
      render: (key: string) => (
        <span className="mono" style={{ whiteSpace: 'nowrap' }}>
          {key}
        </span>
      ),
    },
    { title: t('apps.version'), dataIndex: 'version', width: 90 },
    { title: t('apps.revision'), dataIndex: 'revision', width: 80, align: 'right' },
    { title: t('apps.counts'), key: 'counts', render: (_, app) => <AppCountsTags counts={app.counts} /> },
    {
      title: t('apps.updatedAt'),
      dataIndex: 'updatedAt',
      width: 170,
      render: (iso: string) => formatDateTime(iso, locale),
      sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
      defaultSortOrder: 'descend',
    },
    {
      title: t('apps.actions'),
      key: 'actions',
      width: 230,
      render: (_, app) => <AppActions app={app} onDeleted={onChanged} />,
    },
  ];

  return (
    <Table<AppSummary>
      rowKey="key"
      size="middle"
      columns={columns}
      dataSource={apps}
      loading={loading}
      pagination={apps.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 960 }}
      locale={{ emptyText: t('apps.empty') }}
      // HTMLAttributes has no data-* keys, hence the cast; the browser test finds rows by this id.
      onRow={(app) => ({ 'data-testid': `app-row-${app.key}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
