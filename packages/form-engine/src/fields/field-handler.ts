// The contract every field type fulfils. The registry (registry.ts) maps each FieldType to one handler, and
// its mapped type makes a missing type a compile error.
import { type FieldDefinition } from '@lowcode/app-model';
import { type MessageCode, type MessageParams } from '../messages/catalog';

/** A JSON Schema fragment (draft-07 plus the engine's `x-` keywords registered in compile/ajv-setup.ts). */
export type JsonSchema = Record<string, unknown>;

export type StorageColumn =
  'text' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb' | 'uuid' | 'uuid[]' | 'text[]';

/** How the server stores a field: the PostgreSQL column type and whether to index / full-text search it. */
export interface StorageSpec {
  column: StorageColumn;
  indexable: boolean;
  searchable: boolean;
}

/** Component names the web maps to widgets; a closed list so that mapping can be exhaustive too. */
export type WidgetName =
  | 'input'
  | 'textarea'
  | 'richText'
  | 'numberInput'
  | 'moneyInput'
  | 'percentInput'
  | 'datePicker'
  | 'dateTimePicker'
  | 'dateRangePicker'
  | 'select'
  | 'multiSelect'
  | 'checkbox'
  | 'rate'
  | 'upload'
  | 'imageUpload'
  | 'signaturePad'
  | 'location'
  | 'relationPicker'
  | 'subTable'
  | 'userPicker'
  | 'departmentPicker'
  | 'statusSelect'
  | 'readonly';

export interface CellError {
  code: MessageCode;
  params?: MessageParams;
}

export type CellResult = { value: unknown } | { error: CellError };

export interface CellOptions {
  /** Offset used for date-times written without one, e.g. `+08:00` (the workspace zone). Default `+08:00`. */
  utcOffset?: string;
}

export interface FieldTypeHandler<F extends FieldDefinition> {
  /** Filled by the server (formula, lookup, rollup, auto-number, created/updated by/at); refused as input. */
  readonly computed: boolean;
  readonly defaultWidget: WidgetName;
  /** JSON Schema of the stored (non-empty) value; emptiness and `required` are handled by the validator. */
  valueSchema(field: F): JsonSchema;
  storage(field: F): StorageSpec;
  /** Converts one spreadsheet cell; a blank cell is `{ value: null }` for every type that can be imported. */
  fromCell(cell: unknown, field: F, options?: CellOptions): CellResult;
}

export const cellError = (code: MessageCode, params?: MessageParams): CellResult =>
  params ? { error: { code, params } } : { error: { code } };

export const DEFAULT_UTC_OFFSET = '+08:00';
