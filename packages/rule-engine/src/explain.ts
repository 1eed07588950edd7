// A verdict in plain words for the rule log and "test this rule": what the rule read, what the condition
// gave, and what it plans to do.
import { type Locale, localize } from '@lowcode/app-model';
import { type PlannedAction, type PlannedAssignee, type RuleVerdict } from './types';
import { assertUnreachable } from './compile/triggers';

const MAX_VALUE_TEXT = 80;

function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}

const CHANNELS: Record<string, Record<Locale, string>> = {
  inApp: { en: 'in-app message', 'zh-CN': '站内消息' },
  email: { en: 'e-mail', 'zh-CN': '邮件' },
  sms: { en: 'SMS', 'zh-CN': '短信' },
  wechat: { en: 'WeChat', 'zh-CN': '微信' },
  dingtalk: { en: 'DingTalk', 'zh-CN': '钉钉' },
  wecom: { en: 'WeCom', 'zh-CN': '企业微信' },
};

function who(assignee: PlannedAssignee, zh: boolean): string {
  const value = 'value' in assignee ? ` = ${show(assignee.value)}` : '';
  switch (assignee.type) {
    case 'user':
      return `${zh ? '用户' : 'users'} ${assignee.users.join(', ')}`;
    case 'role':
      return `${zh ? '角色' : 'role'} ${assignee.role}`;
    case 'department':
      return `${zh ? '部门' : 'department'} ${assignee.department}`;
    case 'manager':
      return zh ? '主管' : 'manager';
    case 'field':
      return `${zh ? '字段' : 'field'} ${assignee.field}${value}`;
    case 'expression':
      return `${zh ? '表达式' : 'expression'}${value}`;
    case 'autoDispatch':
      return zh ? `自动派单（${assignee.strategy}）` : `auto-dispatch (${assignee.strategy})`;
    default:
      return assertUnreachable(assignee);
  }
}

const pairs = (values: Record<string, unknown>): string =>
  Object.entries(values)
    .map(([key, value]) => `${key} = ${show(value)}`)
    .join(', ');

function describeAction(action: PlannedAction, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (action.type) {
    case 'notify': {
      const channel = CHANNELS[action.channel]?.[locale] ?? action.channel;
      const text = localize(action.template, locale);
      return zh
        ? `通过${channel}通知${who(action.to, zh)}：「${text}」`
        : `Notify ${who(action.to, zh)} by ${channel}: "${text}"`;
    }
    case 'createRecord':
      return zh
        ? `新建 ${action.entity} 记录：${pairs(action.values)}`
        : `Create a ${action.entity} record: ${pairs(action.values)}`;
    case 'updateRecord':
      return zh
        ? `更新 ${action.entity} 记录 ${action.recordId}：${pairs(action.values)}`
        : `Update ${action.entity} record ${action.recordId}: ${pairs(action.values)}`;
    case 'createTask': {
      const title = localize(action.title, locale);
      const due = action.dueAt ? (zh ? `，截止 ${action.dueAt}` : `, due ${action.dueAt}`) : '';
      return zh
        ? `给${who(action.assignee, zh)}建任务「${title}」${due}`
        : `Create task "${title}" for ${who(action.assignee, zh)}${due}`;
    }
    case 'startFlow':
      return zh ? `启动流程 ${action.flow}` : `Start flow ${action.flow}`;
    case 'webhook':
      return zh
        ? `调用 Webhook ${action.method} ${action.url}`
        : `Call webhook ${action.method} ${action.url}`;
    default:
      return assertUnreachable(action);
  }
}

/** The verdict as sentences in `locale`: outcome, each value read, the result, then each planned action. */
export function explain(verdict: RuleVerdict, locale: Locale): string[] {
  const zh = locale === 'zh-CN';
  const name = `${localize(verdict.ruleLabel, locale)} (${verdict.ruleKey})`;
  const lines = [
    zh
      ? `规则「${name}」${verdict.matched ? '条件成立' : '条件不成立'}。`
      : `Rule "${name}" ${verdict.matched ? 'matched' : 'did not match'}.`,
  ];
  for (const [path, value] of Object.entries(verdict.read))
    lines.push(zh ? `读取 ${path} = ${show(value)}` : `Read ${path} = ${show(value)}`);
  lines.push(zh ? `条件结果：${show(verdict.result)}` : `The condition gave ${show(verdict.result)}.`);
  if (verdict.matched && verdict.actions.length === 0)
    lines.push(zh ? '没有要执行的动作。' : 'No actions to run.');
  for (const action of verdict.actions) lines.push(describeAction(action, locale));
  return lines;
}
