import { ArrowLeftOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Flex,
  Grid,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import type { RuleSummary } from '../../api/types';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { formatDateTime } from '../../utils/formatDate';
import { describeTrigger } from './builder/triggerText';

/** `/apps/:app/rules`: every rule of the app, what starts it, how it has been doing, and its switch. */
export function RulesPage() {
  const { app: appKey = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const isPhone = !Grid.useBreakpoint().md;
  const loadApp = useCallback(() => api.getApp(appKey), [appKey]);
  const loadRules = useCallback(() => api.listRules(appKey), [appKey]);
  const app = useAsyncData(loadApp);
  const rules = useAsyncData(loadRules);
  const [switching, setSwitching] = useState<string>();
  const [overrides, setOverrides] = useState<Record<string, RuleSummary>>({});
  const base = `/apps/${encodeURIComponent(appKey)}`;

  const toggle = async (rule: RuleSummary, enabled: boolean) => {
    setSwitching(rule.key);
    try {
      const updated = await api.updateRuleSetting(appKey, rule.key, { enabled });
      setOverrides((current) => ({ ...current, [rule.key]: updated }));
      void message.success(enabled ? t('rules.list.enabledNow') : t('rules.list.disabledNow'));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSwitching(undefined);
    }
  };

  const error = app.error ?? rules.error;
  const back = (
    <Link to={base}>
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {app.data ? localize(app.data.label, locale) : t('appDetail.back')}
      </Button>
    </Link>
  );
  if (error) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {back}
        <Alert type="error" showIcon message={errorText(error)} />
      </Space>
    );
  }
  if (!app.data || !rules.data) return <Skeleton active />;
  const definition = app.data.definition;
  const rows = rules.data.map((rule) => overrides[rule.key] ?? rule);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="rules-page">
      {back}
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('rules.list.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          data-testid="rules-new"
          onClick={() => navigate(`${base}/rules/new`)}
        >
          {t('rules.list.new')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('rules.list.intro')}
      </Typography.Paragraph>
      <Table<RuleSummary>
        data-testid="rules-table"
        rowKey="key"
        size={isPhone ? 'small' : 'middle'}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('rules.list.empty') }}
        onRow={(rule) => ({ 'data-testid': `rule-row-${rule.key}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'label',
            title: t('rules.list.rule'),
            render: (_, rule) => (
              <Space direction="vertical" size={0}>
                <Link
                  to={`${base}/rules/${encodeURIComponent(rule.key)}`}
                  data-testid={`rule-open-${rule.key}`}
                >
                  {localize(rule.label, locale)}
                </Link>
                {rule.broken ? (
                  <Tooltip title={rule.broken}>
                    <Tag color="error" icon={<WarningOutlined />} data-testid={`rule-broken-${rule.key}`}>
                      {t('rules.list.broken')}
                    </Tag>
                  </Tooltip>
                ) : null}
                {isPhone && rule.failures24h > 0 ? (
                  <Tag color="error">{t('rules.list.failures', { count: rule.failures24h })}</Tag>
                ) : null}
                {rule.broken && !isPhone ? (
                  <Typography.Text
                    type="danger"
                    style={{ fontSize: 12, maxWidth: 320 }}
                    ellipsis={{ tooltip: rule.broken }}
                  >
                    {rule.broken}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'trigger',
            title: t('rules.list.trigger'),
            render: (_, rule) => (
              <Space
                direction="vertical"
                size={0}
                style={{ maxWidth: isPhone ? 160 : 320, whiteSpace: 'normal' }}
              >
                <span>{describeTrigger(rule.trigger, definition, locale, t)}</span>
                {rule.nextRuns?.length ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('rules.list.nextRuns', {
                      runs: rule.nextRuns.map((run) => formatDateTime(run, locale)).join(' · '),
                    })}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'lastRun',
            title: t('rules.list.lastRun'),
            responsive: ['md'],
            render: (_, rule) =>
              rule.lastRunAt ? formatDateTime(rule.lastRunAt, locale) : t('rules.list.never'),
          },
          {
            key: 'stats',
            title: t('rules.list.last24h'),
            responsive: ['md'],
            render: (_, rule) => (
              <Space size={4} wrap>
                <Tag>{t('rules.list.runs', { count: rule.runs24h })}</Tag>
                {rule.failures24h > 0 ? (
                  <Tag color="error">{t('rules.list.failures', { count: rule.failures24h })}</Tag>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'enabled',
            title: t('rules.list.enabled'),
            render: (_, rule) => (
              <Tooltip title={rule.overridden ? t('rules.list.overridden') : undefined}>
                <Switch
                  data-testid={`rule-enabled-${rule.key}`}
                  checked={rule.enabled}
                  loading={switching === rule.key}
                  onChange={(enabled) => void toggle(rule, enabled)}
                />
              </Tooltip>
            ),
          },
        ]}
      />
    </Space>
  );
}
