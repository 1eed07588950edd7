import type { EntityDefinition } from '@lowcode/app-model';
import { inputValues } from '@lowcode/form-engine';
import { useState } from 'react';
import { api } from '../../api';
import { ApiError } from '../../api/ApiError';
import type { RecordDto } from '../../api/types';
import { type FieldLimits, NO_FIELD_LIMITS, withoutHidden } from '../../forms/fieldLimits';
import { changedValues } from '../../forms/formValues';
import type { RecordForm } from '../../forms/useRecordForm';
import { findConflicts, mergedPatch, type FieldConflict, type Side } from './mergeModel';

export interface PendingConflict {
  current: RecordDto;
  patch: Record<string, unknown>;
  conflicts: FieldConflict[];
}

const isRecord = (value: unknown): value is RecordDto =>
  typeof value === 'object' && value !== null && 'version' in value && 'values' in value;

/**
 * Saves the form: POST for a new record, PATCH of the changed fields for an existing one. The server's
 * RECORD_INVALID details land on the fields; a version conflict opens the merge (or, when the other save
 * touched other fields only, is resent on the new version at once).
 */
export function useRecordSave(opts: {
  appKey: string;
  entity: EntityDefinition;
  record: RecordDto | undefined;
  form: RecordForm;
  /** A new record leaves out the fields the form did not show: the server gives them their defaults. */
  limits?: FieldLimits;
  onSaved(record: RecordDto): void;
  onError(error: unknown): void;
}) {
  const { appKey, entity, record, form, limits = NO_FIELD_LIMITS, onSaved, onError } = opts;
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<PendingConflict | null>(null);

  const send = async (run: () => Promise<RecordDto>, patch: Record<string, unknown>) => {
    setSaving(true);
    try {
      onSaved(await run());
    } catch (error) {
      if (error instanceof ApiError && error.code === 'RECORD_INVALID') form.showServerErrors(error.details);
      else if (
        error instanceof ApiError &&
        error.code === 'RECORD_VERSION_CONFLICT' &&
        isRecord(error.current) &&
        record
      ) {
        const current = error.current;
        const conflicts = findConflicts(record.values, patch, current.values);
        if (conflicts.length === 0) {
          await send(() => api.updateRecord(appKey, entity.key, current.id, current.version, patch), patch);
          return;
        }
        setConflict({ current, patch, conflicts });
      } else onError(error);
    } finally {
      setSaving(false);
    }
  };

  const save = async () => {
    const check = form.submit();
    if (!check.ok) return;
    if (!record) {
      const values = withoutHidden(check.value, limits);
      await send(() => api.createRecord(appKey, entity.key, values), values);
      return;
    }
    const patch = changedValues(inputValues(entity.fields, record.values), check.value);
    if (Object.keys(patch).length === 0) {
      onSaved(record);
      return;
    }
    await send(() => api.updateRecord(appKey, entity.key, record.id, record.version, patch), patch);
  };

  const resolveConflict = async (choices: Record<string, Side>) => {
    if (!conflict) return;
    const { current, patch } = conflict;
    setConflict(null);
    const merged = mergedPatch(patch, choices);
    if (Object.keys(merged).length === 0) onSaved(current);
    else await send(() => api.updateRecord(appKey, entity.key, current.id, current.version, merged), merged);
  };

  return { saving, save, conflict, resolveConflict, cancelConflict: () => setConflict(null) };
}
