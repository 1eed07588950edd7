import type { DashboardDefinition, ReportDefinition } from '@lowcode/app-model';
import { Grid } from 'antd';
import { useCallback } from 'react';
import { api } from '../../api';
import { useAsyncData } from '../../hooks/useAsyncData';
import { ChartCard } from '../dashboards/ChartCard';
import { DashboardGrid } from '../dashboards/DashboardGrid';
import { phoneKpiHeight } from '../dashboards/model/layout';
import type { AppViewProps } from './AppEntities';

const NO_FILTERS: never[] = [];

/** The one dashboard a member's roles give them, when there is exactly one; else none. */
export const homeDashboard = (dashboards: readonly DashboardDefinition[]) =>
  dashboards.length === 1 ? dashboards[0] : undefined;

/**
 * A member's own dashboard on the app's home, laid out as the dashboards page lays it out (one card under
 * another on a phone): a tenant opens the app on what he owes and his requests, a technician on his month
 * and his open orders, instead of a list of entities with the figures one tap away. Someone with several
 * dashboards picks one under 看板. Read only: no filters, no editing.
 */
export function HomeDashboard({ appKey, definition, locale }: AppViewProps) {
  const phone = !Grid.useBreakpoint().md;
  const load = useCallback(() => api.listDashboards(appKey), [appKey]);
  const { data } = useAsyncData(load);
  const dashboard = homeDashboard(data ?? []);
  if (!dashboard) return null;
  const reports = new Map(definition.reports.map((report) => [report.key, report]));
  return (
    <div data-testid="home-dashboard">
      <DashboardGrid
        items={dashboard.items}
        phone={phone}
        editing={false}
        layout={undefined}
        onLayoutChange={() => undefined}
        phoneHeight={phoneKpiHeight(reports)}
        renderItem={(item, height) => (
          <ChartCard
            appKey={appKey}
            dashboardKey={dashboard.key}
            item={item}
            report={reports.get(item.report) as ReportDefinition | undefined}
            entities={definition.entities}
            locale={locale}
            globals={NO_FILTERS}
            selections={NO_FILTERS}
            refresh={0}
            onSelect={() => undefined}
            height={height}
            editing={false}
            canEditReports={false}
            compact={phone || item.layout.w <= 8}
          />
        )}
      />
    </div>
  );
}
