import { Alert, Button, Descriptions, Empty, Flex, List, Space, Switch, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import type { RuleRun } from '../../api/types';
import { useErrorText } from '../../hooks/useErrorText';
import { useLocale } from '../../hooks/useLocale';
import { formatDateTime } from '../../utils/formatDate';
import { JsonBlock, STATUS_COLORS } from './JsonBlock';

const PAGE = 50;

/** The rule's log, newest first, paged with `before`; misses only when the builder asks for them. */
export function RuleLog({
  appKey,
  ruleKey,
  logMisses,
  onLogMissesChange,
}: {
  appKey: string;
  ruleKey: string;
  logMisses: boolean;
  onLogMissesChange(logMisses: boolean): Promise<void>;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const errorText = useErrorText();
  const [runs, setRuns] = useState<RuleRun[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [misses, setMisses] = useState(logMisses);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());

  const load = useCallback(
    async (before?: string) => {
      setLoading(true);
      try {
        const page = await api.ruleRuns(appKey, ruleKey, { misses, before, limit: PAGE });
        setRuns((current) => (before ? [...current, ...page] : page));
        setMore(page.length === PAGE);
        setError(undefined);
      } catch (caught) {
        setError(caught);
      } finally {
        setLoading(false);
      }
    },
    [appKey, ruleKey, misses],
  );
  useEffect(() => void load(), [load]);

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="rule-log">
      <Flex gap={8} align="center" wrap justify="space-between">
        <Space>
          <Switch
            data-testid="rule-log-misses"
            checked={misses}
            onChange={(checked) => {
              setMisses(checked);
              void onLogMissesChange(checked);
            }}
          />
          <Typography.Text>{t('rules.log.showMisses')}</Typography.Text>
        </Space>
        <Button onClick={() => void load()} loading={loading} data-testid="rule-log-refresh">
          {t('rules.log.refresh')}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{t('rules.log.missesHelp')}</Typography.Text>
      {error ? <Alert type="error" showIcon message={errorText(error)} /> : null}
      <List<RuleRun>
        dataSource={runs}
        loading={loading && runs.length === 0}
        locale={{ emptyText: <Empty description={t('rules.log.empty')} /> }}
        renderItem={(run) => (
          <List.Item
            key={run.id}
            data-testid="rule-run"
            style={{ display: 'block', cursor: 'pointer' }}
            onClick={() => toggle(run.id)}
          >
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{formatDateTime(run.at, locale)}</Typography.Text>
              {run.error ? (
                <Tag color="error">{t('rules.log.error')}</Tag>
              ) : run.matched ? (
                <Tag color="success">{t('rules.log.matched')}</Tag>
              ) : (
                <Tag>{t('rules.log.missed')}</Tag>
              )}
              <Typography.Text type="secondary">
                {t(`rules.log.triggers.${run.trigger}`, { defaultValue: run.trigger })}
              </Typography.Text>
              {run.recordId && run.entityKey ? (
                <Link
                  to={`/apps/${encodeURIComponent(appKey)}/e/${encodeURIComponent(run.entityKey)}?record=${encodeURIComponent(run.recordId)}`}
                  onClick={(event) => event.stopPropagation()}
                >
                  {t('rules.log.openRecord')}
                </Link>
              ) : null}
              {run.actions.map((action) => (
                <Tag key={action.key} color={STATUS_COLORS[action.status]}>
                  {action.key}: {t(`rules.actionStatus.${action.status}`)}
                </Tag>
              ))}
            </Flex>
            {run.error ? (
              <Typography.Text type="danger" data-testid="rule-run-error">
                {run.error}
              </Typography.Text>
            ) : null}
            {expanded.has(run.id) ? (
              <div
                onClick={(event) => event.stopPropagation()}
                style={{ marginTop: 8, cursor: 'auto' }}
                data-testid="rule-run-details"
              >
                <Descriptions size="small" column={1} bordered>
                  <Descriptions.Item label={t('rules.log.read')}>
                    <JsonBlock value={run.read} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('rules.log.result')}>
                    <JsonBlock value={run.result} />
                  </Descriptions.Item>
                  {run.scheduledFor ? (
                    <Descriptions.Item label={t('rules.log.scheduledFor')}>
                      {formatDateTime(run.scheduledFor, locale)}
                    </Descriptions.Item>
                  ) : null}
                  <Descriptions.Item label={t('rules.log.revision')}>{run.revision}</Descriptions.Item>
                  {run.actions.map((action) => (
                    <Descriptions.Item
                      key={action.key}
                      label={`${action.key} (${t(`rules.actionTypes.${action.type}`, { defaultValue: action.type })})`}
                    >
                      <Tag color={STATUS_COLORS[action.status]}>
                        {t(`rules.actionStatus.${action.status}`)}
                      </Tag>
                      {action.detail !== undefined && action.detail !== null ? (
                        <Typography.Text type={action.status === 'failed' ? 'danger' : undefined}>
                          <JsonBlock value={action.detail} />
                        </Typography.Text>
                      ) : null}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </div>
            ) : null}
          </List.Item>
        )}
      />
      {more ? (
        <Button
          block
          loading={loading}
          onClick={() => void load(runs.at(-1)?.id)}
          data-testid="rule-log-more"
        >
          {t('rules.log.more')}
        </Button>
      ) : null}
    </Space>
  );
}
