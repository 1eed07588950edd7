import type { FieldDefinition, Locale } from '@lowcode/app-model';
import { Form } from 'antd';
import type { ReactNode } from 'react';
import { localize } from '../hooks/useLocale';

/** Label in the UI language, required mark, help from `description`, and the errors under the control. */
export function FieldItem({
  field,
  locale,
  controlId,
  errors,
  children,
}: {
  field: FieldDefinition;
  locale: Locale;
  controlId: string;
  errors: string[];
  children: ReactNode;
}) {
  return (
    <div data-testid={`field-${field.key}`}>
      <Form.Item
        label={<label htmlFor={controlId}>{localize(field.label, locale)}</label>}
        required={!!field.required}
        validateStatus={errors.length > 0 ? 'error' : undefined}
        help={errors.length > 0 ? errors.map((message) => <div key={message}>{message}</div>) : undefined}
        extra={field.description ? localize(field.description, locale) : undefined}
      >
        {children}
      </Form.Item>
    </div>
  );
}
