// Every message the engine can produce, in zh-CN and en. Checks record a code and params only; the text is
// rendered from this one table, so the browser and the server show the same words for the same problem.
import { type Locale } from '@lowcode/app-model';

export type MessageParams = Record<string, unknown>;

/** Locale-dependent pieces a message needs besides its params (the field label, option labels). */
export interface MessageContext {
  label: string;
  options?: string[];
}

type Render = (p: MessageParams, c: MessageContext) => string;
type Entry = { en: Render; 'zh-CN': Render };

const s = (value: unknown): string => String(value);
const enList = (items: string[] | undefined): string => (items ?? []).join(', ');
const zhList = (items: string[] | undefined): string => (items ?? []).join('、');

const EXPECTED: Record<string, { en: string; 'zh-CN': string }> = {
  string: { en: 'text', 'zh-CN': '文本' },
  number: { en: 'a number', 'zh-CN': '数字' },
  integer: { en: 'a whole number', 'zh-CN': '整数' },
  boolean: { en: 'yes or no', 'zh-CN': '是或否' },
  array: { en: 'a list', 'zh-CN': '列表' },
  object: { en: 'a group of values', 'zh-CN': '对象' },
};
const expected = (p: MessageParams, locale: Locale): string =>
  s(p.expected)
    .split(',')
    .map((type) => EXPECTED[type]?.[locale] ?? type)
    .join(locale === 'en' ? ' or ' : '或');

