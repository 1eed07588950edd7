import { KeyOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Popconfirm,
  Result,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { ApiKeyDto } from '../../api/apiKeyTypes';
import { useSignedInSession } from '../../hooks/session';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { CreateApiKeyModal } from './CreateApiKeyModal';
import { ALL_APPS, parseScope, permissionLabelKey } from './scopes';

const STATUS_COLOR: Record<ApiKeyDto['status'], string | undefined> = {
  active: 'green',
  expired: 'orange',
  revoked: 'red',
};

/** `/api-keys`: the workspace's keys for integrations — create (secret shown once), see use, revoke. Admins only. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const session = useSignedInSession();
  const errorText = useErrorText();
  const [creating, setCreating] = useState(false);
  const keys = useAsyncData(useCallback(() => api.listApiKeys(), []));
  const appList = useAsyncData(useCallback(() => api.listApps(), []));
  const apps = useMemo(
    () => (appList.data ?? []).map((app) => ({ value: app.key, label: localize(app.label, locale) })),
    [appList.data, locale],
  );

  if (session.role !== 'admin') return <Result status="403" title={t('apiKeys.adminsOnly')} />;

  const dateTime = (value: string | null) => (value ? new Date(value).toLocaleString(locale) : '—');
  const appName = (key: string) =>
    key === ALL_APPS ? t('apiKeys.allApps') : (apps.find((app) => app.value === key)?.label ?? key);
  const scopeTag = (scope: string) => {
    const parsed = parseScope(scope);
    const text = !parsed
      ? scope
      : parsed.permission === 'admin'
        ? t('apiKeys.admin')
        : `${appName(parsed.app)} · ${t(permissionLabelKey(parsed.permission))}`;
    return (
      <Tag key={scope} color={parsed?.permission === 'admin' ? 'gold' : 'blue'} style={{ marginBottom: 4 }}>
        {text}
      </Tag>
    );
  };

  const revoke = async (key: ApiKeyDto) => {
    try {
      await api.revokeApiKey(key.id);
      void message.success(t('apiKeys.revoked', { name: key.name }));
      keys.reload();
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const columns: TableProps<ApiKeyDto>['columns'] = [
    {
      key: 'name',
      title: t('apiKeys.name'),
      render: (_, key) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{key.name}</Typography.Text>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {key.prefix}…
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'scopes', title: t('apiKeys.scopes'), render: (_, key) => key.scopes.map(scopeTag) },
    {
      key: 'status',
      title: t('apiKeys.statusTitle'),
      width: 100,
      render: (_, key) => <Tag color={STATUS_COLOR[key.status]}>{t(`apiKeys.status.${key.status}`)}</Tag>,
    },
    {
      key: 'created',
      title: t('apiKeys.created'),
      render: (_, key) => (
        <Space direction="vertical" size={0}>
          <span>{dateTime(key.createdAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {key.createdBy?.displayName ?? '—'}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'expires',
      title: t('apiKeys.expires'),
      render: (_, key) => (key.expiresAt ? dateTime(key.expiresAt) : t('apiKeys.never')),
    },
    {
      key: 'lastUsed',
      title: t('apiKeys.lastUsed'),
      render: (_, key) => (key.lastUsedAt ? dateTime(key.lastUsedAt) : t('apiKeys.neverUsed')),
    },
    {
      key: 'revoke',
      width: 100,
      render: (_, key) =>
        key.status === 'revoked' ? null : (
          <Popconfirm
            title={t('apiKeys.revokeConfirm', { name: key.name })}
            okText={t('apiKeys.revoke')}
            cancelText={t('apiKeys.cancel')}
            okButtonProps={{
              danger: true,
              ...({ 'data-testid': 'api-key-revoke-confirm' } as Record<`data-${string}`, string>),
            }}
            onConfirm={() => revoke(key)}
          >
            <Button danger data-testid={`api-key-revoke-${key.name}`}>
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="api-keys-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('apiKeys.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<KeyOutlined />}
          onClick={() => setCreating(true)}
          data-testid="api-key-create"
        >
          {t('apiKeys.create')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('apiKeys.intro')}
      </Typography.Paragraph>
      {keys.error ? <Alert type="error" showIcon message={errorText(keys.error)} /> : null}
      <Table<ApiKeyDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={keys.data ?? []}
        loading={keys.loading}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('apiKeys.empty') }}
        onRow={(key) => ({ 'data-testid': `api-key-row-${key.name}` }) as React.HTMLAttributes<HTMLElement>}
      />
      {creating ? (
        <CreateApiKeyModal apps={apps} onClose={() => setCreating(false)} onCreated={() => keys.reload()} />
      ) : null}
    </Space>
  );
}
