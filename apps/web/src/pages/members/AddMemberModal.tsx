import { Alert, App as AntApp, Form, Input, Modal, Radio, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { DeclaredAttribute, MemberDto } from '../../api/memberTypes';
import type { WorkspaceRole } from '../../api/types';
import { useErrorText } from '../../hooks/useErrorText';
import { AppRolesSelect } from './AppRolesSelect';
import { useMemberAttributesInput } from './MemberAttributesInput';
import { generatePassword, PasswordInput } from './PasswordInput';
import type { RoleChoice } from './useAppRoles';

interface FormValues {
  username: string;
  displayName?: string;
  email?: string;
  password?: string;
  role: WorkspaceRole;
  appRoles: string[];
}

/** Adds a member: a new user with an initial password, or an existing user (of another workspace) by name. */
export function AddMemberModal({
  choices,
  attributeKeys,
  declared,
  onClose,
  onAdded,
}: {
  choices: RoleChoice[];
  attributeKeys: string[];
  /** The attributes the apps declare: shown first, each with its own control. */
  declared: DeclaredAttribute[];
  onClose(): void;
  onAdded(member: MemberDto): void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const attributesInput = useMemberAttributesInput({
    initial: {},
    declared,
    attributeKeys,
    titles: {},
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (values: FormValues) => {
    const attributes = attributesInput.collect();
    if (!attributes) return;
    setSaving(true);
    setError(undefined);
    try {
      const member = await api.addMember({
        username: values.username.trim(),
        role: values.role,
        appRoles: values.appRoles,
        attributes,
        ...(mode === 'new'
          ? {
              password: values.password,
              ...(values.displayName?.trim() ? { displayName: values.displayName.trim() } : {}),
              ...(values.email?.trim() ? { email: values.email.trim() } : {}),
            }
          : {}),
      });
      void message.success(t('members.added', { name: member.displayName }));
      onAdded(member);
    } catch (caught) {
      setError(caught);
      attributesInput.showErrors(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={620}
      title={t('members.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('members.addConfirm')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'member-add-confirm' } as Record<`data-${string}`, string>}
      data-testid="member-add-modal"
    >
      <Segmented
        block
        value={mode}
        onChange={(value) => setMode(value as 'new' | 'existing')}
        options={[
          { value: 'new', label: t('members.addNew') },
          { value: 'existing', label: t('members.addExisting') },
        ]}
        style={{ marginBottom: 16 }}
        data-testid="member-add-mode"
      />
      {error ? (
        <Alert
          type="error"
          showIcon
          message={errorText(error)}
          style={{ marginBottom: 16 }}
          data-testid="member-add-error"
        />
      ) : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ role: 'member', appRoles: [], password: generatePassword() }}
      >
        <Form.Item
          name="username"
          label={t('members.username')}
          extra={mode === 'existing' ? t('members.existingHint') : undefined}
          rules={[
            { required: true, message: t('members.usernameRequired') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$/, message: t('members.usernameInvalid') },
          ]}
        >
          <Input autoComplete="off" data-testid="member-username" />
        </Form.Item>
        {mode === 'new' ? (
          <>
            <Form.Item name="displayName" label={t('members.displayName')} rules={[{ max: 100 }]}>
              <Input data-testid="member-display-name" />
            </Form.Item>
            <Form.Item
              name="email"
              label={t('members.email')}
              rules={[{ type: 'email', message: t('members.emailInvalid') }]}
            >
              <Input inputMode="email" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('members.initialPassword')}
              extra={t('members.initialPasswordHint')}
              rules={[{ required: true, min: 8, message: t('members.passwordTooShort') }]}
            >
              <PasswordInput testId="member-password" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="role" label={t('members.role')}>
          <Radio.Group optionType="button">
            <Radio.Button value="member">{t('user.role.member')}</Radio.Button>
            <Radio.Button value="admin">{t('user.role.admin')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="appRoles" label={t('members.appRoles')} extra={t('members.appRolesHint')}>
          <AppRolesSelect choices={choices} testId="member-add-app-roles" />
        </Form.Item>
        {attributesInput.field}
      </Form>
    </Modal>
  );
}
