// Status moves (e.g. a work order going from "pending" to "done" only via "in progress").
import { type EntityDefinition, type Locale, type StatusField } from '@lowcode/app-model';
import { FormDefinitionError } from '../errors';
import { optionLabels } from '../fields/date-and-choice-handlers';
import { localize } from '../messages/localize';
import { type FieldError, fieldError } from './field-error';

export type TransitionResult = { ok: true } | { ok: false; error: FieldError };

function statusField(entity: EntityDefinition, fieldKey: string): StatusField {
  const field = entity.fields.find((candidate) => candidate.key === fieldKey);
  if (field?.type !== 'status')
    throw new FormDefinitionError('notStatusField', `fields.${fieldKey}`, { field: fieldKey });
  return field;
}

/**
 * May `fieldKey` move from `from` to `to`? A new record (`from` null) may start in any option, staying put
 * is always allowed, and a field without `transitions` allows any move between its options. Throws
 * FormDefinitionError `notStatusField` when the field is missing or not a status.
 */
export function validateTransition(
  entity: EntityDefinition,
  fieldKey: string,
  from: string | null | undefined,
  to: string,
  locale: Locale = 'zh-CN',
): TransitionResult {
  const field = statusField(entity, fieldKey);
  const label = localize(field.label, locale);
  const option = (value: string | null | undefined) =>
    field.options.find((candidate) => candidate.value === value);
  const target = option(to);
  if (!target) {
    const error = fieldError(
      fieldKey,
      'invalidOption',
      locale,
      label,
      { allowed: field.options.map((o) => o.value) },
      optionLabels(field.options, locale),
    );
    return { ok: false, error };
  }
  if (from === null || from === undefined || from === to || !field.transitions) return { ok: true };
  if (field.transitions.some((move) => move.from === from && move.to === to)) return { ok: true };
  const fromOption = option(from);
  const params = {
    from,
    to,
    fromLabel: fromOption ? localize(fromOption.label, locale) : from,
    toLabel: localize(target.label, locale),
  };
  return { ok: false, error: fieldError(fieldKey, 'invalidTransition', locale, label, params) };
}
