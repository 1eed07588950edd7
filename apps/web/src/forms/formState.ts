import type { FieldError } from '@lowcode/form-engine';
import type { ErrorDetail } from '../api/types';
import { fieldKeyOfPath, type FormValues } from './formValues';

// The generated form's state as a pure reducer. The engine's verdict arrives inside the actions (the hook
// runs the engine), so the reducer only decides what to show: errors of fields the user has left (blur), all
// of them after a submit, and the server's RECORD_INVALID details until the field they name is edited.

export interface FormState {
  values: FormValues;
  touched: ReadonlySet<string>;
  submitted: boolean;
  clientErrors: readonly FieldError[];
  serverErrors: readonly ErrorDetail[];
}

export type FormAction =
  | { type: 'change'; key: string; value: unknown; errors: readonly FieldError[] }
  | { type: 'blur'; key: string; errors: readonly FieldError[] }
  | { type: 'submit'; errors: readonly FieldError[] }
  | { type: 'serverRejected'; details: readonly ErrorDetail[] }
  | { type: 'reset'; values: FormValues };

export const initialFormState = (values: FormValues): FormState => ({
  values,
  touched: new Set(),
  submitted: false,
  clientErrors: [],
  serverErrors: [],
});

export function formReducer(state: FormState, action: FormAction): FormState {
  switch (action.type) {
    case 'change':
      return {
        ...state,
        values: { ...state.values, [action.key]: action.value },
        clientErrors: action.errors,
        serverErrors: state.serverErrors.filter((detail) => fieldKeyOfPath(detail.path) !== action.key),
      };
    case 'blur':
      return { ...state, touched: new Set(state.touched).add(action.key), clientErrors: action.errors };
    case 'submit':
      return { ...state, submitted: true, clientErrors: action.errors };
    case 'serverRejected':
      return { ...state, submitted: true, serverErrors: action.details };
    case 'reset':
      return initialFormState(action.values);
  }
}

/** What the user sees: engine errors of touched fields (all after a submit), then the server's, without repeats. */
export function visibleErrors(state: FormState): ErrorDetail[] {
  const shown = state.clientErrors
    .filter((error) => state.submitted || state.touched.has(fieldKeyOfPath(error.path)))
    .map(({ path, message }) => ({ path, message }));
  const seen = new Set(shown.map((error) => `${error.path}\u0000${error.message}`));
  return [
    ...shown,
    ...state.serverErrors.filter((detail) => !seen.has(`${detail.path}\u0000${detail.message}`)),
  ];
}
