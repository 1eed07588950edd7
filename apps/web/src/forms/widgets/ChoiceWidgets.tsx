import type { SelectOption } from '@lowcode/app-model';
import { Badge, Checkbox, Rate, Select } from 'antd';
import { localize } from '../../hooks/useLocale';
import type { WidgetProps } from '../widgetTypes';
import { fieldOfType } from '../widgetTypes';

function optionItems(options: readonly SelectOption[], locale: WidgetProps['context']['locale']) {
  return options.map((option) => ({
    value: option.value,
    label: option.color ? (
      <Badge color={option.color} text={localize(option.label, locale)} />
    ) : (
      localize(option.label, locale)
    ),
    title: localize(option.label, locale),
  }));
}

export function SelectWidget({ field, value, onChange, onBlur, id, invalid, context }: WidgetProps) {
  const options = fieldOfType(field, 'select')?.options ?? [];
  return (
    <Select
      id={id}
      value={typeof value === 'string' ? value : undefined}
      options={optionItems(options, context.locale)}
      status={invalid ? 'error' : undefined}
      allowClear
      onChange={(next: string | undefined) => onChange(next ?? null)}
      onBlur={onBlur}
    />
  );
}

export function MultiSelectWidget({ field, value, onChange, onBlur, id, invalid, context }: WidgetProps) {
  const options = fieldOfType(field, 'multiSelect')?.options ?? [];
  return (
    <Select
      id={id}
      mode="multiple"
      value={Array.isArray(value) ? (value as string[]) : []}
      options={optionItems(options, context.locale)}
      status={invalid ? 'error' : undefined}
      allowClear
      onChange={(next: string[]) => onChange(next)}
      onBlur={onBlur}
    />
  );
}

/** Offers only the moves `transitions` allows from the stored status (the engine refuses others on save). */
export function StatusSelectWidget({ field, value, onChange, onBlur, id, invalid, context }: WidgetProps) {
  const status = fieldOfType(field, 'status');
  const from = context.stored[field.key];
  const allowed = (target: string) =>
    !status?.transitions ||
    typeof from !== 'string' ||
    target === from ||
    status.transitions.some((move) => move.from === from && move.to === target);
  const options = optionItems(status?.options ?? [], context.locale).map((item) => ({
    ...item,
    disabled: !allowed(item.value),
  }));
  return (
    <Select
      id={id}
      value={typeof value === 'string' ? value : undefined}
      options={options}
      status={invalid ? 'error' : undefined}
      allowClear
      onChange={(next: string | undefined) => onChange(next ?? null)}
      onBlur={onBlur}
    />
  );
}

export function CheckboxWidget({ value, onChange, onBlur, id }: WidgetProps) {
  return (
    <Checkbox
      id={id}
      checked={value === true}
      onChange={(event) => onChange(event.target.checked)}
      onBlur={onBlur}
    />
  );
}

export function RateWidget({ field, value, onChange, onBlur, id }: WidgetProps) {
  const max = fieldOfType(field, 'rating')?.max ?? 5;
  return (
    <Rate
      id={id}
      count={max}
      value={typeof value === 'number' ? value : 0}
      onChange={(next) => {
        onChange(next === 0 ? null : next);
        onBlur();
      }}
    />
  );
}
