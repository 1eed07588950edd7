import {
  DownloadOutlined,
  EditOutlined,
  FieldTimeOutlined,
  FileExcelOutlined,
  FilterOutlined,
  MoreOutlined,
  PictureOutlined,
  ReloadOutlined,
  TableOutlined,
} from '@ant-design/icons';
import type { DashboardItem, Locale, ReportDefinition } from '@lowcode/app-model';
import { localize } from '@lowcode/app-model';
import { defaultPeriodRange, type ReportResult } from '@lowcode/report-engine';
import { Alert, Breadcrumb, Button, Card, Dropdown, Empty, Flex, Spin, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  chartOption,
  displayResult,
  NON_CANVAS_TYPES,
  optionColors,
  rawValueOf,
} from '../../charts/chartOption';
import { EChart, type ChartClick } from '../../charts/EChart';
import type { EChartsInstance } from '../../charts/echarts';
import {
  KpiView,
  PivotView,
  TableView,
  type KpiBlock,
  type PivotBlock,
  type TableBlock,
} from '../../charts/ReportViews';
import { useErrorText } from '../../hooks/useErrorText';
import { ApiError } from '../../api/ApiError';
import { exportPng, exportXlsx } from './exportChart';
import { canDrill, currentLevel, drillInto, drillRun, drillUp, type DrillEntry } from './model/drill';
import { resolvePath, type Entities } from './model/fieldPaths';
import { runInputs, type GlobalFilter, type Selection } from './model/filters';
import { recordsHref, whereRows } from './model/recordsLink';
import { timeZone, useReportRun, type RunTarget } from './useReportRun';

/** Field types that hold instants: a range of days on them is read in the chart's time zone. */
const INSTANT_TYPES = new Set(['datetime', 'createdAt', 'updatedAt']);

interface Picked {
  x: number;
  y: number;
  value: string | number | boolean | null;
  label: string;
}

export interface ChartCardProps {
  appKey: string;
  item: DashboardItem;
  report: ReportDefinition | undefined;
  entities: Entities;
  locale: Locale;
  globals: GlobalFilter[];
  selections: Selection[];
  /** Ticks when a record this chart reads changed. */
  refresh: number;
  onSelect: (selection: Selection) => void;
  /** Pixel height of the card. */
  height: number;
  editing: boolean;
  canEditReports: boolean;
  compact: boolean;
  /** The saved dashboard this card is on, named in its runs so the server can share scans between cards. */
  dashboardKey?: string;
  /** Run the definition as given (the report designer's unsaved draft) instead of the saved report. */
  preview?: boolean;
  /** Quiet time before a run, for a draft that changes as the builder works. */
  delay?: number;
  onError?: (error: unknown) => void;
}

/** The label under a click: a slice's or bar's category, a calendar's day, a heatmap's column. */
function clickedName(event: ChartClick, option: Record<string, unknown>): string | undefined {
  if (event.componentType !== 'series') return undefined;
  if (event.seriesType === 'heatmap' && Array.isArray(event.value)) {
    const xAxis = option.xAxis as { data?: string[] } | undefined;
    if (xAxis?.data) return xAxis.data[event.value[0] as number];
    return String(event.value[0]);
  }
  if (event.seriesType === 'radar' || event.seriesType === 'sankey') return undefined;
  return event.name;
}

