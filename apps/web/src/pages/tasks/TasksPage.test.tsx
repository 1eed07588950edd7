import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { SessionContext, type SessionContextValue } from '../../hooks/session';
import { jsonResponse } from '../../test/http';
import { TasksPage } from './TasksPage';

const manager: SessionContextValue = {
  status: 'authenticated',
  user: { id: 'u2', username: 'manager1', displayName: '李经理', isSystemAdmin: false },
  workspace: { id: 'w1', slug: 'default', name: 'Default' },
  role: 'member',
  login: vi.fn(),
  logout: vi.fn(),
  switchWorkspace: vi.fn(),
};

// A task offered to the user's group and claimed by no one: the 组任务 tab lists it, 我的待办 does not.
const groupTask = {
  id: 't9',
  kind: 'userTask',
  mode: 'single',
  title: { 'zh-CN': '派单' },
  app: 'pm',
  flow: null,
  nodeKey: 'dispatch',
  instanceId: 'i9',
  status: 'open',
  outcome: null,
  priority: 'normal',
  dueAt: null,
  remindAt: null,
  escalated: false,
  assignees: [],
  decidedBy: [],
  claimedBy: null,
  candidateRole: 'dispatcher',
  entity: null,
  recordId: null,
  createdAt: '2026-06-01T02:00:00.000Z',
  completedAt: null,
  completedBy: null,
  comment: null,
};

describe('TasksPage', () => {
  it("counts on each tab what that tab lists: an unclaimed group task is not one of 我的待办's", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (url) => {
        const path = String(url);
        if (path.includes('/api/tasks?'))
          return jsonResponse(200, {
            items: path.includes('box=group') ? [groupTask] : [],
            nextCursor: null,
          });
        return jsonResponse(200, []);
      }),
    );
    render(
      <SessionContext.Provider value={manager}>
        <AntApp>
          <MemoryRouter initialEntries={['/tasks']}>
            <TasksPage />
          </MemoryRouter>
        </AntApp>
      </SessionContext.Provider>,
    );
    expect(await screen.findByText('没有待办，干得漂亮')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('tasks-box-group-count')).toHaveTextContent('1'));
    expect(screen.queryByTestId('tasks-box-mine-count')).toBeNull();
    expect(screen.getByTestId('tasks-box-mine')).not.toHaveTextContent('1');
    // The empty page points to the group's tasks waiting, one click away.
    const toGroup = await screen.findByTestId('tasks-empty-to-group');
    expect(toGroup).toHaveTextContent('组任务中有 1 项待认领');
    fireEvent.click(toGroup);
    await waitFor(() => expect(screen.getByTestId('task-row')).toHaveTextContent('派单'));
  });
});