export const MESSAGES = {
  // ------------------------------------------------------------ record validation
  required: { en: (_, c) => `${c.label} is required`, 'zh-CN': (_, c) => `${c.label}为必填项` },
  readOnly: {
    en: (_, c) => `${c.label} is filled in by the system and cannot be set`,
    'zh-CN': (_, c) => `${c.label}由系统自动填写，不能手动设置`,
  },
  unknownField: {
    en: (p) => `"${s(p.field)}" is not a field of this form`,
    'zh-CN': (p) => `“${s(p.field)}”不是此表单中的字段`,
  },
  invalidType: {
    en: (p, c) => `${c.label} must be ${expected(p, 'en')}`,
    'zh-CN': (p, c) => `${c.label}必须是${expected(p, 'zh-CN')}`,
  },
  invalidValue: { en: (_, c) => `${c.label} has an invalid value`, 'zh-CN': (_, c) => `${c.label}的值无效` },
  minLength: {
    en: (p, c) => `${c.label} must be at least ${s(p.limit)} characters long`,
    'zh-CN': (p, c) => `${c.label}至少需要 ${s(p.limit)} 个字符`,
  },
  maxLength: {
    en: (p, c) => `${c.label} must be at most ${s(p.limit)} characters long`,
    'zh-CN': (p, c) => `${c.label}不能超过 ${s(p.limit)} 个字符`,
  },
  pattern: {
    en: (_, c) => `${c.label} is not in the expected format`,
    'zh-CN': (_, c) => `${c.label}的格式不正确`,
  },
  min: {
    en: (p, c) => `${c.label} must be at least ${s(p.limit)}`,
    'zh-CN': (p, c) => `${c.label}不能小于 ${s(p.limit)}`,
  },
  max: {
    en: (p, c) => `${c.label} must be at most ${s(p.limit)}`,
    'zh-CN': (p, c) => `${c.label}不能大于 ${s(p.limit)}`,
  },
  precision: {
    en: (p, c) => `${c.label} can have at most ${s(p.digits)} decimal places`,
    'zh-CN': (p, c) => `${c.label}最多保留 ${s(p.digits)} 位小数`,
  },
  invalidDate: {
    en: (_, c) => `${c.label} must be a date such as 2026-03-01`,
    'zh-CN': (_, c) => `${c.label}必须是有效日期，例如 2026-03-01`,
  },
  invalidDatetime: {
    en: (_, c) => `${c.label} must be a date and time with a time zone, such as 2026-03-01T09:30:00+08:00`,
    'zh-CN': (_, c) => `${c.label}必须是带时区的日期时间，例如 2026-03-01T09:30:00+08:00`,
  },
  minDate: {
    en: (p, c) => `${c.label} must be on or after ${s(p.limit)}`,
    'zh-CN': (p, c) => `${c.label}不能早于 ${s(p.limit)}`,
  },
  maxDate: {
    en: (p, c) => `${c.label} must be on or before ${s(p.limit)}`,
    'zh-CN': (p, c) => `${c.label}不能晚于 ${s(p.limit)}`,
  },
  dateRangeOrder: {
    en: (_, c) => `${c.label}: the end date must not be before the start date`,
    'zh-CN': (_, c) => `${c.label}的结束日期不能早于开始日期`,
  },
  invalidOption: {
    en: (_, c) => `${c.label} must be one of: ${enList(c.options)}`,
    'zh-CN': (_, c) => `${c.label}只能从以下选项中选择：${zhList(c.options)}`,
  },
  duplicateItems: {
    en: (_, c) => `${c.label} contains the same value more than once`,
    'zh-CN': (_, c) => `${c.label}中有重复的值`,
  },
  maxSelected: {
    en: (p, c) => `${c.label} allows at most ${s(p.limit)} choices`,
    'zh-CN': (p, c) => `${c.label}最多只能选择 ${s(p.limit)} 项`,
  },
  mobile: {
    en: () => 'Mobile number must be 11 digits starting with 1',
    'zh-CN': () => '请输入 11 位手机号码',
  },
  idCardFormat: {
    en: () => 'Resident ID number must be 18 characters: 17 digits followed by a digit or X',
    'zh-CN': () => '身份证号码应为 18 位：17 位数字加 1 位数字或 X',
  },
  idCardBirthDate: {
    en: () => 'Resident ID number is invalid (the birth date in it does not exist or is in the future)',
    'zh-CN': () => '身份证号码中的出生日期无效',
  },
  idCardCheckDigit: {
    en: () => 'Resident ID number is invalid (check digit does not match)',
    'zh-CN': () => '身份证号码校验位不正确',
  },
  creditCodeFormat: {
    en: () => 'Unified social credit code must be 18 digits or capital letters (without I, O, S, V, Z)',
    'zh-CN': () => '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）',
  },
  creditCodeCheckDigit: {
    en: () => 'Unified social credit code is invalid (check character does not match)',
    'zh-CN': () => '统一社会信用代码校验位不正确',
  },
  email: {
    en: (_, c) => `${c.label} must be an e-mail address such as name@example.com`,
    'zh-CN': (_, c) => `${c.label}必须是有效的电子邮箱地址，例如 name@example.com`,
  },
  url: {
    en: (_, c) => `${c.label} must be a web address starting with http:// or https://`,
    'zh-CN': (_, c) => `${c.label}必须是以 http:// 或 https:// 开头的网址`,
  },
  uuid: {
    en: (_, c) => `${c.label} must point to a record or person by its ID`,
    'zh-CN': (_, c) => `${c.label}必须是有效的记录或人员 ID`,
  },
  minRows: {
    en: (p, c) => `${c.label} needs at least ${s(p.limit)} rows`,
    'zh-CN': (p, c) => `${c.label}至少需要 ${s(p.limit)} 行`,
  },
  maxRows: {
    en: (p, c) => `${c.label} can have at most ${s(p.limit)} rows`,
    'zh-CN': (p, c) => `${c.label}最多只能有 ${s(p.limit)} 行`,
  },
  maxFiles: {
    en: (p, c) => `${c.label} allows at most ${s(p.limit)} files`,
    'zh-CN': (p, c) => `${c.label}最多只能上传 ${s(p.limit)} 个文件`,
  },
  fileTooLarge: {
    en: (p, c) => `${c.label}: each file must be at most ${s(p.limitMb)} MB`,
    'zh-CN': (p, c) => `${c.label}中单个文件不能超过 ${s(p.limitMb)} MB`,
  },
  fileType: {
    en: (p, c) => `${c.label}: this file type is not accepted (allowed: ${s(p.accept)})`,
    'zh-CN': (p, c) => `${c.label}不接受此类型的文件（允许：${s(p.accept)}）`,
  },
  invalidTransition: {
    en: (p, c) => `${c.label} cannot change from "${s(p.fromLabel)}" to "${s(p.toLabel)}"`,
    'zh-CN': (p, c) => `${c.label}不能从“${s(p.fromLabel)}”变更为“${s(p.toLabel)}”`,
  },
  crossField: {
    en: (p) => `The record does not satisfy the rule "${s(p.validation)}"`,
    'zh-CN': (p) => `记录不满足校验规则“${s(p.validation)}”`,
  },
  crossFieldFailed: {
    en: (p) => `The rule "${s(p.validation)}" could not be checked`,
    'zh-CN': (p) => `校验规则“${s(p.validation)}”无法执行`,
  },
  // ------------------------------------------------------------ spreadsheet cells
  cellComputed: {
    en: (_, c) => `${c.label} is calculated by the system and cannot be imported`,
    'zh-CN': (_, c) => `${c.label}由系统计算，不能导入`,
  },
  cellNotImportable: {
    en: (_, c) => `${c.label} cannot be imported from a spreadsheet; add it in the form instead`,
    'zh-CN': (_, c) => `${c.label}不能从表格导入，请在表单中填写`,
  },
  cellNotBoolean: {
    en: (p, c) => `${c.label}: "${s(p.value)}" is not yes or no`,
    'zh-CN': (p, c) => `${c.label}：“${s(p.value)}”不是“是”或“否”`,
  },
  cellNotNumber: {
    en: (p, c) => `${c.label}: "${s(p.value)}" is not a number`,
    'zh-CN': (p, c) => `${c.label}：“${s(p.value)}”不是数字`,
  },
  cellNotDate: {
    en: (p, c) => `${c.label}: "${s(p.value)}" is not a date (use 2026-03-01 or 2026/3/1)`,
    'zh-CN': (p, c) => `${c.label}：“${s(p.value)}”不是日期（请使用 2026-03-01 或 2026/3/1）`,
  },
  cellUnknownOption: {
    en: (p, c) => `${c.label}: "${s(p.value)}" is not one of the options (${enList(c.options)})`,
    'zh-CN': (p, c) => `${c.label}：“${s(p.value)}”不在可选项中（${zhList(c.options)}）`,
  },
  cellNotRows: {
    en: (_, c) => `${c.label}: the cell must hold the rows as a JSON list`,
    'zh-CN': (_, c) => `${c.label}：单元格内容必须是 JSON 格式的行列表`,
  },
  // ------------------------------------------------------------ compiling definitions (builder mistakes)
  patternTooLong: {
    en: (p, c) => `The pattern of ${c.label} is longer than ${s(p.limit)} characters`,
    'zh-CN': (p, c) => `${c.label}的正则表达式超过 ${s(p.limit)} 个字符`,
  },
  patternNestedQuantifier: {
    en: (_, c) => `The pattern of ${c.label} repeats a repeated group, which can hang the check; simplify it`,
    'zh-CN': (_, c) => `${c.label}的正则表达式包含嵌套重复（如 (a+)+），可能导致校验卡死，请简化`,
  },
  patternInvalid: {
    en: (_, c) => `The pattern of ${c.label} is not a valid regular expression`,
    'zh-CN': (_, c) => `${c.label}的正则表达式无效`,
  },
  logicForbiddenOperation: {
    en: (p) => `The operation "${s(p.operation)}" is not allowed in conditions and formulas`,
    'zh-CN': (p) => `条件和公式中不允许使用操作“${s(p.operation)}”`,
  },
  logicForbiddenPath: {
    en: (p) => `The variable path "${s(p.var)}" uses "${s(p.segment)}", which is not allowed`,
    'zh-CN': (p) => `变量路径“${s(p.var)}”中包含不允许的片段“${s(p.segment)}”`,
  },
  logicDynamicVar: {
    en: () => 'A "var" must name its path as plain text or a number, not compute it',
    'zh-CN': () => '"var" 的路径必须直接写成文本或数字，不能由表达式计算得出',
  },
  logicTooDeep: {
    en: (p) => `The expression is nested more than ${s(p.limit)} levels deep`,
    'zh-CN': (p) => `表达式嵌套超过 ${s(p.limit)} 层`,
  },
  logicTooLarge: {
    en: (p) => `The expression has more than ${s(p.limit)} parts`,
    'zh-CN': (p) => `表达式包含的节点超过 ${s(p.limit)} 个`,
  },
  formulaSyntax: {
    en: (p) => `The formula cannot be read at character ${s(p.at)}`,
    'zh-CN': (p) => `公式在第 ${s(p.at)} 个字符处无法识别`,
  },
  formulaUnknownField: {
    en: (p) => `The formula names "${s(p.field)}", which is no field here`,
    'zh-CN': (p) => `公式中的“${s(p.field)}”不是这里的字段`,
  },
  formulaUnknownFunction: {
    en: (p) => `"${s(p.function)}" is no formula function; there are ${s(p.functions)}`,
    'zh-CN': (p) => `没有函数“${s(p.function)}”，可用的函数：${s(p.functions)}`,
  },
  formulaArguments: {
    en: (p) => `${s(p.function)} takes ${s(p.count)} arguments`,
    'zh-CN': (p) => `函数 ${s(p.function)} 需要 ${s(p.count)} 个参数`,
  },
  formulaUnsupported: {
    en: (p) => `A formula cannot use "${s(p.what)}"`,
    'zh-CN': (p) => `公式中不能使用“${s(p.what)}”`,
  },
  notStatusField: {
    en: (p) => `"${s(p.field)}" is not a status field of this entity`,
    'zh-CN': (p) => `“${s(p.field)}”不是此实体的状态字段`,
  },
  autoNumberPattern: {
    en: (p) => `The auto-number pattern "${s(p.pattern)}" needs exactly one {seq:N} token (N from 1 to 12)`,
    'zh-CN': (p) => `自动编号规则“${s(p.pattern)}”必须包含且仅包含一个 {seq:N}（N 为 1 到 12）`,
  },
} satisfies Record<string, Entry>;

export type MessageCode = keyof typeof MESSAGES;

export const MESSAGE_CODES = Object.keys(MESSAGES) as MessageCode[];

/** Renders one message; the label and option labels in `context` must already be in `locale`. */
export function renderMessage(
  code: MessageCode,
  locale: Locale,
  params: MessageParams = {},
  context: MessageContext = { label: '' },
): string {
  const entry: Entry = MESSAGES[code];
  return entry[locale](params, context);
}
