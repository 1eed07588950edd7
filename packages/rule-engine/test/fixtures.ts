// A small property app for the tests: tenants, ratings, bills, spare parts, care tasks and one flow.
import { type AppDefinition, type FieldDefinition, type RuleDefinition } from '@lowcode/app-model';

const label = (zh: string, en?: string) => (en ? { 'zh-CN': zh, en } : { 'zh-CN': zh });
const f = (key: string, type: string, extra: Record<string, unknown> = {}) =>
  ({ key, type, label: label(key), ...extra }) as unknown as FieldDefinition;
const relation = (key: string, entity: string) => f(key, 'relation', { relation: { entity } });
const select = (key: string, values: string[]) =>
  f(key, 'select', { options: values.map((value) => ({ value, label: label(value) })) });

export function propertyApp(rules: RuleDefinition[] = []): AppDefinition {
  return {
    formatVersion: 1,
    key: 'propertyTest',
    version: '1.0.0',
    label: label('物业测试', 'Property test'),
    entities: [
      {
        key: 'tenant',
        label: label('租户'),
        fields: [
          f('name', 'text'),
          select('kind', ['person', 'company']),
          f('birthday', 'date'),
          f('account', 'user'),
          f('butler', 'user'),
          f('consecutiveBadRatings', 'number'),
          {
            key: 'parts',
            type: 'subTable',
            label: label('备件'),
            fields: [relation('part', 'sparePart'), f('quantity', 'number')],
          } as FieldDefinition,
        ],
      },
      {
        key: 'rating',
        label: label('评价'),
        fields: [
          relation('tenant', 'tenant'),
          f('csat', 'rating'),
          f('comment', 'longText'),
          f('project', 'text'),
        ],
      },
      {
        key: 'bill',
        label: label('账单'),
        fields: [
          relation('tenant', 'tenant'),
          f('amount', 'money'),
          f('outstanding', 'number'),
          f('dueDate', 'date'),
          select('status', ['unpaid', 'partial', 'paid', 'overdue']),
        ],
      },
      {
        key: 'sparePart',
        label: label('备件'),
        fields: [f('name', 'text'), f('stock', 'number'), f('safetyStock', 'number')],
      },
      {
        key: 'careTask',
        label: label('关怀任务'),
        fields: [
          f('title', 'text'),
          relation('tenant', 'tenant'),
          f('owner', 'user'),
          f('reason', 'text'),
          f('risk', 'text'),
          f('plan', 'longText'),
        ],
      },
    ],
    flows: [
      {
        key: 'legalCase',
        label: label('法务催收'),
        entity: 'bill',
        trigger: { type: 'manual' },
        nodes: [
          { key: 'start', type: 'start', label: label('开始') },
          { key: 'end', type: 'end', label: label('结束') },
        ],
        edges: [{ key: 'e1', from: 'start', to: 'end' }],
      },
    ],
    rules,
    reports: [],
    dashboards: [],
    roles: [],
  };
}

export const NOW = '2026-03-15T01:00:00.000Z'; // 09:00 in Asia/Shanghai

export function rule(partial: Partial<RuleDefinition> & Pick<RuleDefinition, 'trigger'>): RuleDefinition {
  return { key: 'testRule', label: label('测试规则', 'Test rule'), actions: [], ...partial };
}
