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

/** How many open tasks one inbox box holds, up to 100; `more` when it has more. */
export interface BoxCount {
  count: number;
  more: boolean;
}

export interface OpenTaskCount extends BoxCount {
  /**
   * Each box on its own, for the inbox's tabs: a tab's badge counts what that tab lists — an unclaimed group
   * task is listed under 组任务, not under 我的待办.
   */
  boxes: { mine: BoxCount; group: BoxCount };
}

const NONE: OpenTaskCount = {
  count: 0,
  more: false,
  boxes: { mine: { count: 0, more: false }, group: { count: 0, more: false } },
};

/**
 * Open tasks the signed-in user can act on (mine + unclaimed group tasks), up to 100 of each box; refreshed
 * whenever a task is offered to or changes for them.
 */
export function useOpenTaskCount(): OpenTaskCount {
  const session = useSignedInSession();
  const [state, setState] = useState(NONE);
  const load = useCallback(() => {
    const box = (name: 'mine' | 'group') =>
      api
        .inbox({ box: name, limit: COUNT_LIMIT })
        .then((page): BoxCount => ({ count: page.items.length, more: Boolean(page.nextCursor) }));
    void Promise.all([box('mine'), box('group')]).then(
      ([mine, group]) =>
        setState({ count: mine.count + group.count, more: mine.more || group.more, boxes: { mine, group } }),
      () => undefined, // the badge stays quiet; the inbox reports errors itself
    );
  }, []);
  useEffect(load, [load, session.workspace.id]);
  useWorkspaceEvents(session.workspace.id, { onTaskCreated: load, onTaskChanged: load });
  return state;
}
