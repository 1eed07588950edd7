import { sameValue } from '../../forms/formValues';

// A PATCH refused with 409 RECORD_VERSION_CONFLICT carries the stored record. The user then decides, per
// field that both sides changed differently, whose value wins; the rest of "mine" applies as it is (fields
// only the other person changed are not in my patch, so their change stays).

export type Values = Record<string, unknown>;
export type Side = 'mine' | 'theirs';

export interface FieldConflict {
  field: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

/** Fields of my patch that the other save also changed, to something else. */
export function findConflicts(base: Values, minePatch: Values, theirs: Values): FieldConflict[] {
  return Object.keys(minePatch)
    .filter((field) => !sameValue(theirs[field], base[field]) && !sameValue(theirs[field], minePatch[field]))
    .map((field) => ({ field, base: base[field], mine: minePatch[field], theirs: theirs[field] }));
}

/** The patch to resend on the current version: my changes, minus the conflicts resolved as "theirs". */
export function mergedPatch(minePatch: Values, choices: Record<string, Side>): Values {
  const patch: Values = {};
  for (const [field, value] of Object.entries(minePatch)) {
    if (choices[field] !== 'theirs') patch[field] = value;
  }
  return patch;
}

/** Every conflict starts as "keep mine": the user was the one typing. */
export const defaultChoices = (conflicts: readonly FieldConflict[]): Record<string, Side> =>
  Object.fromEntries(conflicts.map((c) => [c.field, 'mine' as Side]));
