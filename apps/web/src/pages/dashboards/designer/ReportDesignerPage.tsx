import { ArrowLeftOutlined, DeleteOutlined, HolderOutlined, SaveOutlined } from '@ant-design/icons';
import {
  AGGREGATES,
  DATE_BUCKETS,
  DEFAULT_PERIODS,
  REPORT_METRICS,
  localize,
  type AppDefinition,
  type DashboardItem,
  type EntityDefinition,
  type FieldDefinition,
  type Locale,
  type ReportDefinition,
} from '@lowcode/app-model';
import { stableStringify } from '@lowcode/form-engine';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { DndProvider, useDrag, useDrop } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../../api';
import { ApiError } from '../../../api/ApiError';
import { useAsyncData } from '../../../hooks/useAsyncData';
import { useErrorText } from '../../../hooks/useErrorText';
import { useLocale } from '../../../hooks/useLocale';
import { useUnsavedChangesGuard } from '../../../hooks/useUnsavedChangesGuard';
import { SaveDialog } from '../../designer/SaveDialog';
import { useDesignerSave } from '../../designer/useDesignerSave';
import { ChartCard } from '../ChartCard';
import { nextRow } from '../model/layout';
import { ChartTypePicker } from './ChartTypePicker';
import {
  designerReducer,
  emptyState,
  errorsByControl,
  FILTER_OPERATORS,
  fromReportDefinition,
  isDateType,
  isNumericType,
  paletteFields,
  toReportDefinition,
  uniqueKey,
  type DesignerAction,
  type DesignerState,
} from './reportDesignerModel';

const DND_FIELD = 'report-field';
type FieldDragItem = { path: string };
type PaletteEntry = ReturnType<typeof paletteFields>[number];

function PaletteItem({ entry, label }: { entry: PaletteEntry; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [{ dragging }, drag] = useDrag<FieldDragItem, unknown, { dragging: boolean }>(
    () => ({
      type: DND_FIELD,
      item: { path: entry.path },
      collect: (monitor) => ({ dragging: monitor.isDragging() }),
    }),
    [entry.path],
  );
  drag(ref);
  return (
    <div
      ref={ref}
      data-testid={`report-palette-${entry.path}`}
      style={{
        padding: '3px 8px',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        cursor: 'grab',
        opacity: dragging ? 0.5 : 1,
        background: '#fff',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
      }}
      title={entry.path}
    >
      <HolderOutlined style={{ color: '#bfbfbf', marginRight: 4 }} />
      {label}
    </div>
  );
}

function DropZone({
  title,
  testId,
  onDrop,
  errors,
  children,
  empty,
}: {
  title: string;
  testId: string;
  onDrop: (path: string) => void;
  errors?: string[];
  children: React.ReactNode;
  empty: string;
}) {
  const [{ over }, drop] = useDrop<FieldDragItem, unknown, { over: boolean }>(
    () => ({
      accept: DND_FIELD,
      drop: (item) => onDrop(item.path),
      collect: (monitor) => ({ over: monitor.isOver() }),
    }),
    [onDrop],
  );
  const ref = useRef<HTMLDivElement>(null);
  drop(ref);
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <div
        ref={ref}
        data-testid={testId}
        style={{
          marginTop: 4,
          minHeight: 44,
          padding: 6,
          border: `1px dashed ${over ? '#1677ff' : errors?.length ? '#ff4d4f' : '#d9d9d9'}`,
          background: over ? '#e6f4ff' : '#fafafa',
          borderRadius: 6,
        }}
      >
        {children}
        {!children || (Array.isArray(children) && children.length === 0) ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {empty}
          </Typography.Text>
        ) : null}
      </div>
      <FieldErrors errors={errors} />
    </div>
  );
}

function FieldErrors({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div data-testid="report-error">
      {errors.map((error) => (
        <Typography.Text key={error} type="danger" style={{ display: 'block', fontSize: 12 }}>
          {error}
        </Typography.Text>
      ))}
    </div>
  );
}

function fieldLabel(entities: EntityDefinition[], entityKey: string, path: string, locale: Locale): string {
  const parts = path.split('.');
  let entity = entities.find((candidate) => candidate.key === entityKey);
  const names: string[] = [];
  for (const part of parts) {
    const field: FieldDefinition | undefined = entity?.fields.find((candidate) => candidate.key === part);
    names.push(field ? localize(field.label, locale) : part);
    entity =
      field?.type === 'relation'
        ? entities.find((candidate) => candidate.key === field.relation.entity)
        : undefined;
  }
  return names.join(' › ');
}

