import {
  validateAppDefinition,
  type AppDefinition,
  type AppModelIssue,
  type Locale,
} from '@lowcode/app-model';
import { useState } from 'react';
import { api } from '../../api';
import { ApiError } from '../../api/ApiError';
import type { ErrorDetail, ImportPreview, ImportResult } from '../../api/types';

/**
 * Save = validate in the browser (problems with their paths) → dry-run import (changes and the records that
 * would stop validating) → import with the revision the designer started from, so a concurrent save is
 * refused (409 APP_REVISION_CONFLICT) instead of overwritten.
 */
export type SaveStep =
  | { step: 'idle' }
  | { step: 'checking' }
  | { step: 'invalid'; issues: Pick<AppModelIssue, 'path' | 'message'>[] }
  | { step: 'previewed'; preview: ImportPreview; definition: AppDefinition }
  | { step: 'importing'; preview: ImportPreview; definition: AppDefinition }
  | { step: 'conflict'; message: string }
  | { step: 'failed'; message: string; details: ErrorDetail[] };

export function useDesignerSave(revision: number, locale: Locale, onSaved: (result: ImportResult) => void) {
  const [state, setState] = useState<SaveStep>({ step: 'idle' });

  const failed = (error: unknown) =>
    setState(
      error instanceof ApiError && error.code === 'APP_REVISION_CONFLICT'
        ? { step: 'conflict', message: error.message }
        : {
            step: 'failed',
            message: error instanceof Error ? error.message : String(error),
            details: error instanceof ApiError ? error.details : [],
          },
    );

  const start = async (definition: AppDefinition) => {
    const checked = validateAppDefinition(definition, { locale });
    if (!checked.ok) {
      setState({ step: 'invalid', issues: checked.errors.map(({ path, message }) => ({ path, message })) });
      return;
    }
    setState({ step: 'checking' });
    try {
      setState({ step: 'previewed', preview: await api.previewImport(definition), definition });
    } catch (error) {
      failed(error);
    }
  };

  const confirm = async () => {
    if (state.step !== 'previewed') return;
    setState({ ...state, step: 'importing' });
    try {
      const result = await api.importApp(state.definition, revision);
      setState({ step: 'idle' });
      onSaved(result);
    } catch (error) {
      failed(error);
    }
  };

  return { state, start, confirm, close: () => setState({ step: 'idle' }) };
}
