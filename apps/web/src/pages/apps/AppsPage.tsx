import { ImportOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Grid, Space, Typography } from 'antd';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { useWorkspaceEvents } from '../../api/useWorkspaceEvents';
import { useSignedInSession } from '../../hooks/session';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { AppsCards } from './AppsCards';
import { AppsTable } from './AppsTable';

export function AppsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSignedInSession();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const loadApps = useCallback(() => api.listApps(), []);
  const apps = useAsyncData(loadApps);

  // Another user (or another tab) imported or deleted an app: show it without a manual reload.
  useWorkspaceEvents(session.workspace.id, { onAppChanged: apps.reload });

  const isAdmin = session.role === 'admin';
  // Someone who uses the workspace's one app, and builds none, goes straight to it.
  const only = !isAdmin && apps.data?.length === 1 ? apps.data[0] : undefined;
  useEffect(() => {
    if (only) navigate(`/apps/${encodeURIComponent(only.key)}`, { replace: true });
  }, [only, navigate]);

  const View = screens.md ? AppsTable : AppsCards;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('apps.title')}
        </Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={apps.reload} aria-label={t('apps.reload')} />
          {isAdmin ? (
            <Button
              type="primary"
              icon={<ImportOutlined />}
              data-testid="apps-import-button"
              onClick={() => navigate('/apps/import')}
            >
              {t('apps.import')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      {apps.error ? <Alert type="error" showIcon message={errorText(apps.error)} /> : null}
      <View apps={apps.data ?? []} loading={apps.loading} onChanged={apps.reload} />
    </Space>
  );
}
