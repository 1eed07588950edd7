import { ArrowLeftOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Flex,
  Result,
  Skeleton,
  Space,
  Switch,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { newRule, triggerEntity } from './builder/ruleDraft';
import { RuleEditor } from './builder/RuleEditor';
import { describeTrigger } from './builder/triggerText';
import { RuleLog } from './RuleLog';
import { RuleTest } from './RuleTest';

/** `/apps/:app/rules/:rule` (Log · Test · Edit) and `/apps/:app/rules/new` (the builder alone). */
export function RuleDetailPage() {
  const { app: appKey = '', rule: ruleKey = 'new' } = useParams();
  const isNew = ruleKey === 'new';
  const { t } = useTranslation();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const loadApp = useCallback(() => api.getApp(appKey), [appKey]);
  const loadRules = useCallback(() => api.listRules(appKey), [appKey]);
  const app = useAsyncData(loadApp);
  const summaries = useAsyncData(loadRules);
  const base = `/apps/${encodeURIComponent(appKey)}`;
  const definition = app.data?.definition;
  const rule = useMemo(
    () =>
      definition
        ? isNew
          ? newRule(definition)
          : definition.rules.find((r) => r.key === ruleKey)
        : undefined,
    [definition, isNew, ruleKey],
  );
  const summary = summaries.data?.find((candidate) => candidate.key === ruleKey);

  const back = (
    <Link to={`${base}/rules`}>
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('rules.list.title')}
      </Button>
    </Link>
  );
  const error = app.error ?? summaries.error;
  if (error) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {back}
        <Alert type="error" showIcon message={errorText(error)} />
      </Space>
    );
  }
  if (!app.data || !definition || (!isNew && !summaries.data)) return <Skeleton active />;
  if (!rule) return <Result status="404" title={t('rules.detail.notFound', { key: ruleKey })} extra={back} />;

  const editor = (
    <RuleEditor
      key={`${app.data.revision}:${ruleKey}`}
      app={definition}
      revision={app.data.revision}
      rule={rule}
      isNew={isNew}
      locale={locale}
      onSaved={(saved) => {
        void message.success(t('rules.editor.saved'));
        if (isNew) navigate(`${base}/rules/${encodeURIComponent(saved.key)}?tab=log`, { replace: true });
        app.reload();
        summaries.reload();
      }}
    />
  );

  const entityKey = triggerEntity(rule.trigger, definition);
  const entity = definition.entities.find((candidate) => candidate.key === entityKey);
  const tab = params.get('tab') ?? 'log';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="rule-detail">
      {back}
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Space direction="vertical" size={0}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {isNew ? t('rules.detail.newTitle') : localize(rule.label, locale)}
          </Typography.Title>
          {!isNew ? (
            <Typography.Text type="secondary">
              {describeTrigger(rule.trigger, definition, locale, t)}
            </Typography.Text>
          ) : null}
        </Space>
        {summary ? (
          <Space>
            <Typography.Text>{t('rules.list.enabled')}</Typography.Text>
            <Switch
              data-testid="rule-detail-enabled"
              checked={summary.enabled}
              onChange={(enabled) =>
                void api
                  .updateRuleSetting(appKey, ruleKey, { enabled })
                  .then(summaries.reload, (caught: unknown) => message.error(errorText(caught)))
              }
            />
          </Space>
        ) : null}
      </Flex>
      {summary?.broken ? (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          message={t('rules.list.broken')}
          description={summary.broken}
        />
      ) : null}
      {summary && summary.failures24h > 0 ? (
        <Tag color="error">{t('rules.list.failures', { count: summary.failures24h })}</Tag>
      ) : null}
      {isNew ? (
        editor
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(next) => setParams({ tab: next }, { replace: true })}
          items={[
            {
              key: 'log',
              label: <span data-testid="rule-tab-log">{t('rules.detail.log')}</span>,
              children: (
                <RuleLog
                  appKey={appKey}
                  ruleKey={ruleKey}
                  logMisses={summary?.logMisses ?? false}
                  onLogMissesChange={async (logMisses) => {
                    try {
                      await api.updateRuleSetting(appKey, ruleKey, { logMisses });
                    } catch (caught) {
                      void message.error(errorText(caught));
                    }
                  }}
                />
              ),
            },
            {
              key: 'test',
              label: <span data-testid="rule-tab-test">{t('rules.detail.test')}</span>,
              children: (
                <RuleTest
                  appKey={appKey}
                  ruleKey={ruleKey}
                  entity={rule.trigger.type === 'schedule' ? undefined : entity}
                  locale={locale}
                />
              ),
            },
            {
              key: 'edit',
              label: <span data-testid="rule-tab-edit">{t('rules.detail.edit')}</span>,
              children: editor,
            },
          ]}
        />
      )}
    </Space>
  );
}
