import { InputNumber } from 'antd';
import type { WidgetProps } from '../widgetTypes';
import { fieldOfType } from '../widgetTypes';

const asNumber = (value: unknown) => (typeof value === 'number' ? value : null);

function NumberBase({
  value,
  onChange,
  onBlur,
  id,
  invalid,
  prefix,
  suffix,
  precision,
}: WidgetProps & {
  prefix?: string;
  suffix?: string;
  precision?: number;
}) {
  return (
    <InputNumber
      id={id}
      value={asNumber(value)}
      status={invalid ? 'error' : undefined}
      style={{ width: '100%' }}
      inputMode="decimal"
      prefix={prefix}
      suffix={suffix}
      // No `min`/`max` clamping here: the engine refuses an out-of-range number with its message instead of
      // the input silently changing what the user typed.
      precision={precision}
      onChange={(next) => onChange(next ?? null)}
      onBlur={onBlur}
    />
  );
}

export function NumberWidget(props: WidgetProps) {
  const field = fieldOfType(props.field, 'number');
  return <NumberBase {...props} suffix={field?.unit} />;
}

export function MoneyWidget(props: WidgetProps) {
  const field = fieldOfType(props.field, 'money');
  const currency = field?.currency ?? 'CNY';
  return <NumberBase {...props} prefix={currency === 'CNY' ? '¥' : currency} />;
}

export function PercentWidget(props: WidgetProps) {
  return <NumberBase {...props} suffix="%" />;
}
