import type { AppDefinition, RuleAction, RuleDefinition, RuleTrigger } from '@lowcode/app-model';

/** What the editor changes: one rule, put into (or replaced in) the app definition on save. */
export type TriggerType = RuleTrigger['type'];

/** The trigger types a builder can pick; `flowEvent` only when the app has flows. */
export const EDITABLE_TRIGGERS: TriggerType[] = [
  'recordCreated',
  'recordUpdated',
  'recordDeleted',
  'fieldChanged',
  'schedule',
  'dateRelative',
  'flowEvent',
];

export const RECORD_TRIGGERS = new Set<TriggerType>([
  'recordCreated',
  'recordUpdated',
  'recordDeleted',
  'fieldChanged',
  'dateRelative',
]);

/** The entity whose fields the condition and the actions may read (`record.*`), if any. */
export function triggerEntity(trigger: RuleTrigger, app: AppDefinition): string | undefined {
  if (trigger.type === 'schedule') return undefined;
  if (trigger.type === 'flowEvent') return app.flows.find((flow) => flow.key === trigger.flow)?.entity;
  return trigger.entity;
}

/** A new trigger of `type`, keeping the entity (and time) of the previous one where it fits. */
export function changeTriggerType(previous: RuleTrigger, type: TriggerType, app: AppDefinition): RuleTrigger {
  const entity = triggerEntity(previous, app) ?? app.entities[0]?.key ?? '';
  switch (type) {
    case 'recordCreated':
    case 'recordUpdated':
    case 'recordDeleted':
      return { type, entity };
    case 'fieldChanged':
      return { type, entity, fields: [] };
    case 'schedule':
      return { type, cron: '0 9 * * *' };
    case 'dateRelative': {
      const entityDef = app.entities.find((candidate) => candidate.key === entity);
      const dateField = entityDef?.fields.find((field) => field.type === 'date' || field.type === 'datetime');
      return { type, entity, field: dateField?.key ?? '', offsetDays: -7, at: '09:00' };
    }
    case 'flowEvent':
      return { type, flow: app.flows[0]?.key ?? '', event: 'instanceEnded' };
  }
}

const KEY = /^[a-z][a-zA-Z0-9_]{0,62}$/;
export const isValidKey = (key: string) => KEY.test(key);

/** `base`, `base2`, `base3` … the first not in `taken`. */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

export function newRule(app: AppDefinition): RuleDefinition {
  const entity = app.entities[0]?.key ?? '';
  return {
    key: uniqueKey(
      'rule',
      app.rules.map((rule) => rule.key),
    ),
    label: { 'zh-CN': '', en: '' },
    enabled: true,
    trigger: { type: 'recordUpdated', entity },
    actions: [],
  };
}

export function newAction(type: RuleAction['type'], taken: string[]): RuleAction {
  const key = uniqueKey(type, taken);
  switch (type) {
    case 'notify':
      return {
        key,
        type,
        to: { type: 'role', role: '' },
        channel: 'inApp',
        template: { 'zh-CN': '', en: '' },
      };
    case 'createRecord':
      return { key, type, entity: '', values: {} };
    case 'updateRecord':
      return { key, type, values: {} };
    case 'createTask':
      return { key, type, assignee: { type: 'role', role: '' }, title: { 'zh-CN': '', en: '' }, due: 'P3D' };
    case 'startFlow':
      return { key, type, flow: '' };
    case 'webhook':
      return { key, type, url: 'https://', method: 'POST' };
  }
}

/** The definition to import: the rule replaces the one with `originalKey`, or is appended. */
export function withRule(app: AppDefinition, rule: RuleDefinition, originalKey?: string): AppDefinition {
  const cleaned: RuleDefinition = { ...rule };
  if (cleaned.condition === undefined) delete cleaned.condition;
  if (cleaned.label.en === '') cleaned.label = { 'zh-CN': cleaned.label['zh-CN'] };
  const index = originalKey ? app.rules.findIndex((candidate) => candidate.key === originalKey) : -1;
  const rules = [...app.rules];
  if (index >= 0) rules[index] = cleaned;
  else rules.push(cleaned);
  return { ...app, rules };
}

export type RuleSection = 'key' | 'label' | 'trigger' | 'condition' | `actions.${number}` | 'other';

export interface RuleIssue {
  section: RuleSection;
  path: string;
  message: string;
}

/**
 * Picks the problems that concern the rule at `index` (key `ruleKey`) and says which control each belongs to.
 * Paths come as `$.rules[2].actions[0].to.role` (app-model) or `rules.<key>.condition` (rule compile errors).
 */
export function issuesOfRule(
  issues: { path: string; message: string }[],
  index: number,
  ruleKey: string,
): RuleIssue[] {
  const prefixes = [`$.rules[${index}]`, `rules[${index}]`, `rules.${ruleKey}`, `$.rules.${ruleKey}`];
  const result: RuleIssue[] = [];
  for (const issue of issues) {
    const prefix = prefixes.find(
      (candidate) =>
        issue.path === candidate ||
        issue.path.startsWith(`${candidate}.`) ||
        issue.path.startsWith(`${candidate}[`),
    );
    if (!prefix) continue;
    const rest = issue.path.slice(prefix.length).replace(/^\./, '');
    const action = /^actions(?:\[(\d+)\]|\.(\d+))/.exec(rest);
    const section: RuleSection = action
      ? `actions.${Number(action[1] ?? action[2])}`
      : rest.startsWith('trigger')
        ? 'trigger'
        : rest.startsWith('condition')
          ? 'condition'
          : rest.startsWith('label')
            ? 'label'
            : rest.startsWith('key')
              ? 'key'
              : 'other';
    result.push({ section, path: issue.path, message: issue.message });
  }
  return result;
}
