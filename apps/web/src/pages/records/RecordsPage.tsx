import { ArrowLeftOutlined, FormOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Flex,
  Grid,
  Input,
  Result,
  Skeleton,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import type { RecordDto } from '../../api/types';
import { useWorkspaceEvents } from '../../api/useWorkspaceEvents';
import { useSignedInSession } from '../../hooks/session';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { browserTimeZone } from '../../utils/zonedDays';
import { ColumnPicker } from './ColumnPicker';
import { FilterBar } from './FilterBar';
import { buildFilter, instantFieldsOf, rowsFromWhere, type Conjunction, type FilterRow } from './filterModel';
import { defaultColumnKeys, sortParam } from './recordColumns';
import { RecordCards } from './RecordCards';
import { RecordDrawer } from './RecordDrawer';
import { RecordsTable } from './RecordsTable';
import { useRecordList } from './useRecordList';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; record: RecordDto };

export function RecordsPage() {
  const { app: appKey = '', entity: entityKey = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const isPhone = !Grid.useBreakpoint().md;
  const loadApp = useCallback(() => api.getApp(appKey), [appKey]);
  const { data: app, error: appError } = useAsyncData(loadApp);
  const entity = app?.definition.entities.find((e) => e.key === entityKey);

  // `?where=` (a dashboard chart's click-through) starts the filter bar with those rows.
  const [filterRows, setFilterRows] = useState<FilterRow[]>(() =>
    rowsFromWhere(new URLSearchParams(window.location.search).get('where')),
  );
  const [conjunction, setConjunction] = useState<Conjunction>('and');
  const [q, setQ] = useState('');
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const [pickedSort, setSort] = useState<string>();
  const [pickedColumns, setPickedColumns] = useState<string[] | null>(null);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  // A day picked for a date-time is that whole day where the user is.
  const filter = useMemo(
    () =>
      buildFilter(
        filterRows,
        conjunction,
        entity ? { isInstant: instantFieldsOf(entity), timeZone: browserTimeZone() } : {},
      ),
    [filterRows, conjunction, entity],
  );
  const session = useSignedInSession();
  const loadAccess = useCallback(() => api.entityAccess(appKey, entityKey), [appKey, entityKey]);
  const { data: access } = useAsyncData(loadAccess);
  // Offer only what will work; the server checks every request anyway.
  const can = (action: 'create' | 'update' | 'delete') => access?.actions.includes(action) ?? false;
  const limited = useMemo(() => [...(access?.hidden ?? []), ...(access?.masked ?? [])], [access]);
  // The entity's own order (the newest bills first) until the user sorts by a column; not by a field the
  // user may not see whole, which the server would refuse to sort by.
  const defaultSort = entity?.defaultSort;
  const sort =
    pickedSort ??
    (defaultSort && !limited.includes(defaultSort.replace(/^-/, '')) ? defaultSort : '-updatedAt');
  const list = useRecordList(appKey, entityKey, { filter, sort, q, includeDeleted });
  // Someone else created or changed a record of this entity: the open list shows it without a reload.
  // `?record=<id>` (a notification's link) opens that record once the page is there.
  const [searchParams, setSearchParams] = useSearchParams();
  const linkedRecord = searchParams.get('record');
  // `?new=1` (an app home's "new" button) opens an empty form once the page knows the user may create.
  const wantsNew = searchParams.get('new') === '1' && access?.actions.includes('create') === true;
  useEffect(() => {
    if (!wantsNew) return;
    setSearchParams({}, { replace: true });
    setEditing({ kind: 'new' });
  }, [wantsNew, setSearchParams]);
  useEffect(() => {
    if (!linkedRecord) return;
    setSearchParams({}, { replace: true });
    api.getRecord(appKey, entityKey, linkedRecord).then(
      (record) => setEditing({ kind: 'edit', record }),
      (error: unknown) => void message.error(errorText(error)),
    );
  }, [linkedRecord, appKey, entityKey, setSearchParams, message, errorText]);
  useWorkspaceEvents(session.workspace.id, {
    onRecordChanged: (event) => {
      if (event.app === appKey && event.entity === entityKey && editing.kind === 'none') list.reload();
    },
  });

  if (appError) return <Alert type="error" showIcon message={errorText(appError)} />;
  if (!app) return <Skeleton active />;
  if (!entity) return <Result status="404" title={t('records.entityNotFound', { key: entityKey })} />;

  const act = (run: () => Promise<unknown>, done: string) =>
    run().then(
      () => {
        void message.success(done);
        list.reload();
      },
      (error: unknown) => void message.error(errorText(error)),
    );
  const viewProps = {
    entity,
    entities: app.definition.entities,
    locale,
    records: list.items,
    loading: list.loading,
    visibleKeys: pickedColumns ?? defaultColumnKeys(entity),
    onOpen: (record: RecordDto) => setEditing({ kind: 'edit', record }),
    onDelete: can('delete')
      ? (record: RecordDto) =>
          void act(() => api.deleteRecord(appKey, entityKey, record.id), t('records.deletedOk'))
      : undefined,
    onRestore: (record: RecordDto) =>
      void act(() => api.restoreRecord(appKey, entityKey, record.id), t('records.restored')),
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={`/apps/${encodeURIComponent(appKey)}`}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {localize(app.label, locale)}
        </Button>
      </Link>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {localize(entity.label, locale)}
        </Typography.Title>
        <Space wrap>
          {!isPhone && session.role === 'admin' ? (
            <Link to={`/apps/${encodeURIComponent(appKey)}/design/${encodeURIComponent(entityKey)}`}>
              <Button icon={<FormOutlined />}>{t('records.design')}</Button>
            </Link>
          ) : null}
          {can('create') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ kind: 'new' })}
              data-testid="records-new"
            >
              {t('records.new')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      <Flex gap={8} wrap align="center">
        <Input.Search
          allowClear
          placeholder={t('records.search')}
          style={{ width: isPhone ? '100%' : 260 }}
          onSearch={setQ}
          data-testid="records-search"
        />
        {/* Deleted records are for those who delete and restore them; a tenant has none to look for. */}
        {can('delete') ? (
          <Space>
            <Switch
              checked={includeDeleted}
              onChange={setIncludeDeleted}
              data-testid="records-show-deleted"
            />
            {t('records.showDeleted')}
          </Space>
        ) : null}
        {!isPhone ? (
          <ColumnPicker
            entity={entity}
            locale={locale}
            value={viewProps.visibleKeys}
            onChange={setPickedColumns}
          />
        ) : null}
      </Flex>
      <FilterBar
        entity={entity}
        locale={locale}
        rows={filterRows}
        conjunction={conjunction}
        unfilterable={limited}
        app={{ key: appKey, definition: app.definition }}
        onChange={(rows, join) => {
          setFilterRows(rows);
          setConjunction(join);
        }}
      />
      {list.error ? <Alert type="error" showIcon message={errorText(list.error)} /> : null}
      {isPhone ? (
        <RecordCards {...viewProps} />
      ) : (
        <RecordsTable
          {...viewProps}
          unsortable={limited}
          onSortChange={(field, order) => setSort(sortParam(field, order))}
        />
      )}
      {list.nextCursor ? (
        <Button block onClick={list.loadMore} loading={list.loading} data-testid="records-load-more">
          {t('records.loadMore')}
        </Button>
      ) : null}
      {editing.kind !== 'none' ? (
        <RecordDrawer
          appKey={appKey}
          app={app.definition}
          entity={entity}
          record={editing.kind === 'edit' ? editing.record : undefined}
          userId={session.user.id}
          {...(access ? { access } : {})}
          onClose={() => setEditing({ kind: 'none' })}
          onSaved={() => {
            setEditing({ kind: 'none' });
            list.reload();
          }}
        />
      ) : null}
    </Space>
  );
}
