// Cross-field validations (e.g. a contract's end date after its start date): JSON-logic conditions over
// `{ record }` that must be true. Checked for safety when the entity is compiled.
import { type CrossFieldValidation, type EntityDefinition, type Locale } from '@lowcode/app-model';
import { localize } from '../messages/localize';
import { assertSafeJsonLogic, evaluateCheckedLogic, isTruthy } from '../logic/safe-json-logic';
import { type FieldError, fieldError } from './field-error';

/** Throws FormDefinitionError when a condition is unsafe to evaluate. */
export function assertSafeValidations(entity: EntityDefinition): void {
  for (const validation of entity.validations ?? []) {
    assertSafeJsonLogic(validation.condition, `validations.${validation.key}.condition`);
  }
}

/**
 * Runs the validations against `record`. A validation is skipped when one of its fields already has an
 * error (its condition would only repeat that problem) or when `isApplicable` says its fields are unknown.
 */
export function checkCrossFieldValidations(
  validations: readonly CrossFieldValidation[],
  record: Record<string, unknown>,
  locale: Locale,
  fieldsWithErrors: ReadonlySet<string>,
  isApplicable: (validation: CrossFieldValidation) => boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const validation of validations) {
    if (validation.fields.some((key) => fieldsWithErrors.has(key)) || !isApplicable(validation)) continue;
    let passed: boolean;
    let failedToRun = false;
    try {
      passed = isTruthy(evaluateCheckedLogic(validation.condition, { record }));
    } catch {
      passed = false;
      failedToRun = true;
    }
    if (passed) continue;
    const params = { validation: validation.key };
    const targets = validation.fields.length > 0 ? validation.fields : [''];
    for (const path of targets) {
      if (failedToRun) {
        errors.push(fieldError(path, 'crossFieldFailed', locale, '', params));
        continue;
      }
      const message = localize(validation.message, locale);
      errors.push({ path, code: 'crossField', message, params });
    }
  }
  return errors;
}
