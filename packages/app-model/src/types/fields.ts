// Entities and fields. `FieldDefinition` is a union discriminated by `type`, mirroring schema/fields.ts.
import { type FORMULA_RESULT_TYPES } from '../constants';
import {
  type FieldType,
  type JsonLogic,
  type LocalizedText,
  type OpenObject,
  type RollupAggregate,
} from './base';

// ---------------------------------------------------------------- entities and fields

export interface EntityDefinition {
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  /**
   * The section of the app's home the entity is listed under (房产与客户, 租赁与收费 …), named by its label:
   * entities with the same label are one section, in the order they first appear; those without, last.
   */
  group?: LocalizedText;
  /** The field shown when a record is referenced (e.g. in a relation picker). */
  titleField?: string;
  /**
   * What a list of the records shows until the user picks other columns, in order: the table's columns, and
   * on a phone the lines of each record's card (its first status field as the card's tag). The first
   * fields when absent.
   */
  listFields?: string[];
  /**
   * The fields the form for a new record shows, in form order — what the person creating it fills (a repair's
   * room, category and description), not what the process fills later (dispatch times, the rating). Every
   * field when absent. Required fields without a default must be among them; the API accepts any field.
   */
  createFields?: string[];
  /**
   * The order a list of the records opens in, as the API's `sort` takes it: a field key, `-` before it for
   * descending (`-dueDate`: the newest bills first). Last changed first when absent.
   */
  defaultSort?: string;
  fields: FieldDefinition[];
  validations?: CrossFieldValidation[];
  /** Printable documents of a record (a lease contract, a work order's dispatch slip): see DocumentTemplate. */
  documents?: DocumentTemplate[];
}

/**
 * A document filled from one record, to print or save as PDF. `body` is text: a line starting with `# ` or
 * `## ` is a heading, a blank line ends a paragraph, and `{field}` — a field of the entity by its label or
 * key, `{租金}` or `{rent}` — is the record's value as the reader may see it (a relation shows its title).
 */
export interface DocumentTemplate {
  key: string;
  label: LocalizedText;
  body: string;
}

export interface CrossFieldValidation {
  key: string;
  label?: LocalizedText;
  /** Must evaluate to true for the record to be valid. */
  condition: JsonLogic;
  message: LocalizedText;
  /** Fields next to which the error is shown. */
  fields: string[];
}

interface FieldBase<T extends FieldType> {
  key: string;
  type: T;
  label: LocalizedText;
  description?: LocalizedText;
  required?: boolean;
  unique?: boolean;
  defaultValue?: unknown;
  /** Layout/widget hints for form renderers (open object; data schema stays apart from UI schema). */
  ui?: OpenObject;
}

export interface SelectOption {
  value: string;
  label: LocalizedText;
  color?: string;
}

export interface StatusTransition {
  from: string;
  to: string;
}

interface LengthLimits {
  minLength?: number;
  maxLength?: number;
}
interface NumberLimits {
  min?: number;
  max?: number;
}
interface DateLimits {
  minDate?: string;
  maxDate?: string;
}
interface FileLimits {
  maxFiles?: number;
  maxSizeMb?: number;
  /** MIME types or extensions, e.g. `image/*`, `.pdf`. */
  accept?: string[];
}

