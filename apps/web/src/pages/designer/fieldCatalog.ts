import type { FieldType, LocalizedText } from '@lowcode/app-model';

// The designer's palette: every field type with its group and its name in both languages. The mapped type
// makes a field type added to app-model a compile error here, so the palette can never silently miss one.

export const FIELD_GROUPS = ['basic', 'choice', 'date', 'contact', 'files', 'relations', 'system'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export interface FieldTypeInfo {
  group: FieldGroup;
  name: LocalizedText;
}

export const FIELD_CATALOG: { [T in FieldType]: FieldTypeInfo } = {
  text: { group: 'basic', name: { 'zh-CN': '单行文本', en: 'Text' } },
  longText: { group: 'basic', name: { 'zh-CN': '多行文本', en: 'Long text' } },
  richText: { group: 'basic', name: { 'zh-CN': '富文本', en: 'Rich text' } },
  number: { group: 'basic', name: { 'zh-CN': '数字', en: 'Number' } },
  money: { group: 'basic', name: { 'zh-CN': '金额', en: 'Money' } },
  percent: { group: 'basic', name: { 'zh-CN': '百分比', en: 'Percent' } },
  checkbox: { group: 'basic', name: { 'zh-CN': '复选框', en: 'Checkbox' } },
  rating: { group: 'basic', name: { 'zh-CN': '评分', en: 'Rating' } },
  select: { group: 'choice', name: { 'zh-CN': '单选', en: 'Single select' } },
  multiSelect: { group: 'choice', name: { 'zh-CN': '多选', en: 'Multiple select' } },
  status: { group: 'choice', name: { 'zh-CN': '状态', en: 'Status' } },
  date: { group: 'date', name: { 'zh-CN': '日期', en: 'Date' } },
  datetime: { group: 'date', name: { 'zh-CN': '日期时间', en: 'Date & time' } },
  dateRange: { group: 'date', name: { 'zh-CN': '日期区间', en: 'Date range' } },
  phone: { group: 'contact', name: { 'zh-CN': '手机号', en: 'Mobile number' } },
  email: { group: 'contact', name: { 'zh-CN': '邮箱', en: 'Email' } },
  url: { group: 'contact', name: { 'zh-CN': '网址', en: 'URL' } },
  idCard: { group: 'contact', name: { 'zh-CN': '身份证号', en: 'ID number' } },
  creditCode: { group: 'contact', name: { 'zh-CN': '统一社会信用代码', en: 'Credit code' } },
  location: { group: 'contact', name: { 'zh-CN': '地址定位', en: 'Location' } },
  attachment: { group: 'files', name: { 'zh-CN': '附件', en: 'Attachment' } },
  image: { group: 'files', name: { 'zh-CN': '图片', en: 'Image' } },
  signature: { group: 'files', name: { 'zh-CN': '手写签名', en: 'Signature' } },
  relation: { group: 'relations', name: { 'zh-CN': '关联记录', en: 'Relation' } },
  subTable: { group: 'relations', name: { 'zh-CN': '子表', en: 'Sub-table' } },
  user: { group: 'relations', name: { 'zh-CN': '成员', en: 'User' } },
  department: { group: 'relations', name: { 'zh-CN': '部门', en: 'Department' } },
  lookup: { group: 'relations', name: { 'zh-CN': '引用字段', en: 'Lookup' } },
  rollup: { group: 'relations', name: { 'zh-CN': '汇总', en: 'Rollup' } },
  autoNumber: { group: 'system', name: { 'zh-CN': '自动编号', en: 'Auto number' } },
  formula: { group: 'system', name: { 'zh-CN': '公式', en: 'Formula' } },
  createdBy: { group: 'system', name: { 'zh-CN': '创建人', en: 'Created by' } },
  createdAt: { group: 'system', name: { 'zh-CN': '创建时间', en: 'Created at' } },
  updatedBy: { group: 'system', name: { 'zh-CN': '修改人', en: 'Updated by' } },
  updatedAt: { group: 'system', name: { 'zh-CN': '修改时间', en: 'Updated at' } },
};

export const fieldTypesOf = (group: FieldGroup): FieldType[] =>
  (Object.keys(FIELD_CATALOG) as FieldType[]).filter((type) => FIELD_CATALOG[type].group === group);
