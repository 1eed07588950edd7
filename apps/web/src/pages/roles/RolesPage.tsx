import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { KEY_PATTERN, localize, type AppDefinition, type RoleDefinition } from '@lowcode/app-model';
import {
  Alert,
  App as AntApp,
  Button,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api';
import { useSignedInSession } from '../../hooks/session';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { useLocale } from '../../hooks/useLocale';
import { SaveDialog } from '../designer/SaveDialog';
import { useDesignerSave } from '../designer/useDesignerSave';
import { RoleEditor } from './RoleEditor';

/** `/apps/:app/roles`: the app's roles and what each may do, saved as a new revision of the app. */
export function RolesPage() {
  const { app: appKey = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const session = useSignedInSession();
  const load = useCallback(() => api.getApp(appKey), [appKey]);
  const { data: app, error, reload } = useAsyncData(load);

  if (session.role !== 'admin') return <Result status="403" title={t('members.adminsOnly')} />;
  if (error) return <Alert type="error" showIcon message={errorText(error)} />;
  if (!app) return <Skeleton active />;
  // Keyed by revision: after a save the editor restarts from what was stored.
  return (
    <RolesWorkspace key={app.revision} definition={app.definition} revision={app.revision} onSaved={reload} />
  );
}

function RolesWorkspace({
  definition,
  revision,
  onSaved,
}: {
  definition: AppDefinition;
  revision: number;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [roles, setRoles] = useState<RoleDefinition[]>(definition.roles ?? []);
  const [selected, setSelected] = useState<string | undefined>(definition.roles?.[0]?.key);
  const [adding, setAdding] = useState(false);
  const save = useDesignerSave(revision, locale, () => {
    void message.success(t('members.roles.saved'));
    onSaved();
  });
  const dirty = JSON.stringify(roles) !== JSON.stringify(definition.roles ?? []);
  const role = roles.find((candidate) => candidate.key === selected);
  const appPath = `/apps/${encodeURIComponent(definition.key)}`;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="roles-page">
      <Link to={appPath}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {localize(definition.label, locale)}
        </Button>
      </Link>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('members.roles.title')}
          {dirty ? (
            <Tag color="orange" style={{ marginInlineStart: 8 }}>
              {t('members.roles.unsaved')}
            </Tag>
          ) : null}
        </Typography.Title>
        <Space wrap>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="role-add">
            {t('members.roles.add')}
          </Button>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={!dirty}
            loading={save.state.step === 'checking'}
            onClick={() => void save.start({ ...definition, roles })}
            data-testid="roles-save"
          >
            {t('members.roles.save')}
          </Button>
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('members.roles.intro')}</Typography.Text>
      {roles.length === 0 ? (
        <Empty description={t('members.roles.none')} />
      ) : (
        <Space wrap>
          <Select
            value={selected}
            onChange={setSelected}
            style={{ minWidth: 220 }}
            data-testid="role-select"
            options={roles.map((candidate) => ({
              value: candidate.key,
              label: `${localize(candidate.label, locale)} (${candidate.key})`,
            }))}
          />
          {role ? (
            <Popconfirm
              title={t('members.roles.removeConfirm', { name: localize(role.label, locale) })}
              okButtonProps={{ danger: true }}
              onConfirm={() => {
                const rest = roles.filter((candidate) => candidate.key !== role.key);
                setRoles(rest);
                setSelected(rest[0]?.key);
              }}
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('members.roles.remove')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      )}
      {role ? (
        <RoleEditor
          key={role.key}
          app={definition}
          role={role}
          locale={locale}
          onChange={(next) =>
            setRoles(roles.map((candidate) => (candidate.key === next.key ? next : candidate)))
          }
        />
      ) : null}
      {adding ? (
        <AddRoleModal
          taken={roles.map((candidate) => candidate.key)}
          onClose={() => setAdding(false)}
          onAdd={(next) => {
            setRoles([...roles, next]);
            setSelected(next.key);
            setAdding(false);
          }}
        />
      ) : null}
      <SaveDialog
        what="roles"
        state={save.state}
        onConfirm={() => void save.confirm()}
        onClose={save.close}
      />
    </Space>
  );
}

function AddRoleModal({
  taken,
  onClose,
  onAdd,
}: {
  taken: string[];
  onClose(): void;
  onAdd(role: RoleDefinition): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ key: string; zh: string; en: string }>();
  return (
    <Modal open title={t('members.roles.add')} onCancel={onClose} onOk={() => form.submit()}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          onAdd({
            key: values.key,
            label: { 'zh-CN': values.zh, en: values.en || values.zh },
            permissions: [],
          })
        }
      >
        <Form.Item
          name="key"
          label={t('members.roles.key')}
          extra={t('members.roles.keyHint')}
          rules={[
            { required: true, pattern: new RegExp(KEY_PATTERN), message: t('members.roles.keyInvalid') },
            {
              validator: (_, key: string) =>
                taken.includes(key)
                  ? Promise.reject(new Error(t('members.roles.keyTaken')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input className="mono" data-testid="role-key" />
        </Form.Item>
        <Form.Item name="zh" label={t('members.roles.labelZh')} rules={[{ required: true }]}>
          <Input data-testid="role-label-zh" />
        </Form.Item>
        <Form.Item name="en" label={t('members.roles.labelEn')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