export function ChartCard(props: ChartCardProps) {
  const { appKey, item, report, entities, locale, globals, selections, refresh, height, editing } = props;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [path, setPath] = useState<DrillEntry[]>([]);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [tick, setTick] = useState(0);
  const instance = useRef<EChartsInstance | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  const inputs = useMemo(
    () => (report ? runInputs(entities, report, item.key, globals, selections) : undefined),
    [entities, report, item.key, globals, selections],
  );
  const plan = report ? drillRun(report, path) : undefined;
  const target: RunTarget | undefined = !report
    ? undefined
    : plan?.kind === 'preview'
      ? { kind: 'preview', report: plan.report }
      : props.preview
        ? { kind: 'preview', report }
        : { kind: 'saved', report: report.key };
  const filters = { ...(inputs?.filters ?? {}), ...(plan?.kind === 'preview' ? plan.filters : {}) };
  const run = useReportRun(
    appKey,
    target,
    {
      filters,
      ...(plan?.kind === 'saved' && plan.drill ? { drill: plan.drill } : {}),
      ...(inputs?.period
        ? {
            period: inputs.period,
            ...(report?.chart.type === 'kpi' ? { compare: 'previousPeriod' as const } : {}),
          }
        : {}),
      timeZone: timeZone(),
      locale,
      ...(props.dashboardKey && target?.kind === 'saved' ? { dashboard: props.dashboardKey } : {}),
    },
    refresh + tick,
    props.delay ?? 0,
  );
  const onError = props.onError;
  useEffect(() => onError?.(run.error), [run.error, onError]);
  const ranReport = run.ranWith?.kind === 'preview' ? run.ranWith.report : report;

  const view = useMemo(() => {
    if (!run.result || !ranReport) return undefined;
    try {
      const shown = displayResult(run.result, ranReport, entities, locale);
      const colors = optionColors(ranReport, entities, locale);
      return { shown, option: chartOption(ranReport, shown, locale, { compact: props.compact, colors }) };
    } catch (error) {
      return { error };
    }
  }, [run.result, ranReport, entities, locale, props.compact]);

  if (!report)
    return (
      <Card size="small" style={{ height }} title={item.key}>
        <Alert type="warning" showIcon message={t('dashboards.missingReport', { report: item.report })} />
      </Card>
    );

  const title = localize(item.title ?? report.label, locale);
  const type = report.chart.type;
  const level = currentLevel(report, path);
  const selected = selections.find((selection) => selection.itemKey === item.key);
  const result: ReportResult | undefined = view && 'shown' in view ? view.shown : undefined;
  const option = view && 'option' in view ? view.option : undefined;

  const periodField = report.periodField
    ? resolvePath(entities, report.entity, report.periodField)?.field
    : undefined;
  // The days the chart counted: the dashboard's time range, else the report's own default period.
  const period =
    inputs?.period ??
    (report.periodField && report.defaultPeriod
      ? defaultPeriodRange(report.defaultPeriod, new Date(), timeZone())
      : undefined);
  const pickedFilters = (extra?: { value: Picked['value'] }) =>
    whereRows(
      filters,
      period && report.periodField ? { field: report.periodField, ...period } : undefined,
      [
        ...path.map((entry) => ({ field: entry.field, bucket: entry.bucket, value: entry.value })),
        ...(extra && level ? [{ field: level.field, bucket: level.bucket, value: extra.value }] : []),
      ],
      {
        isInstant: (field) =>
          INSTANT_TYPES.has(resolvePath(entities, report.entity, field)?.field.type ?? ''),
        timeZone: timeZone(),
      },
    );

  const openMenu = (label: string, clientX: number, clientY: number) => {
    if (!run.result || editing) return;
    const raw = rawValueOf(displayResult(run.result, ranReport!, entities, locale), 0, label, locale);
    if (!raw.found) return;
    const box = bodyRef.current!.getBoundingClientRect();
    setPicked({ x: clientX - box.left, y: clientY - box.top, value: raw.value, label });
  };

  const onChartClick = (event: ChartClick) => {
    const name = option ? clickedName(event, option) : undefined;
    const mouse = event.event?.event;
    if (name === undefined || !mouse) return;
    openMenu(name, mouse.clientX, mouse.clientY);
  };

  const isSelected = (value: Picked['value']) =>
    selected?.field === level?.field && selected?.value === value;
  const menuItems: MenuProps['items'] = picked
    ? [
        {
          key: 'filter',
          icon: <FilterOutlined />,
          label: isSelected(picked.value)
            ? t('dashboards.menu.unfilter', { value: picked.label })
            : t('dashboards.menu.filter', { value: picked.label }),
        },
        ...(canDrill(report, path)
          ? [
              {
                key: 'drill',
                icon: <DownloadOutlined />,
                label: t('dashboards.menu.drill', { value: picked.label }),
              },
            ]
          : []),
        { key: 'records', icon: <TableOutlined />, label: t('dashboards.menu.records') },
      ]
    : [];
  const onMenu: MenuProps['onClick'] = ({ key }) => {
    const current = picked!;
    setPicked(null);
    if (key === 'filter' && level)
      props.onSelect({
        itemKey: item.key,
        entity: report.entity,
        field: level.field,
        ...(level.bucket ? { bucket: level.bucket } : {}),
        value: current.value,
        label: current.label,
      });
    else if (key === 'drill') setPath(drillInto(report, path, current.value, current.label));
    else if (key === 'records')
      navigate(recordsHref(appKey, report.entity, pickedFilters({ value: current.value })));
  };

  const actions: MenuProps['items'] = [
    { key: 'refresh', icon: <ReloadOutlined />, label: t('dashboards.card.refresh') },
    ...(!NON_CANVAS_TYPES.has(type)
      ? [{ key: 'png', icon: <PictureOutlined />, label: t('dashboards.card.png') }]
      : []),
    { key: 'xlsx', icon: <FileExcelOutlined />, label: t('dashboards.card.xlsx'), disabled: !result },
    { key: 'records', icon: <TableOutlined />, label: t('dashboards.card.records') },
    ...(props.canEditReports
      ? [{ key: 'edit', icon: <EditOutlined />, label: t('dashboards.card.editReport') }]
      : []),
  ];
  const onAction: MenuProps['onClick'] = ({ key }) => {
    if (key === 'png' && instance.current) void exportPng(instance.current, title);
    else if (key === 'xlsx' && result) void exportXlsx(result, title, locale);
    else if (key === 'records') navigate(recordsHref(appKey, report.entity, pickedFilters()));
    else if (key === 'edit')
      navigate(`/apps/${encodeURIComponent(appKey)}/reports/${encodeURIComponent(report.key)}/edit`);
    else if (key === 'refresh') setTick((n) => n + 1);
  };

  const bodyHeight = height - 46 - (path.length ? 26 : 0);
  const errorPaths =
    run.error instanceof ApiError ? run.error.details.map((detail) => detail.path).join(', ') : '';
  let body: React.ReactNode;
  if (run.error)
    body = (
      <Alert type="error" showIcon message={errorText(run.error)} description={errorPaths || undefined} />
    );
  else if (view && 'error' in view) body = <Alert type="error" showIcon message={errorText(view.error)} />;
  else if (!result || !option) body = null;
  else if (result.rows.length === 0 && type !== 'kpi' && type !== 'gauge')
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.card.noData')} />;
  else if (type === 'kpi') {
    const precision =
      typeof report.chart.options?.precision === 'number' ? report.chart.options.precision : 1;
    body = <KpiView kpi={option.kpi as KpiBlock} precision={precision} hasPeriod={!!inputs?.period} />;
  } else if (type === 'table')
    body = (
      <TableView
        table={option.table as TableBlock}
        height={bodyHeight}
        onRowClick={(_, event) => {
          const index = (option.table as TableBlock).rows.indexOf(_);
          const first = result.columns.find((column) => column.role === 'dimension');
          const row = result.rows[index];
          if (first && row) openMenu(String(_[first.key]), event.clientX, event.clientY);
        }}
      />
    );
  else if (type === 'pivot')
    body = (
      <PivotView
        pivot={option.pivot as PivotBlock}
        height={bodyHeight}
        onRowClick={(name, event) => openMenu(name, event.clientX, event.clientY)}
      />
    );
  else
    body = (
      <EChart
        option={option}
        onClick={onChartClick}
        onInstance={(chart) => (instance.current = chart)}
        testId={`dashboard-chart-${item.key}`}
      />
    );

  const loading = run.loading || (!run.result && !run.error);
  return (
    <Card
      size="small"
      data-testid={`dashboard-card-${item.key}`}
      data-loading={loading ? 'true' : 'false'}
      data-chart-type={type}
      style={{ height, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}
      styles={{
        header: { cursor: editing ? 'move' : undefined, minHeight: 40 },
        body: {
          flex: 1,
          minHeight: 0,
          padding: 8,
          position: 'relative',
          display: 'flex',
          flexDirection: 'column',
        },
      }}
      title={
        <Flex align="center" gap={6} className="dashboard-drag-handle" style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis={{ tooltip: title }} style={{ minWidth: 0 }}>
            {title}
          </Typography.Text>
          {inputs?.skipped.length ? (
            <Tooltip title={t('dashboards.card.notFiltered')}>
              <FilterOutlined style={{ color: '#bfbfbf' }} />
            </Tooltip>
          ) : null}
          {inputs?.periodIgnored ? (
            <Tooltip title={t('dashboards.card.periodIgnoredHint')}>
              <Tag
                icon={<FieldTimeOutlined />}
                bordered={false}
                style={{ marginInlineEnd: 0, flexShrink: 0, fontWeight: 'normal' }}
                data-testid={`dashboard-card-period-ignored-${item.key}`}
              >
                {t('dashboards.card.periodIgnored')}
              </Tag>
            </Tooltip>
          ) : inputs?.period && periodField ? (
            <Tooltip
              title={t('dashboards.card.periodOn', {
                field: localize(periodField.label, locale) || periodField.key,
              })}
            >
              <FieldTimeOutlined
                style={{ color: '#bfbfbf' }}
                data-testid={`dashboard-card-period-field-${item.key}`}
              />
            </Tooltip>
          ) : null}
          {run.loading && run.result ? <Spin size="small" /> : null}
        </Flex>
      }
      extra={
        editing ? null : (
          <Dropdown menu={{ items: actions, onClick: onAction }} trigger={['click']}>
            <Button
              type="text"
              size="small"
              icon={<MoreOutlined />}
              data-testid={`dashboard-card-menu-${item.key}`}
            />
          </Dropdown>
        )
      }
    >
      {path.length ? (
        <Breadcrumb
          style={{ marginBottom: 4 }}
          data-testid={`dashboard-breadcrumb-${item.key}`}
          items={[
            { title: <a onClick={() => setPath([])}>{t('dashboards.drill.top')}</a> },
            ...path.map((entry, index) => ({
              title:
                index === path.length - 1 ? (
                  entry.label
                ) : (
                  <a onClick={() => setPath(drillUp(path, index + 1))}>{entry.label}</a>
                ),
            })),
          ]}
        />
      ) : null}
      <div ref={bodyRef} style={{ flex: 1, minHeight: 0, position: 'relative' }}>
        <Spin spinning={loading && !run.result} style={{ height: '100%' }}>
          <div style={{ height: bodyHeight, display: 'flex', flexDirection: 'column' }}>{body}</div>
        </Spin>
        <Dropdown
          open={!!picked}
          onOpenChange={(open) => !open && setPicked(null)}
          menu={{ items: menuItems, onClick: onMenu }}
          trigger={['click']}
          destroyPopupOnHide
        >
          <span
            style={{ position: 'absolute', left: picked?.x ?? 0, top: picked?.y ?? 0, width: 1, height: 1 }}
            data-testid={`dashboard-card-anchor-${item.key}`}
          />
        </Dropdown>
      </div>
    </Card>
  );
}
