import {
  singleValueOptions,
  type AppDefinition,
  type EntityDefinition,
  type FieldDefinition,
  type Locale,
} from '@lowcode/app-model';
import { DatePicker, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { titleOfRecord } from '../../fields/recordTitle';
import { useRemoteOptions, withCurrentLabels, type RemoteOption } from '../../forms/widgets/useRemoteOptions';
import { searchRecords } from '../../forms/widgets/PickerWidgets';
import { localize } from '../../hooks/useLocale';
import type { FilterOperator } from './filterModel';

const NUMERIC = new Set(['number', 'money', 'percent', 'rating', 'rollup']);
const DATES = new Set(['date', 'datetime', 'createdAt', 'updatedAt']);

interface SingleProps {
  field: FieldDefinition | undefined;
  value: unknown;
  onChange(value: unknown): void;
  locale: Locale;
  multiple?: boolean;
  /** The app, for a relation's records; without it a relation is filtered by typed ids. */
  app?: { key: string; definition: AppDefinition };
}

const idsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : [];

/**
 * Records of a relation's target, searched and shown by their titles — also the ones a link brought as
 * bare ids (a dashboard's "see the records" names its project by id), whose titles are read once.
 */
function RecordValue({
  app,
  target,
  value,
  onChange,
  locale,
  multiple,
}: {
  app: { key: string; definition: AppDefinition };
  target: EntityDefinition;
  value: unknown;
  onChange(value: unknown): void;
  locale: Locale;
  multiple: boolean;
}) {
  const ids = idsOf(value);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const untitled = ids.filter((id) => !(id in titles)).join(',');
  useEffect(() => {
    if (!untitled) return;
    const missing = untitled.split(',');
    void api
      .listRecords(app.key, target.key, { filter: { in: [{ var: 'id' }, missing] }, limit: missing.length })
      .then(
        (page) =>
          setTitles((known) => ({
            ...known,
            ...Object.fromEntries(missing.map((id) => [id, id])),
            ...Object.fromEntries(
              page.items.map((record) => [record.id, titleOfRecord(target, record, locale)]),
            ),
          })),
        () => setTitles((known) => ({ ...known, ...Object.fromEntries(missing.map((id) => [id, id])) })),
      );
  }, [untitled, app.key, target, locale]);
  const search = useCallback(
    (q: string): Promise<RemoteOption[]> => searchRecords(app.key, target, locale, q),
    [app.key, target, locale],
  );
  const { options, loading, onSearch, loadFirst } = useRemoteOptions(search);
  return (
    <Select
      style={{ minWidth: 180 }}
      mode={multiple ? 'multiple' : undefined}
      showSearch
      filterOption={false}
      loading={loading}
      value={multiple ? ids : ids[0]}
      options={withCurrentLabels(
        options,
        ids,
        ids.map((id) => titles[id] ?? '…'),
      )}
      onSearch={onSearch}
      onDropdownVisibleChange={(open) => open && loadFirst()}
      onChange={(next: string | string[] | undefined) => onChange(next)}
    />
  );
}

/** One value control fitting the field: number, date, option list or text. */
function SingleValue({ field, value, onChange, locale, multiple, app }: SingleProps) {
  const { t } = useTranslation();
  const type = field?.type ?? 'text';
  const target =
    field?.type === 'relation' && app
      ? app.definition.entities.find((entity) => entity.key === field.relation.entity)
      : undefined;
  if (target && app)
    return (
      <RecordValue
        app={app}
        target={target}
        value={value}
        onChange={onChange}
        locale={locale}
        multiple={!!multiple}
      />
    );
  const options = field?.type === 'multiSelect' ? field.options : singleValueOptions(field);
  if (options) {
    return (
      <Select
        style={{ minWidth: 140 }}
        mode={multiple ? 'multiple' : undefined}
        value={value as string | string[] | undefined}
        onChange={onChange}
        options={options.map((o) => ({ value: o.value, label: localize(o.label, locale) }))}
      />
    );
  }
  if (type === 'checkbox') {
    return (
      <Select
        style={{ minWidth: 100 }}
        value={value as boolean | undefined}
        onChange={onChange}
        options={[
          { value: true, label: t('records.filter.yes') },
          { value: false, label: t('records.filter.no') },
        ]}
      />
    );
  }
  if (NUMERIC.has(type)) {
    return (
      <InputNumber
        value={typeof value === 'number' ? value : null}
        onChange={(n) => onChange(n ?? undefined)}
      />
    );
  }
  if (DATES.has(type)) {
    // Dates compare as ISO text on the server, so the day is sent as YYYY-MM-DD.
    return (
      <DatePicker
        value={typeof value === 'string' ? dayjs(value) : null}
        onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
      />
    );
  }
  if (multiple) {
    return (
      <Select
        mode="tags"
        style={{ minWidth: 160 }}
        value={value as string[] | undefined}
        onChange={onChange}
        open={false}
      />
    );
  }
  return (
    <Input
      style={{ width: 160 }}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function FilterValueInput({ operator, ...props }: SingleProps & { operator: FilterOperator }) {
  if (operator === 'empty' || operator === 'notEmpty') return null;
  if (operator === 'between') {
    const [from, to] = Array.isArray(props.value) ? props.value : [undefined, undefined];
    return (
      <>
        <SingleValue {...props} value={from} onChange={(next) => props.onChange([next, to])} />
        <SingleValue {...props} value={to} onChange={(next) => props.onChange([from, next])} />
      </>
    );
  }
  return <SingleValue {...props} multiple={operator === 'in'} />;
}
