import { Alert, Card, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { MyWorkspace } from '../../api/types';
import { useSignedInSession } from '../../hooks/session';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { CreateWorkspaceForm } from './CreateWorkspaceForm';

export function WorkspacesPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const errorText = useErrorText();
  const loadWorkspaces = useCallback(() => api.listWorkspaces(), []);
  const workspaces = useAsyncData(loadWorkspaces);

  const columns: TableProps<MyWorkspace>['columns'] = [
    {
      title: t('workspaces.name'),
      dataIndex: 'name',
      render: (name: string, ws) => (
        <Space size={4} wrap>
          {name}
          {ws.id === session.workspace.id ? <Tag color="processing">{t('workspace.current')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('workspaces.slug'),
      dataIndex: 'slug',
      render: (slug: string) => <span className="mono">{slug}</span>,
    },
    {
      title: t('workspaces.role'),
      dataIndex: 'role',
      width: 110,
      render: (role: MyWorkspace['role']) => (
        <Tag color={role === 'admin' ? 'gold' : undefined}>{t(`user.role.${role}`)}</Tag>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('workspaces.title')}
      </Typography.Title>
      {workspaces.error ? <Alert type="error" showIcon message={errorText(workspaces.error)} /> : null}
      <Table<MyWorkspace>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={workspaces.data ?? []}
        loading={workspaces.loading}
        pagination={false}
        locale={{ emptyText: t('workspaces.empty') }}
      />
      {session.user.isSystemAdmin ? (
        <Card title={t('workspaces.create')} size="small">
          <CreateWorkspaceForm onCreated={workspaces.reload} />
        </Card>
      ) : (
        <Typography.Text type="secondary">{t('workspaces.onlySystemAdmins')}</Typography.Text>
      )}
    </Space>
  );
}
