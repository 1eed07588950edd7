import {
  ApartmentOutlined,
  AppstoreAddOutlined,
  AppstoreOutlined,
  AuditOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  KeyOutlined,
  MenuOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Badge, Button, Drawer, Grid, Layout, Menu, Typography, theme, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useSignedInSession } from '../hooks/session';
import { useOpenTaskCount } from '../pages/tasks/useOpenTaskCount';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

const SIDER_WIDTH = 200;

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const openTasks = useOpenTaskCount();
  const isAdmin = useSignedInSession().role === 'admin';
  const selected = pathname.startsWith('/tasks')
    ? 'tasks'
    : pathname.startsWith('/members')
      ? 'members'
      : pathname.startsWith('/departments')
        ? 'departments'
        : pathname.startsWith('/audit')
          ? 'audit'
          : pathname.startsWith('/workspaces')
            ? 'workspaces'
            : pathname.startsWith('/templates')
              ? 'templates'
              : pathname.startsWith('/api-keys')
                ? 'apiKeys'
                : 'apps';
  const items: MenuProps['items'] = [
    {
      key: 'apps',
      icon: <AppstoreOutlined />,
      label: (
        <Link to="/apps" data-testid="nav-apps" onClick={onNavigate}>
          {t('nav.apps')}
        </Link>
      ),
    },
    {
      key: 'tasks',
      icon: <CarryOutOutlined />,
      label: (
        <Link to="/tasks" data-testid="nav-tasks" onClick={onNavigate}>
          {t('tasks.nav')}{' '}
          <Badge
            count={openTasks.more ? `${openTasks.count}+` : openTasks.count}
            size="small"
            data-testid="nav-tasks-badge"
          />
        </Link>
      ),
    },
    {
      key: 'templates',
      icon: <AppstoreAddOutlined />,
      label: (
        <Link to="/templates" data-testid="nav-templates" onClick={onNavigate}>
          {t('nav.templates')}
        </Link>
      ),
    },
    ...(isAdmin
      ? [
          {
            key: 'members',
            icon: <TeamOutlined />,
            label: (
              <Link to="/members" data-testid="nav-members" onClick={onNavigate}>
                {t('members.nav')}
              </Link>
            ),
          },
          {
            key: 'departments',
            icon: <ApartmentOutlined />,
            label: (
              <Link to="/departments" data-testid="nav-departments" onClick={onNavigate}>
                {t('departments.nav')}
              </Link>
            ),
          },
          {
            key: 'audit',
            icon: <AuditOutlined />,
            label: (
              <Link to="/audit" data-testid="nav-audit" onClick={onNavigate}>
                {t('audit.nav')}
              </Link>
            ),
          },
          {
            key: 'apiKeys',
            icon: <KeyOutlined />,
            label: (
              <Link to="/api-keys" data-testid="nav-api-keys" onClick={onNavigate}>
                {t('apiKeys.nav')}
              </Link>
            ),
          },
        ]
      : []),
    {
      key: 'workspaces',
      icon: <ClusterOutlined />,
      label: (
        <Link to="/workspaces" data-testid="nav-workspaces" onClick={onNavigate}>
          {t('nav.workspaces')}
        </Link>
      ),
    },
  ];
  return <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 'none' }} />;
}

/**
 * Header + side menu for the signed-in pages. Below the md breakpoint the side menu moves into a drawer so the
 * content gets the full 375 px of a phone.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const screens = Grid.useBreakpoint();
  const { token } = theme.useToken();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const isPhone = !screens.md;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          paddingInline: isPhone ? 8 : 24,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {isPhone ? (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('nav.menu')}
            data-testid="nav-drawer-toggle"
            onClick={() => setDrawerOpen(true)}
          />
        ) : null}
        {/* The product name gives way first when a phone header runs out of room. */}
        <Typography.Text
          strong
          ellipsis
          style={{ fontSize: isPhone ? 15 : 18, flex: '0 1 auto', minWidth: 0 }}
        >
          {t('app.productName')}
        </Typography.Text>
        <div style={{ flex: '1 0 0' }} />
        <NotificationBell />
        <WorkspaceSwitcher compact={isPhone} />
        <LanguageSwitch compact={isPhone} />
        <UserMenu showName={!!screens.lg} />
      </Layout.Header>
      <Layout>
        {isPhone ? (
          <Drawer
            placement="left"
            width={240}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('app.productName')}
            styles={{ body: { padding: 0 } }}
          >
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        ) : (
          <Layout.Sider
            width={SIDER_WIDTH}
            theme="light"
            style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
          >
            <NavMenu />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          {/* Keyed by workspace: switching remounts the pages, so every list reloads for the new workspace. */}
          <Outlet key={session.workspace.id} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
