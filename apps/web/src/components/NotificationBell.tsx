import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, Flex, Grid, List, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import type { NotificationDto } from '../api/types';
import { useWorkspaceEvents } from '../api/useWorkspaceEvents';
import { useSignedInSession } from '../hooks/session';
import { localize, useLocale } from '../hooks/useLocale';
import { formatDateTime } from '../utils/formatDate';

const SHOWN = 30;

/**
 * Where a notification leads: a task opens its page; a record opens in its list. A record link may name the
 * entity but not the app (older ones), so the app is then the one that has that entity.
 */
export function notificationPath(
  notification: NotificationDto,
  appByEntity: Map<string, string>,
): string | undefined {
  const link = notification.link;
  if (link?.kind === 'task' && typeof link.id === 'string') return `/tasks/${encodeURIComponent(link.id)}`;
  if (!link || link.kind !== 'record') return undefined;
  const { entity, id, app } = link as { entity: string; id: string; app?: string };
  const appKey = app ?? appByEntity.get(entity);
  if (!appKey || !id) return undefined;
  return `/apps/${encodeURIComponent(appKey)}/e/${encodeURIComponent(entity)}?record=${encodeURIComponent(id)}`;
}

/** The bell in the top bar: unread count, the latest notifications, mark all read; live over socket.io. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const session = useSignedInSession();
  const [items, setItems] = useState<NotificationDto[]>([]);
  const [open, setOpen] = useState(false);
  const [appKeys, setAppKeys] = useState<Map<string, string>>(new Map());

  const load = useCallback(() => {
    api.listNotifications().then(
      (list) => setItems(list.slice(0, SHOWN)),
      () => undefined, // the bell stays quiet; pages report errors themselves
    );
  }, []);
  useEffect(load, [load, session.workspace.id]);
  useEffect(() => {
    if (!open) return;
    load();
    if (appKeys.size > 0) return;
    void api
      .listApps()
      .then((apps) => Promise.all(apps.map((app) => api.getApp(app.key))))
      .then(
        (apps) => {
          const byEntity = new Map<string, string>();
          for (const app of apps)
            for (const entity of app.definition.entities)
              if (!byEntity.has(entity.key)) byEntity.set(entity.key, app.key);
          setAppKeys(byEntity);
        },
        () => undefined,
      );
  }, [open, load, appKeys.size]);
  useWorkspaceEvents(session.workspace.id, {
    onNotificationCreated: (notification) =>
      setItems((current) =>
        [notification, ...current.filter((item) => item.id !== notification.id)].slice(0, SHOWN),
      ),
  });

  const isPhone = !Grid.useBreakpoint().sm;
  const unread = items.filter((item) => !item.readAt).length;
  const markRead = async (ids?: string[]) => {
    await api.markNotificationsRead(ids).catch(() => undefined);
    const now = new Date().toISOString();
    setItems((current) =>
      current.map((item) => (!ids || ids.includes(item.id) ? { ...item, readAt: item.readAt ?? now } : item)),
    );
  };

  const content = (
    <div
      style={{ width: isPhone ? '100%' : 'min(360px, calc(100vw - 32px))' }}
      data-testid="notifications-panel"
    >
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={unread === 0}
          onClick={() => void markRead()}
          data-testid="notifications-read-all"
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List<NotificationDto>
          size="small"
          style={{ maxHeight: 420, overflowY: 'auto' }}
          dataSource={items}
          renderItem={(item) => {
            const path = notificationPath(item, appKeys);
            return (
              <List.Item
                data-testid="notification-item"
                style={{
                  cursor: path ? 'pointer' : 'default',
                  background: item.readAt ? undefined : 'rgba(22,119,255,0.06)',
                  paddingInline: 8,
                }}
                onClick={() => {
                  if (!item.readAt) void markRead([item.id]);
                  if (path) {
                    setOpen(false);
                    navigate(path);
                  }
                }}
              >
                <List.Item.Meta
                  title={
                    <Flex gap={6} align="center">
                      {!item.readAt ? <Badge status="processing" /> : null}
                      <span style={{ fontWeight: item.readAt ? 400 : 600 }}>
                        {localize(item.title, locale)}
                      </span>
                    </Flex>
                  }
                  description={
                    <>
                      {item.body ? <div>{localize(item.body, locale)}</div> : null}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(item.createdAt, locale)}
                        {path
                          ? ` · ${t(path.startsWith('/tasks/') ? 'notifications.openTask' : 'notifications.openRecord')}`
                          : ''}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );

  const bell = (
    <Badge count={unread} size="small" offset={[-4, 4]} data-testid="notifications-badge">
      <Button
        type="text"
        icon={<BellOutlined style={{ fontSize: 18 }} />}
        aria-label={t('notifications.title')}
        data-testid="notifications-bell"
        onClick={isPhone ? () => setOpen(true) : undefined}
      />
    </Badge>
  );

  // A popover anchored to a bell near the left of a phone's header runs off the screen; a phone gets a sheet.
  if (isPhone)
    return (
      <>
        {bell}
        <Drawer
          placement="top"
          height="auto"
          open={open}
          onClose={() => setOpen(false)}
          closable={false}
          styles={{ body: { padding: 12 } }}
        >
          {content}
        </Drawer>
      </>
    );
  return (
    <Popover
      content={content}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      arrow={false}
    >
      {bell}
    </Popover>
  );
}
