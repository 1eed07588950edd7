import type { AppDefinition, EntityDefinition, FieldDefinition, Locale } from '@lowcode/app-model';
import type { WidgetName } from '@lowcode/form-engine';
import type { ComponentType } from 'react';
import type { ErrorDetail } from '../api/types';
import type { FormValues } from './formValues';

/** What a widget needs besides its own value: where the record lives and what the rest of it holds. */
export interface FormContext {
  appKey: string;
  /** The whole app, for relation targets (their titleField) and sub-forms. */
  app: AppDefinition;
  entity: EntityDefinition;
  locale: Locale;
  /** The record's values as edited so far (formula previews read them). */
  values: FormValues;
  /** Stored values of the record being edited (computed fields, status transitions); empty for a new one. */
  stored: FormValues;
  /**
   * What the record's formulas give for the values being edited — formula fields, and sub-tables with their
   * rows' formula columns filled — as the server will store them; a sub-table cell gets its own row's.
   */
  computed: FormValues;
  /** Title texts of relation/user targets, by field key, from the server's RecordDto.display. */
  display: Record<string, string | string[]>;
  /** Visible errors, for widgets that show errors inside their value (sub-table cells). */
  errors: readonly ErrorDetail[];
  /** The widget map itself, handed down so sub-tables render cells without importing it (no import cycle). */
  widgetFor(field: FieldDefinition): ComponentType<WidgetProps>;
}

export interface WidgetProps {
  field: FieldDefinition;
  value: unknown;
  onChange(value: unknown): void;
  onBlur(): void;
  /** The id of the control, so the label's htmlFor points at it. */
  id: string;
  invalid: boolean;
  context: FormContext;
}

export type WidgetMap = Record<WidgetName, ComponentType<WidgetProps>>;

/** Narrows a field to one type inside a widget (widgets are keyed by widget name, not by field type). */
export function fieldOfType<T extends FieldDefinition['type']>(
  field: FieldDefinition,
  ...types: T[]
): Extract<FieldDefinition, { type: T }> | undefined {
  return (types as string[]).includes(field.type)
    ? (field as Extract<FieldDefinition, { type: T }>)
    : undefined;
}
