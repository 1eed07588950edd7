// Problems found before publishing, each with a JSON path and a message in both locales. Checks record a
// code and params; the catalog below renders them.
import { type FlowDefinition, type FlowNode } from '@lowcode/app-model';

export type ProblemSeverity = 'error' | 'warning';

export interface Problem {
  /** JSON path into the flow definition, e.g. `$.nodes[3].assignee`. */
  path: string;
  code: ProblemCode;
  severity: ProblemSeverity;
  message: { en: string; 'zh-CN': string };
  params: Record<string, string | number>;
}

const CATALOG = {
  flowNoStart: ['error', 'The flow has no start node', '流程缺少开始节点'],
  flowMultipleStarts: [
    'error',
    'The flow has {count} start nodes; exactly one is allowed',
    '流程有 {count} 个开始节点，只能有一个',
  ],
  flowNoEnd: ['error', 'The flow has no end node', '流程缺少结束节点'],
  nodeDuplicateKey: ['error', 'Node key "{node}" is used twice', '节点标识“{node}”重复'],
  edgeDuplicateKey: ['error', 'Edge key "{edge}" is used twice', '连线标识“{edge}”重复'],
  edgeUnknownNode: [
    'error',
    'Edge "{edge}" names the unknown node "{node}"',
    '连线“{edge}”引用了不存在的节点“{node}”',
  ],
  edgeIntoStart: ['error', 'Edge "{edge}" leads into the start node', '连线“{edge}”指向了开始节点'],
  edgeOutOfEnd: ['error', 'Edge "{edge}" leaves the end node "{node}"', '连线“{edge}”从结束节点“{node}”引出'],
  conditionOutsideGateway: [
    'warning',
    'Edge "{edge}" has a condition or default flag but does not leave a gateway or approval; it is ignored',
    '连线“{edge}”不是从网关或审批引出，其条件/默认标记将被忽略',
  ],
  conditionInvalid: [
    'error',
    'The condition of edge "{edge}" is not allowed: {reason}',
    '连线“{edge}”的条件不合法：{reason}',
  ],
  nodeUnreachable: [
    'error',
    'Node "{node}" cannot be reached from the start',
    '节点“{node}”从开始节点无法到达',
  ],
  nodeCannotReachEnd: [
    'error',
    'Node "{node}" has no path to an end node',
    '节点“{node}”无法到达任何结束节点',
  ],
  gatewayDefaultMissing: [
    'error',
    'Exclusive gateway "{node}" has no default branch',
    '排他网关“{node}”缺少默认分支',
  ],
  gatewayMultipleDefaults: [
    'error',
    'Gateway "{node}" has {count} default branches; at most one is allowed',
    '网关“{node}”有 {count} 个默认分支，最多一个',
  ],
  gatewayEdgeNeedsCondition: [
    'error',
    'Edge "{edge}" leaves exclusive gateway "{node}" without a condition and is not the default',
    '从排他网关“{node}”引出的连线“{edge}”既无条件也不是默认分支',
  ],
  inclusiveDefaultMissing: [
    'warning',
    'Inclusive gateway "{node}" has no default branch: the instance fails when no condition holds',
    '包容网关“{node}”缺少默认分支：所有条件都不成立时实例将失败',
  ],
  joinWithoutSplit: [
    'error',
    'Join "{node}" has no matching {type} split before it',
    '汇聚节点“{node}”之前没有对应的拆分网关',
  ],
  implicitSplit: [
    'warning',
    'Node "{node}" has {count} outgoing edges and no gateway: all are taken in parallel',
    '节点“{node}”有 {count} 条出线且不是网关：将全部并行执行',
  ],
  taskAssigneeMissing: ['error', 'Task "{node}" has no assignee rule', '任务“{node}”没有设置处理人规则'],
  approvalModeInvalid: [
    'error',
    'Approval "{node}" has the unknown mode "{mode}"',
    '审批“{node}”的会签方式“{mode}”无效',
  ],
  durationInvalid: [
    'error',
    '"{value}" at node "{node}" is not an ISO-8601 duration (e.g. PT4H, P3D)',
    '节点“{node}”的“{value}”不是合法的 ISO-8601 时长（如 PT4H、P3D）',
  ],
  timerDurationMissing: [
    'error',
    'Timer "{node}" needs a duration or a date field',
    '定时器“{node}”需要设置时长或日期字段',
  ],
  actionMissing: ['error', 'Action node "{node}" has no action', '动作节点“{node}”没有配置动作'],
  cycleWithoutWait: [
    'error',
    'Nodes {nodes} form a loop without a task or timer: it would never stop',
    '节点 {nodes} 构成的循环中没有任务或定时器，将无限执行',
  ],
  fieldUnknown: [
    'error',
    'Node "{node}" names the field "{field}", which entity "{entity}" does not have',
    '节点“{node}”引用的字段“{field}”在实体“{entity}”中不存在',
  ],
  entityUnknown: [
    'error',
    'Node "{node}" names the unknown entity "{entity}"',
    '节点“{node}”引用了不存在的实体“{entity}”',
  ],
  resultFieldInvalid: [
    'error',
    'Node "{node}" puts the record it creates into "{field}", which is no single relation of "{entity}" to "{target}"',
    '节点“{node}”把新建记录写入“{field}”，但它不是实体“{entity}”指向“{target}”的单选关联字段',
  ],
  roleUnknown: [
    'error',
    'Node "{node}" names the unknown role "{role}"',
    '节点“{node}”引用了不存在的角色“{role}”',
  ],
  flowUnknown: [
    'error',
    'Node "{node}" starts the unknown flow "{flow}"',
    '节点“{node}”启动的子流程“{flow}”不存在',
  ],
} as const satisfies Record<string, readonly [ProblemSeverity, string, string]>;

export type ProblemCode = keyof typeof CATALOG;

const render = (template: string, params: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));

export function problem(
  path: string,
  code: ProblemCode,
  params: Record<string, string | number> = {},
): Problem {
  const [severity, en, zh] = CATALOG[code];
  return { path, code, severity, message: { en: render(en, params), 'zh-CN': render(zh, params) }, params };
}

/** `$.nodes[i]` plus the given property path, for the node's place in `flow`. */
export function nodePath(flow: FlowDefinition, node: FlowNode, ...rest: string[]): string {
  return [`$.nodes[${flow.nodes.indexOf(node)}]`, ...rest].join('.');
}
