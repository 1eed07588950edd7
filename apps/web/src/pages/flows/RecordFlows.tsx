import type { AppDefinition, EntityDefinition, Locale } from '@lowcode/app-model';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useWorkspaceEvents } from '../../api/useWorkspaceEvents';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { useSignedInSession } from '../../hooks/session';
import { localize } from '../../hooks/useLocale';
import { formatDateTime } from '../../utils/formatDate';
import { FlowTrack, STATUS_COLORS } from './FlowTrack';

/**
 * The "流程" section of a record: every instance that ran on it with its status and track, a button per manual
 * flow of the entity to start one, and withdraw for the one who started it.
 */
export function RecordFlows(props: {
  appKey: string;
  app: AppDefinition;
  entity: EntityDefinition;
  recordId: string;
  locale: Locale;
}) {
  const { appKey, app, entity, recordId, locale } = props;
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const session = useSignedInSession();
  const [busy, setBusy] = useState<string>();
  const load = useCallback(
    () => api.recordFlowInstances(appKey, entity.key, recordId),
    [appKey, entity.key, recordId],
  );
  const { data, error, loading, reload } = useAsyncData(load);
  useWorkspaceEvents(session.workspace.id, {
    onTaskChanged: (event) => {
      if (data?.items.some((instance) => instance.id === event.instanceId)) reload();
    },
    onRecordChanged: (event) => {
      if (event.entity === entity.key && event.ids.includes(recordId)) reload();
    },
  });
  const manual = (app.flows ?? []).filter(
    (flow) => flow.entity === entity.key && flow.trigger.type === 'manual',
  );

  const run = async (key: string, work: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await work();
      void message.success(done);
      reload();
    } catch (failure) {
      void message.error(errorText(failure));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="record-flows">
      {manual.length > 0 ? (
        <Flex gap={8} wrap>
          {manual.map((flow) => (
            <Button
              key={flow.key}
              type="primary"
              ghost
              loading={busy === `start:${flow.key}`}
              data-testid={`record-flow-start-${flow.key}`}
              onClick={() =>
                void run(
                  `start:${flow.key}`,
                  () => api.startFlow(appKey, flow.key, { recordId }),
                  t('flows.record.started', { flow: localize(flow.label, locale) }),
                )
              }
            >
              {t('flows.record.start', { flow: localize(flow.label, locale) })}
            </Button>
          ))}
        </Flex>
      ) : null}
      {error ? <Alert type="error" showIcon message={errorText(error)} /> : null}
      {loading && !data ? <Skeleton active /> : null}
      {data && data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flows.record.none')} />
      ) : null}
      {data?.items.map((instance) => (
        <Card
          key={instance.id}
          size="small"
          data-testid="record-flow-instance"
          title={
            <Flex gap={8} align="center" wrap>
              <span>{localize(instance.flow.label, locale)}</span>
              <Tag color={STATUS_COLORS[instance.status]}>
                {t(`flows.status.${instance.outcome ?? instance.status}`, {
                  defaultValue: instance.outcome ?? instance.status,
                })}
              </Tag>
            </Flex>
          }
          extra={
            instance.withdrawable ? (
              <Popconfirm
                title={t('flows.record.withdrawConfirm')}
                onConfirm={() =>
                  void run(
                    `withdraw:${instance.id}`,
                    () => api.withdrawFlowInstance(instance.id),
                    t('flows.record.withdrawn'),
                  )
                }
              >
                <Button size="small" danger loading={busy === `withdraw:${instance.id}`}>
                  {t('flows.record.withdraw')}
                </Button>
              </Popconfirm>
            ) : null
          }
        >
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 12 }}>
            {t('flows.record.startedBy', {
              who: instance.startedBy?.displayName ?? t('flows.track.system'),
              time: formatDateTime(instance.startedAt, locale),
            })}
          </Typography.Text>
          {instance.error ? (
            <Alert type="error" showIcon message={instance.error} style={{ marginBottom: 12 }} />
          ) : null}
          <FlowTrack instance={instance} locale={locale} />
        </Card>
      ))}
    </Space>
  );
}
