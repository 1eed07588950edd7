// The one entry point for checking an app definition: structure first, then meaning, all issues at once.
import { IssueSink, type AppModelIssue } from './issues';
import { renderIssue } from './messages';
import { checkSemantics } from './semantic';
import { validateStructure } from './structural';
import { type AppDefinition, type Locale } from './types';

export type AppValidationResult =
  { ok: true; app: AppDefinition; warnings: AppModelIssue[] } | { ok: false; errors: AppModelIssue[] };

export interface ValidateOptions {
  /** Language of the messages; default `en`. */
  locale?: Locale;
}

/**
 * Validates an app definition and returns every problem found, each with a JSON path and a plain-words
 * message. Semantic checks run even when the structure is broken, on the parts that are readable, so an
 * author sees all errors in one pass. The input is never modified; on success `app` is the input itself.
 */
export function validateAppDefinition(input: unknown, options: ValidateOptions = {}): AppValidationResult {
  const locale = options.locale ?? 'en';
  const sink = new IssueSink();
  const structural = validateStructure(input);
  checkSemantics(input, sink);
  const errors = [...structural, ...sink.errors].map((issue) => renderIssue(issue, locale));
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    app: input as AppDefinition,
    warnings: sink.warnings.map((issue) => renderIssue(issue, locale)),
  };
}
