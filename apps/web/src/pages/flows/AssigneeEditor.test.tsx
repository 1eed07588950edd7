import { type AppDefinition } from '@lowcode/app-model';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { AssigneeEditor } from './FlowProperties';

const app = { roles: [], entities: [] } as unknown as AppDefinition;

function renderEditor(escalation: boolean) {
  const onChange = vi.fn();
  render(
    <AssigneeEditor
      value={{ type: 'manager', of: 'starter', level: 1 }}
      onChange={onChange}
      app={app}
      entity={undefined}
      locale="zh-CN"
      testId="editor"
      escalation={escalation}
    />,
  );
  fireEvent.mouseDown(within(screen.getByTestId('editor-manager-of')).getByRole('combobox'));
  return onChange;
}

describe('AssigneeEditor: whose manager', () => {
  it("offers the overdue assignees' manager on an escalation", () => {
    const onChange = renderEditor(true);
    fireEvent.click(screen.getAllByText('逾期处理人的主管').at(-1)!);
    expect(onChange).toHaveBeenLastCalledWith({ type: 'manager', of: 'assignee', level: 1 });
  });

  it('offers only the starter and the last actor for a task, where no assignee is known yet', () => {
    renderEditor(false);
    expect(screen.getAllByText('上一步处理人的主管').length).toBeGreaterThan(0);
    expect(screen.queryByText('逾期处理人的主管')).toBeNull();
  });
});
