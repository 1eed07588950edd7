import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import type { EntityAccessSummary, RecordDto } from '../../api/types';
import { errorResponse, jsonResponse } from '../../test/http';
import { testApp, tenantEntity } from '../../test/fixtures';
import { RecordDrawer } from './RecordDrawer';

const stored: RecordDto = {
  id: 'r1',
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: null,
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: null,
  deletedAt: null,
  values: { name: 'ACME', rent: 100, kind: 'person' },
  display: {},
};

function renderDrawer(
  record: RecordDto | undefined,
  onSaved = vi.fn(),
  access?: EntityAccessSummary,
  onClose = vi.fn(),
) {
  render(
    <AntApp>
      <RecordDrawer
        appKey="pm"
        app={testApp}
        entity={tenantEntity}
        record={record}
        {...(access ? { access } : {})}
        onClose={onClose}
        onSaved={onSaved}
      />
    </AntApp>,
  );
  return onSaved;
}

const input = (key: string) => screen.getByTestId(`field-${key}`).querySelector('input')!;
const pressEscape = (element: Element) => fireEvent.keyDown(element, { key: 'Escape', keyCode: 27 });
const confirmTitle = () => document.querySelector('.ant-modal-confirm-title')?.textContent;

/**
 * A fake server: a new record's form first asks what the user's roles narrow (nothing here); every other
 * request gets `answer`. Answers the record writes it saw.
 */
function stubServer(answer: () => Response) {
  const fetchMock = vi.fn<typeof fetch>(async (url) =>
    String(url).endsWith('/access') ? jsonResponse(200, { entities: [] }) : answer(),
  );
  vi.stubGlobal('fetch', fetchMock);
  return () => fetchMock.mock.calls.filter(([url]) => !String(url).endsWith('/access'));
}

describe('RecordDrawer', () => {
  it('refuses a bad mobile number in the browser without calling the API', () => {
    const writes = stubServer(() => jsonResponse(201, stored));
    renderDrawer(undefined);
    fireEvent.change(input('name'), { target: { value: 'ACME' } });
    fireEvent.change(input('phone'), { target: { value: '1381234' } });
    fireEvent.click(screen.getByTestId('record-submit'));
    expect(screen.getByTestId('field-phone')).toHaveTextContent('请输入 11 位手机号码');
    expect(writes()).toHaveLength(0);
  });

  it('shows RECORD_INVALID details from the server under the fields', async () => {
    stubServer(() =>
      errorResponse(400, 'RECORD_INVALID', '记录无效', [{ path: 'name', message: '名称已存在' }]),
    );
    renderDrawer(undefined);
    fireEvent.change(input('name'), { target: { value: 'ACME' } });
    fireEvent.click(screen.getByTestId('record-submit'));
    await waitFor(() => expect(screen.getByTestId('field-name')).toHaveTextContent('名称已存在'));
  });

  it('sends only the changed fields with the version, and merges after a conflict', async () => {
    const theirs = { ...stored, version: 4, values: { ...stored.values, name: 'ACME Ltd' } };
    const saved = { ...theirs, version: 5, values: { ...theirs.values, name: 'ACME Inc' } };
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(
        jsonResponse(409, {
          error: { code: 'RECORD_VERSION_CONFLICT', message: 'conflict', details: [], current: theirs },
        }),
      )
      .mockResolvedValueOnce(jsonResponse(200, saved));
    vi.stubGlobal('fetch', fetchMock);
    const onSaved = renderDrawer(stored);
    fireEvent.change(input('name'), { target: { value: 'ACME Inc' } });
    fireEvent.click(screen.getByTestId('record-submit'));

    await screen.findByText('ACME Ltd');
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]!.body))).toEqual({
      version: 3,
      values: { name: 'ACME Inc' },
    });
    fireEvent.click(screen.getByTestId('merge-confirm'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(JSON.parse(String(fetchMock.mock.calls[1]![1]!.body))).toEqual({
      version: 4,
      values: { name: 'ACME Inc' },
    });
  });

  // A clerk who may not set the rent, nor see the ID number, nor read the phone whole.
  const clerk: EntityAccessSummary = {
    actions: ['read', 'create', 'update'],
    hidden: ['idCard'],
    masked: ['phone'],
    readOnly: ['rent', 'kind'],
  };

  it('leaves out of a new record what the role may not set, and does not send it', async () => {
    const writes = stubServer(() => jsonResponse(201, stored));
    renderDrawer(undefined, vi.fn(), clerk);
    expect(screen.queryByTestId('field-idCard')).toBeNull();
    expect(screen.queryByTestId('field-rent')).toBeNull();
    expect(screen.queryByTestId('field-kind')).toBeNull();
    expect(input('phone')).toBeEnabled();
    fireEvent.change(input('name'), { target: { value: 'ACME' } });
    fireEvent.click(screen.getByTestId('record-submit'));
    await waitFor(() => expect(writes()).toHaveLength(1));
    // `kind` has a default the server sets; the form does not send it on the role's behalf.
    const body = JSON.parse(String(writes()[0]![1]!.body)) as { values: Record<string, unknown> };
    expect(body.values).toEqual({ name: 'ACME' });
  });

  it("shows an existing record's read-only and masked fields locked, and hidden ones not at all", () => {
    renderDrawer(stored, vi.fn(), clerk);
    expect(screen.queryByTestId('field-idCard')).toBeNull();
    expect(input('rent')).toBeDisabled();
    expect(input('phone')).toBeDisabled();
    expect(input('name')).toBeEnabled();
  });

  it('opens a record the role may only read to be read: every field locked, nothing to save', () => {
    renderDrawer(stored, vi.fn(), { ...clerk, actions: ['read'] });
    expect(input('name')).toBeDisabled();
    expect(input('rent')).toBeDisabled();
    expect(screen.queryByTestId('record-submit')).toBeNull();
    expect(screen.getByTestId('record-cancel')).toHaveTextContent('关 闭');
    expect(screen.getByText(/^查看 · /)).toBeInTheDocument();
  });

  it('asks before Esc throws away what was typed, and closes only when the user discards it', async () => {
    stubServer(() => jsonResponse(201, stored));
    const onClose = vi.fn();
    renderDrawer(undefined, vi.fn(), undefined, onClose);
    fireEvent.change(input('name'), { target: { value: 'ACME' } });
    pressEscape(input('name'));
    await waitFor(() => expect(confirmTitle()).toBe('放弃未保存的修改？'));
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('record-discard'));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
  });

  it('keeps the form open when the user chooses to keep editing', async () => {
    const onClose = vi.fn();
    renderDrawer(stored, vi.fn(), undefined, onClose);
    fireEvent.change(input('name'), { target: { value: 'ACME Inc' } });
    fireEvent.click(screen.getByTestId('record-cancel'));
    await waitFor(() => expect(confirmTitle()).toBe('放弃未保存的修改？'));
    fireEvent.click(screen.getByText('继续编辑'));
    await waitFor(() => expect(confirmTitle()).toBeUndefined());
    expect(onClose).not.toHaveBeenCalled();
    expect(input('name')).toHaveValue('ACME Inc');
  });

  it('closes at once when nothing was changed, or a change was undone', () => {
    stubServer(() => jsonResponse(201, stored));
    const onClose = vi.fn();
    renderDrawer(stored, vi.fn(), undefined, onClose);
    fireEvent.change(input('name'), { target: { value: 'ACME Inc' } });
    fireEvent.change(input('name'), { target: { value: 'ACME' } });
    pressEscape(input('name'));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(confirmTitle()).toBeUndefined();
  });
});
