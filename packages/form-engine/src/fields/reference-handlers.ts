// Handlers for files, places, and references to other records, people and departments.
import {
  type AttachmentField,
  type DepartmentField,
  type ImageField,
  type LocationField,
  type RelationField,
  type SignatureField,
  type UserField,
} from '@lowcode/app-model';
import { cellText, isBlankCell, splitListCell } from '../cells/cell-parsers';
import {
  type CellResult,
  type FieldTypeHandler,
  type JsonSchema,
  type StorageSpec,
  cellError,
} from './field-handler';

const BYTES_PER_MB = 1024 * 1024;

/** One uploaded file as the record stores it; the bytes live in file storage under `id`. */
function fileSchema(limits: { maxSizeMb?: number; accept?: string[] }): JsonSchema {
  const size: JsonSchema = { type: 'integer', minimum: 0 };
  if (limits.maxSizeMb !== undefined) size.maximum = Math.floor(limits.maxSizeMb * BYTES_PER_MB);
  return {
    type: 'object',
    properties: {
      id: { type: 'string', minLength: 1, maxLength: 200 },
      name: { type: 'string', minLength: 1, maxLength: 255 },
      size,
      mimeType: { type: 'string', minLength: 1, maxLength: 255 },
      // The link the server gave with the upload or the last read (often relative, `/api/files/…`): a client
      // sends the value back as it got it, and the server drops the link and issues a fresh one on read.
      url: { type: 'string', maxLength: 2048 },
    },
    required: ['id', 'name', 'size', 'mimeType'],
    additionalProperties: false,
    ...(limits.accept && limits.accept.length > 0 ? { 'x-accept': limits.accept } : {}),
  };
}

const fileListSchema = (field: AttachmentField | ImageField, accept: string[] | undefined): JsonSchema => ({
  type: 'array',
  items: fileSchema({ maxSizeMb: field.maxSizeMb, accept }),
  ...(field.maxFiles === undefined ? {} : { maxItems: field.maxFiles }),
});

const JSONB: StorageSpec = { column: 'jsonb', indexable: false, searchable: false };

// Files are uploaded through the form, not typed into a sheet: a cell cannot carry their bytes.
const notImportable = (cell: unknown): CellResult =>
  isBlankCell(cell) ? { value: null } : cellError('cellNotImportable');

export const attachmentHandler: FieldTypeHandler<AttachmentField> = {
  computed: false,
  defaultWidget: 'upload',
  valueSchema: (f) => fileListSchema(f, f.accept),
  storage: () => JSONB,
  fromCell: notImportable,
};

export const imageHandler: FieldTypeHandler<ImageField> = {
  computed: false,
  defaultWidget: 'imageUpload',
  valueSchema: (f) => fileListSchema(f, f.accept ?? ['image/*']),
  storage: () => JSONB,
  fromCell: notImportable,
};

/** A signature is one PNG/SVG image drawn on the signature pad, stored like an uploaded file. */
export const signatureHandler: FieldTypeHandler<SignatureField> = {
  computed: false,
  defaultWidget: 'signaturePad',
  valueSchema: () => fileSchema({ maxSizeMb: 2, accept: ['image/*'] }),
  storage: () => JSONB,
  fromCell: notImportable,
};

export const locationHandler: FieldTypeHandler<LocationField> = {
  computed: false,
  defaultWidget: 'location',
  valueSchema: (f) => ({
    type: 'object',
    properties: {
      address: { type: 'string', minLength: 1, maxLength: 500 },
      lng: { type: 'number', minimum: -180, maximum: 180 },
      lat: { type: 'number', minimum: -90, maximum: 90 },
    },
    required: f.requireGeo ? ['address', 'lng', 'lat'] : ['address'],
    additionalProperties: false,
  }),
  storage: () => JSONB,
  // A sheet holds the address text; coordinates come from geocoding later (or the field refuses the row).
  fromCell: (cell) => ({ value: isBlankCell(cell) ? null : { address: cellText(cell) } }),
};

const UUID: JsonSchema = { type: 'string', format: 'uuid' };

const idSchema = (multiple: boolean | undefined): JsonSchema =>
  multiple ? { type: 'array', items: UUID, uniqueItems: true } : UUID;

const idStorage = (multiple: boolean | undefined): StorageSpec => ({
  column: multiple ? 'uuid[]' : 'uuid',
  indexable: true,
  searchable: false,
});

/**
 * Cells must hold IDs: resolving a title such as a room number to its record needs the database, so the
 * importer maps titles to IDs before calling fromCell (or reports the unknown title itself).
 */
function idsFromCell(cell: unknown, multiple: boolean | undefined): CellResult {
  if (isBlankCell(cell)) return { value: null };
  const ids = splitListCell(cell).map((id) => id.toLowerCase());
  // Several IDs in a single-relation cell stay as text so validation reports them instead of dropping some.
  if (!multiple) return { value: ids.length === 1 ? ids[0] : cellText(cell) };
  return { value: [...new Set(ids)] };
}

export const relationHandler: FieldTypeHandler<RelationField> = {
  computed: false,
  defaultWidget: 'relationPicker',
  valueSchema: (f) => idSchema(f.relation.multiple),
  storage: (f) => idStorage(f.relation.multiple),
  fromCell: (cell, f) => idsFromCell(cell, f.relation.multiple),
};

export const userHandler: FieldTypeHandler<UserField> = {
  computed: false,
  defaultWidget: 'userPicker',
  valueSchema: (f) => idSchema(f.multiple),
  storage: (f) => idStorage(f.multiple),
  fromCell: (cell, f) => idsFromCell(cell, f.multiple),
};

/** A department by its key (`engineering`), as members' attributes and assignments name it. */
const DEPARTMENT_KEY: JsonSchema = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,49}$' };

export const departmentHandler: FieldTypeHandler<DepartmentField> = {
  computed: false,
  defaultWidget: 'departmentPicker',
  valueSchema: (f) =>
    f.multiple ? { type: 'array', items: DEPARTMENT_KEY, uniqueItems: true } : DEPARTMENT_KEY,
  storage: (f) => ({ column: f.multiple ? 'text[]' : 'text', indexable: true, searchable: false }),
  fromCell: (cell, f) => {
    if (isBlankCell(cell)) return { value: null };
    const keys = splitListCell(cell);
    if (!f.multiple) return { value: keys.length === 1 ? keys[0] : cellText(cell) };
    return { value: [...new Set(keys)] };
  },
};
