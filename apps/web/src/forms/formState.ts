import type { FieldError } from '@lowcode/form-engine';
import type { ErrorDetail } from '../api/types';
import { fieldKeyOfPath, type FormValues } from './formValues';

// The generated form's state as a pure reducer: the values, which fields the user has left (blur), whether
// a submit happened, and the server's RECORD_INVALID details until the field they name is edited. The
// engine's verdict is not state: the hook derives it from the values, so it is never one about older values
// (a date picker calls the onBlur of the render it opened in, after its onChange has set the value).

export interface FormState {
  values: FormValues;
  touched: ReadonlySet<string>;
  submitted: boolean;
  serverErrors: readonly ErrorDetail[];
}

export type FormAction =
  | { type: 'change'; key: string; value: unknown }
  | { type: 'blur'; key: string }
  | { type: 'submit' }
  | { type: 'serverRejected'; details: readonly ErrorDetail[] }
  | { type: 'reset'; values: FormValues };

export const initialFormState = (values: FormValues): FormState => ({
  values,
  touched: new Set(),
  submitted: false,
  serverErrors: [],
});

export function formReducer(state: FormState, action: FormAction): FormState {
  switch (action.type) {
    case 'change':
      return {
        ...state,
        values: { ...state.values, [action.key]: action.value },
        serverErrors: state.serverErrors.filter((detail) => fieldKeyOfPath(detail.path) !== action.key),
      };
    case 'blur':
      return { ...state, touched: new Set(state.touched).add(action.key) };
    case 'submit':
      return { ...state, submitted: true };
    case 'serverRejected':
      return { ...state, submitted: true, serverErrors: action.details };
    case 'reset':
      return initialFormState(action.values);
  }
}

/**
 * What the user sees: the engine's errors (`clientErrors`, its verdict on `state.values`) of touched fields, all
 * of them after a submit, then the server's, without repeats.
 */
export function visibleErrors(state: FormState, clientErrors: readonly FieldError[]): ErrorDetail[] {
  const shown = clientErrors
    .filter((error) => state.submitted || state.touched.has(fieldKeyOfPath(error.path)))
    .map(({ path, message }) => ({ path, message }));
  const seen = new Set(shown.map((error) => `${error.path}\u0000${error.message}`));
  return [
    ...shown,
    ...state.serverErrors.filter((detail) => !seen.has(`${detail.path}\u0000${detail.message}`)),
  ];
}
