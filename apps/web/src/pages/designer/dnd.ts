import type { FieldType } from '@lowcode/app-model';

/** react-dnd item types: a new field from the palette, or a field already on the canvas. */
export const DND = { palette: 'palette-field', field: 'canvas-field' } as const;

export type PaletteDragItem = { fieldType: FieldType };
export type FieldDragItem = { index: number };

/**
 * Where a dragged canvas field lands when dropped onto the slot before `targetIndex`. Removing it first shifts
 * the later fields up by one, so a downward move lands one earlier.
 */
export const moveTarget = (from: number, targetIndex: number) =>
  from < targetIndex ? targetIndex - 1 : targetIndex;
