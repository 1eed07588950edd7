// Shared pieces of the message catalogs: owner chains, quoting, type names.
import { type Owner, type OwnerKind } from '../issues';

export type P = Record<string, unknown>;
export type Render = (p: P, owner: string) => string;

const KIND_NAMES: { [K in OwnerKind]: { en: string; zh: string } } = {
  entity: { en: 'entity', zh: '实体' },
  field: { en: 'field', zh: '字段' },
  validation: { en: 'validation', zh: '校验规则' },
  document: { en: 'document', zh: '打印模板' },
  option: { en: 'option', zh: '选项' },
  flow: { en: 'flow', zh: '流程' },
  node: { en: 'node', zh: '节点' },
  edge: { en: 'edge', zh: '连线' },
  rule: { en: 'rule', zh: '规则' },
  action: { en: 'action', zh: '动作' },
  report: { en: 'report', zh: '报表' },
  measure: { en: 'measure', zh: '指标' },
  dimension: { en: 'dimension', zh: '维度' },
  dashboard: { en: 'dashboard', zh: '仪表盘' },
  item: { en: 'item', zh: '组件' },
  filter: { en: 'filter', zh: '筛选条件' },
  role: { en: 'role', zh: '角色' },
  permission: { en: 'permission', zh: '权限' },
  attribute: { en: 'member attribute', zh: '成员属性' },
  seed: { en: 'seed data of entity', zh: '实体初始数据' },
  record: { en: 'record', zh: '记录' },
};

export const kindName = (kind: unknown, lang: 'en' | 'zh'): string =>
  KIND_NAMES[kind as OwnerKind]?.[lang] ?? String(kind);

export const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

const TYPE_NAMES: Record<string, { en: string; zh: string }> = {
  object: { en: 'an object', zh: '对象' },
  array: { en: 'a list', zh: '列表（数组）' },
  string: { en: 'text', zh: '文本' },
  number: { en: 'a number', zh: '数字' },
  integer: { en: 'a whole number', zh: '整数' },
  boolean: { en: 'true or false', zh: 'true 或 false' },
  null: { en: 'null', zh: 'null' },
};

export const q = (value: unknown): string => `"${String(value)}"`;
export const list = (value: unknown): string =>
  Array.isArray(value) ? value.map(String).join(', ') : String(value);
export const zhList = (value: unknown): string =>
  Array.isArray(value) ? value.map(String).join('、') : String(value);
export const typeName = (value: unknown, lang: 'en' | 'zh'): string =>
  String(value)
    .split(',')
    .map((t) => TYPE_NAMES[t]?.[lang] ?? t)
    .join(lang === 'en' ? ' or ' : '或');

export function ownerText(owner: Owner | undefined, lang: 'en' | 'zh'): string {
  if (!owner || owner.length === 0) return lang === 'en' ? 'This item' : '该项';
  const parts = owner.map(({ kind, key }) => {
    if (kind === 'record')
      return lang === 'en' ? `record ${Number(key) + 1}` : `第 ${Number(key) + 1} 条记录`;
    return `${KIND_NAMES[kind][lang]} ${q(key)}`;
  });
  if (lang === 'zh') return parts.join(' 的');
  const text = parts.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `property` names the JSON property at the issue path (or the missing/unknown one). */
export const subject = (p: P, lang: 'en' | 'zh'): string =>
  p.property ? q(p.property) : lang === 'en' ? 'The document' : '文档';

export type Catalog = Record<string, { en: Render; zh: Render }>;
