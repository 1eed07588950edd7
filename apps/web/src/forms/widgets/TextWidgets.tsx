import { Input } from 'antd';
import type { WidgetProps } from '../widgetTypes';

const asText = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));

// Text widgets hand the raw string to the engine; trimming and format checks are its job, so the message
// matches the API's.

export function InputWidget({ field, value, onChange, onBlur, id, invalid }: WidgetProps) {
  const inputMode =
    field.type === 'phone'
      ? 'tel'
      : field.type === 'email'
        ? 'email'
        : field.type === 'url'
          ? 'url'
          : undefined;
  return (
    <Input
      id={id}
      value={asText(value)}
      inputMode={inputMode}
      status={invalid ? 'error' : undefined}
      maxLength={field.type === 'idCard' || field.type === 'creditCode' ? 18 : undefined}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
      allowClear
    />
  );
}

export function TextAreaWidget({ value, onChange, onBlur, id, invalid }: WidgetProps) {
  return (
    <Input.TextArea
      id={id}
      value={asText(value)}
      status={invalid ? 'error' : undefined}
      autoSize={{ minRows: 3, maxRows: 10 }}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
    />
  );
}

/**
 * Rich text is stored as HTML. Without an editor dependency the widget edits the HTML source in a text area;
 * the record views render it as text, so no markup from a record is ever injected into the page.
 */
export function RichTextWidget(props: WidgetProps) {
  return <TextAreaWidget {...props} />;
}
