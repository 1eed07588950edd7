import { App as AntApp, ConfigProvider, Skeleton } from 'antd';
import { lazy, Suspense, useState } from 'react';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { createBrowserRouter, Navigate, Route, RouterProvider, Routes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout';
import { RequireAuth } from './components/RequireAuth';
import { SessionProvider } from './components/SessionProvider';
import { useLocale } from './hooks/useLocale';
import { AppDetailPage } from './pages/apps/AppDetailPage';
import { AppsPage } from './pages/apps/AppsPage';
import { ImportPage } from './pages/apps/import/ImportPage';
import { DesignerPage } from './pages/designer/DesignerPage';
import { PrintDocumentPage } from './pages/documents/PrintDocumentPage';
import { RecordsPage } from './pages/records/RecordsPage';
import { TaskPage } from './pages/tasks/TaskPage';
import { TasksPage } from './pages/tasks/TasksPage';
import { RuleDetailPage } from './pages/rules/RuleDetailPage';
import { RulesPage } from './pages/rules/RulesPage';
import { LoginPage } from './pages/login/LoginPage';
import { AuditPage } from './pages/audit/AuditPage';
import { MembersPage } from './pages/members/MembersPage';
import { DepartmentsPage } from './pages/departments/DepartmentsPage';
import { RolesPage } from './pages/roles/RolesPage';
import { TemplatesPage } from './pages/templates/TemplatesPage';
import { WorkspacesPage } from './pages/workspaces/WorkspacesPage';
import { ApiKeysPage } from './pages/api-keys/ApiKeysPage';

// The dashboard pages bring ECharts and the grid: loaded when first opened.
const DashboardsPage = lazy(() =>
  import('./pages/dashboards/DashboardsPage').then((m) => ({ default: m.DashboardsPage })),
);
const ReportDesignerPage = lazy(() =>
  import('./pages/dashboards/designer/ReportDesignerPage').then((m) => ({ default: m.ReportDesignerPage })),
);
// The flow designer brings xyflow: loaded when first opened.
const FlowDesignerPage = lazy(() =>
  import('./pages/flows/FlowDesignerPage').then((m) => ({ default: m.FlowDesignerPage })),
);
const FlowsListPage = lazy(() =>
  import('./pages/flows/FlowsListPage').then((m) => ({ default: m.FlowsListPage })),
);
const lazyPage = (page: React.ReactNode) => <Suspense fallback={<Skeleton active />}>{page}</Suspense>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        {/* A sheet of paper, without the app's menus. */}
        <Route path="apps/:app/e/:entity/r/:id/print/:document" element={<PrintDocumentPage />} />
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to="/apps" replace />} />
          <Route path="apps" element={<AppsPage />} />
          <Route path="apps/import" element={<ImportPage />} />
          <Route path="apps/:key" element={<AppDetailPage />} />
          <Route path="apps/:app/e/:entity" element={<RecordsPage />} />
          <Route path="apps/:app/roles" element={<RolesPage />} />
          <Route path="apps/:app/rules" element={<RulesPage />} />
          <Route path="apps/:app/rules/:rule" element={<RuleDetailPage />} />
          <Route path="apps/:app/dashboards" element={lazyPage(<DashboardsPage />)} />
          <Route path="apps/:app/dashboards/:dashboard" element={lazyPage(<DashboardsPage />)} />
          <Route path="apps/:app/reports/new" element={lazyPage(<ReportDesignerPage />)} />
          <Route path="apps/:app/reports/:report/edit" element={lazyPage(<ReportDesignerPage />)} />
          <Route path="apps/:app/design" element={<DesignerPage />} />
          <Route path="apps/:app/design/:entity" element={<DesignerPage />} />
          <Route path="apps/:app/flows" element={lazyPage(<FlowsListPage />)} />
          <Route path="apps/:app/flows/new" element={lazyPage(<FlowDesignerPage />)} />
          <Route path="apps/:app/flows/:flow/design" element={lazyPage(<FlowDesignerPage />)} />
          <Route path="tasks" element={<TasksPage />} />
          <Route path="tasks/:id" element={<TaskPage />} />
          <Route path="templates" element={<TemplatesPage />} />
          <Route path="members" element={<MembersPage />} />
          <Route path="departments" element={<DepartmentsPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="workspaces" element={<WorkspacesPage />} />
          <Route path="api-keys" element={<ApiKeysPage />} />
          <Route path="*" element={<Navigate to="/apps" replace />} />
        </Route>
      </Route>
    </Routes>
  );
}

/**
 * A data router around the app's routes: the designers' unsaved-changes guard (`useBlocker`) needs one. The
 * routes themselves stay one `<Routes>` tree, which tests mount in a memory router.
 */
const createRouter = () =>
  createBrowserRouter([
    {
      path: '*',
      element: (
        <SessionProvider>
          <AppRoutes />
        </SessionProvider>
      ),
    },
  ]);

export function App() {
  const { locale } = useLocale();
  const [router] = useState(createRouter);
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}
