import type { EntityDefinition, FieldDefinition, FieldType, LocalizedText } from '@lowcode/app-model';
import { defaultField } from './defaultField';

// The form designer's state as a pure reducer: the entity being edited plus which keys are fixed. Keys of
// fields that exist in the saved definition never change (records store values under them); a new field's
// key is generated (`field1`, `field2` …) and follows its English label until the builder types a key.

export interface DesignerState {
  entity: EntityDefinition;
  /** Keys present in the stored definition: immutable. */
  savedKeys: readonly string[];
  /** Keys the designer generated that the builder has not typed over; they follow the English label. */
  autoKeys: readonly string[];
  selectedKey: string | null;
  /** Entity keys of the app, for defaults such as a relation's target. */
  otherEntities: readonly string[];
}

export type DesignerAction =
  | { type: 'add'; fieldType: FieldType; index: number }
  | { type: 'move'; from: number; to: number }
  | { type: 'remove'; key: string }
  | { type: 'select'; key: string | null }
  | { type: 'update'; key: string; patch: Partial<FieldDefinition> }
  | { type: 'setLabel'; key: string; label: LocalizedText }
  | { type: 'setKey'; key: string; newKey: string }
  | {
      type: 'updateEntity';
      patch: Partial<
        Pick<
          EntityDefinition,
          'label' | 'titleField' | 'listFields' | 'createFields' | 'key' | 'documents' | 'group'
        >
      >;
    };

export const KEY_RE = /^[a-z][a-zA-Z0-9_]{0,62}$/;

export function initialDesignerState(
  entity: EntityDefinition,
  saved: boolean,
  otherEntities: readonly string[] = [],
): DesignerState {
  return {
    entity,
    savedKeys: saved ? entity.fields.map((f) => f.key) : [],
    autoKeys: [],
    selectedKey: entity.fields[0]?.key ?? null,
    otherEntities,
  };
}

/** The smallest free `fieldN`. */
export function nextFieldKey(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`field${n}`)) return `field${n}`;
}

/** A camelCase key from an English label ("Contract number" → "contractNumber"), or null when none fits. */
export function slugKey(label: string): string | null {
  const words = label
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return null;
  const key = words
    .map((word, i) => (i === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase()))
    .join('')
    .slice(0, 63);
  return KEY_RE.test(key) ? key : null;
}

const keysOf = (entity: EntityDefinition) => entity.fields.map((f) => f.key);

function replaceField(state: DesignerState, key: string, next: FieldDefinition): EntityDefinition {
  return { ...state.entity, fields: state.entity.fields.map((f) => (f.key === key ? next : f)) };
}

/**
 * Renames a key everywhere the entity refers to it (titleField, listFields, createFields); other references
 * are checked on save.
 */
function renameKey(state: DesignerState, key: string, newKey: string): DesignerState {
  const field = state.entity.fields.find((f) => f.key === key);
  if (!field) return state;
  const entity = replaceField(state, key, { ...field, key: newKey });
  if (entity.listFields) entity.listFields = entity.listFields.map((k) => (k === key ? newKey : k));
  if (entity.createFields) entity.createFields = entity.createFields.map((k) => (k === key ? newKey : k));
  return {
    ...state,
    entity: entity.titleField === key ? { ...entity, titleField: newKey } : entity,
    selectedKey: state.selectedKey === key ? newKey : state.selectedKey,
    autoKeys: state.autoKeys.filter((k) => k !== key),
  };
}

export function designerReducer(state: DesignerState, action: DesignerAction): DesignerState {
  const fields = state.entity.fields;
  switch (action.type) {
    case 'add': {
      const key = nextFieldKey(keysOf(state.entity));
      const field = defaultField(action.fieldType, key, {
        entity: state.entity,
        otherEntities: state.otherEntities,
      });
      const index = Math.max(0, Math.min(action.index, fields.length));
      // A field dropped onto the form is meant to be filled: a limited new-record form gets it too.
      const createFields = state.entity.createFields && { createFields: [...state.entity.createFields, key] };
      return {
        ...state,
        entity: {
          ...state.entity,
          ...createFields,
          fields: [...fields.slice(0, index), field, ...fields.slice(index)],
        },
        autoKeys: [...state.autoKeys, key],
        selectedKey: key,
      };
    }
    case 'move': {
      if (action.from === action.to || !fields[action.from]) return state;
      const next = [...fields];
      const [moved] = next.splice(action.from, 1);
      next.splice(Math.max(0, Math.min(action.to, next.length)), 0, moved!);
      return { ...state, entity: { ...state.entity, fields: next } };
    }
    case 'remove': {
      const remaining = fields.filter((f) => f.key !== action.key);
      const { titleField, listFields, createFields, ...rest } = state.entity;
      const listed = listFields?.filter((k) => k !== action.key) ?? [];
      const created = createFields?.filter((k) => k !== action.key) ?? [];
      return {
        ...state,
        entity: {
          ...rest,
          ...(titleField && titleField !== action.key ? { titleField } : {}),
          ...(listed.length > 0 ? { listFields: listed } : {}),
          ...(created.length > 0 ? { createFields: created } : {}),
          fields: remaining,
        },
        selectedKey: state.selectedKey === action.key ? (remaining[0]?.key ?? null) : state.selectedKey,
        autoKeys: state.autoKeys.filter((k) => k !== action.key),
      };
    }
    case 'select':
      return { ...state, selectedKey: action.key };
    case 'update': {
      const field = fields.find((f) => f.key === action.key);
      if (!field) return state;
      // The key and the type are not editable through a patch: keys via setKey, types by adding a new field.
      const { key: _key, type: _type, ...patch } = action.patch;
      const next: Record<string, unknown> = { ...field, ...patch };
      // An option set to undefined is removed: the definition must not carry empty options.
      for (const name of Object.keys(next)) if (next[name] === undefined) delete next[name];
      return { ...state, entity: replaceField(state, action.key, next as unknown as FieldDefinition) };
    }
    case 'setLabel': {
      const field = fields.find((f) => f.key === action.key);
      if (!field) return state;
      const labelled = {
        ...state,
        entity: replaceField(state, action.key, { ...field, label: action.label }),
      };
      if (!state.autoKeys.includes(action.key)) return labelled;
      const slug = slugKey(action.label.en ?? '');
      if (!slug || slug === action.key || keysOf(state.entity).includes(slug)) return labelled;
      return {
        ...renameKey(labelled, action.key, slug),
        autoKeys: [...labelled.autoKeys.filter((k) => k !== action.key), slug],
      };
    }
    case 'setKey': {
      if (state.savedKeys.includes(action.key) || !KEY_RE.test(action.newKey)) return state;
      if (action.newKey !== action.key && keysOf(state.entity).includes(action.newKey)) return state;
      return renameKey(state, action.key, action.newKey);
    }
    case 'updateEntity': {
      const entity: Record<string, unknown> = { ...state.entity, ...action.patch };
      // A setting cleared is left out, not stored as undefined.
      for (const name of Object.keys(entity)) if (entity[name] === undefined) delete entity[name];
      return { ...state, entity: entity as unknown as EntityDefinition };
    }
  }
}
