// Typed errors: compile errors are a builder's mistake caught when a rule compiles; evaluation errors are
// data over the safety limits; chain errors are rules that would trigger each other without end.
import { type Locale } from '@lowcode/app-model';
import { type MessageParams, type RuleMessageCode, renderMessage } from './messages';

abstract class RuleEngineError extends Error {
  constructor(
    readonly code: RuleMessageCode,
    /** Where in the rule, e.g. `rules.lowStock.condition` or `rules.lowStock.trigger.cron`. */
    readonly path: string,
    readonly params: MessageParams = {},
  ) {
    super(`${path}: ${renderMessage(code, 'en', params)}`);
  }

  /** The message in `locale`, for the rule builder or the rule log. */
  render(locale: Locale): string {
    return renderMessage(this.code, locale, this.params);
  }
}

export class RuleCompileError extends RuleEngineError {
  override readonly name = 'RuleCompileError';
}

export class RuleEvaluationError extends RuleEngineError {
  override readonly name = 'RuleEvaluationError';
}

export class RuleChainError extends RuleEngineError {
  override readonly name = 'RuleChainError';
}