export type TextField = FieldBase<'text'> & LengthLimits & { pattern?: string };
export type LongTextField = FieldBase<'longText'> & LengthLimits;
export type RichTextField = FieldBase<'richText'> & { maxLength?: number };
export type NumberField = FieldBase<'number'> & NumberLimits & { precision?: number; unit?: string };
export type MoneyField = FieldBase<'money'> & NumberLimits & { currency?: string; precision?: number };
export type PercentField = FieldBase<'percent'> & NumberLimits & { precision?: number };
export type DateField = FieldBase<'date'> & DateLimits;
export type DatetimeField = FieldBase<'datetime'> & DateLimits;
export type DateRangeField = FieldBase<'dateRange'> & DateLimits;
export type SelectField = FieldBase<'select'> & { options: SelectOption[] };
export type MultiSelectField = FieldBase<'multiSelect'> & { options: SelectOption[]; maxSelected?: number };
export type CheckboxField = FieldBase<'checkbox'>;
export type RatingField = FieldBase<'rating'> & { max?: number };
export type PhoneField = FieldBase<'phone'>;
export type EmailField = FieldBase<'email'>;
export type UrlField = FieldBase<'url'>;
export type IdCardField = FieldBase<'idCard'>;
export type CreditCodeField = FieldBase<'creditCode'>;
export type AttachmentField = FieldBase<'attachment'> & FileLimits;
export type ImageField = FieldBase<'image'> & FileLimits;
export type SignatureField = FieldBase<'signature'>;
export type LocationField = FieldBase<'location'> & { requireGeo?: boolean };
export type RelationField = FieldBase<'relation'> & {
  relation: {
    entity: string;
    multiple?: boolean;
    /**
     * What picking a record in a form copies from it (a single relation only): this entity's field → the
     * picked record's field, each copied into the form when its field is empty or still holds what an
     * earlier pick copied (a payment's amount starts at the picked bill's outstanding amount). The user may
     * change it afterwards; nothing is copied when the record is saved through the API.
     */
    fill?: Record<string, string>;
    /**
     * Which records a form's picker offers (a JSON-logic filter): `{"var": "record.<field>"}` reads the offered
     * record, `{"var": "form.<field>"}` the value being edited in this form — rooms of the chosen project,
     * bills still to be paid. A choice aid, not a rule: the API takes any record the writer may read.
     */
    pickFilter?: unknown;
  };
};
export type SubTableField = FieldBase<'subTable'> & {
  fields: SubTableColumn[];
  minRows?: number;
  maxRows?: number;
};
export type UserField = FieldBase<'user'> & {
  multiple?: boolean;
  /**
   * Only members holding one of these app roles may be chosen (a lease's 管家 among the butlers): the picker
   * offers them and the server refuses anyone else.
   */
  roles?: string[];
};
export type DepartmentField = FieldBase<'department'> & { multiple?: boolean };
/** `pattern` tokens: {YYYY} {YY} {MM} {DD} {seq:N}; e.g. `HT-{YYYY}-{seq:6}`. */
export type AutoNumberField = FieldBase<'autoNumber'> & {
  pattern: string;
  /**
   * The date field whose day the pattern's {YYYY}/{MM}/{DD} read (a work order numbered by the day it was
   * reported, also when it is entered later); the day the record is created when unset or empty.
   */
  dateField?: string;
};
export type FormulaField = FieldBase<'formula'> & {
  expression: JsonLogic;
  resultType: (typeof FORMULA_RESULT_TYPES)[number];
  /** For a text result that is one of a few codes: their labels (and colours), shown instead of the codes. */
  options?: SelectOption[];
};
export type LookupField = FieldBase<'lookup'> & { lookup: { relation: string; field: string } };
export type RollupField = FieldBase<'rollup'> & {
  rollup: { entity: string; relation: string; aggregate: RollupAggregate; field?: string };
};
export type CreatedByField = FieldBase<'createdBy'>;
export type CreatedAtField = FieldBase<'createdAt'>;
export type UpdatedByField = FieldBase<'updatedBy'>;
export type UpdatedAtField = FieldBase<'updatedAt'>;
export type StatusField = FieldBase<'status'> & {
  options: SelectOption[];
  /** When present, only these moves are allowed; absent means any move. */
  transitions?: StatusTransition[];
};

export type FieldDefinition =
  | TextField
  | LongTextField
  | RichTextField
  | NumberField
  | MoneyField
  | PercentField
  | DateField
  | DatetimeField
  | DateRangeField
  | SelectField
  | MultiSelectField
  | CheckboxField
  | RatingField
  | PhoneField
  | EmailField
  | UrlField
  | IdCardField
  | CreditCodeField
  | AttachmentField
  | ImageField
  | SignatureField
  | LocationField
  | RelationField
  | SubTableField
  | UserField
  | DepartmentField
  | AutoNumberField
  | FormulaField
  | LookupField
  | RollupField
  | CreatedByField
  | CreatedAtField
  | UpdatedByField
  | UpdatedAtField
  | StatusField;

/** A sub-table column: any field except another sub-table. */
export type SubTableColumn = Exclude<FieldDefinition, SubTableField>;
