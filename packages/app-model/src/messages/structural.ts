// Messages for JSON Schema (structural) issues. `property` names the JSON property at the issue path.
import { type Catalog, list, q, subject, typeName, zhList } from './format';

export const STRUCTURAL: Catalog = {
  'schema.required': { en: (p) => `${q(p.property)} is required`, zh: (p) => `缺少必填项 ${q(p.property)}` },
  'schema.type': {
    en: (p) => `${subject(p, 'en')} must be ${typeName(p.expected, 'en')}`,
    zh: (p) => `${subject(p, 'zh')} 必须是${typeName(p.expected, 'zh')}`,
  },
  'schema.enum': {
    en: (p) => `${subject(p, 'en')} must be one of: ${list(p.allowed)}`,
    zh: (p) => `${subject(p, 'zh')} 只能是以下之一：${zhList(p.allowed)}`,
  },
  'schema.const': {
    en: (p) => `${subject(p, 'en')} must be ${JSON.stringify(p.allowed)}`,
    zh: (p) => `${subject(p, 'zh')} 必须等于 ${JSON.stringify(p.allowed)}`,
  },
  'schema.unknownProperty': {
    en: (p) => `Unknown property ${q(p.property)}`,
    zh: (p) => `不认识的属性 ${q(p.property)}`,
  },
  'schema.invalidFieldPath': {
    en: (p) =>
      `${subject(p, 'en')} must be a field key or a path of up to 4 keys joined by dots (e.g. "room.building")`,
    zh: (p) => `${subject(p, 'zh')} 须为字段标识，或以点连接的至多 4 个标识组成的路径（如 "room.building"）`,
  },
  'schema.invalidKey': {
    en: (p) =>
      `${subject(p, 'en')} must be a key: a lowercase letter first, then letters, digits or _, at most 63 characters (e.g. "roomNo")`,
    zh: (p) =>
      `${subject(p, 'zh')} 不是有效的标识：须以小写字母开头，后跟字母、数字或下划线，最多 63 个字符（如 "roomNo"）`,
  },
  'schema.invalidAttributeKey': {
    en: (p) =>
      `${subject(p, 'en')} must be an attribute key: a letter first, then letters, digits or _, at most 50 characters (e.g. "projects")`,
    zh: (p) =>
      `${subject(p, 'zh')} 不是有效的属性标识：须以字母开头，后跟字母、数字或下划线，最多 50 个字符（如 "projects"）`,
  },
  'schema.invalidVersion': {
    en: (p) => `${subject(p, 'en')} must be a semantic version such as 1.0.0`,
    zh: (p) => `${subject(p, 'zh')} 必须是语义化版本号，例如 1.0.0`,
  },
  'schema.invalidColor': {
    en: (p) => `${subject(p, 'en')} must be a colour like #1677ff or a colour name like red`,
    zh: (p) => `${subject(p, 'zh')} 必须是颜色值（如 #1677ff）或颜色名（如 red）`,
  },
  'schema.invalidCurrency': {
    en: (p) => `${subject(p, 'en')} must be a three-letter currency code such as CNY`,
    zh: (p) => `${subject(p, 'zh')} 必须是三位大写货币代码，例如 CNY`,
  },
  'schema.invalidTime': {
    en: (p) => `${subject(p, 'en')} must be a time of day as HH:mm, e.g. 09:30`,
    zh: (p) => `${subject(p, 'zh')} 必须是 HH:mm 格式的时间，例如 09:30`,
  },
  'schema.invalidCron': {
    en: (p) => `${subject(p, 'en')} must be a cron expression with 5 or 6 fields, e.g. "0 9 * * 1"`,
    zh: (p) => `${subject(p, 'zh')} 必须是 5 段或 6 段的 cron 表达式，例如 "0 9 * * 1"`,
  },
  'schema.pattern': {
    en: (p) => `${subject(p, 'en')} does not match the pattern ${String(p.pattern)}`,
    zh: (p) => `${subject(p, 'zh')} 不符合格式 ${String(p.pattern)}`,
  },
  'schema.invalidDuration': {
    en: (p) => `${subject(p, 'en')} must be an ISO-8601 duration such as PT4H (4 hours) or P3D (3 days)`,
    zh: (p) => `${subject(p, 'zh')} 必须是 ISO-8601 时长，例如 PT4H（4 小时）或 P3D（3 天）`,
  },
  'schema.invalidUri': {
    en: (p) => `${subject(p, 'en')} must be a full URL such as https://example.com/hook`,
    zh: (p) => `${subject(p, 'zh')} 必须是完整的网址，例如 https://example.com/hook`,
  },
  'schema.invalidDate': {
    en: (p) => `${subject(p, 'en')} must be a date as YYYY-MM-DD`,
    zh: (p) => `${subject(p, 'zh')} 必须是 YYYY-MM-DD 格式的日期`,
  },
  'schema.format': {
    en: (p) => `${subject(p, 'en')} is not a valid ${String(p.format)}`,
    zh: (p) => `${subject(p, 'zh')} 不是有效的 ${String(p.format)}`,
  },
  'schema.minLength': {
    en: (p) =>
      p.limit === 1
        ? `${subject(p, 'en')} must not be empty`
        : `${subject(p, 'en')} must have at least ${String(p.limit)} characters`,
    zh: (p) =>
      p.limit === 1
        ? `${subject(p, 'zh')} 不能为空`
        : `${subject(p, 'zh')} 至少需要 ${String(p.limit)} 个字符`,
  },
  'schema.maxLength': {
    en: (p) => `${subject(p, 'en')} must have at most ${String(p.limit)} characters`,
    zh: (p) => `${subject(p, 'zh')} 最多 ${String(p.limit)} 个字符`,
  },
  'schema.minimum': {
    en: (p) => `${subject(p, 'en')} must be at least ${String(p.limit)}`,
    zh: (p) => `${subject(p, 'zh')} 不能小于 ${String(p.limit)}`,
  },
  'schema.maximum': {
    en: (p) => `${subject(p, 'en')} must be at most ${String(p.limit)}`,
    zh: (p) => `${subject(p, 'zh')} 不能大于 ${String(p.limit)}`,
  },
  'schema.exclusiveMinimum': {
    en: (p) => `${subject(p, 'en')} must be greater than ${String(p.limit)}`,
    zh: (p) => `${subject(p, 'zh')} 必须大于 ${String(p.limit)}`,
  },
  'schema.minItems': {
    en: (p) => `${subject(p, 'en')} needs at least ${String(p.limit)} item(s)`,
    zh: (p) => `${subject(p, 'zh')} 至少需要 ${String(p.limit)} 项`,
  },
  'schema.maxItems': {
    en: (p) => `${subject(p, 'en')} may have at most ${String(p.limit)} item(s)`,
    zh: (p) => `${subject(p, 'zh')} 最多只能有 ${String(p.limit)} 项`,
  },
  'schema.uniqueItems': {
    en: (p) => `${subject(p, 'en')} lists the same value twice (items ${String(p.j)} and ${String(p.i)})`,
    zh: (p) => `${subject(p, 'zh')} 中有重复的值（第 ${Number(p.j) + 1} 项和第 ${Number(p.i) + 1} 项）`,
  },
  'schema.oneOf': {
    en: (p) => `${subject(p, 'en')} must have exactly one of these forms: ${list(p.options)}`,
    zh: (p) => `${subject(p, 'zh')} 必须且只能符合以下一种形式：${zhList(p.options)}`,
  },
  'schema.dependencies': {
    en: (p) => `${q(p.property)} can only be used together with ${q(p.missingProperty)}`,
    zh: (p) => `${q(p.property)} 只能与 ${q(p.missingProperty)} 一起使用`,
  },
  'schema.invalid': {
    en: (p) => `${subject(p, 'en')} is invalid (${String(p.keyword)})`,
    zh: (p) => `${subject(p, 'zh')} 无效（${String(p.keyword)}）`,
  },
};
