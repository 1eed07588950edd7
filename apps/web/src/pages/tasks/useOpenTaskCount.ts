import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import type { InboxItem } from '../../api/flowTypes';
import { useWorkspaceEvents } from '../../api/useWorkspaceEvents';
import { useSignedInSession } from '../../hooks/session';

const COUNT_LIMIT = 100;

/**
 * The open tasks the signed-in user can act on — theirs and their groups' to claim — newest first, up to
 * `limit` of each box (in one app with `app`); `more` when either box has more.
 */
export async function openTasks(query: { app?: string; limit: number }): Promise<{
  items: InboxItem[];
  more: boolean;
}> {
  const [mine, group] = await Promise.all([
    api.inbox({ box: 'mine', ...query }),
    api.inbox({ box: 'group', ...query }),
  ]);
  return {
    items: [...mine.items, ...group.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    more: Boolean(mine.nextCursor ?? group.nextCursor),
  };
}

/**
 * Open tasks the signed-in user can act on (mine + unclaimed group tasks), up to 100; refreshed whenever a task
 * is offered to or changes for them.
 */
export function useOpenTaskCount(): { count: number; more: boolean } {
  const session = useSignedInSession();
  const [state, setState] = useState({ count: 0, more: false });
  const load = useCallback(() => {
    void openTasks({ limit: COUNT_LIMIT }).then(
      ({ items, more }) => setState({ count: items.length, more }),
      () => undefined, // the badge stays quiet; the inbox reports errors itself
    );
  }, []);
  useEffect(load, [load, session.workspace.id]);
  useWorkspaceEvents(session.workspace.id, { onTaskCreated: load, onTaskChanged: load });
  return state;
}
