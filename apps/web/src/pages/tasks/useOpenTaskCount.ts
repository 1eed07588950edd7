import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import { useWorkspaceEvents } from '../../api/useWorkspaceEvents';
import { useSignedInSession } from '../../hooks/session';

const COUNT_LIMIT = 100;

/**
 * Open tasks the signed-in user can act on (mine + unclaimed group tasks), up to 100; refreshed whenever a task
 * is offered to or changes for them.
 */
export function useOpenTaskCount(): { count: number; more: boolean } {
  const session = useSignedInSession();
  const [state, setState] = useState({ count: 0, more: false });
  const load = useCallback(() => {
    void Promise.all([
      api.inbox({ box: 'mine', limit: COUNT_LIMIT }),
      api.inbox({ box: 'group', limit: COUNT_LIMIT }),
    ]).then(
      ([mine, group]) =>
        setState({
          count: mine.items.length + group.items.length,
          more: Boolean(mine.nextCursor ?? group.nextCursor),
        }),
      () => undefined, // the badge stays quiet; the inbox reports errors itself
    );
  }, []);
  useEffect(load, [load, session.workspace.id]);
  useWorkspaceEvents(session.workspace.id, { onTaskCreated: load, onTaskChanged: load });
  return state;
}