export function ReportDesignerPage() {
  return (
    <DndProvider backend={HTML5Backend}>
      <ReportDesigner />
    </DndProvider>
  );
}

function ReportDesigner() {
  const { app: appKey = '', report: reportKey } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const loadApp = useCallback(() => api.getApp(appKey), [appKey]);
  const app = useAsyncData(loadApp);
  const definition = app.data?.definition;
  const entities = useMemo(() => definition?.entities ?? [], [definition]);
  const [state, dispatch] = useReducer(designerReducer, emptyState());
  const [dashboard, setDashboard] = useState<string | undefined>(search.get('dashboard') ?? undefined);
  const [serverError, setServerError] = useState<unknown>();
  const existing = definition?.reports.find((report) => report.key === reportKey);

  // Load the saved report once (or start a new one on the first entity).
  const loaded = useRef(false);
  useEffect(() => {
    if (!definition || loaded.current) return;
    loaded.current = true;
    if (existing) dispatch({ type: 'load', state: fromReportDefinition(existing) });
    else dispatch({ type: 'entity', entity: definition.entities[0]?.key ?? '' });
  }, [definition, existing]);

  const takenKeys = useMemo(
    () => (definition?.reports ?? []).map((report) => report.key).filter((key) => key !== reportKey),
    [definition, reportKey],
  );
  const draft = useMemo(() => toReportDefinition(state), [state]);
  const ready = state.entity && state.measures.length > 0;
  const details = serverError instanceof ApiError ? serverError.details : [];
  const errors = errorsByControl(state, details);
  const unplaced = serverError && details.length === 0 ? errorText(serverError) : undefined;

  // Unsaved: the report differs from what it was once loaded (or first set up, for a new one).
  const baseline = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (loaded.current && baseline.current === undefined && state.entity)
      baseline.current = stableStringify(draft);
  }, [draft, state.entity]);
  const guard = useUnsavedChangesGuard(
    baseline.current !== undefined && stableStringify(draft) !== baseline.current,
  );

  const save = useDesignerSave(app.data?.revision ?? 0, locale, () => {
    guard.release();
    void message.success(t('dashboards.designer.saved'));
    if (dashboard)
      navigate(`/apps/${encodeURIComponent(appKey)}/dashboards/${encodeURIComponent(dashboard)}`);
    else
      navigate(`/apps/${encodeURIComponent(appKey)}/reports/${encodeURIComponent(state.key)}/edit`, {
        replace: true,
      });
  });
  const onError = useCallback((error: unknown) => setServerError(error), []);

  if (app.error) return <Alert type="error" showIcon message={errorText(app.error)} />;
  if (!app.data || !definition) return <Skeleton active />;
  if (reportKey && !existing)
    return <Alert type="warning" showIcon message={t('dashboards.designer.notFound', { key: reportKey })} />;

  const fields = paletteFields(entities, state.entity);
  const fieldOf = (path: string) => fields.find((entry) => entry.path === path)?.field;
  const label = (path: string) => fieldLabel(entities, state.entity, path, locale);
  const act = (action: DesignerAction) => dispatch(action);
  const addDimension = (path: string) =>
    act({ type: 'addDimension', field: path, date: isDateType(fieldOf(path)?.type ?? '') });
  const addMeasure = (path?: string) =>
    act({ type: 'addMeasure', field: path, numeric: isNumericType(fieldOf(path ?? '')?.type ?? '') });
  const addFilter = (path: string) => act({ type: 'addFilter', field: path });
  const fieldOptions = fields.map((entry) => ({ value: entry.path, label: label(entry.path) }));

  const startSave = () => {
    const key = state.key || uniqueKey('report', takenKeys);
    const report = { ...toReportDefinition({ ...state, key }) };
    const reports = existing
      ? definition.reports.map((candidate) => (candidate.key === existing.key ? report : candidate))
      : [...definition.reports, report];
    const dashboards = definition.dashboards.map((candidate) => {
      if (candidate.key !== dashboard || candidate.items.some((item) => item.report === key))
        return candidate;
      const item: DashboardItem = {
        key: uniqueKey(
          key,
          candidate.items.map((entry) => entry.key),
        ),
        report: key,
        layout: {
          x: 0,
          y: nextRow(candidate.items),
          w: state.chartType === 'kpi' ? 6 : 12,
          h: state.chartType === 'kpi' ? 5 : 8,
        },
      };
      return { ...candidate, items: [...candidate.items, item] };
    });
    const next: AppDefinition = { ...definition, reports, dashboards };
    void save.start(next);
  };

  const Section = ({
    title,
    children,
    error,
  }: {
    title: string;
    children: React.ReactNode;
    error?: string[];
  }) => (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <div style={{ marginTop: 4 }}>{children}</div>
      <FieldErrors errors={error} />
    </div>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="report-designer">
      <Link
        to={
          dashboard
            ? `/apps/${encodeURIComponent(appKey)}/dashboards/${encodeURIComponent(dashboard)}`
            : `/apps/${encodeURIComponent(appKey)}/dashboards`
        }
      >
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('dashboards.title')}
        </Button>
      </Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {existing
            ? t('dashboards.designer.editTitle', { name: localize(existing.label, locale) })
            : t('dashboards.designer.newTitle')}
        </Typography.Title>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('dashboards.designer.addToDashboard')}
            style={{ minWidth: 220 }}
            value={dashboard}
            onChange={setDashboard}
            data-testid="report-dashboard"
            options={definition.dashboards.map((candidate) => ({
              value: candidate.key,
              label: localize(candidate.label, locale),
            }))}
          />
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={!ready || !(state.labelZh || state.labelEn)}
            onClick={startSave}
            data-testid="report-save"
          >
            {t('dashboards.designer.save')}
          </Button>
        </Space>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={5}>
          <Card
            size="small"
            title={t('dashboards.designer.fields')}
            styles={{ body: { maxHeight: 720, overflow: 'auto' } }}
          >
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: '100%', marginBottom: 8 }}
              value={state.entity || undefined}
              onChange={(entity: string) => act({ type: 'entity', entity })}
              data-testid="report-entity"
              options={entities.map((entity) => ({
                value: entity.key,
                label: localize(entity.label, locale),
              }))}
            />
            <FieldErrors errors={errors.entity} />
            <Flex vertical gap={4} data-testid="report-palette">
              {fields.map((entry) => (
                <PaletteItem key={entry.path} entry={entry} label={label(entry.path)} />
              ))}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small">
            <Flex vertical gap={12}>
              <Flex gap={8} wrap>
                <Input
                  style={{ flex: 1, minWidth: 140 }}
                  addonBefore="中"
                  placeholder={t('dashboards.designer.labelZh')}
                  value={state.labelZh}
                  onChange={(event) =>
                    act({ type: 'label', locale: 'zh-CN', text: event.target.value, taken: takenKeys })
                  }
                  data-testid="report-label-zh"
                />
                <Input
                  style={{ flex: 1, minWidth: 140 }}
                  addonBefore="EN"
                  placeholder={t('dashboards.designer.labelEn')}
                  value={state.labelEn}
                  onChange={(event) =>
                    act({ type: 'label', locale: 'en', text: event.target.value, taken: takenKeys })
                  }
                  data-testid="report-label-en"
                />
              </Flex>
              <Input
                addonBefore={t('dashboards.designer.key')}
                value={state.key}
                disabled={!!existing}
                onChange={(event) => act({ type: 'key', key: event.target.value })}
                data-testid="report-key"
                status={errors.key || (state.key && takenKeys.includes(state.key)) ? 'error' : undefined}
              />
              <FieldErrors
                errors={[
                  ...(errors.label ?? []),
                  ...(errors.key ?? []),
                  ...(state.key && takenKeys.includes(state.key) ? [t('dashboards.designer.keyTaken')] : []),
                ]}
              />
              <Section title={t('dashboards.designer.chartType')} error={errors.chart}>
                <ChartTypePicker
                  value={state.chartType}
                  onChange={(chartType) => act({ type: 'chart', chartType })}
                />
              </Section>
              <DropZone
                title={t('dashboards.designer.dimensions')}
                testId="report-dimensions"
                onDrop={addDimension}
                errors={errors.dimensions}
                empty={t('dashboards.designer.dropHere')}
              >
                {state.dimensions.map((row) => (
                  <Flex
                    key={row.id}
                    gap={6}
                    align="center"
                    style={{ marginBottom: 4 }}
                    data-testid={`report-dimension-${row.field}`}
                  >
                    <Tag color="blue" style={{ margin: 0 }}>
                      {label(row.field)}
                    </Tag>
                    {isDateType(fieldOf(row.field)?.type ?? '') ? (
                      <Select
                        size="small"
                        style={{ width: 100 }}
                        value={row.bucket}
                        allowClear
                        placeholder={t('dashboards.designer.bucket')}
                        onChange={(bucket) => act({ type: 'updateDimension', id: row.id, bucket })}
                        options={DATE_BUCKETS.map((bucket) => ({
                          value: bucket,
                          label: t(`dashboards.buckets.${bucket}`),
                        }))}
                        data-testid={`report-bucket-${row.field}`}
                      />
                    ) : null}
                    <Button
                      size="small"
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => act({ type: 'removeDimension', id: row.id })}
                      aria-label={t('dashboards.designer.remove')}
                    />
                    <FieldErrors errors={errors[`dimensions.${row.id}`]} />
                  </Flex>
                ))}
              </DropZone>
              <DropZone
                title={t('dashboards.designer.measures')}
                testId="report-measures"
                onDrop={addMeasure}
                errors={errors.measures}
                empty={t('dashboards.designer.dropHere')}
              >
                {state.measures.map((row) => (
                  <div key={row.id} style={{ marginBottom: 6 }} data-testid={`report-measure-${row.key}`}>
                    <Flex gap={6} align="center" wrap>
                      <Tag color="green" style={{ margin: 0 }}>
                        {row.field ? label(row.field) : t('dashboards.designer.rows')}
                      </Tag>
                      {row.kind === 'formula' ? (
                        <Typography.Text code>{JSON.stringify(row.formula)}</Typography.Text>
                      ) : (
                        <Select
                          size="small"
                          showSearch
                          optionFilterProp="label"
                          style={{ width: 150 }}
                          value={row.kind === 'metric' ? `metric:${row.metric}` : row.aggregate}
                          onChange={(value: string) =>
                            value.startsWith('metric:')
                              ? act({
                                  type: 'updateMeasure',
                                  id: row.id,
                                  change: { kind: 'metric', metric: value.slice(7) as never },
                                })
                              : act({
                                  type: 'updateMeasure',
                                  id: row.id,
                                  change: { kind: 'aggregate', aggregate: value as never },
                                })
                          }
                          data-testid={`report-aggregate-${row.key}`}
                          options={[
                            {
                              label: t('dashboards.designer.aggregates'),
                              options: AGGREGATES.map((aggregate) => ({
                                value: aggregate,
                                label: t(`dashboards.aggregates.${aggregate}`),
                              })),
                            },
                            {
                              label: t('dashboards.designer.metrics'),
                              options: REPORT_METRICS.map((metric) => ({
                                value: `metric:${metric}`,
                                label: t(`dashboards.metrics.${metric}`),
                              })),
                            },
                          ]}
                        />
                      )}
                      {row.kind === 'aggregate' && row.aggregate === 'percentile' ? (
                        <InputNumber
                          size="small"
                          min={0.01}
                          max={0.99}
                          step={0.05}
                          value={row.p}
                          style={{ width: 80 }}
                          onChange={(p) =>
                            act({ type: 'updateMeasure', id: row.id, change: { p: p ?? 0.9 } })
                          }
                          data-testid={`report-p-${row.key}`}
                        />
                      ) : null}
                      {row.kind === 'metric' && row.metric === 'mttr' ? (
                        <Select
                          size="small"
                          style={{ width: 150 }}
                          placeholder={t('dashboards.designer.startField')}
                          value={row.startField}
                          options={fieldOptions}
                          onChange={(startField: string) =>
                            act({ type: 'updateMeasure', id: row.id, change: { startField } })
                          }
                        />
                      ) : null}
                      {row.kind === 'metric' && row.metric === 'collectionRate' ? (
                        <Select
                          size="small"
                          style={{ width: 150 }}
                          placeholder={t('dashboards.designer.dueField')}
                          value={row.dueField}
                          options={fieldOptions}
                          onChange={(dueField: string) =>
                            act({ type: 'updateMeasure', id: row.id, change: { dueField } })
                          }
                        />
                      ) : null}
                      {row.kind === 'metric' && row.metric === 'occupancy' ? (
                        <Select
                          size="small"
                          mode="multiple"
                          style={{ minWidth: 150 }}
                          placeholder={t('dashboards.designer.occupiedValues')}
                          value={row.values as string[] | undefined}
                          options={(() => {
                            const field = fieldOf(row.field ?? '');
                            return field && (field.type === 'select' || field.type === 'status')
                              ? field.options.map((option) => ({
                                  value: option.value,
                                  label: localize(option.label, locale),
                                }))
                              : [];
                          })()}
                          onChange={(values: string[]) =>
                            act({ type: 'updateMeasure', id: row.id, change: { values } })
                          }
                        />
                      ) : null}
                      {row.kind !== 'metric' ? (
                        <Checkbox
                          checked={row.format === 'percent'}
                          title={t('dashboards.designer.asPercentHint')}
                          onChange={(event) =>
                            act({
                              type: 'updateMeasure',
                              id: row.id,
                              change: { format: event.target.checked ? 'percent' : undefined },
                            })
                          }
                          data-testid={`report-percent-${row.key}`}
                        >
                          {t('dashboards.designer.asPercent')}
                        </Checkbox>
                      ) : null}
                      <Input
                        size="small"
                        style={{ width: 110 }}
                        placeholder={t('dashboards.designer.measureLabel')}
                        value={row.label}
                        onChange={(event) =>
                          act({ type: 'updateMeasure', id: row.id, change: { label: event.target.value } })
                        }
                      />
                      <Button
                        size="small"
                        type="text"
                        icon={<DeleteOutlined />}
                        onClick={() => act({ type: 'removeMeasure', id: row.id })}
                        aria-label={t('dashboards.designer.remove')}
                      />
                    </Flex>
                    <FieldErrors errors={errors[`measures.${row.id}`]} />
                  </div>
                ))}
                <Button
                  size="small"
                  type="dashed"
                  onClick={() => addMeasure()}
                  data-testid="report-add-count"
                >
                  {t('dashboards.designer.addCount')}
                </Button>
              </DropZone>
              <DropZone
                title={t('dashboards.designer.filters')}
                testId="report-filters"
                onDrop={addFilter}
                errors={errors.filter}
                empty={t('dashboards.designer.dropHere')}
              >
                {state.rawFilter !== undefined ? (
                  <Typography.Text code style={{ display: 'block' }}>
                    {JSON.stringify(state.rawFilter)}
                  </Typography.Text>
                ) : null}
                {state.filters.map((row) => {
                  const field = fieldOf(row.field);
                  const choices =
                    field && (field.type === 'select' || field.type === 'status')
                      ? field.options.map((option) => ({
                          value: option.value,
                          label: localize(option.label, locale),
                        }))
                      : undefined;
                  const numeric = isNumericType(field?.type ?? '');
                  return (
                    <Flex
                      key={row.id}
                      gap={6}
                      align="center"
                      wrap
                      style={{ marginBottom: 4 }}
                      data-testid={`report-filter-${row.field}`}
                    >
                      <Tag style={{ margin: 0 }}>{label(row.field)}</Tag>
                      <Select
                        size="small"
                        style={{ width: 70 }}
                        value={row.operator}
                        onChange={(operator) =>
                          act({
                            type: 'updateFilter',
                            id: row.id,
                            change: { operator, value: operator === 'in' ? [] : undefined },
                          })
                        }
                        options={FILTER_OPERATORS.map((operator) => ({
                          value: operator,
                          label: operator === 'in' ? t('dashboards.designer.in') : operator,
                        }))}
                      />
                      {choices ? (
                        <Select
                          size="small"
                          style={{ minWidth: 140 }}
                          mode={row.operator === 'in' ? 'multiple' : undefined}
                          value={row.value as string}
                          options={choices}
                          onChange={(value) => act({ type: 'updateFilter', id: row.id, change: { value } })}
                          data-testid={`report-filter-value-${row.field}`}
                        />
                      ) : numeric ? (
                        <InputNumber
                          size="small"
                          value={row.value as number}
                          onChange={(value) =>
                            act({ type: 'updateFilter', id: row.id, change: { value: value ?? undefined } })
                          }
                        />
                      ) : field?.type === 'checkbox' ? (
                        <Select
                          size="small"
                          style={{ width: 80 }}
                          value={row.value as boolean}
                          options={[
                            { value: true, label: t('dashboards.yes') },
                            { value: false, label: t('dashboards.no') },
                          ]}
                          onChange={(value) => act({ type: 'updateFilter', id: row.id, change: { value } })}
                        />
                      ) : (
                        <Input
                          size="small"
                          style={{ width: 160 }}
                          placeholder={isDateType(field?.type ?? '') ? 'YYYY-MM-DD' : undefined}
                          value={row.value as string}
                          onChange={(event) =>
                            act({ type: 'updateFilter', id: row.id, change: { value: event.target.value } })
                          }
                          data-testid={`report-filter-value-${row.field}`}
                        />
                      )}
                      <Button
                        size="small"
                        type="text"
                        icon={<DeleteOutlined />}
                        onClick={() => act({ type: 'removeFilter', id: row.id })}
                        aria-label={t('dashboards.designer.remove')}
                      />
                    </Flex>
                  );
                })}
              </DropZone>
              <Flex gap={12} wrap>
                <Section title={t('dashboards.designer.sort')} error={errors.sort}>
                  <Space.Compact>
                    <Select
                      allowClear
                      style={{ width: 160 }}
                      value={state.sort?.by}
                      placeholder={t('dashboards.designer.sortBy')}
                      onChange={(by?: string) =>
                        act({
                          type: 'sort',
                          sort: by ? { by, direction: state.sort?.direction ?? 'desc' } : undefined,
                        })
                      }
                      options={[
                        ...state.dimensions.map((row) => ({ value: row.field, label: label(row.field) })),
                        ...state.measures.map((row) => ({
                          value: row.key,
                          label:
                            row.label ||
                            (row.field
                              ? `${t(`dashboards.aggregates.${row.aggregate}`)} ${label(row.field)}`
                              : row.key),
                        })),
                      ]}
                      data-testid="report-sort"
                    />
                    <Select
                      style={{ width: 90 }}
                      disabled={!state.sort}
                      value={state.sort?.direction ?? 'desc'}
                      onChange={(direction: 'asc' | 'desc') =>
                        state.sort && act({ type: 'sort', sort: { ...state.sort, direction } })
                      }
                      options={[
                        { value: 'desc', label: t('dashboards.designer.desc') },
                        { value: 'asc', label: t('dashboards.designer.asc') },
                      ]}
                    />
                  </Space.Compact>
                </Section>
                <Section title={t('dashboards.designer.limit')} error={errors.limit}>
                  <InputNumber
                    min={1}
                    max={10000}
                    value={state.limit}
                    placeholder={t('dashboards.designer.all')}
                    onChange={(limit) => act({ type: 'limit', limit: limit ?? undefined })}
                    data-testid="report-limit"
                  />
                </Section>
              </Flex>
              <Section title={t('dashboards.designer.drill')} error={errors.drill}>
                <Select
                  mode="multiple"
                  style={{ width: '100%' }}
                  value={state.drill}
                  placeholder={t('dashboards.designer.drillHint')}
                  onChange={(drill: string[]) => act({ type: 'drill', drill })}
                  options={fieldOptions}
                  data-testid="report-drill"
                />
              </Section>
              <Section title={t('dashboards.designer.periodField')} error={errors.periodField}>
                <Select
                  allowClear
                  style={{ width: '100%' }}
                  value={state.periodField}
                  placeholder={t('dashboards.designer.periodHint')}
                  onChange={(field?: string) => act({ type: 'periodField', field })}
                  options={fields
                    .filter((entry) => !entry.via && isDateType(entry.field.type))
                    .map((entry) => ({ value: entry.path, label: label(entry.path) }))}
                  data-testid="report-period-field"
                />
                {state.periodField ? (
                  <Select
                    allowClear
                    style={{ width: '100%', marginTop: 8 }}
                    value={state.defaultPeriod}
                    placeholder={t('dashboards.designer.defaultPeriod')}
                    onChange={(period?: ReportDefinition['defaultPeriod']) =>
                      act({ type: 'defaultPeriod', period })
                    }
                    options={DEFAULT_PERIODS.map((period) => ({
                      value: period,
                      label: t(`dashboards.defaultPeriods.${period}`),
                    }))}
                    data-testid="report-default-period"
                  />
                ) : null}
              </Section>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <div style={{ position: 'sticky', top: 16 }} data-testid="report-preview">
            {unplaced || errors.report ? (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 8 }}
                message={unplaced ?? errors.report!.join('; ')}
              />
            ) : null}
            {ready ? (
              <ChartCard
                appKey={appKey}
                item={{ key: 'preview', report: draft.key, layout: { x: 0, y: 0, w: 24, h: 12 } }}
                report={draft}
                entities={entities}
                locale={locale}
                globals={[]}
                selections={[]}
                refresh={0}
                onSelect={() => undefined}
                height={460}
                editing={false}
                canEditReports={false}
                compact={false}
                preview
                delay={500}
                onError={onError}
              />
            ) : (
              <Card size="small">
                <Empty description={t('dashboards.designer.previewHint')} />
              </Card>
            )}
          </div>
        </Col>
      </Row>
      <SaveDialog
        what="report"
        state={save.state}
        onConfirm={() => void save.confirm()}
        onClose={save.close}
      />
    </Space>
  );
}

export type { DesignerState };
