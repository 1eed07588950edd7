import { PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Col, Form, Input, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ApiError } from '../../api/ApiError';
import { useErrorText } from '../../hooks/useErrorText';
import { WORKSPACE_NAME_MAX, WORKSPACE_SLUG_PATTERN } from './workspaceRules';

interface NewWorkspace {
  slug: string;
  name: string;
}

export function CreateWorkspaceForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<NewWorkspace>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (values: NewWorkspace) => {
    setSubmitting(true);
    setError(null);
    try {
      const workspace = await api.createWorkspace({ slug: values.slug.trim(), name: values.name.trim() });
      void message.success(t('workspaces.created', { name: workspace.name }));
      form.resetFields();
      onCreated();
    } catch (reason) {
      // Field-level problems (e.g. slug taken) go next to the field; the rest above the button.
      if (reason instanceof ApiError && reason.details.length > 0) {
        form.setFields(
          reason.details
            .filter((d) => d.path === 'slug' || d.path === 'name' || d.path === '/slug' || d.path === '/name')
            .map((d) => ({ name: d.path.replace(/^\//, '') as keyof NewWorkspace, errors: [d.message] })),
        );
      }
      setError(errorText(reason));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<NewWorkspace> form={form} layout="vertical" onFinish={onFinish} disabled={submitting}>
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <Form.Item
            name="slug"
            label={t('workspaces.slug')}
            rules={[
              { required: true, whitespace: true, message: t('workspaces.slugRequired') },
              { pattern: WORKSPACE_SLUG_PATTERN, message: t('workspaces.slugPattern') },
            ]}
          >
            <Input
              data-testid="workspace-slug"
              className="mono"
              autoCapitalize="none"
              placeholder="north-campus"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item
            name="name"
            label={t('workspaces.name')}
            rules={[
              { required: true, whitespace: true, message: t('workspaces.nameRequired') },
              { max: WORKSPACE_NAME_MAX, message: t('workspaces.nameTooLong') },
            ]}
          >
            <Input data-testid="workspace-name" />
          </Form.Item>
        </Col>
      </Row>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      <Button
        type="primary"
        htmlType="submit"
        icon={<PlusOutlined />}
        loading={submitting}
        data-testid="workspace-create"
      >
        {t('workspaces.createSubmit')}
      </Button>
    </Form>
  );
}
