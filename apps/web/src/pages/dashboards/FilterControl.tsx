import type { FieldDefinition, Locale } from '@lowcode/app-model';
import { localize } from '@lowcode/app-model';
import type { FilterValue } from '@lowcode/report-engine';
import { DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAsyncData } from '../../hooks/useAsyncData';
import { narrowingCondition, relationTarget, type Entities } from './model/fieldPaths';

const DATE_TYPES = new Set(['date', 'datetime', 'createdAt', 'updatedAt']);
const DAY = 'YYYY-MM-DD';

export const isDateField = (field: FieldDefinition | undefined) => !!field && DATE_TYPES.has(field.type);

export function DateRangeControl({
  value,
  onChange,
  label,
  testId,
}: {
  value: FilterValue | undefined;
  onChange: (value: FilterValue | undefined) => void;
  label: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const range = value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  const day = dayjs();
  return (
    <DatePicker.RangePicker
      aria-label={label}
      data-testid={testId}
      placeholder={[label, '']}
      value={range?.from && range.to ? [dayjs(String(range.from)), dayjs(String(range.to))] : null}
      onChange={(dates) =>
        onChange(
          dates?.[0] && dates[1] ? { from: dates[0].format(DAY), to: dates[1].format(DAY) } : undefined,
        )
      }
      presets={[
        { label: t('dashboards.period.thisMonth'), value: [day.startOf('month'), day.endOf('month')] },
        { label: t('dashboards.period.last30'), value: [day.subtract(29, 'day'), day] },
        {
          label: t('dashboards.period.thisQuarter'),
          value: [day.startOf('month').subtract(day.month() % 3, 'month'), day],
        },
        { label: t('dashboards.period.thisYear'), value: [day.startOf('year'), day.endOf('year')] },
        {
          label: t('dashboards.period.lastYear'),
          value: [day.subtract(1, 'year').startOf('year'), day.subtract(1, 'year').endOf('year')],
        },
      ]}
    />
  );
}

function RelationSelect({
  appKey,
  entity,
  entities,
  value,
  onChange,
  label,
  testId,
  locale,
  narrowedBy,
}: {
  appKey: string;
  entity: string;
  entities: Entities;
  value: string[];
  onChange: (value: string[]) => void;
  label: string;
  testId: string;
  locale: Locale;
  narrowedBy: unknown;
}) {
  const target = entities.find((candidate) => candidate.key === entity);
  const narrowing = JSON.stringify(narrowedBy ?? null);
  const load = useCallback(
    () =>
      api.listRecords(appKey, entity, {
        limit: 200,
        sort: target?.titleField,
        ...(narrowing !== 'null' ? { filter: JSON.parse(narrowing) as unknown } : {}),
      }),
    [appKey, entity, target?.titleField, narrowing],
  );
  const { data, loading } = useAsyncData(load);
  const title = target?.titleField;
  return (
    <Select
      mode="multiple"
      allowClear
      showSearch
      optionFilterProp="label"
      maxTagCount="responsive"
      loading={loading}
      placeholder={label}
      aria-label={label}
      data-testid={testId}
      style={{ minWidth: 180 }}
      value={value}
      onChange={onChange}
      options={(data?.items ?? []).map((record) => ({
        value: record.id,
        label: title ? String(record.values[title] ?? record.id) : record.id,
      }))}
      notFoundContent={loading ? undefined : localize({ 'zh-CN': '无', en: 'None' }, locale)}
    />
  );
}

/** One dashboard filter: a date range, a multiple choice of options or records, or a text to match. */
export function FilterControl({
  appKey,
  field,
  entities,
  label,
  value,
  onChange,
  locale,
  testId,
  chosen = [],
}: {
  appKey: string;
  field: FieldDefinition | undefined;
  entities: Entities;
  label: string;
  value: FilterValue | undefined;
  onChange: (value: FilterValue | undefined) => void;
  locale: Locale;
  testId: string;
  /** The records the dashboard's other relation filters have chosen, which narrow this one's choices. */
  chosen?: readonly { entity: string; ids: readonly string[] }[];
}) {
  const { t } = useTranslation();
  const list = Array.isArray(value) ? (value as string[]) : [];
  const setList = (next: Array<string | boolean>) => onChange(next.length ? next : undefined);
  if (isDateField(field))
    return <DateRangeControl value={value} onChange={onChange} label={label} testId={testId} />;
  if (field && (field.type === 'select' || field.type === 'status' || field.type === 'multiSelect'))
    return (
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        // People type what they read: 已租, not leased.
        optionFilterProp="label"
        placeholder={label}
        aria-label={label}
        data-testid={testId}
        style={{ minWidth: 160 }}
        value={list}
        onChange={setList}
        options={field.options.map((option) => ({
          value: option.value,
          label: localize(option.label, locale),
        }))}
      />
    );
  const target = relationTarget(field);
  if (target)
    return (
      <RelationSelect
        appKey={appKey}
        entity={target}
        entities={entities}
        value={list}
        onChange={setList}
        label={label}
        testId={testId}
        locale={locale}
        narrowedBy={narrowingCondition(entities, target, chosen)}
      />
    );
  if (field?.type === 'checkbox')
    return (
      <Select
        allowClear
        placeholder={label}
        aria-label={label}
        data-testid={testId}
        style={{ minWidth: 120 }}
        value={typeof value === 'boolean' ? value : undefined}
        onChange={(next?: boolean) => onChange(next)}
        options={[
          { value: true, label: t('dashboards.yes') },
          { value: false, label: t('dashboards.no') },
        ]}
      />
    );
  return (
    <Input.Search
      allowClear
      placeholder={label}
      aria-label={label}
      data-testid={testId}
      style={{ width: 180 }}
      defaultValue={typeof value === 'string' ? value : undefined}
      onSearch={(text) => onChange(text.trim() ? text.trim() : undefined)}
    />
  );
}
