import type { AppDefinition, Locale, RuleTrigger } from '@lowcode/app-model';
import { Alert, Flex, Form, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../hooks/useLocale';
import { changeTriggerType, EDITABLE_TRIGGERS, type TriggerType } from './ruleDraft';
import { CatchUpSelect, SchedulePicker, TimeInput } from './SchedulePicker';
import { describeTrigger } from './triggerText';

const DATE_TYPES = new Set(['date', 'datetime', 'createdAt', 'updatedAt']);

/** When the rule runs: a record event, a field change, a schedule, or N days before/after a date field. */
export function TriggerEditor({
  value,
  onChange,
  app,
  locale,
  errors,
}: {
  value: RuleTrigger;
  onChange(trigger: RuleTrigger): void;
  app: AppDefinition;
  locale: Locale;
  errors: string[];
}) {
  const { t } = useTranslation();
  const entityOptions = app.entities.map((entity) => ({
    value: entity.key,
    label: localize(entity.label, locale),
  }));
  const entityKey = 'entity' in value ? value.entity : undefined;
  const entity = app.entities.find((candidate) => candidate.key === entityKey);
  const fieldOptions = (filter: (type: string) => boolean) =>
    (entity?.fields ?? [])
      .filter((field) => filter(field.type))
      .map((field) => ({ value: field.key, label: localize(field.label, locale) }));
  const types = EDITABLE_TRIGGERS.filter((type) => type !== 'flowEvent' || app.flows.length > 0);

  return (
    <div data-testid="trigger-editor">
      <Form.Item label={t('rules.editor.triggerType')} style={{ marginBottom: 12 }}>
        <Select<TriggerType>
          data-testid="trigger-type"
          value={value.type}
          onChange={(type) => onChange(changeTriggerType(value, type, app))}
          options={types.map((type) => ({ value: type, label: t(`rules.triggerTypes.${type}`) }))}
        />
      </Form.Item>
      {entityKey !== undefined ? (
        <Form.Item label={t('rules.editor.entity')} style={{ marginBottom: 12 }}>
          <Select
            data-testid="trigger-entity"
            showSearch
            optionFilterProp="label"
            value={entityKey || undefined}
            options={entityOptions}
            onChange={(next: string) => {
              const reset = changeTriggerType({ ...value, entity: next } as RuleTrigger, value.type, app);
              onChange(
                reset.type === 'dateRelative' && value.type === 'dateRelative'
                  ? { ...reset, offsetDays: value.offsetDays, at: value.at, catchUp: value.catchUp }
                  : reset,
              );
            }}
          />
        </Form.Item>
      ) : null}
      {value.type === 'fieldChanged' ? (
        <Form.Item label={t('rules.editor.fields')} style={{ marginBottom: 12 }}>
          <Select
            data-testid="trigger-fields"
            mode="multiple"
            value={value.fields}
            placeholder={t('rules.editor.fieldsPlaceholder')}
            onChange={(fields: string[]) => onChange({ ...value, fields })}
            options={fieldOptions(() => true)}
            optionFilterProp="label"
          />
        </Form.Item>
      ) : null}
      {value.type === 'recordCreated' ||
      value.type === 'recordUpdated' ||
      value.type === 'recordDeleted' ||
      value.type === 'fieldChanged' ? (
        <Form.Item
          label={t('rules.batch.label')}
          extra={t('rules.batch.help', {
            placeholder: '{{batch.count}}',
            interpolation: { escapeValue: false },
          })}
          style={{ marginBottom: 12 }}
        >
          <Select<'perRecord' | 'perBatch'>
            data-testid="trigger-batch"
            value={value.batch ?? 'perRecord'}
            onChange={(batch) => onChange({ ...value, batch: batch === 'perRecord' ? undefined : batch })}
            options={(['perRecord', 'perBatch'] as const).map((mode) => ({
              value: mode,
              label: t(`rules.batch.${mode}`),
            }))}
          />
        </Form.Item>
      ) : null}
      {value.type === 'flowEvent' ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            style={{ minWidth: 200 }}
            value={value.flow || undefined}
            onChange={(flow: string) => onChange({ ...value, flow })}
            options={app.flows.map((flow) => ({ value: flow.key, label: localize(flow.label, locale) }))}
          />
          <Select
            style={{ minWidth: 160 }}
            value={value.event}
            onChange={(event: typeof value.event) => onChange({ ...value, event })}
            options={(['instanceStarted', 'instanceEnded', 'taskOverdue'] as const).map((event) => ({
              value: event,
              label: t(`rules.flowEvents.${event}`),
            }))}
          />
        </Flex>
      ) : null}
      {value.type === 'schedule' ? (
        <>
          <Form.Item label={t('rules.editor.when')} style={{ marginBottom: 12 }}>
            <SchedulePicker
              cron={value.cron}
              locale={locale}
              onChange={(cron) => onChange({ ...value, cron })}
            />
          </Form.Item>
          <Form.Item label={t('rules.catchUp.label')} style={{ marginBottom: 12 }}>
            <CatchUpSelect value={value.catchUp} onChange={(catchUp) => onChange({ ...value, catchUp })} />
          </Form.Item>
        </>
      ) : null}
      {value.type === 'dateRelative' ? (
        <>
          <Form.Item label={t('rules.editor.dateField')} style={{ marginBottom: 12 }}>
            <Select
              data-testid="trigger-date-field"
              value={value.field || undefined}
              onChange={(field: string) => onChange({ ...value, field })}
              options={fieldOptions((type) => DATE_TYPES.has(type))}
              notFoundContent={t('rules.editor.noDateFields')}
            />
          </Form.Item>
          <Form.Item label={t('rules.editor.when')} style={{ marginBottom: 12 }}>
            <Flex gap={8} wrap align="center">
              <InputNumber
                data-testid="trigger-offset-days"
                min={0}
                max={3650}
                value={Math.abs(value.offsetDays)}
                onChange={(days) =>
                  onChange({ ...value, offsetDays: (value.offsetDays > 0 ? 1 : -1) * Math.abs(days ?? 0) })
                }
                addonAfter={t('rules.editor.days')}
                style={{ width: 130 }}
              />
              <Select<'before' | 'after'>
                data-testid="trigger-offset-direction"
                style={{ width: 110 }}
                value={value.offsetDays > 0 ? 'after' : 'before'}
                onChange={(direction) =>
                  onChange({
                    ...value,
                    offsetDays: (direction === 'after' ? 1 : -1) * Math.abs(value.offsetDays),
                  })
                }
                options={[
                  { value: 'before', label: t('rules.editor.before') },
                  { value: 'after', label: t('rules.editor.after') },
                ]}
              />
              <Typography.Text>{t('rules.editor.at')}</Typography.Text>
              <TimeInput value={value.at ?? '00:00'} onChange={(at) => onChange({ ...value, at })} />
            </Flex>
          </Form.Item>
          <Form.Item label={t('rules.catchUp.label')} style={{ marginBottom: 12 }}>
            <CatchUpSelect value={value.catchUp} onChange={(catchUp) => onChange({ ...value, catchUp })} />
          </Form.Item>
        </>
      ) : null}
      <Alert
        type="info"
        data-testid="trigger-sentence"
        message={describeTrigger(value, app, locale, t)}
        style={{ marginBottom: errors.length ? 8 : 0 }}
      />
      {errors.map((error) => (
        <Alert key={error} type="error" showIcon message={error} style={{ marginTop: 8 }} />
      ))}
    </div>
  );
}
