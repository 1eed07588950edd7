import type { FieldDefinition } from '@lowcode/app-model';
import { handlerFor } from '@lowcode/form-engine';
import type { ComponentType } from 'react';
import { AttachmentWidget, ImageUploadWidget } from './widgets/FileWidgets';
import {
  CheckboxWidget,
  MultiSelectWidget,
  RateWidget,
  SelectWidget,
  StatusSelectWidget,
} from './widgets/ChoiceWidgets';
import { DateRangeWidget, DateTimeWidget, DateWidget } from './widgets/DateWidgets';
import { LocationWidget } from './widgets/LocationWidget';
import { MoneyWidget, NumberWidget, PercentWidget } from './widgets/NumberWidgets';
import { DepartmentPickerWidget, RelationPickerWidget, UserPickerWidget } from './widgets/PickerWidgets';
import { ReadonlyWidget } from './widgets/ReadonlyWidget';
import { SignaturePadWidget } from './widgets/SignaturePadWidget';
import { SubTableWidget } from './widgets/SubTableWidget';
import { InputWidget, RichTextWidget, TextAreaWidget } from './widgets/TextWidgets';
import type { WidgetMap, WidgetProps } from './widgetTypes';

/**
 * Every widget name the form engine can ask for, mapped to an antd-based component. The Record type makes a
 * widget added to the engine a compile error here instead of a blank field at run time.
 */
export const WIDGETS: WidgetMap = {
  input: InputWidget,
  textarea: TextAreaWidget,
  richText: RichTextWidget,
  numberInput: NumberWidget,
  moneyInput: MoneyWidget,
  percentInput: PercentWidget,
  datePicker: DateWidget,
  dateTimePicker: DateTimeWidget,
  dateRangePicker: DateRangeWidget,
  select: SelectWidget,
  multiSelect: MultiSelectWidget,
  checkbox: CheckboxWidget,
  rate: RateWidget,
  upload: AttachmentWidget,
  imageUpload: ImageUploadWidget,
  signaturePad: SignaturePadWidget,
  location: LocationWidget,
  relationPicker: RelationPickerWidget,
  subTable: SubTableWidget,
  userPicker: UserPickerWidget,
  departmentPicker: DepartmentPickerWidget,
  statusSelect: StatusSelectWidget,
  readonly: ReadonlyWidget,
};

/** The engine names the widget of each field type (FIELD_TYPE_HANDLERS[type].defaultWidget). */
export function widgetFor(field: FieldDefinition): ComponentType<WidgetProps> {
  return WIDGETS[handlerFor(field).defaultWidget];
}
