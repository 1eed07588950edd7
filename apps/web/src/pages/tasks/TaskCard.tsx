import type { AppDefinition } from '@lowcode/app-model';
import { ClockCircleOutlined, FireOutlined, WarningOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InboxBox, InboxItem, TaskSummary } from '../../api/flowTypes';
import type { RecordDto } from '../../api/types';
import { titleOfRecord } from '../../fields/recordTitle';
import { localize, useLocale } from '../../hooks/useLocale';
import { formatDateTime } from '../../utils/formatDate';
import { recordPreviewTexts } from './recordPreview';
import { durationParts, urgencyOf, type Urgency } from './taskTime';
import { flowOf, nodeOf } from './useAppDefinitions';

export function UrgencyTag({ dueAt, now }: { dueAt: string | null; now: number }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const urgency: Urgency = urgencyOf(dueAt, now);
  if (urgency === 'none' || !dueAt) return null;
  const distance = durationParts(Date.parse(dueAt) - now);
  const amount = t(`tasks.units.${distance.unit}`, { count: distance.value });
  if (urgency === 'overdue')
    return (
      <Tag color="red" icon={<WarningOutlined />} data-testid="task-overdue">
        {t('tasks.overdue', { amount })}
      </Tag>
    );
  if (urgency === 'urgent')
    return (
      <Tag color="orange" icon={<FireOutlined />}>
        {t('tasks.dueIn', { amount })}
      </Tag>
    );
  return <Tag icon={<ClockCircleOutlined />}>{t('tasks.due', { time: formatDateTime(dueAt, locale) })}</Tag>;
}

/**
 * One row of an inbox: the task, what its record is about (title, then the fields its entity lists first),
 * how urgent it is, and since when — on a phone, the whole card is the tap target.
 */
export function TaskCard({
  item,
  app,
  copied,
  now,
  box,
  onOpen,
}: {
  item: InboxItem;
  app: AppDefinition | undefined;
  /** The record of a cc row, read by the page (task rows bring theirs). */
  copied?: RecordDto;
  now: number;
  box: InboxBox;
  onOpen(): void;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const flow = flowOf(app, item.flow);
  const node = nodeOf(flow, item.nodeKey);
  const since = durationParts(now - Date.parse(item.createdAt));
  const task = item.kind === 'cc' ? undefined : (item as TaskSummary);
  const entity = app?.entities.find((candidate) => candidate.key === item.entity);
  const record = task ? task.record : copied;
  const recordTitle = task
    ? task.recordTitle
    : copied && entity
      ? titleOfRecord(entity, copied, locale)
      : undefined;
  const preview =
    record && entity
      ? recordPreviewTexts(entity, record.values, record.display ?? {}, locale, app?.entities)
      : [];
  return (
    <Card
      size="small"
      hoverable
      style={{ width: '100%' }}
      onClick={onOpen}
      data-testid="task-row"
      styles={{ body: { padding: 12 } }}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text strong style={{ fontSize: 16 }} ellipsis>
          {localize(item.title, locale)}
        </Typography.Text>
        {task && task.status === 'open' ? <UrgencyTag dueAt={task.dueAt} now={now} /> : null}
        {task && task.status !== 'open' ? (
          <Tag color={task.outcome === 'rejected' ? 'red' : 'green'}>
            {t(`flows.status.${task.outcome ?? task.status}`, {
              defaultValue: task.outcome ?? task.status,
            })}
          </Tag>
        ) : null}
      </Flex>
      {recordTitle ? (
        <Typography.Paragraph
          style={{ margin: '4px 0 0' }}
          ellipsis={{ rows: 2 }}
          data-testid="task-record-title"
        >
          {recordTitle}
        </Typography.Paragraph>
      ) : null}
      {preview.length > 0 ? (
        <Typography.Paragraph
          type="secondary"
          style={{ margin: '2px 0 0' }}
          ellipsis={{ rows: 2 }}
          data-testid="task-record-preview"
        >
          {preview.join(' · ')}
        </Typography.Paragraph>
      ) : null}
      <Flex gap={6} wrap style={{ marginTop: 6 }} align="center">
        {flow ? <Tag color="blue">{localize(flow.label, locale)}</Tag> : null}
        {node && localize(node.label, locale) !== localize(item.title, locale) ? (
          <Tag>{localize(node.label, locale)}</Tag>
        ) : null}
        {task?.escalated ? <Tag color="volcano">{t('tasks.escalated')}</Tag> : null}
        {task?.priority && task.priority !== 'normal' ? (
          <Tag color="magenta">{t(`tasks.priority.${task.priority}`, { defaultValue: task.priority })}</Tag>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(box === 'done' ? 'tasks.assignedAt' : 'tasks.since', {
            amount: t(`tasks.units.${since.unit}`, { count: since.value }),
            time: formatDateTime(item.createdAt, locale),
          })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
