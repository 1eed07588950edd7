import { AppstoreAddOutlined, CheckCircleOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { TemplateSummary } from '../../api/types';
import { useSignedInSession } from '../../hooks/session';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { AppCountsTags } from '../apps/AppCountsTags';
import { TemplateInstallDrawer } from './TemplateInstallDrawer';

/** The template gallery: what can be installed, what each holds, and one step to install it. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const loadTemplates = useCallback(() => api.listTemplates(), []);
  const templates = useAsyncData(loadTemplates);
  const [open, setOpen] = useState<TemplateSummary>();

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('templates.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('templates.intro')}</Typography.Text>
      {templates.error ? <Alert type="error" showIcon message={errorText(templates.error)} /> : null}
      {templates.data?.length === 0 ? <Empty /> : null}
      <Row gutter={[16, 16]}>
        {(templates.data ?? []).map((template) => (
          <Col key={template.key} xs={24} md={12} xl={8}>
            <TemplateCard template={template} onOpen={() => setOpen(template)} />
          </Col>
        ))}
      </Row>
      {open ? (
        <TemplateInstallDrawer
          template={open}
          onClose={() => setOpen(undefined)}
          onInstalled={templates.reload}
        />
      ) : null}
    </Space>
  );
}

function TemplateCard({ template, onOpen }: { template: TemplateSummary; onOpen: () => void }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { role } = useSignedInSession();
  return (
    <Card
      data-testid={`template-card-${template.key}`}
      title={localize(template.label, locale)}
      extra={
        template.installed ? (
          <Tag icon={<CheckCircleOutlined />} color="success">
            {t('templates.installed', { version: template.installed.version })}
          </Tag>
        ) : (
          <Tag>v{template.version}</Tag>
        )
      }
      actions={[
        <Button
          key="preview"
          type="link"
          icon={template.installed ? <EyeOutlined /> : <AppstoreAddOutlined />}
          data-testid={`template-preview-${template.key}`}
          onClick={onOpen}
        >
          {template.installed || role !== 'admin' ? t('templates.preview') : t('templates.install')}
        </Button>,
      ]}
    >
      <Space direction="vertical" size="small">
        {template.description ? (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {localize(template.description, locale)}
          </Typography.Paragraph>
        ) : null}
        <AppCountsTags counts={template.counts} />
        {template.demo ? (
          <Typography.Text type="secondary">
            {t('templates.demoSize', { records: template.demo.records, users: template.demo.users })}
          </Typography.Text>
        ) : null}
      </Space>
    </Card>
  );
}
