import type { EntityDefinition, Locale } from '@lowcode/app-model';
import type { ValidationMode } from '@lowcode/form-engine';
import { useCallback, useMemo, useReducer } from 'react';
import type { ErrorDetail } from '../api/types';
import { formReducer, initialFormState, visibleErrors } from './formState';
import { checkValues, type FormCheck, type FormValues } from './formValues';

export interface RecordFormOptions {
  entity: EntityDefinition;
  locale: Locale;
  mode: ValidationMode;
  initial: FormValues;
  /** Stored values on update (status transitions, cross-field rules). */
  current?: FormValues;
}

export interface RecordForm {
  values: FormValues;
  errors: ErrorDetail[];
  setValue(key: string, value: unknown): void;
  blurField(key: string): void;
  /** Validates everything and shows every error; returns the engine's verdict. */
  submit(): FormCheck;
  showServerErrors(details: readonly ErrorDetail[]): void;
  reset(values: FormValues): void;
}

/** Owns the form state; the engine (through checkValues) is the only judge of the values. */
export function useRecordForm({ entity, locale, mode, initial, current }: RecordFormOptions): RecordForm {
  const [state, dispatch] = useReducer(formReducer, initial, initialFormState);
  const check = useCallback(
    (values: FormValues) => {
      const result = checkValues(entity, values, { locale, mode, ...(current ? { current } : {}) });
      return result;
    },
    [entity, locale, mode, current],
  );
  // The verdict on the values as they are now. Worked out per render rather than inside the handlers: a
  // handler may come from an older render (antd's date panels call the onBlur they were opened with, after
  // their onChange), and must not bring back a "required" about a value picked since.
  const verdict = useMemo(() => check(state.values), [check, state.values]);

  const setValue = (key: string, value: unknown) => dispatch({ type: 'change', key, value });
  const blurField = (key: string) => dispatch({ type: 'blur', key });
  const submit = () => {
    dispatch({ type: 'submit' });
    return verdict;
  };
  const errors = useMemo(() => visibleErrors(state, verdict.ok ? [] : verdict.errors), [state, verdict]);
  // Stable, so a caller can start the form over when what it edits has loaded.
  const reset = useCallback((values: FormValues) => dispatch({ type: 'reset', values }), []);

  return {
    values: state.values,
    errors,
    setValue,
    blurField,
    submit,
    showServerErrors: (details) => dispatch({ type: 'serverRejected', details }),
    reset,
  };
}
