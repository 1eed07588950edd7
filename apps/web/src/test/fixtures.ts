import type { AppDefinition, EntityDefinition } from '@lowcode/app-model';

/** A small app with the field types the tests need; valid per validateAppDefinition. */
export const tenantEntity: EntityDefinition = {
  key: 'tenant',
  label: { 'zh-CN': '租户', en: 'Tenant' },
  titleField: 'name',
  fields: [
    { key: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' }, required: true },
    {
      key: 'phone',
      type: 'phone',
      label: { 'zh-CN': '手机号', en: 'Mobile' },
      description: { 'zh-CN': '11 位', en: '11 digits' },
    },
    { key: 'idCard', type: 'idCard', label: { 'zh-CN': '身份证号', en: 'ID number' } },
    { key: 'rent', type: 'money', label: { 'zh-CN': '租金', en: 'Rent' }, min: 0 },
    {
      key: 'kind',
      type: 'select',
      label: { 'zh-CN': '类型', en: 'Kind' },
      options: [
        { value: 'person', label: { 'zh-CN': '个人', en: 'Person' }, color: 'blue' },
        { value: 'company', label: { 'zh-CN': '企业', en: 'Company' }, color: 'green' },
      ],
    },
    {
      key: 'yearly',
      type: 'formula',
      label: { 'zh-CN': '年租金', en: 'Yearly rent' },
      expression: { '*': [{ var: 'record.rent' }, 12] },
      resultType: 'number',
    },
    {
      key: 'lines',
      type: 'subTable',
      label: { 'zh-CN': '明细', en: 'Lines' },
      fields: [
        { key: 'item', type: 'text', label: { 'zh-CN': '项目', en: 'Item' }, required: true },
        { key: 'qty', type: 'number', label: { 'zh-CN': '数量', en: 'Qty' }, min: 1 },
        {
          key: 'amount',
          type: 'formula',
          label: { 'zh-CN': '金额', en: 'Amount' },
          expression: { '*': [{ var: 'row.qty' }, { var: 'record.rent' }] },
          resultType: 'number',
        },
      ],
    },
  ],
};

export const testApp: AppDefinition = {
  formatVersion: 1,
  key: 'pm',
  version: '1.0.0',
  label: { 'zh-CN': '物业', en: 'Property' },
  entities: [tenantEntity],
  flows: [],
  rules: [],
  reports: [],
  dashboards: [],
  roles: [],
};
