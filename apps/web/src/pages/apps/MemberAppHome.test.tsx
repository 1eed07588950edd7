import { fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { jsonResponse } from '../../test/http';
import { tenantEntity, testApp } from '../../test/fixtures';
import { MemberAppHome } from './MemberAppHome';

const app = {
  ...testApp,
  entities: [
    tenantEntity,
    { ...tenantEntity, key: 'bill', label: { 'zh-CN': '账单' } },
    { ...tenantEntity, key: 'supplier', label: { 'zh-CN': '供应商' } },
  ],
};

function Where() {
  const location = useLocation();
  return <div data-testid="where">{location.pathname + location.search}</div>;
}

describe('MemberAppHome', () => {
  it("lists the entities the user's roles give them, with 'new' where they may create", async () => {
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(
      jsonResponse(200, {
        entities: [
          { key: 'tenant', actions: ['read', 'create'] },
          { key: 'bill', actions: ['read'] },
        ],
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
    render(
      <AntApp>
        <MemoryRouter initialEntries={['/apps/pm']}>
          <Routes>
            <Route path="*" element={<MemberAppHome appKey="pm" definition={app} locale="zh-CN" />} />
          </Routes>
          <Where />
        </MemoryRouter>
      </AntApp>,
    );
    expect(await screen.findByTestId('entity-card-bill')).toHaveTextContent('账单');
    expect(String(fetchMock.mock.calls[0]![0])).toContain('/api/apps/pm/access');
    expect(screen.queryByTestId('entity-card-supplier')).toBeNull();
    expect(screen.queryByTestId('entity-new-bill')).toBeNull();
    fireEvent.click(screen.getByTestId('entity-new-tenant'));
    expect(screen.getByTestId('where')).toHaveTextContent('/apps/pm/e/tenant?new=1');
  });
});
