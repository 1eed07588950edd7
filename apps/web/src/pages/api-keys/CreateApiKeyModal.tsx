import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { CreatedApiKey } from '../../api/apiKeyTypes';
import { useErrorText } from '../../hooks/useErrorText';
import { ALL_APPS, KEY_PERMISSIONS, permissionLabelKey, scopesOf, type ScopeRow } from './scopes';

interface FormValues {
  name: string;
  admin: boolean;
  rows: ScopeRow[];
  expiresAt?: Dayjs | null;
}

/**
 * Creates a key: name, scopes (per app or every app, or admin) and an optional expiry. The secret the server
 * answers is shown here once, with a copy button; closing the dialog forgets it.
 */
export function CreateApiKeyModal({
  apps,
  onClose,
  onCreated,
}: {
  apps: { value: string; label: string }[];
  onClose(): void;
  onCreated(key: CreatedApiKey): void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const admin = Form.useWatch('admin', form) ?? false;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<CreatedApiKey>();

  const submit = async (values: FormValues) => {
    setSaving(true);
    setError(undefined);
    try {
      const key = await api.createApiKey({
        name: values.name.trim(),
        scopes: scopesOf(values.rows ?? [], values.admin),
        ...(values.expiresAt ? { expiresAt: values.expiresAt.toISOString() } : {}),
      });
      setCreated(key);
      onCreated(key);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  const copy = async (secret: string) => {
    try {
      await navigator.clipboard.writeText(secret);
      void message.success(t('apiKeys.copied'));
    } catch {
      void message.warning(t('apiKeys.copyFailed'));
    }
  };

  if (created)
    return (
      <Modal
        open
        title={t('apiKeys.secretTitle', { name: created.name })}
        onCancel={onClose}
        footer={
          <Button type="primary" onClick={onClose} data-testid="api-key-secret-done">
            {t('apiKeys.done')}
          </Button>
        }
        data-testid="api-key-secret-modal"
      >
        <Alert type="warning" showIcon message={t('apiKeys.secretOnce')} style={{ marginBottom: 16 }} />
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={created.secret} className="mono" data-testid="api-key-secret" />
          <Button
            icon={<CopyOutlined />}
            onClick={() => void copy(created.secret)}
            data-testid="api-key-secret-copy"
          >
            {t('apiKeys.copy')}
          </Button>
        </Space.Compact>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('apiKeys.usage')}
        </Typography.Paragraph>
      </Modal>
    );

  const permissionOptions = KEY_PERMISSIONS.map((permission) => ({
    value: permission,
    label: t(permissionLabelKey(permission)),
  }));

  return (
    <Modal
      open
      width={640}
      title={t('apiKeys.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('apiKeys.createConfirm')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'api-key-create-confirm' } as Record<`data-${string}`, string>}
      data-testid="api-key-create-modal"
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          message={errorText(error)}
          style={{ marginBottom: 16 }}
          data-testid="api-key-create-error"
        />
      ) : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ admin: false, rows: [{ app: ALL_APPS, permissions: ['records:read'] }] }}
      >
        <Form.Item
          name="name"
          label={t('apiKeys.name')}
          extra={t('apiKeys.nameHint')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('apiKeys.nameRequired') }]}
        >
          <Input autoComplete="off" data-testid="api-key-name" />
        </Form.Item>
        <Form.Item
          name="admin"
          label={t('apiKeys.admin')}
          extra={t('apiKeys.adminHint')}
          valuePropName="checked"
        >
          <Switch data-testid="api-key-admin" />
        </Form.Item>
        {admin ? null : (
          <Form.List
            name="rows"
            rules={[
              {
                validator: async (_, rows: ScopeRow[] | undefined) => {
                  if (scopesOf(rows ?? [], false).length === 0) throw new Error(t('apiKeys.scopesRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label={t('apiKeys.scopes')} extra={t('apiKeys.scopesHint')}>
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
                    <Form.Item name={[field.name, 'app']} noStyle>
                      <Select
                        style={{ width: 180 }}
                        options={[{ value: ALL_APPS, label: t('apiKeys.allApps') }, ...apps]}
                        data-testid={`api-key-scope-app-${field.name}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'permissions']} noStyle>
                      <Checkbox.Group
                        options={permissionOptions}
                        data-testid={`api-key-scope-permissions-${field.name}`}
                      />
                    </Form.Item>
                    {fields.length > 1 ? (
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('apiKeys.removeScope')}
                        onClick={() => remove(field.name)}
                      />
                    ) : null}
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ app: apps[0]?.value ?? ALL_APPS, permissions: [] })}
                  data-testid="api-key-scope-add"
                >
                  {t('apiKeys.addScope')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        )}
        <Form.Item name="expiresAt" label={t('apiKeys.expiresAt')} extra={t('apiKeys.expiresAtHint')}>
          <DatePicker
            showTime
            allowClear
            placeholder={t('apiKeys.neverExpires')}
            disabledDate={(day) => day.isBefore(dayjs(), 'day')}
            data-testid="api-key-expires"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
