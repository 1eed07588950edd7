import type { AppDefinition, EntityDefinition, Locale } from '@lowcode/app-model';
import { computeFormulas } from '@lowcode/form-engine';
import { Alert, ConfigProvider, Form } from 'antd';
import { useMemo } from 'react';
import { FieldItem } from './FieldItem';
import { type FieldLimits, NO_FIELD_LIMITS } from './fieldLimits';
import { errorsAtField, type FormValues } from './formValues';
import type { RecordForm } from './useRecordForm';
import { widgetFor } from './widgetMap';
import type { FormContext } from './widgetTypes';

export interface GeneratedFormProps {
  appKey: string;
  app: AppDefinition;
  entity: EntityDefinition;
  locale: Locale;
  form: RecordForm;
  stored?: FormValues;
  display?: Record<string, string | string[]>;
  /** The user's field limits: hidden fields are left out, read-only ones shown locked. */
  limits?: FieldLimits;
}

const EMPTY = {};

/** Renders an entity's fields in order, each with the widget the engine names for its type. */
export function GeneratedForm({
  appKey,
  app,
  entity,
  locale,
  form,
  stored = EMPTY,
  display = EMPTY,
  limits = NO_FIELD_LIMITS,
}: GeneratedFormProps) {
  // Formulas are previewed live with the engine's computeFormulas, as the server computes them on save.
  const computed = useMemo(
    () => computeFormulas(entity.fields, { ...stored, ...form.values }),
    [entity, stored, form.values],
  );
  const context: FormContext = useMemo(
    () => ({
      appKey,
      app,
      entity,
      locale,
      values: form.values,
      stored,
      computed,
      display,
      errors: form.errors,
      widgetFor,
    }),
    [appKey, app, entity, locale, form.values, stored, computed, display, form.errors],
  );
  // Errors not tied to a field (e.g. an unsafe definition) are shown above the fields.
  const recordErrors = form.errors.filter((error) => error.path === '');
  return (
    <Form layout="vertical" component="div" data-testid="record-form">
      {recordErrors.map((error) => (
        <Alert
          key={error.message}
          type="error"
          showIcon
          message={error.message}
          style={{ marginBottom: 12 }}
        />
      ))}
      {entity.fields.map((field) => {
        if (limits.hidden.includes(field.key)) return null;
        const Widget = widgetFor(field);
        const controlId = `record-${field.key}`;
        // A sub-table shows its cell errors inside the cells; only errors about the whole list go below it.
        const messages =
          field.type === 'subTable'
            ? form.errors.filter((error) => error.path === field.key).map((error) => error.message)
            : errorsAtField(form.errors, field.key);
        return (
          <FieldItem key={field.key} field={field} locale={locale} controlId={controlId} errors={messages}>
            <ConfigProvider componentDisabled={limits.readOnly.includes(field.key)}>
              <Widget
                field={field}
                value={form.values[field.key]}
                onChange={(value) => form.setValue(field.key, value)}
                onBlur={() => form.blurField(field.key)}
                id={controlId}
                invalid={messages.length > 0}
                context={context}
              />
            </ConfigProvider>
          </FieldItem>
        );
      })}
    </Form>
  );
}
