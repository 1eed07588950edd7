// The one error the engine throws: a definition that cannot be compiled safely (a builder's mistake, caught
// when the entity is compiled, never while a record is validated).
import { type Locale, type LocalizedText } from '@lowcode/app-model';
import { type MessageCode, type MessageParams, renderMessage } from './messages/catalog';
import { localize } from './messages/localize';

export class FormDefinitionError extends Error {
  override readonly name = 'FormDefinitionError';

  constructor(
    readonly code: MessageCode,
    /** Where in the entity definition, e.g. `fields.contractNo.pattern` or `validations.endAfterStart`. */
    readonly path: string,
    readonly params: MessageParams = {},
    /** The label of the field the problem is in, for messages that name it. */
    readonly label?: LocalizedText,
  ) {
    super(`${path}: ${renderMessage(code, 'en', params, { label: localize(label, 'en') || path })}`);
  }

  /** The message in `locale`, for showing to the builder. */
  render(locale: Locale): string {
    return renderMessage(this.code, locale, this.params, {
      label: localize(this.label, locale) || this.path,
    });
  }
}
