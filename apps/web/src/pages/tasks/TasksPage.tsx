import {
  Alert,
  Badge,
  Button,
  Empty,
  Flex,
  Input,
  List,
  Select,
  Skeleton,
  Space,
  Tabs,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import type { InboxBox, InboxItem, InboxQuery } from '../../api/flowTypes';
import type { AppSummary, RecordDto } from '../../api/types';
import { useWorkspaceEvents } from '../../api/useWorkspaceEvents';
import { useErrorText } from '../../hooks/useErrorText';
import { useSignedInSession } from '../../hooks/session';
import { localize, useLocale } from '../../hooks/useLocale';
import { TaskCard } from './TaskCard';
import { useAppDefinitions } from './useAppDefinitions';
import { useOpenTaskCount } from './useOpenTaskCount';

const BOXES: InboxBox[] = ['mine', 'group', 'done', 'cc'];
const PAGE = 30;

/**
 * The records of the cc box's rows (task rows bring theirs from the server): one filtered list request per
 * app and entity, which answers only what the caller may read.
 */
function useCopiedRecords(items: InboxItem[]) {
  const [records, setRecords] = useState<Map<string, RecordDto>>(new Map());
  const groups = useMemo(() => {
    const byEntity = new Map<string, { app: string; entity: string; ids: string[] }>();
    for (const item of items) {
      if (item.kind !== 'cc' || !item.entity || !item.recordId) continue;
      const key = `${item.app}/${item.entity}`;
      const group = byEntity.get(key) ?? { app: item.app, entity: item.entity, ids: [] };
      if (!group.ids.includes(item.recordId)) group.ids.push(item.recordId);
      byEntity.set(key, group);
    }
    return [...byEntity.values()];
  }, [items]);
  useEffect(() => {
    let current = true;
    void Promise.all(
      groups.map((group) =>
        api
          .listRecords(group.app, group.entity, {
            filter: { in: [{ var: 'id' }, group.ids] },
            limit: group.ids.length,
          })
          .then(
            (page) => page.items,
            () => [] as RecordDto[],
          ),
      ),
    ).then((pages) => {
      if (current) setRecords(new Map(pages.flat().map((record) => [record.id, record])));
    });
    return () => {
      current = false;
    };
  }, [groups]);
  return records;
}

/** `/tasks`: the task inbox — mine, group (claim), done, cc — as a card list that fits a 390 px phone. */
export function TasksPage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const session = useSignedInSession();
  const [box, setBox] = useState<InboxBox>('mine');
  const [filters, setFilters] = useState<Pick<InboxQuery, 'app' | 'flow' | 'q'>>({});
  const [items, setItems] = useState<InboxItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  const [appList, setAppList] = useState<AppSummary[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const open = useOpenTaskCount();

  useEffect(() => {
    void api.listApps().then(setAppList, () => undefined);
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const fetchPage = useCallback(
    (after?: string) => api.inbox({ box, ...filters, limit: PAGE, ...(after ? { cursor: after } : {}) }),
    [box, filters],
  );
  useEffect(() => {
    let current = true;
    setLoading(true);
    fetchPage().then(
      (page) => {
        if (!current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setError(undefined);
        setLoading(false);
        setNow(Date.now());
      },
      (failure: unknown) => {
        if (!current) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [fetchPage, generation]);
  const reload = () => setGeneration((n) => n + 1);
  useWorkspaceEvents(session.workspace.id, { onTaskCreated: reload, onTaskChanged: reload });

  const loadMore = async () => {
    if (!cursor) return;
    const page = await fetchPage(cursor).catch((failure: unknown) => {
      setError(failure);
      return undefined;
    });
    if (!page) return;
    setItems((current) => [...current, ...page.items]);
    setCursor(page.nextCursor);
  };

  const apps = useAppDefinitions(
    useMemo(
      () => [...items.map((item) => item.app), ...(filters.app ? [filters.app] : [])],
      [items, filters.app],
    ),
  );
  const copiedRecords = useCopiedRecords(items);
  const flowOptions = (filters.app ? (apps.get(filters.app)?.flows ?? []) : []).map((flow) => ({
    value: flow.key,
    label: localize(flow.label, locale),
  }));

  const openItem = (item: InboxItem) => {
    if (item.kind !== 'cc') navigate(`/tasks/${encodeURIComponent(item.id)}`);
    else if (item.recordId && item.entity)
      navigate(
        `/apps/${encodeURIComponent(item.app)}/e/${encodeURIComponent(item.entity)}?record=${encodeURIComponent(item.recordId)}`,
      );
  };

  const renderItem = (item: InboxItem) => (
    <List.Item style={{ padding: '0 0 10px', border: 'none' }}>
      <TaskCard
        item={item}
        app={apps.get(item.app)}
        copied={item.recordId ? copiedRecords.get(item.recordId) : undefined}
        now={now}
        box={box}
        onOpen={() => openItem(item)}
      />
    </List.Item>
  );

  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 880 }} data-testid="tasks-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('tasks.title')}
      </Typography.Title>
      <Tabs
        activeKey={box}
        onChange={(key) => setBox(key as InboxBox)}
        items={BOXES.map((key) => ({
          key,
          label: (
            <span data-testid={`tasks-box-${key}`}>
              {t(`tasks.boxes.${key}`)}
              {/* Each box's own count: 我的待办 must not count the group tasks it does not list. */}
              {(key === 'mine' || key === 'group') && open.boxes[key].count > 0 ? (
                <Badge
                  count={open.boxes[key].count}
                  size="small"
                  style={{ marginInlineStart: 4 }}
                  overflowCount={99}
                  data-testid={`tasks-box-${key}-count`}
                />
              ) : null}
            </span>
          ),
        }))}
        style={{ marginBottom: 0 }}
      />
      <Flex gap={8} wrap>
        <Select
          allowClear
          placeholder={t('tasks.filters.app')}
          style={{ minWidth: 140, flex: '1 1 140px' }}
          value={filters.app}
          options={appList.map((app) => ({ value: app.key, label: localize(app.label, locale) }))}
          onChange={(app?: string) => setFilters((current) => ({ ...current, app, flow: undefined }))}
          data-testid="tasks-filter-app"
        />
        <Select
          allowClear
          disabled={!filters.app}
          placeholder={t('tasks.filters.flow')}
          style={{ minWidth: 140, flex: '1 1 140px' }}
          value={filters.flow}
          options={flowOptions}
          onChange={(flow?: string) => setFilters((current) => ({ ...current, flow }))}
        />
        <Input.Search
          allowClear
          placeholder={t('tasks.filters.search')}
          style={{ flex: '2 1 200px' }}
          onSearch={(q) => setFilters((current) => ({ ...current, q: q.trim() || undefined }))}
          data-testid="tasks-search"
        />
      </Flex>
      {error ? <Alert type="error" showIcon message={errorText(error)} /> : null}
      {loading && items.length === 0 ? (
        <Skeleton active />
      ) : (
        <List<InboxItem>
          dataSource={items}
          rowKey={(item) => `${item.kind}:${item.id}`}
          renderItem={renderItem}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`tasks.empty.${box}`)}>
                {/* Nothing of one's own while the group's tasks wait (a leasing clerk's applications to review). */}
                {box === 'mine' && open.boxes.group.count > 0 ? (
                  <Button type="primary" onClick={() => setBox('group')} data-testid="tasks-empty-to-group">
                    {t('tasks.empty.toGroup', { count: open.boxes.group.count })}
                  </Button>
                ) : null}
              </Empty>
            ),
          }}
          loadMore={
            cursor ? (
              <Flex justify="center">
                <Button onClick={() => void loadMore()}>{t('tasks.more')}</Button>
              </Flex>
            ) : null
          }
        />
      )}
    </Space>
  );
}
