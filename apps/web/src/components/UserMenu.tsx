import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSignedInSession } from '../hooks/session';

export function UserMenu({ showName }: { showName: boolean }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const navigate = useNavigate();
  const roleText = session.user.isSystemAdmin
    ? `${t(`user.role.${session.role}`)} · ${t('user.systemAdmin')}`
    : t(`user.role.${session.role}`);

  const items: MenuProps['items'] = [
    { key: 'who', label: `${session.user.displayName} (${session.user.username})`, disabled: true },
    { key: 'role', label: roleText, disabled: true },
    { type: 'divider' },
    {
      key: 'logout',
      label: <span data-testid="user-logout">{t('user.logout')}</span>,
      icon: <LogoutOutlined />,
    },
  ];

  const onClick: MenuProps['onClick'] = async ({ key }) => {
    if (key !== 'logout') return;
    await session.logout();
    navigate('/login', { replace: true });
  };

  return (
    <Dropdown trigger={['click']} menu={{ items, onClick }}>
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 4 }}>
        <Avatar size="small" icon={<UserOutlined />} />
        {showName ? session.user.displayName : null}
      </Button>
    </Dropdown>
  );
}
