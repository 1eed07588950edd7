// Public API of @lowcode/form-engine: the framework-free form engine shared by the server and the browser.
export {
  compileEntity,
  clearCompiledEntityCache,
  compiledEntityCacheSize,
  stableStringify,
  type CompiledEntity,
  type ValidateOptions,
  type ValidationResult,
} from './compile/compile-entity';
export { type ValidationMode } from './compile/prepare-record';
export { type FieldError } from './compile/field-error';
export { validateTransition, type TransitionResult } from './compile/transitions';
export { hasNestedQuantifier, MAX_PATTERN_LENGTH } from './compile/safe-pattern';
export { fileMatchesAccept } from './compile/ajv-setup';
export {
  FIELD_TYPE_HANDLERS,
  handlerFor,
  isComputedField,
  inputValues,
  fieldsObjectSchema,
  type FieldOfType,
} from './fields/registry';
export {
  type CellError,
  type CellOptions,
  type CellResult,
  type FieldTypeHandler,
  type JsonSchema,
  type StorageColumn,
  type StorageSpec,
  type WidgetName,
} from './fields/field-handler';
export { matchOption } from './fields/date-and-choice-handlers';
export {
  isMainlandMobile,
  isResidentIdNumber,
  residentIdProblem,
  isUnifiedSocialCreditCode,
  creditCodeProblem,
  isEmail,
  isHttpUrl,
  isIsoDate,
  type ResidentIdProblem,
} from './validators/identity-numbers';
export {
  assertSafeJsonLogic,
  MAX_LOGIC_DEPTH,
  MAX_LOGIC_NODES,
  recordFieldsRead,
} from './logic/safe-json-logic';
export { computeFormulas, evaluateFormula } from './logic/formula';
export {
  FORMULA_FUNCTIONS,
  formatFormula,
  parseFormula,
  type ScopeField,
  type FormulaScope,
} from './logic/formula-text';
export {
  formatAutoNumber,
  autoNumberScope,
  assertAutoNumberPattern,
  type AutoNumberInput,
} from './auto-number/auto-number';
export {
  MESSAGES,
  MESSAGE_CODES,
  renderMessage,
  type MessageCode,
  type MessageContext,
  type MessageParams,
} from './messages/catalog';
export { FormDefinitionError } from './errors';
