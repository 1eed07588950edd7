import { singleValueOptions, type FieldDefinition, type Locale } from '@lowcode/app-model';
import { DatePicker, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
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
}

/** One value control fitting the field: number, date, option list or text. */
function SingleValue({ field, value, onChange, locale, multiple }: SingleProps) {
  const { t } = useTranslation();
  const type = field?.type ?? 'text';
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
