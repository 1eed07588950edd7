import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Flex, Grid, Result, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../../api';
import type { AuditEvent } from '../../api/types';
import { useSignedInSession } from '../../hooks/session';
import { useErrorText } from '../../hooks/useErrorText';
import { useLocale } from '../../hooks/useLocale';
import { formatDateTime } from '../../utils/formatDate';

const PAGE_SIZE = 50;

/** What the server records (apps/server/src/audit/audit.service.ts), in the order an admin looks for them. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.loginFailed',
  'member.added',
  'member.updated',
  'member.removed',
  'member.password_reset',
  'apiKey.created',
  'apiKey.revoked',
  'apiKey.denied',
  'app.imported',
  'app.deleted',
  'template.installed',
  'records.exported',
  'records.imported',
  'workspace.created',
  'user.created',
] as const;

/** Action names hold dots, which i18next reads as nesting: the messages are keyed with `_` instead. */
const actionLabel = (t: TFunction, action: string) =>
  t(`audit.actions.${action.replace(/\./g, '_')}`, { defaultValue: action });

const DANGER = new Set(['auth.loginFailed', 'app.deleted', 'member.removed', 'apiKey.denied']);

interface Filters {
  action?: string;
  actorId?: string;
  range?: [Dayjs, Dayjs];
}

/** `/audit`: who did what, when and from where, newest first, searchable by action, person and period. Admins. */
export function AuditPage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const session = useSignedInSession();
  const errorText = useErrorText();
  const isPhone = !Grid.useBreakpoint().md;
  const [filters, setFilters] = useState<Filters>({});
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const [people, setPeople] = useState<{ value: string; label: string }[]>([]);

  const load = useCallback(
    async (before?: number) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await api.searchAudit({
          action: filters.action,
          actorId: filters.actorId,
          from: filters.range?.[0].startOf('day').toISOString(),
          to: filters.range?.[1].add(1, 'day').startOf('day').toISOString(),
          before,
          limit: PAGE_SIZE,
        });
        setEvents((current) => (before === undefined ? page : [...current, ...page]));
        setMore(page.length === PAGE_SIZE);
      } catch (caught) {
        setError(caught);
      } finally {
        setLoading(false);
      }
    },
    [filters],
  );
  useEffect(() => void load(), [load]);
  const searchPeople = (q: string) =>
    void api.listMembers({ q, limit: 20 }).then(
      (page) =>
        setPeople(
          page.items.map((member) => ({
            value: member.id,
            label: `${member.displayName} (${member.username})`,
          })),
        ),
      () => setPeople([]),
    );
  useEffect(() => searchPeople(''), []);

  if (session.role !== 'admin') return <Result status="403" title={t('audit.adminsOnly')} />;

  return (
    <Flex vertical gap={12} data-testid="audit-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('audit.help')}</Typography.Text>
      <Flex gap={8} wrap>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          data-testid="audit-action"
          placeholder={t('audit.action')}
          style={{ minWidth: 200 }}
          value={filters.action}
          onChange={(action?: string) => setFilters({ ...filters, action })}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: actionLabel(t, action) }))}
        />
        <Select
          allowClear
          showSearch
          filterOption={false}
          onSearch={searchPeople}
          data-testid="audit-actor"
          placeholder={t('audit.actor')}
          style={{ minWidth: 200 }}
          value={filters.actorId}
          onChange={(actorId?: string) => setFilters({ ...filters, actorId })}
          options={people}
        />
        <DatePicker.RangePicker
          data-testid="audit-range"
          value={filters.range ?? null}
          onChange={(range) =>
            setFilters({ ...filters, range: range?.[0] && range[1] ? [range[0], range[1]] : undefined })
          }
        />
        <Button icon={<ReloadOutlined />} onClick={() => void load()} data-testid="audit-refresh">
          {t('audit.refresh')}
        </Button>
      </Flex>
      {error ? <Alert type="error" showIcon message={errorText(error)} /> : null}
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={events}
        pagination={false}
        scroll={{ x: isPhone ? 720 : undefined }}
        data-testid="audit-table"
        onRow={() => ({ 'data-testid': 'audit-row' }) as React.HTMLAttributes<HTMLElement>}
        expandable={{
          rowExpandable: (event) => Object.keys(event.details ?? {}).length > 0,
          expandedRowRender: (event) => (
            <pre className="mono" style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="audit-details">
              {JSON.stringify(event.details, null, 2)}
            </pre>
          ),
        }}
        columns={[
          {
            title: t('audit.at'),
            dataIndex: 'at',
            width: 170,
            render: (at: string) => formatDateTime(at, locale),
          },
          {
            title: t('audit.actor'),
            dataIndex: 'actorName',
            width: 140,
            render: (name: string | null) => name ?? <Typography.Text type="secondary">—</Typography.Text>,
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 160,
            render: (action: string) => (
              <Tag color={DANGER.has(action) ? 'red' : 'blue'}>{actionLabel(t, action)}</Tag>
            ),
          },
          { title: t('audit.target'), dataIndex: 'target', ellipsis: true },
          { title: t('audit.ip'), dataIndex: 'ip', width: 130 },
        ]}
      />
      {more ? (
        <Button onClick={() => void load(events.at(-1)?.id)} loading={loading} data-testid="audit-more">
          {t('audit.more')}
        </Button>
      ) : null}
    </Flex>
  );
}
