import type { AppDefinition, EntityDefinition } from '@lowcode/app-model';
import { inputValues } from '@lowcode/form-engine';
import { App as AntApp, Button, Drawer, Grid, Space, Tabs } from 'antd';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityAccessSummary, RecordDto } from '../../api/types';
import { formFieldLimits } from '../../forms/fieldLimits';
import { initialValues, sameValue } from '../../forms/formValues';
import { GeneratedForm } from '../../forms/GeneratedForm';
import { useRecordForm, type RecordForm } from '../../forms/useRecordForm';
import { useRelationAutofill } from '../../forms/useRelationAutofill';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { PrintMenu } from '../documents/PrintMenu';
import { RecordFlows } from '../flows/RecordFlows';
import { comparisonField } from './compareModel';
import { MergeDialog } from './MergeDialog';
import { RecordCompare } from './RecordCompare';
import { RecordHistory } from './RecordHistory';
import { useRecordSave } from './useRecordSave';

export interface RecordDrawerProps {
  appKey: string;
  app: AppDefinition;
  entity: EntityDefinition;
  /** Undefined for a new record. */
  record: RecordDto | undefined;
  /** Who fills the form: a new record's `$me` defaults show them. */
  userId?: string;
  /** What the user may do with the entity's fields (hidden, masked, read-only); none known yet when absent. */
  access?: EntityAccessSummary;
  onClose(): void;
  onSaved(record: RecordDto): void;
}

/** New / edit in a drawer (full screen on phones) with the generated form, and the record's history. */
export function RecordDrawer({
  appKey,
  app,
  entity,
  record,
  userId,
  access,
  onClose,
  onSaved,
}: RecordDrawerProps) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { message, modal } = AntApp.useApp();
  const errorText = useErrorText();
  const isPhone = !Grid.useBreakpoint().md;
  const initial = useMemo(
    () => (record ? inputValues(entity.fields, record.values) : initialValues(entity, { userId })),
    [entity, record, userId],
  );
  // A record the user may only read opens to be read: every field locked, nothing to save (a tenant's lease,
  // a project manager's payments). The server refuses the write either way.
  const viewOnly = !!record && !!access && !access.actions.includes('update');
  const limits = useMemo(
    () => formFieldLimits(entity, access, !record ? 'create' : viewOnly ? 'view' : 'update'),
    [entity, access, record, viewOnly],
  );
  const form = useRecordForm({
    entity,
    locale,
    mode: record ? 'update' : 'create',
    initial,
    ...(record ? { current: record.values } : {}),
  });
  // The fields the user has changed, as the form hands them to the widgets: the relations the form fills in
  // itself are not the user's work, and closing right after opening must not ask about them.
  const edited = useRef(new Set<string>());
  const userForm: RecordForm = {
    ...form,
    setValue: (key, value) => {
      edited.current.add(key);
      form.setValue(key, value);
    },
  };
  const { titles: filled, lookups } = useRelationAutofill({
    appKey,
    app,
    entity,
    form,
    locale,
    hidden: limits.hidden,
    enabled: !record,
  });
  const { saving, save, conflict, resolveConflict, cancelConflict } = useRecordSave({
    appKey,
    entity,
    record,
    form,
    limits,
    onSaved: (saved) => {
      void message.success(t('records.saved'));
      onSaved(saved);
    },
    onError: (error) => void message.error(errorText(error)),
  });

  // Esc, the mask, the close button and Cancel all close the drawer: with changes the user made and has not
  // saved, they ask first instead of throwing the typing away.
  const requestClose = () => {
    const unsaved = [...edited.current].some((key) => !sameValue(form.values[key], initial[key]));
    if (!unsaved) {
      onClose();
      return;
    }
    modal.confirm({
      title: t('records.discard.title'),
      content: t('records.discard.content'),
      okText: t('records.discard.discard'),
      okButtonProps: { danger: true, 'data-testid': 'record-discard' },
      cancelText: t('records.discard.keep'),
      onOk: onClose,
    });
  };

  // A record that names an earlier one of its kind (a move-out inspection, the move-in one) compares with it.
  const link = comparisonField(entity);
  const otherId = link && record ? record.values[link.key] : undefined;
  const comparePane =
    link && record && typeof otherId === 'string' ? (
      <RecordCompare
        appKey={appKey}
        entity={entity}
        entities={app.entities}
        record={record}
        otherId={otherId}
        otherTitle={String(record.display[link.key] ?? localize(link.label, locale))}
        locale={locale}
      />
    ) : undefined;

  const formPane = (
    <GeneratedForm
      appKey={appKey}
      app={app}
      entity={entity}
      locale={locale}
      form={userForm}
      limits={limits}
      stored={{ ...record?.values, ...lookups.values }}
      display={{ ...(record ? record.display : filled), ...lookups.display }}
    />
  );
  return (
    <Drawer
      open
      width={isPhone ? '100%' : 720}
      title={`${!record ? t('records.new') : viewOnly ? t('records.view') : t('records.edit')} · ${localize(entity.label, locale)}`}
      onClose={requestClose}
      destroyOnClose
      extra={
        <Space>
          {record ? <PrintMenu appKey={appKey} entity={entity} recordId={record.id} locale={locale} /> : null}
          <Button onClick={requestClose} data-testid="record-cancel">
            {viewOnly ? t('records.close') : t('records.cancel')}
          </Button>
          {viewOnly ? null : (
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="record-submit">
              {t('records.save')}
            </Button>
          )}
        </Space>
      }
    >
      {record ? (
        <Tabs
          items={[
            { key: 'form', label: t('records.tabs.form'), children: formPane },
            {
              key: 'history',
              label: <span data-testid="record-tab-history">{t('records.tabs.history')}</span>,
              children: (
                <RecordHistory appKey={appKey} entity={entity} recordId={record.id} locale={locale} />
              ),
            },
            ...((app.flows ?? []).some((flow) => flow.entity === entity.key)
              ? [
                  {
                    key: 'flows',
                    label: <span data-testid="record-tab-flows">{t('flows.record.tab')}</span>,
                    children: (
                      <RecordFlows
                        appKey={appKey}
                        app={app}
                        entity={entity}
                        recordId={record.id}
                        locale={locale}
                      />
                    ),
                  },
                ]
              : []),
            ...(comparePane
              ? [
                  {
                    key: 'compare',
                    label: <span data-testid="record-tab-compare">{t('records.tabs.compare')}</span>,
                    children: comparePane,
                  },
                ]
              : []),
          ]}
        />
      ) : (
        formPane
      )}
      {conflict ? (
        <MergeDialog
          entity={entity}
          locale={locale}
          conflicts={conflict.conflicts}
          theirsDisplay={conflict.current.display}
          onResolve={(choices) => void resolveConflict(choices)}
          onCancel={cancelConflict}
        />
      ) : null}
    </Drawer>
  );
}
