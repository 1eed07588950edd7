import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AppDefinition, DashboardItem, ReportDefinition } from '@lowcode/app-model';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { jsonResponse } from '../../test/http';
import { buildFilter, rowsFromWhere } from '../records/filterModel';
import { ChartCard } from './ChartCard';
import { PERIOD_FILTER, type GlobalFilter } from './model/filters';
import { dayEnd, dayStart } from './model/recordsLink';

const label = (text: string) => ({ 'zh-CN': text, en: text });
const entities = [
  {
    key: 'room',
    label: label('Room'),
    fields: [{ key: 'status', type: 'text', label: label('Status') }],
  },
  {
    key: 'workOrder',
    label: label('Work order'),
    fields: [
      { key: 'category', type: 'text', label: label('Category') },
      { key: 'reportedAt', type: 'datetime', label: label('报事时间') },
    ],
  },
] as unknown as AppDefinition['entities'];

const roomsNow: ReportDefinition = {
  key: 'roomsNow',
  label: label('Rooms now'),
  entity: 'room',
  chart: { type: 'kpi' },
  dimensions: [],
  measures: [{ key: 'rooms', aggregate: 'count' }],
};
const ordersByCategory: ReportDefinition = {
  key: 'ordersByCategory',
  label: label('Orders by category'),
  entity: 'workOrder',
  chart: { type: 'table' },
  dimensions: [{ field: 'category' }],
  measures: [{ key: 'orders', aggregate: 'count' }],
  periodField: 'reportedAt',
};

const quarter: GlobalFilter = {
  key: PERIOD_FILTER,
  field: PERIOD_FILTER,
  value: { from: '2025-01-01', to: '2025-03-31' },
};

function stubRuns() {
  const fetchMock = vi.fn<typeof fetch>().mockImplementation((input) =>
    Promise.resolve(
      String(input).includes('ordersByCategory')
        ? jsonResponse(200, {
            columns: [
              { key: 'category', role: 'dimension', kind: 'text' },
              { key: 'orders', role: 'measure', kind: 'number' },
            ],
            rows: [{ category: 'plumbing', orders: 3 }],
            option: {},
          })
        : jsonResponse(200, {
            columns: [{ key: 'rooms', role: 'measure', kind: 'number' }],
            rows: [{ rooms: 12 }],
            option: {},
          }),
    ),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function Where() {
  const location = useLocation();
  return <div data-testid="where">{decodeURIComponent(location.pathname + location.search)}</div>;
}

function renderCard(report: ReportDefinition, globals: GlobalFilter[]) {
  const item: DashboardItem = { key: report.key, report: report.key, layout: { x: 0, y: 0, w: 12, h: 6 } };
  return render(
    <MemoryRouter initialEntries={['/apps/pm/dashboards/d']}>
      <Routes>
        <Route
          path="/apps/pm/dashboards/d"
          element={
            <ChartCard
              appKey="pm"
              dashboardKey="d"
              item={item}
              report={report}
              entities={entities}
              locale="zh-CN"
              globals={globals}
              selections={[]}
              refresh={0}
              onSelect={() => undefined}
              height={320}
              editing={false}
              canEditReports={false}
              compact={false}
            />
          }
        />
        <Route path="/apps/pm/e/:entity" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  );
}

const runBody = (fetchMock: ReturnType<typeof stubRuns>) =>
  JSON.parse(String(fetchMock.mock.calls.at(-1)![1]!.body)) as Record<string, unknown>;

describe('ChartCard and the dashboard time range', () => {
  it('says so on a card whose report has no periodField while a time range is chosen', async () => {
    const fetchMock = stubRuns();
    const view = renderCard(roomsNow, [quarter]);
    await waitFor(() =>
      expect(screen.getByTestId('dashboard-card-roomsNow')).toHaveAttribute('data-loading', 'false'),
    );
    expect(screen.getByTestId('dashboard-card-period-ignored-roomsNow')).toHaveTextContent(
      '不受时间范围影响',
    );
    // It is run without a period: the server would refuse one for a report without a periodField.
    expect(runBody(fetchMock)).not.toHaveProperty('period');
    view.unmount();

    // No time range chosen: nothing to say.
    renderCard(roomsNow, []);
    await waitFor(() =>
      expect(screen.getByTestId('dashboard-card-roomsNow')).toHaveAttribute('data-loading', 'false'),
    );
    expect(screen.queryByTestId('dashboard-card-period-ignored-roomsNow')).toBeNull();
  });

  it('filters a card with a periodField by the range, and names the field it reads', async () => {
    const fetchMock = stubRuns();
    renderCard(ordersByCategory, [quarter]);
    await waitFor(() =>
      expect(screen.getByTestId('dashboard-card-ordersByCategory')).toHaveAttribute('data-loading', 'false'),
    );
    expect(runBody(fetchMock).period).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    expect(screen.queryByTestId('dashboard-card-period-ignored-ordersByCategory')).toBeNull();
    expect(screen.getByTestId('dashboard-card-period-field-ordersByCategory')).toBeInTheDocument();
  });

  it('carries the period to the records behind a clicked value, as instants of the chart’s zone', async () => {
    stubRuns();
    renderCard(ordersByCategory, [quarter]);
    fireEvent.click(await screen.findByText('plumbing'));
    fireEvent.click(await screen.findByText('查看明细记录'));
    const where = (await screen.findByTestId('where')).textContent!;
    expect(where.startsWith('/apps/pm/e/workOrder?where=')).toBe(true);
    const rows = JSON.parse(where.slice(where.indexOf('=') + 1)) as Array<Record<string, unknown>>;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(rows).toEqual([
      {
        field: 'reportedAt',
        operator: 'between',
        value: [dayStart('2025-01-01', zone), dayEnd('2025-03-31', zone)],
      },
      { field: 'category', operator: 'eq', value: 'plumbing' },
    ]);
    // The records page sends it as the records API's JSON-logic: one `between` on the field.
    expect(buildFilter(rowsFromWhere(JSON.stringify(rows)), 'and')).toEqual({
      and: [
        { between: [{ var: 'reportedAt' }, dayStart('2025-01-01', zone), dayEnd('2025-03-31', zone)] },
        { '==': [{ var: 'category' }, 'plumbing'] },
      ],
    });
  });
});
