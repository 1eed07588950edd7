import type { EntityDefinition, Locale } from '@lowcode/app-model';
import { Alert, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { RecordHistoryEntry } from '../../api/types';
import { formatFieldText } from '../../fields/formatFieldText';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize } from '../../hooks/useLocale';
import { formatDateTime } from '../../utils/formatDate';

/** Write paths a history entry names: the actor alone would read as if they had typed the change. */
const SOURCES_TOLD = new Set(['flow', 'rule', 'import']);

const ACTION_COLORS: { [A in RecordHistoryEntry['action']]: string } = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  restore: 'gray',
};

/** Who changed which field from what to what, newest first. */
export function RecordHistory(props: {
  appKey: string;
  entity: EntityDefinition;
  recordId: string;
  locale: Locale;
}) {
  const { appKey, entity, recordId, locale } = props;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const load = useCallback(
    () => api.recordHistory(appKey, entity.key, recordId),
    [appKey, entity.key, recordId],
  );
  const { data, error, loading } = useAsyncData(load);
  if (error) return <Alert type="error" showIcon message={errorText(error)} />;
  if (loading || !data) return <Skeleton active />;
  if (data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  const text = (fieldKey: string, value: unknown, title: string | string[] | undefined) => {
    const field = entity.fields.find((f) => f.key === fieldKey);
    const shown = field ? formatFieldText(field, value, locale, title) : JSON.stringify(value);
    return shown === '' ? t('records.history.empty') : shown;
  };
  // Newest first. The server answers in the order of writing; a recomputed formula keeps its record's version.
  const entries = [...data].reverse();
  return (
    <Timeline
      data-testid="record-history"
      items={entries.map((entry) => ({
        color: ACTION_COLORS[entry.action],
        children: (
          <div>
            <Typography.Text strong>
              {entry.actor?.displayName ??
                t(entry.source === 'formula' ? 'records.history.formula' : 'records.history.system')}
            </Typography.Text>{' '}
            <Tag color={ACTION_COLORS[entry.action]}>{t(`records.history.${entry.action}`)}</Tag>
            {/* A flow's or rule's write names the person whose step set it off: say it was the process. */}
            {SOURCES_TOLD.has(entry.source) ? (
              <Tag data-testid="record-history-source">{t(`records.history.source.${entry.source}`)}</Tag>
            ) : null}
            <Typography.Text type="secondary">
              {formatDateTime(entry.at, locale)} · v{entry.version}
            </Typography.Text>
            {entry.changes.map((change) => (
              <div key={change.field} style={{ fontSize: 13 }}>
                {localize(entity.fields.find((f) => f.key === change.field)?.label, locale) || change.field}:{' '}
                <Typography.Text delete type="secondary">
                  {text(change.field, change.from, change.display?.from)}
                </Typography.Text>{' '}
                → {text(change.field, change.to, change.display?.to)}
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
