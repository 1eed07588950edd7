import { ArrowLeftOutlined, DragOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import type { DashboardDefinition, DashboardFilter, ReportDefinition } from '@lowcode/app-model';
import { localize } from '@lowcode/app-model';
import type { FilterValue } from '@lowcode/report-engine';
import {
  Alert,
  App as AntApp,
  Button,
  Empty,
  Flex,
  Grid,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { useWorkspaceEvents } from '../../api/useWorkspaceEvents';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { useLocale } from '../../hooks/useLocale';
import { useSignedInSession } from '../../hooks/session';
import { SaveDialog } from '../designer/SaveDialog';
import { useDesignerSave } from '../designer/useDesignerSave';
import { ChartCard } from './ChartCard';
import { DashboardGrid } from './DashboardGrid';
import { DateRangeControl, FilterControl } from './FilterControl';
import { entitiesRead, relationTarget, resolvePath } from './model/fieldPaths';
import { PERIOD_FILTER, toggleSelection, type GlobalFilter, type Selection } from './model/filters';
import {
  filterCandidates,
  filtersChanged,
  fromGridLayout,
  layoutChanged,
  phoneKpiHeight,
  withDashboardItems,
  type GridItem,
} from './model/layout';

/** A record change refreshes the charts that read it once things have been quiet this long. */
const REFRESH_DEBOUNCE_MS = 1000;

export function DashboardsPage() {
  const { app: appKey = '', dashboard: dashboardKey } = useParams();
  const { t } = useTranslation();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const session = useSignedInSession();
  const phone = !Grid.useBreakpoint().md;
  const isAdmin = session.role === 'admin';

  const loadApp = useCallback(() => api.getApp(appKey), [appKey]);
  const app = useAsyncData(loadApp);
  const loadList = useCallback(() => api.listDashboards(appKey), [appKey]);
  const list = useAsyncData(loadList);

  const dashboards = useMemo(() => list.data ?? [], [list.data]);
  const dashboard: DashboardDefinition | undefined = dashboards.find(
    (candidate) => candidate.key === dashboardKey,
  );
  useEffect(() => {
    if (!dashboardKey && dashboards[0])
      navigate(`/apps/${encodeURIComponent(appKey)}/dashboards/${encodeURIComponent(dashboards[0].key)}`, {
        replace: true,
      });
  }, [dashboardKey, dashboards, appKey, navigate]);

  const definition = app.data?.definition;
  const entities = useMemo(() => definition?.entities ?? [], [definition]);
  const reports = useMemo(
    () => new Map((definition?.reports ?? []).map((report) => [report.key, report])),
    [definition],
  );

  // Filters, clicked values and edit mode belong to the dashboard on screen.
  const [values, setValues] = useState<Record<string, FilterValue | undefined>>({});
  const [selections, setSelections] = useState<Selection[]>([]);
  const [editing, setEditing] = useState(false);
  const [layout, setLayout] = useState<GridItem[] | undefined>();
  /** The global filters being edited (edit mode only). */
  const [draftFilters, setDraftFilters] = useState<DashboardFilter[]>([]);
  useEffect(() => {
    setValues({});
    setSelections([]);
    setEditing(false);
    setLayout(undefined);
  }, [dashboardKey]);

  const globals: GlobalFilter[] = useMemo(() => {
    const chosen = [
      ...(dashboard?.filters ?? []).map((filter) => ({
        key: filter.key,
        field: filter.field,
        value: values[filter.key],
      })),
      { key: PERIOD_FILTER, field: PERIOD_FILTER, value: values[PERIOD_FILTER] },
    ];
    return chosen.filter((filter): filter is GlobalFilter => filter.value !== undefined);
  }, [dashboard, values]);

  // Live refresh: a record change refreshes, debounced, each chart that reads its entity.
  const [refresh, setRefresh] = useState<Record<string, number>>({});
  const pending = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const readers = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const item of dashboard?.items ?? []) {
      const report = reports.get(item.report);
      if (report) map.set(item.key, entitiesRead(entities, report));
    }
    return map;
  }, [dashboard, reports, entities]);
  useEffect(() => {
    const timers = pending.current;
    return () => timers.forEach((timer) => clearTimeout(timer));
  }, []);
  useWorkspaceEvents(session.workspace.id, {
    onRecordChanged: (event) => {
      if (event.app !== appKey) return;
      for (const [itemKey, read] of readers) {
        if (!read.includes(event.entity)) continue;
        clearTimeout(pending.current.get(itemKey));
        pending.current.set(
          itemKey,
          setTimeout(() => {
            pending.current.delete(itemKey);
            setRefresh((current) => ({ ...current, [itemKey]: (current[itemKey] ?? 0) + 1 }));
          }, REFRESH_DEBOUNCE_MS),
        );
      }
    },
    onAppChanged: (event) => {
      if (event.key !== appKey) return;
      app.reload();
      list.reload();
    },
  });

  const save = useDesignerSave(app.data?.revision ?? 0, locale, () => {
    setEditing(false);
    setLayout(undefined);
    void message.success(t('dashboards.layout.saved'));
    app.reload();
    list.reload();
  });

  if (app.error || list.error)
    return <Alert type="error" showIcon message={errorText(app.error ?? list.error)} />;
  if (!app.data || !list.data) return <Skeleton active />;

  const appLink = `/apps/${encodeURIComponent(appKey)}`;
  const header = (
    <Link to={appLink}>
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {localize(app.data.label, locale)}
      </Button>
    </Link>
  );
  if (dashboards.length === 0)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {header}
        <Empty description={t('dashboards.none')}>
          {isAdmin ? (
            <Link to={`${appLink}/reports/new`}>
              <Button type="primary" icon={<PlusOutlined />}>
                {t('dashboards.newReport')}
              </Button>
            </Link>
          ) : null}
        </Empty>
      </Space>
    );
  if (!dashboard)
    return dashboardKey ? (
      <Alert type="warning" showIcon message={t('dashboards.notFound', { key: dashboardKey })} />
    ) : (
      <Skeleton active />
    );

  const filterField = (field: string) => {
    for (const item of dashboard.items) {
      const report = reports.get(item.report);
      const resolved = report ? resolvePath(entities, report.entity, field) : undefined;
      if (resolved) return resolved.field;
    }
    for (const entity of entities) {
      const resolved = resolvePath(entities, entity.key, field);
      if (resolved) return resolved.field;
    }
    return undefined;
  };
  const hasPeriod = dashboard.items.some((item) => reports.get(item.report)?.periodField);
  const setValue = (key: string, value: FilterValue | undefined) =>
    setValues((current) => ({ ...current, [key]: value }));
  const stored = app.data.definition.dashboards.find((candidate) => candidate.key === dashboard.key);
  const startEditing = () => {
    setDraftFilters(stored?.filters ?? []);
    setEditing(true);
  };
  const saveLayout = () => {
    const moved = layout !== undefined && layoutChanged(dashboard.items, layout);
    const refiltered = filtersChanged(stored?.filters, draftFilters);
    if (!stored || (!moved && !refiltered)) {
      setEditing(false);
      return;
    }
    void save.start(
      withDashboardItems(
        app.data!.definition,
        dashboard.key,
        layout ? fromGridLayout(stored.items, layout) : stored.items,
        draftFilters,
      ),
    );
  };
  const dashboardReports = dashboard.items.flatMap((item) => reports.get(item.report) ?? []);
  const candidates = filterCandidates(entities, dashboardReports);
  const filterEditor = (
    <Flex gap={8} wrap align="center" data-testid="dashboard-filter-editor">
      <Typography.Text type="secondary">{t('dashboards.layout.filters')}</Typography.Text>
      {draftFilters.map((filter) => (
        <Tag
          key={filter.key}
          closable
          onClose={() => setDraftFilters((current) => current.filter((entry) => entry.key !== filter.key))}
          data-testid={`dashboard-filter-tag-${filter.key}`}
        >
          {localize(filter.label ?? filterField(filter.field)?.label, locale) || filter.field}
        </Tag>
      ))}
      <Select
        value={null}
        placeholder={t('dashboards.layout.addFilter')}
        style={{ minWidth: 260 }}
        showSearch
        optionFilterProp="label"
        data-testid="dashboard-filter-add"
        onChange={(field: string) =>
          setDraftFilters((current) => [...current, { key: field.replace(/\./g, '_'), field }])
        }
        options={candidates
          .filter((candidate) => !draftFilters.some((filter) => filter.field === candidate.field))
          .map((candidate) => ({
            value: candidate.field,
            label: t('dashboards.layout.appliesTo', {
              label: localize(candidate.label, locale) || candidate.field,
              count: candidate.charts,
              total: dashboardReports.length,
            }),
          }))}
      />
    </Flex>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboards-page">
      {header}
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
          <Select
            data-testid="dashboard-picker"
            value={dashboard.key}
            style={{ minWidth: phone ? '100%' : 240 }}
            size="large"
            variant="borderless"
            onChange={(key: string) => navigate(`${appLink}/dashboards/${encodeURIComponent(key)}`)}
            options={dashboards.map((candidate) => ({
              value: candidate.key,
              label: (
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {localize(candidate.label, locale)}
                </Typography.Title>
              ),
            }))}
            labelRender={({ label }) => label}
            optionRender={(option) => localize(dashboards.find((d) => d.key === option.value)?.label, locale)}
          />
        </Flex>
        {isAdmin && !phone ? (
          <Space wrap>
            {editing ? (
              <>
                <Button
                  onClick={() => {
                    setEditing(false);
                    setLayout(undefined);
                  }}
                  data-testid="dashboard-layout-cancel"
                >
                  {t('dashboards.layout.cancel')}
                </Button>
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  onClick={saveLayout}
                  loading={save.state.step === 'checking'}
                  data-testid="dashboard-layout-save"
                >
                  {t('dashboards.layout.save')}
                </Button>
              </>
            ) : (
              <>
                <Link to={`${appLink}/reports/new?dashboard=${encodeURIComponent(dashboard.key)}`}>
                  <Button icon={<PlusOutlined />} data-testid="dashboard-new-report">
                    {t('dashboards.newReport')}
                  </Button>
                </Link>
                <Button icon={<DragOutlined />} onClick={startEditing} data-testid="dashboard-layout-edit">
                  {t('dashboards.layout.edit')}
                </Button>
              </>
            )}
          </Space>
        ) : null}
      </Flex>
      {dashboard.description ? (
        <Typography.Text type="secondary">{localize(dashboard.description, locale)}</Typography.Text>
      ) : null}
      {(dashboard.filters?.length ?? 0) > 0 || hasPeriod ? (
        <Flex gap={8} wrap align="center" data-testid="dashboard-filters">
          {hasPeriod ? (
            <DateRangeControl
              label={t('dashboards.period.label')}
              value={values[PERIOD_FILTER]}
              onChange={(value) => setValue(PERIOD_FILTER, value)}
              testId="dashboard-filter-period"
            />
          ) : null}
          {(dashboard.filters ?? []).map((filter, _index, filters) => {
            const field = filterField(filter.field);
            // The records the other relation filters have chosen narrow this one's choices (project → building).
            const chosen = filters.flatMap((other) => {
              const entity = relationTarget(filterField(other.field));
              const ids = values[other.key];
              return other !== filter && entity && Array.isArray(ids) && ids.length > 0
                ? [{ entity, ids: ids.map(String) }]
                : [];
            });
            const label = localize(filter.label ?? field?.label, locale) || filter.key;
            return (
              <FilterControl
                key={filter.key}
                appKey={appKey}
                field={field}
                entities={entities}
                label={label}
                value={values[filter.key]}
                onChange={(value) => setValue(filter.key, value)}
                locale={locale}
                testId={`dashboard-filter-${filter.key}`}
                chosen={chosen}
              />
            );
          })}
        </Flex>
      ) : null}
      {selections.length ? (
        <Flex gap={4} wrap align="center" data-testid="dashboard-selections">
          <Typography.Text type="secondary">{t('dashboards.crossFilter')}</Typography.Text>
          {selections.map((selection) => {
            const field = resolvePath(entities, selection.entity, selection.field)?.field;
            return (
              <Tag
                key={selection.itemKey}
                color="blue"
                closable
                onClose={() =>
                  setSelections((current) => current.filter((entry) => entry.itemKey !== selection.itemKey))
                }
                data-testid={`dashboard-selection-${selection.itemKey}`}
              >
                {localize(field?.label, locale) || selection.field}: {selection.label}
              </Tag>
            );
          })}
          <Button type="link" size="small" onClick={() => setSelections([])}>
            {t('dashboards.clearAll')}
          </Button>
        </Flex>
      ) : null}
      {editing ? <Alert type="info" showIcon message={t('dashboards.layout.hint')} /> : null}
      {editing ? filterEditor : null}
      <DashboardGrid
        items={dashboard.items}
        phone={phone}
        editing={editing}
        layout={layout}
        onLayoutChange={setLayout}
        phoneHeight={phoneKpiHeight(reports)}
        renderItem={(item, height) => (
          <ChartCard
            appKey={appKey}
            dashboardKey={dashboard.key}
            item={item}
            report={reports.get(item.report) as ReportDefinition | undefined}
            entities={entities}
            locale={locale}
            globals={globals}
            selections={selections}
            refresh={refresh[item.key] ?? 0}
            onSelect={(selection) => setSelections((current) => toggleSelection(current, selection))}
            height={height}
            editing={editing}
            canEditReports={isAdmin && !phone}
            compact={phone || item.layout.w <= 8}
          />
        )}
      />
      <SaveDialog
        what="dashboard"
        state={save.state}
        onConfirm={() => void save.confirm()}
        onClose={save.close}
      />
    </Space>
  );
}
