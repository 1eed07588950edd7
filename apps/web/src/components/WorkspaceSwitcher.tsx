import { CheckOutlined, DownOutlined, SwapOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Dropdown, Typography, type MenuProps } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useSignedInSession } from '../hooks/session';
import { useAsyncData } from '../hooks/useAsyncData';
import { useErrorText } from '../hooks/useErrorText';

/** Dropdown of my workspaces; the list is fetched when opened so a new membership shows up without a reload. */
export function WorkspaceSwitcher({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const [openCount, setOpenCount] = useState(0);
  const [switching, setSwitching] = useState(false);
  // openCount in the dependency list makes every opening a fresh load.
  const loadWorkspaces = useCallback(
    () => (openCount > 0 ? api.listWorkspaces() : Promise.resolve([])),
    [openCount],
  );
  const workspaces = useAsyncData(loadWorkspaces);

  const items: MenuProps['items'] = workspaces.loading
    ? [{ key: 'loading', label: t('app.loading'), disabled: true }]
    : (workspaces.data ?? []).map((ws) => ({
        key: ws.id,
        label: (
          <span data-testid={`workspace-option-${ws.slug}`}>
            {ws.name} <Typography.Text type="secondary">({t(`user.role.${ws.role}`)})</Typography.Text>
          </span>
        ),
        icon: ws.id === session.workspace.id ? <CheckOutlined /> : <span style={{ width: 14 }} />,
      }));

  const onClick: MenuProps['onClick'] = async ({ key }) => {
    if (key === session.workspace.id || key === 'loading') return;
    setSwitching(true);
    try {
      await session.switchWorkspace(key);
      const name = workspaces.data?.find((ws) => ws.id === key)?.name ?? key;
      void message.success(t('workspace.switched', { name }));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSwitching(false);
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{ items, onClick, selectedKeys: [session.workspace.id] }}
      onOpenChange={(open) => open && setOpenCount((n) => n + 1)}
    >
      <Button
        data-testid="workspace-switcher"
        loading={switching}
        title={t('workspace.switcher')}
        style={compact ? { paddingInline: 8, flexShrink: 0 } : undefined}
      >
        {compact ? null : <SwapOutlined />}
        <span
          style={{
            maxWidth: compact ? 84 : 200,
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
          }}
        >
          {session.workspace.name}
        </span>
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
