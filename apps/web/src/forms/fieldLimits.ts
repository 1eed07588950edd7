import type { EntityDefinition } from '@lowcode/app-model';
import type { EntityAccessSummary } from '../api/types';
import type { FormValues } from './formValues';

/** Which fields a record form leaves out, and which it shows but does not let the user change. */
export interface FieldLimits {
  hidden: readonly string[];
  readOnly: readonly string[];
}

export const NO_FIELD_LIMITS: FieldLimits = { hidden: [], readOnly: [] };

/** Who created or changed the record, and when: nothing to show before it is saved. */
const AUDIT_TYPES = new Set(['createdBy', 'createdAt', 'updatedBy', 'updatedAt']);

/**
 * What the signed-in user's field limits mean for the form. A new record leaves out what the user may not
 * set — it takes its default on the server (a tenant filing a repair does not see its status, technician or
 * cost fields) — what the entity's `createFields` leave to the process, and who created it when; an existing one shows read-only and masked values locked, and
 * hidden ones not at all; one the user may not update (`view`: a tenant's lease) shows every field locked.
 */
export function formFieldLimits(
  entity: EntityDefinition,
  access: Pick<EntityAccessSummary, 'hidden' | 'masked' | 'readOnly'> | undefined,
  mode: 'create' | 'update' | 'view',
): FieldLimits {
  const { hidden = [], masked = [], readOnly = [] } = access ?? {};
  if (mode === 'view') return { hidden, readOnly: entity.fields.map((field) => field.key) };
  if (mode === 'update') return { hidden, readOnly: [...readOnly, ...masked] };
  const audit = entity.fields.filter((field) => AUDIT_TYPES.has(field.type)).map((field) => field.key);
  // What the process fills later (dispatch times, a rating) stays off the form for a new record.
  const later = entity.createFields
    ? entity.fields.map((field) => field.key).filter((key) => !entity.createFields!.includes(key))
    : [];
  return { hidden: [...new Set([...hidden, ...readOnly, ...audit, ...later])], readOnly: [] };
}

/** The values without the fields the form leaves out: a new record's body, so the server sets their defaults. */
export function withoutHidden(values: FormValues, limits: FieldLimits): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !limits.hidden.includes(key)));
}
