import type { Locale } from '@lowcode/app-model';
import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FlowInstance, FlowTransition } from '../../api/flowTypes';
import { localize } from '../../hooks/useLocale';
import { formatDateTime } from '../../utils/formatDate';

const ACTION_COLORS: Record<string, string> = {
  start: 'blue',
  approve: 'green',
  complete: 'green',
  reject: 'red',
  return: 'orange',
  cancel: 'gray',
  withdraw: 'gray',
  transfer: 'purple',
  addSigner: 'purple',
  escalate: 'red',
  fail: 'red',
};

export const STATUS_COLORS: Record<string, string> = {
  running: 'processing',
  completed: 'success',
  cancelled: 'default',
  failed: 'error',
};

/** One line of the track: who did what at which step, when, with their comment. */
function entryText(entry: FlowTransition, locale: Locale): string {
  const from = entry.from ? localize(entry.from.label, locale) : '';
  const to = entry.to ? localize(entry.to.label, locale) : '';
  return from && to && from !== to ? `${from} → ${to}` : to || from;
}

/**
 * The instance's transitions as a timeline (受理 → 派发 → 接单 → 完工 → 回访): the open steps last, with
 * who holds them. Newest at the bottom, the way people read a track.
 */
export function FlowTrack({ instance, locale }: { instance: FlowInstance; locale: Locale }) {
  const { t } = useTranslation();
  const nodeLabel = (key: string) => {
    const ref = instance.transitions.find((entry) => entry.to?.key === key)?.to;
    return ref ? localize(ref.label, locale) : key;
  };
  // "Entered X" says nothing the next line ("X dispatched to …") does not: shown only where nothing follows.
  const visible = instance.transitions.filter(
    (entry, index) =>
      entry.action !== 'enter' ||
      !instance.transitions
        .slice(index + 1)
        .some((later) => later.action !== 'enter' && (later.to ?? later.from)?.key === entry.to?.key),
  );
  return (
    <Timeline
      data-testid="flow-track"
      items={[
        ...visible.map((entry) => ({
          key: String(entry.seq),
          color: ACTION_COLORS[entry.action] ?? 'blue',
          children: (
            <div data-testid="flow-track-entry">
              <Typography.Text strong>{entryText(entry, locale)}</Typography.Text>{' '}
              <Tag color={ACTION_COLORS[entry.action]}>
                {t(`flows.actions.${entry.action}`, { defaultValue: entry.action })}
              </Tag>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {entry.actor?.displayName ?? t('flows.track.system')} · {formatDateTime(entry.at, locale)}
                </Typography.Text>
              </div>
              {entry.comment ? (
                <Typography.Paragraph
                  style={{
                    margin: '4px 0 0',
                    padding: '4px 8px',
                    background: 'rgba(0,0,0,0.03)',
                    borderRadius: 4,
                  }}
                >
                  {entry.commentAudience === 'internal' ? (
                    <Tag color="gold" style={{ marginRight: 6 }} data-testid="flow-track-internal">
                      {t('flows.track.internal')}
                    </Tag>
                  ) : null}
                  {entry.comment}
                </Typography.Paragraph>
              ) : null}
            </div>
          ),
        })),
        ...instance.openTasks.map((task) => ({
          key: `open-${task.id}`,
          color: 'gray',
          children: (
            <div>
              <Typography.Text type="secondary">
                {t('flows.track.waiting', { node: nodeLabel(task.nodeKey) })}
              </Typography.Text>
              {task.dueAt ? (
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                  {t('tasks.due', { time: formatDateTime(task.dueAt, locale) })}
                </Typography.Text>
              ) : null}
            </div>
          ),
        })),
      ]}
    />
  );
}
