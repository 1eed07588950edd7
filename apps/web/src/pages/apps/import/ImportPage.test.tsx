import { fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import '../../../i18n';
import { SessionContext, type SessionContextValue } from '../../../hooks/session';
import { errorResponse, jsonResponse } from '../../../test/http';
import { ImportPage } from './ImportPage';

const adminSession: SessionContextValue = {
  status: 'authenticated',
  user: { id: 'u1', username: 'admin', displayName: 'Admin', isSystemAdmin: true },
  workspace: { id: 'w1', slug: 'default', name: 'Default' },
  role: 'admin',
  login: vi.fn(),
  logout: vi.fn(),
  switchWorkspace: vi.fn(),
};

function renderImport() {
  return render(
    <AntApp>
      <MemoryRouter>
        <SessionContext.Provider value={adminSession}>
          <ImportPage />
        </SessionContext.Provider>
      </MemoryRouter>
    </AntApp>,
  );
}

const typeDefinition = (text: string) =>
  fireEvent.change(screen.getByTestId('import-textarea'), { target: { value: text } });

describe('ImportPage', () => {
  it('reports invalid JSON without calling the server', async () => {
    const fetchMock = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchMock);
    renderImport();

    typeDefinition('{ "key": "pm", }');
    fireEvent.click(screen.getByTestId('import-preview'));

    expect(await screen.findByTestId('import-parse-error')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByTestId('import-confirm')).toBeDisabled();
  });

  it('lists the validation problems the server returns', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>().mockResolvedValue(
        errorResponse(400, 'APP_DEFINITION_INVALID', '应用定义无效', [
          { path: '/entities/0/key', message: '必须匹配格式' },
          { path: '/flows/1/edges/0/to', message: '节点不存在' },
        ]),
      ),
    );
    renderImport();

    typeDefinition('{"key":"pm"}');
    fireEvent.click(screen.getByTestId('import-preview'));

    const errors = await screen.findByTestId('import-errors');
    expect(errors).toHaveTextContent('/entities/0/key');
    expect(errors).toHaveTextContent('节点不存在');
    expect(screen.getByTestId('import-confirm')).toBeDisabled();
  });

  it('shows the changes grouped by kind and enables import after a successful preview', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>().mockResolvedValue(
        jsonResponse(200, {
          dryRun: true,
          appKey: 'pm',
          action: 'update',
          changes: [
            { change: 'add', kind: 'field', path: '/entities/room/fields/area', key: 'area' },
            { change: 'remove', kind: 'rule', path: '/rules/late-fee', key: 'late-fee' },
          ],
        }),
      ),
    );
    renderImport();

    typeDefinition('{"key":"pm"}');
    fireEvent.click(screen.getByTestId('import-preview'));

    const changes = await screen.findByTestId('import-changes');
    expect(changes).toHaveTextContent('area');
    expect(screen.getByTestId('import-changes-field')).toBeInTheDocument();
    expect(screen.getByTestId('import-changes-rule')).toBeInTheDocument();
    expect(screen.getByTestId('import-confirm')).toBeEnabled();

    // Editing the text invalidates the preview.
    typeDefinition('{"key":"pm2"}');
    expect(screen.getByTestId('import-confirm')).toBeDisabled();
  });
});
