import type { AppDefinition } from '@lowcode/app-model';
import { Flex, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { InboxItem } from '../../api/flowTypes';
import { useWorkspaceEvents } from '../../api/useWorkspaceEvents';
import { useSignedInSession } from '../../hooks/session';
import { TaskCard } from './TaskCard';
import { openTasks } from './useOpenTaskCount';

/** How many of a member's open tasks their app home shows; the inbox has the rest. */
const SHOWN = 4;

/**
 * The first of the member's open tasks in one app (theirs and their group's to claim), on its home, newest
 * first and live — a technician lands on the orders he has to accept, not on a list of tables. Nothing when
 * there are none.
 */
export function AppTaskPreview({ appKey, definition }: { appKey: string; definition: AppDefinition }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSignedInSession();
  const [tasks, setTasks] = useState<{ items: InboxItem[]; more: boolean }>({ items: [], more: false });
  const [now, setNow] = useState(() => Date.now());
  const load = useCallback(() => {
    // Theirs and their group's (customer service's inquiries wait for whoever claims them), newest first.
    void openTasks({ app: appKey, limit: SHOWN }).then(
      ({ items, more }) => {
        setTasks({ items: items.slice(0, SHOWN), more: more || items.length > SHOWN });
        setNow(Date.now());
      },
      () => undefined, // the inbox page reports errors; the home stays as it is
    );
  }, [appKey]);
  useEffect(load, [load]);
  useWorkspaceEvents(session.workspace.id, { onTaskCreated: load, onTaskChanged: load });
  if (tasks.items.length === 0) return null;
  return (
    <Flex vertical gap={8} data-testid="app-task-preview">
      <Flex justify="space-between" align="baseline">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('appHome.openTasks')}
        </Typography.Title>
        <Link to="/tasks">{tasks.more ? t('appHome.allTasksMore') : t('appHome.allTasks')}</Link>
      </Flex>
      {tasks.items.map((item) => (
        <TaskCard
          key={item.id}
          item={item}
          app={definition}
          now={now}
          box="mine"
          onOpen={() => navigate(`/tasks/${encodeURIComponent(item.id)}`)}
        />
      ))}
    </Flex>
  );
}
