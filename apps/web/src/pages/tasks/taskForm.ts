import type { EntityDefinition } from '@lowcode/app-model';
import { recordFieldsRead } from '@lowcode/form-engine';
import type { TaskDetail } from '../../api/flowTypes';

/**
 * The entity a task's form edits: the fields the step makes editable (required where the step needs them),
 * and only the cross-field rules the page can judge — those reading nothing but what it has (the editable
 * fields and the record's values it was given). A rule over a field the step does not show (a lease's end
 * after its start, on finance's confirmation) would otherwise fail on values the page never received and
 * block the step with an error nobody can see; the server checks every rule against the whole record.
 */
export function taskFormEntity(
  task: Pick<TaskDetail, 'form' | 'record'> | undefined,
  entity: EntityDefinition | undefined,
): EntityDefinition | undefined {
  if (!task?.form || !entity) return undefined;
  const required = new Set(task.form.required ?? []);
  const fields = task.form.fields
    .filter((field) => task.form!.editable.includes(field.key))
    .map((field) => (required.has(field.key) ? { ...field, required: true } : field));
  if (fields.length === 0) return undefined;
  const known = new Set([...fields.map((field) => field.key), ...Object.keys(task.record?.values ?? {})]);
  const validations = (entity.validations ?? []).filter((validation) =>
    [...recordFieldsRead(validation.condition)].every((key) => known.has(key)),
  );
  return { ...entity, fields, validations };
}
