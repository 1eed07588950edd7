import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';

/** `/apps/:app/flows`: the app's flows with their entity and trigger, each opening the designer. */
export function FlowsListPage() {
  const { app: appKey = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useLocale();
  const errorText = useErrorText();
  const loadApp = useCallback(() => api.getApp(appKey), [appKey]);
  const { data: app, error } = useAsyncData(loadApp);
  if (error) return <Alert type="error" showIcon message={errorText(error)} />;
  if (!app) return <Skeleton active />;
  const base = `/apps/${encodeURIComponent(appKey)}`;
  const flows = app.definition.flows ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="flows-page">
      <Link to={base}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {localize(app.label, locale)}
        </Button>
      </Link>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('flows.list.title')}
        </Typography.Title>
        <Link to={`${base}/flows/new`}>
          <Button type="primary" icon={<PlusOutlined />} data-testid="flows-new">
            {t('flows.list.new')}
          </Button>
        </Link>
      </Flex>
      <List
        grid={{ gutter: 12, xs: 1, sm: 2, lg: 3 }}
        dataSource={flows}
        locale={{ emptyText: <Empty description={t('flows.list.empty')} /> }}
        renderItem={(flow) => {
          const entity = app.definition.entities.find((candidate) => candidate.key === flow.entity);
          const tasks = flow.nodes.filter((node) => node.type === 'userTask' || node.type === 'approval');
          return (
            <List.Item>
              <Card
                size="small"
                title={localize(flow.label, locale)}
                data-testid={`flow-card-${flow.key}`}
                extra={
                  <Link
                    to={`${base}/flows/${encodeURIComponent(flow.key)}/design`}
                    data-testid={`flow-design-${flow.key}`}
                  >
                    {t('flows.list.design')}
                  </Link>
                }
              >
                <Flex gap={6} wrap>
                  <Tag>{entity ? localize(entity.label, locale) : flow.entity}</Tag>
                  <Tag color="blue">{t(`flows.triggers.${flow.trigger.type}`)}</Tag>
                  <Tag>{t('flows.list.steps', { count: tasks.length })}</Tag>
                </Flex>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '8px 0 0' }}>
                  {tasks.map((node) => localize(node.label, locale)).join(' → ')}
                </Typography.Paragraph>
              </Card>
            </List.Item>
          );
        }}
      />
    </Space>
  );
}
