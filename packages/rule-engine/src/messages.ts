// Every message the engine shows, in both languages, with `{param}` placeholders.
import { type Locale } from '@lowcode/app-model';

export const MESSAGES = {
  forEachNotList: {
    en: '"forEach" gave {value}, not a list',
    'zh-CN': '"forEach" 的结果是 {value}，不是列表',
  },
  forEachTooLong: {
    en: '"forEach" gave {length} items; at most {limit} are allowed',
    'zh-CN': '"forEach" 得到 {length} 项，最多允许 {limit} 项',
  },
  incrementNotNumber: {
    en: 'Increment of "{field}" gave {value}, not a number',
    'zh-CN': '字段 "{field}" 的增减量是 {value}，不是数字',
  },
  recordIdMissing: {
    en: '"record" gave {value}, not a record id',
    'zh-CN': '"record" 的结果是 {value}，不是记录 id',
  },
  unknownEntity: { en: 'Entity "{entity}" does not exist', 'zh-CN': '实体 "{entity}" 不存在' },
  unknownField: {
    en: 'Entity "{entity}" has no field "{field}"',
    'zh-CN': '实体 "{entity}" 中没有字段 "{field}"',
  },
  unknownFlow: { en: 'Flow "{flow}" does not exist', 'zh-CN': '流程 "{flow}" 不存在' },
  invalidCron: { en: 'Cron "{cron}" is invalid: {reason}', 'zh-CN': 'Cron 表达式 "{cron}" 无效：{reason}' },
  invalidTimeZone: { en: 'Unknown time zone "{timeZone}"', 'zh-CN': '未知时区 "{timeZone}"' },
  invalidTime: { en: 'Time "{value}" is not HH:mm', 'zh-CN': '时间 "{value}" 不是 HH:mm 格式' },
  invalidOffset: {
    en: 'Offset {value} must be a whole number of days within ±3660',
    'zh-CN': '偏移 {value} 必须是 ±3660 以内的整数天',
  },
  invalidDuration: { en: 'Duration "{value}" is not ISO-8601', 'zh-CN': '时长 "{value}" 不是 ISO-8601 格式' },
  invalidUrl: {
    en: 'Webhook URL "{url}" must start with http:// or https://',
    'zh-CN': 'Webhook 地址 "{url}" 必须以 http:// 或 https:// 开头',
  },
  noRecord: {
    en: 'A scheduled rule has no record, so it cannot use {ref}',
    'zh-CN': '定时规则没有记录，不能使用 {ref}',
  },
  logicForbiddenOperation: {
    en: 'Operation "{operation}" is not allowed',
    'zh-CN': '不允许使用运算 "{operation}"',
  },
  logicForbiddenPath: {
    en: 'Variable "{var}" uses the forbidden segment "{segment}"',
    'zh-CN': '变量 "{var}" 含有禁止的片段 "{segment}"',
  },
  logicDynamicVar: {
    en: 'Variable paths must be written out, not computed',
    'zh-CN': '变量路径必须直接写出，不能计算得出',
  },
  logicTooDeep: {
    en: 'The expression is nested deeper than {limit} levels',
    'zh-CN': '表达式嵌套超过 {limit} 层',
  },
  logicTooLarge: {
    en: 'The expression has more than {limit} parts',
    'zh-CN': '表达式超过 {limit} 个节点',
  },
  logicArity: {
    en: 'Operation "{operation}" takes {expected} argument(s), got {actual}',
    'zh-CN': '运算 "{operation}" 需要 {expected} 个参数，实际 {actual} 个',
  },
  invalidAggregate: { en: 'Aggregate "{name}": {reason}', 'zh-CN': '聚合 "{name}"：{reason}' },
  duplicateAggregate: {
    en: 'Aggregate "{name}" is declared twice with different settings',
    'zh-CN': '聚合 "{name}" 被以不同设置声明了两次',
  },
  arrayTooLong: {
    en: 'A list of {length} items exceeds the limit of {limit}',
    'zh-CN': '列表有 {length} 项，超过上限 {limit}',
  },
  dataTooDeep: {
    en: 'The rule data is nested deeper than {limit} levels',
    'zh-CN': '规则数据嵌套超过 {limit} 层',
  },
  aggregateMissing: {
    en: 'Aggregate "{name}" was not resolved before evaluation',
    'zh-CN': '聚合 "{name}" 在求值前未被解析',
  },
  evaluationFailed: { en: 'Evaluation failed: {reason}', 'zh-CN': '求值失败：{reason}' },
  chainTooDeep: {
    en: 'Rule "{ruleKey}" on record {recordId} would be rule firing number {depth} in one chain (limit {limit}): {chain}',
    'zh-CN':
      '规则 "{ruleKey}" 作用于记录 {recordId} 将是同一连锁中的第 {depth} 次触发（上限 {limit}）：{chain}',
  },
  chainCycle: {
    en: 'Rule "{ruleKey}" already fired on record {recordId} in this chain, so it would loop: {chain}',
    'zh-CN': '规则 "{ruleKey}" 已在此连锁中作用于记录 {recordId}，再次触发会形成循环：{chain}',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type RuleMessageCode = keyof typeof MESSAGES;
export type MessageParams = Record<string, string | number>;

export function renderMessage(code: RuleMessageCode, locale: Locale, params: MessageParams = {}): string {
  return MESSAGES[code][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
