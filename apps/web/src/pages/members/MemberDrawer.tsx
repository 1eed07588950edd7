import { KeyOutlined, UserDeleteOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Drawer,
  Form,
  Grid,
  Input,
  Popconfirm,
  Radio,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { DeclaredAttribute, MemberDto } from '../../api/memberTypes';
import type { WorkspaceRole } from '../../api/types';
import { useSignedInSession } from '../../hooks/session';
import { useErrorText } from '../../hooks/useErrorText';
import { AppRolesSelect } from './AppRolesSelect';
import { useMemberAttributesInput } from './MemberAttributesInput';
import { PasswordInput } from './PasswordInput';
import type { RoleChoice } from './useAppRoles';

interface FormValues {
  displayName: string;
  email: string;
  role: WorkspaceRole;
  appRoles: string[];
  active: boolean;
}

/** Edits one member: identity, workspace role, app roles, attributes; resets the password; removes them. */
export function MemberDrawer({
  member,
  choices,
  attributeKeys,
  declared,
  onClose,
  onChanged,
}: {
  member: MemberDto;
  choices: RoleChoice[];
  attributeKeys: string[];
  /** The attributes the apps declare: shown first, each with its own control. */
  declared: DeclaredAttribute[];
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const session = useSignedInSession();
  const isPhone = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<FormValues>();
  const attributesInput = useMemberAttributesInput({
    initial: member.attributes,
    declared,
    attributeKeys,
    titles: member.titles ?? {},
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [password, setPassword] = useState('');
  const isSelf = member.id === session.user.id;
  // Name, e-mail, password and active state belong to the user in every workspace they are in.
  const identityLocked = member.otherWorkspaces > 0 && !session.user.isSystemAdmin && !isSelf;

  const save = async (values: FormValues) => {
    const attributes = attributesInput.collect();
    if (!attributes) return;
    setSaving(true);
    setError(undefined);
    try {
      await api.updateMember(member.id, {
        role: values.role,
        appRoles: values.appRoles,
        attributes,
        ...(identityLocked
          ? {}
          : {
              displayName: values.displayName.trim(),
              email: values.email.trim() || null,
              active: values.active,
            }),
      });
      void message.success(t('members.saved'));
      onChanged();
      onClose();
    } catch (caught) {
      setError(caught);
      attributesInput.showErrors(caught);
    } finally {
      setSaving(false);
    }
  };

  const resetPassword = async () => {
    try {
      await api.resetMemberPassword(member.id, password);
      void message.success(t('members.passwordReset'));
      setPassword('');
    } catch (caught) {
      setError(caught);
    }
  };

  const remove = async () => {
    try {
      await api.removeMember(member.id);
      void message.success(t('members.removed', { name: member.displayName }));
      onChanged();
      onClose();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Drawer
      open
      width={isPhone ? '100%' : 560}
      title={
        <Space direction="vertical" size={0}>
          <span>{member.displayName}</span>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {member.username}
          </Typography.Text>
        </Space>
      }
      onClose={onClose}
      data-testid="member-drawer"
      footer={
        <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
          <Popconfirm
            title={t('members.removeConfirm', { name: member.displayName })}
            onConfirm={() => void remove()}
            okButtonProps={{ danger: true }}
          >
            <Button danger icon={<UserDeleteOutlined />} data-testid="member-remove">
              {t('members.remove')}
            </Button>
          </Popconfirm>
          <Space>
            <Button onClick={onClose}>{t('members.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="member-save">
              {t('members.save')}
            </Button>
          </Space>
        </Space>
      }
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          message={errorText(error)}
          style={{ marginBottom: 16 }}
          closable
          onClose={() => setError(undefined)}
          data-testid="member-error"
        />
      ) : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        initialValues={{
          displayName: member.displayName,
          email: member.email ?? '',
          role: member.role,
          appRoles: member.appRoles,
          active: member.active,
        }}
      >
        {identityLocked ? (
          <Alert
            type="info"
            showIcon
            message={t('members.sharedIdentity', { count: member.otherWorkspaces })}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form.Item
          name="displayName"
          label={t('members.displayName')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input disabled={identityLocked} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('members.email')}
          rules={[{ type: 'email', message: t('members.emailInvalid') }]}
        >
          <Input disabled={identityLocked} inputMode="email" />
        </Form.Item>
        <Form.Item name="role" label={t('members.role')} extra={t('members.roleHint')}>
          <Radio.Group optionType="button" data-testid="member-role">
            <Radio.Button value="member">{t('user.role.member')}</Radio.Button>
            <Radio.Button value="admin">{t('user.role.admin')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="appRoles" label={t('members.appRoles')} extra={t('members.appRolesHint')}>
          <AppRolesSelect choices={choices} testId="member-app-roles" />
        </Form.Item>
        {attributesInput.field}
        <Form.Item
          name="active"
          label={t('members.active')}
          valuePropName="checked"
          extra={t('members.activeHint')}
        >
          <Switch disabled={identityLocked || isSelf} data-testid="member-active" />
        </Form.Item>
      </Form>
      {identityLocked ? null : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('members.resetPassword')}</Typography.Text>
          <Space.Compact style={{ width: '100%' }}>
            <PasswordInput value={password} onChange={setPassword} testId="member-new-password" />
            <Popconfirm
              title={t('members.resetConfirm', { name: member.displayName })}
              onConfirm={() => void resetPassword()}
              disabled={password.length < 8}
            >
              <Button
                icon={<KeyOutlined />}
                disabled={password.length < 8}
                data-testid="member-reset-password"
              >
                {t('members.resetPasswordButton')}
              </Button>
            </Popconfirm>
          </Space.Compact>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('members.resetPasswordHint')}
          </Typography.Text>
        </Space>
      )}
    </Drawer>
  );
}
