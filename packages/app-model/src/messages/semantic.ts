// Messages for semantic issues (references, duplicates, flow shape, JSON-logic guard). `o` is the rendered
// owner chain, e.g. `Flow "repair" node "dispatch"` / `流程 "repair" 的节点 "dispatch"`.
import { type Catalog, type P, kindName, lowerFirst, q } from './format';

const cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const hasOwner = (p: P): boolean => Array.isArray(p.owner) && p.owner.length > 0;

export const SEMANTIC: Catalog = {
  duplicateKey: {
    en: (p, o) =>
      `${cap(kindName(p.kind, 'en'))} key ${q(p.key)} is used twice${hasOwner(p) ? ` in ${lowerFirst(o)}` : ''}`,
    zh: (p, o) => `${hasOwner(p) ? `${o} 中` : ''}${kindName(p.kind, 'zh')}标识 ${q(p.key)} 重复`,
  },
  duplicateOption: {
    en: (p, o) => `${o} lists option value ${q(p.value)} twice`,
    zh: (p, o) => `${o} 的选项值 ${q(p.value)} 重复`,
  },
  duplicatePermission: {
    en: (p, o) => `${o} has two permission entries for entity ${q(p.entity)}; merge them into one`,
    zh: (p, o) => `${o} 对实体 ${q(p.entity)} 配置了两条权限，请合并为一条`,
  },
  reservedAttributeKey: {
    en: (p, o) => `${o} cannot be called ${q(p.key)}: user.${String(p.key)} is always the member's own`,
    zh: (p, o) => `${o} 不能命名为 ${q(p.key)}：user.${String(p.key)} 固定表示成员本人`,
  },
  attributeOptionsRequired: {
    en: (p, o) => `${o} is a select, so it needs a list of options to choose from`,
    zh: (p, o) => `${o} 是选择类型，须列出可选的选项`,
  },
  attributeEntityRequired: {
    en: (p, o) => `${o} is a relation, so it needs the entity whose records it names`,
    zh: (p, o) => `${o} 是关联类型，须指定关联的实体`,
  },
  attributeDefaultType: {
    en: (p, o) => `${o} is of type ${q(p.type)}: its defaultValue must be a ${String(p.type)} too`,
    zh: (p, o) => `${o} 的类型为 ${q(p.type)}，默认值也须是该类型`,
  },
  attributeNotAllowed: {
    en: (p, o) => `${o} is of type ${q(p.type)}, which takes no ${q(p.property)} (${String(p.allowed)} only)`,
    zh: (p, o) => `${o} 的类型为 ${q(p.type)}，不能设置 ${q(p.property)}（仅适用于 ${String(p.allowed)}）`,
  },
  unknownEntity: {
    en: (p, o) => `${o} refers to entity ${q(p.entity)}, which does not exist`,
    zh: (p, o) => `${o} 引用的实体 ${q(p.entity)} 不存在`,
  },
  unknownField: {
    en: (p, o) => `${o} refers to field ${q(p.field)} which entity ${q(p.entity)} does not have`,
    zh: (p, o) => `${o} 引用了字段 ${q(p.field)}，但实体 ${q(p.entity)} 中没有该字段`,
  },
  documentUnknownField: {
    en: (p, o) =>
      `${o} has the placeholder {${String(p.name)}}, which is no field of entity ${q(p.entity)} (by label or key)`,
    zh: (p, o) => `${o} 中的占位符 {${String(p.name)}} 不是实体 ${q(p.entity)} 的字段（按名称或标识）`,
  },
  documentUnknownFormat: {
    en: (p, o) =>
      `${o} writes {${String(p.name)}|${String(p.format)}}, but "${String(p.format)}" is no format (大写 or upper writes an amount in Chinese capitals)`,
    zh: (p, o) =>
      `${o} 中的 {${String(p.name)}|${String(p.format)}} 格式未知（可用：大写，即人民币大写金额）`,
  },
  documentUnclosedSection: {
    en: (p, o) =>
      `${o} opens the section {#${String(p.name)}} (or {^…}) but never closes it with {/${String(p.name)}}`,
    zh: (p, o) => `${o} 中的段落 {#${String(p.name)}}（或 {^…}）没有用 {/${String(p.name)}} 结束`,
  },
  documentUnopenedSection: {
    en: (p, o) =>
      `${o} closes {/${String(p.name)}}, which is not the innermost open section ({#${String(p.name)}} … {/${String(p.name)}} must pair up, inner ones first)`,
    zh: (p, o) =>
      `${o} 中的 {/${String(p.name)}} 没有对应的 {#${String(p.name)}}（段落须成对出现，内层先结束）`,
  },
  documentFormatNotAmount: {
    en: (p, o) =>
      `${o} writes {${String(p.name)}|${String(p.format)}}, but only an amount (money, number, formula) can be written in capitals`,
    zh: (p, o) => `${o} 中的 {${String(p.name)}|${String(p.format)}}：只有金额、数字或公式字段可写成大写`,
  },
  requiredNotEditable: {
    en: (p, o) => `${o} requires field ${q(p.field)}, which its form does not let the assignee edit`,
    zh: (p, o) => `${o} 要求必填字段 ${q(p.field)}，但表单中该字段不可编辑`,
  },
  unknownFlow: {
    en: (p, o) => `${o} refers to flow ${q(p.flow)}, which does not exist`,
    zh: (p, o) => `${o} 引用的流程 ${q(p.flow)} 不存在`,
  },
  unknownRole: {
    en: (p, o) => `${o} refers to role ${q(p.role)}, which does not exist`,
    zh: (p, o) => `${o} 引用的角色 ${q(p.role)} 不存在`,
  },
  unknownReport: {
    en: (p, o) => `${o} refers to report ${q(p.report)}, which does not exist`,
    zh: (p, o) => `${o} 引用的报表 ${q(p.report)} 不存在`,
  },
  unknownNode: {
    en: (p, o) => `${o} refers to node ${q(p.node)} which flow ${q(p.flow)} does not have`,
    zh: (p, o) => `${o} 引用了节点 ${q(p.node)}，但流程 ${q(p.flow)} 中没有该节点`,
  },
  dynamicDefaultType: {
    en: (p, o) => `${o} defaults to ${q(p.value)}, which only ${String(p.fieldTypes)} fields can have`,
    zh: (p, o) => `${o} 的默认值 ${q(p.value)} 只适用于 ${String(p.fieldTypes)} 类型的字段`,
  },
  unknownOption: {
    en: (p, o) => `${o} uses value ${q(p.value)}, which is not one of its options`,
    zh: (p, o) => `${o} 使用的值 ${q(p.value)} 不在选项之中`,
  },
  computedRequired: {
    en: (p, o) => `${o} is filled in automatically (${String(p.fieldType)}), so it cannot be required`,
    zh: (p, o) => `${o} 由系统自动计算（${String(p.fieldType)}），不能设为必填`,
  },
  fillMultipleRelation: {
    en: (p, o) => `${o} links several records, so there is no one picked record to fill fields from`,
    zh: (p, o) => `${o} 可关联多条记录，无法从选中的一条记录带出字段`,
  },
  fillComputed: {
    en: (p, o) =>
      `${o} fills field ${q(p.field)}, which is computed (${String(p.fieldType)}) and cannot be filled in`,
    zh: (p, o) => `${o} 带出到字段 ${q(p.field)}，但该字段是计算字段（${String(p.fieldType)}），不能填写`,
  },
  fillTypeMismatch: {
    en: (p, o) =>
      `${o} fills field ${q(p.field)} (${String(p.fieldType)}) from ${q(p.source)} (${String(p.sourceType)}), which holds another kind of value`,
    zh: (p, o) =>
      `${o} 用 ${q(p.source)}（${String(p.sourceType)}）带出字段 ${q(p.field)}（${String(p.fieldType)}），两者的值类型不同`,
  },
  pickFilterVar: {
    en: (p, o) =>
      `${o} filters its picker with ${String(p.ref)}; it may read only record.<field> (the offered record) and form.<field> (this form)`,
    zh: (p, o) =>
      `${o} 的选择范围使用了 ${String(p.ref)}，只能读取 record.<字段>（可选的记录）和 form.<字段>（本表单）`,
  },
  lookupNotRelation: {
    en: (p, o) => `${o} looks up through field ${q(p.relation)}, which is not a relation field`,
    zh: (p, o) => `${o} 通过字段 ${q(p.relation)} 查找引用，但该字段不是关联字段`,
  },
  rollupNotBackRelation: {
    en: (p, o) =>
      `${o} rolls up through field ${q(p.relation)} of entity ${q(p.entity)}, which must be a relation to entity ${q(p.target)}`,
    zh: (p, o) =>
      `${o} 通过实体 ${q(p.entity)} 的字段 ${q(p.relation)} 汇总，但该字段必须是指向实体 ${q(p.target)} 的关联字段`,
  },
  autoNumberToken: {
    en: (p, o) =>
      `${o} has an unknown placeholder ${String(p.token)} in its number pattern; use {YYYY}, {YY}, {MM}, {DD} or {seq:N}`,
    zh: (p, o) =>
      `${o} 的编号规则中有无法识别的占位符 ${String(p.token)}，可用 {YYYY}、{YY}、{MM}、{DD}、{seq:N}`,
  },
  formulaOptionsNeedText: {
    en: (p, o) =>
      `${o} labels its results with options, which needs a text result (it is ${String(p.resultType)})`,
    zh: (p, o) => `${o} 为计算结果设置了选项标签，这要求结果类型为文本（当前为 ${String(p.resultType)}）`,
  },
  autoNumberDateField: {
    en: (p, o) =>
      `${o} dates its numbers by field ${q(p.field)}, which is ${String(p.fieldType)}, not a date`,
    zh: (p, o) => `${o} 的编号日期取自字段 ${q(p.field)}，但该字段类型为 ${String(p.fieldType)}，不是日期`,
  },
  autoNumberSeq: {
    en: (p, o) =>
      `${o} needs exactly one sequence placeholder such as {seq:6} in its number pattern (found ${String(p.count)})`,
    zh: (p, o) => `${o} 的编号规则中必须有且只有一个流水号占位符，如 {seq:6}（现有 ${String(p.count)} 个）`,
  },
  invalidRegex: {
    en: (p, o) => `${o} has a pattern that is not a valid regular expression: ${String(p.pattern)}`,
    zh: (p, o) => `${o} 的格式校验不是有效的正则表达式：${String(p.pattern)}`,
  },
  minAboveMax: {
    en: (p, o) =>
      `${o} has ${String(p.min)} (${String(p.minValue)}) greater than ${String(p.max)} (${String(p.maxValue)})`,
    zh: (p, o) =>
      `${o} 的 ${String(p.min)}（${String(p.minValue)}）大于 ${String(p.max)}（${String(p.maxValue)}）`,
  },
  flowNoStart: {
    en: (_p, o) => `${o} has no start node; add exactly one`,
    zh: (_p, o) => `${o} 没有开始节点，请添加一个`,
  },
  flowMultipleStarts: {
    en: (p, o) => `${o} has ${String(p.count)} start nodes; a flow has exactly one`,
    zh: (p, o) => `${o} 有 ${String(p.count)} 个开始节点，一个流程只能有一个`,
  },
  flowNoEnd: {
    en: (_p, o) => `${o} has no end node; add at least one`,
    zh: (_p, o) => `${o} 没有结束节点，请至少添加一个`,
  },
  startHasIncoming: {
    en: (_p, o) => `${o} is the start node, so no edge may lead into it`,
    zh: (_p, o) => `${o} 是开始节点，不能有指向它的连线`,
  },
  endHasOutgoing: {
    en: (_p, o) => `${o} is an end node, so no edge may leave it`,
    zh: (_p, o) => `${o} 是结束节点，不能有从它出发的连线`,
  },
  conditionOutsideGateway: {
    en: (p, o) =>
      `${o} has a ${String(p.property)} but leaves node ${q(p.node)}, which is not an exclusive or inclusive gateway`,
    zh: (p, o) => `${o} 设置了 ${String(p.property)}，但它的起点 ${q(p.node)} 不是排他网关或包容网关`,
  },
  gatewayDefaultMissing: {
    en: (_p, o) => `${o} is an exclusive gateway and needs exactly one default edge; it has none`,
    zh: (_p, o) => `${o} 是排他网关，必须有且只有一条默认连线，目前没有`,
  },
  gatewayDefaultMultiple: {
    en: (p, o) => `${o} is a gateway with ${String(p.count)} default edges; it may have only one`,
    zh: (p, o) => `${o} 是网关，有 ${String(p.count)} 条默认连线，只能有一条`,
  },
  gatewayEdgeNeedsCondition: {
    en: (p, o) =>
      `${o} leaves exclusive gateway ${q(p.node)} and is not the default edge, so it needs a condition`,
    zh: (p, o) => `${o} 从排他网关 ${q(p.node)} 出发且不是默认连线，必须设置条件`,
  },
  nodeUnreachable: {
    en: (_p, o) => `${o} cannot be reached from the start node`,
    zh: (_p, o) => `${o} 无法从开始节点到达`,
  },
  nodeDeadEnd: {
    en: (_p, o) => `${o} has no outgoing edge, so the flow stops there without reaching an end node`,
    zh: (_p, o) => `${o} 没有出发的连线，流程会停在这里而到不了结束节点`,
  },
  createFieldsMissRequired: {
    en: (p, o) =>
      `${o}: the form for a new record leaves out "${String(p.field)}", which is required and has no default, so no record could be created; add it to createFields`,
    zh: (p, o) =>
      `${o}：新建表单没有包含必填且无默认值的字段“${String(p.field)}”，将无法新建记录；请把它加入新建表单字段`,
  },
  managerOfAssigneeOutsideEscalation: {
    en: (_p, o) =>
      `${o} goes to the manager of the task's assignees, which is only known when an overdue task escalates; use it under sla.escalate.to, or the starter's or last actor's manager here`,
    zh: (_p, o) =>
      `${o} 发送给“处理人的主管”，这只在任务逾期升级时才确定；请只在 SLA 升级中使用，这里可改为发起人或上一步处理人的主管`,
  },
  ruleManager: {
    en: (_p, o) =>
      `${o} sends to a manager, but a rule acts for no one whose manager it could be; name a role, department or user field`,
    zh: (_p, o) => `${o} 发送给“主管”，但规则不代表某个人、无法确定其主管；请改为角色、部门或人员字段`,
  },
  ruleNoRecord: {
    en: (p, o) => `${o} uses ${String(p.ref)}, but a scheduled rule has no record to read or update`,
    zh: (p, o) => `${o} 使用了 ${String(p.ref)}，但定时规则没有对应的记录可读取或更新`,
  },
  ruleUpdateNeedsRecord: {
    en: (_p, o) => `${o} updates another entity's record, so it needs "record": an expression giving its id`,
    zh: (_p, o) => `${o} 更新其他实体的记录，需要用 "record" 写出该记录的 id`,
  },
  ruleUpdateNeedsEntity: {
    en: (_p, o) => `${o} names a "record" to update, so it needs the "entity" that record belongs to`,
    zh: (_p, o) => `${o} 指定了要更新的 "record"，还需要写明它所属的 "entity"`,
  },
  ruleUpdateNothing: {
    en: (_p, o) => `${o} changes nothing: give "values" or "increments"`,
    zh: (_p, o) => `${o} 没有要修改的内容：请填写 "values" 或 "increments"`,
  },
  ruleIncrementNotNumber: {
    en: (p, o) => `${o} adds to ${q(p.field)}, which is not a stored number field`,
    zh: (p, o) => `${o} 对 ${q(p.field)} 做增减，但它不是可存储的数字字段`,
  },
  invalidTimezone: {
    en: (p, o) =>
      `${o} uses time zone ${q(p.timezone)}, which is not a known IANA time zone such as Asia/Shanghai`,
    zh: (p, o) => `${o} 的时区 ${q(p.timezone)} 无效，请使用 IANA 时区名，如 Asia/Shanghai`,
  },
  aggregateNeedsField: {
    en: (p, o) => `${o} uses aggregate ${q(p.aggregate)}, which needs a field`,
    zh: (p, o) => `${o} 的聚合方式 ${q(p.aggregate)} 需要指定字段`,
  },
  aggregateNeedsNumber: {
    en: (p, o) =>
      `${o} takes ${q(p.aggregate)} of field ${q(p.field)}, which is ${String(p.fieldType)}, not a number`,
    zh: (p, o) =>
      `${o} 对字段 ${q(p.field)} 做 ${q(p.aggregate)} 聚合，但该字段类型为 ${String(p.fieldType)}，不是数值`,
  },
  bucketNeedsDate: {
    en: (p, o) =>
      `${o} groups field ${q(p.field)} by ${String(p.bucket)}, but it is ${String(p.fieldType)}, not a date`,
    zh: (p, o) =>
      `${o} 按 ${String(p.bucket)} 对字段 ${q(p.field)} 分组，但该字段类型为 ${String(p.fieldType)}，不是日期`,
  },
  notSingleRelation: {
    en: (p, o) => `${o} follows ${q(p.path)} through field ${q(p.field)}, which is not a single relation`,
    zh: (p, o) => `${o} 的路径 ${q(p.path)} 经过的字段 ${q(p.field)} 不是单值关联字段`,
  },
  measureKind: {
    en: (p, o) =>
      `${o} must say how it is computed with exactly one of aggregate, metric or formula${p.kinds ? ` (it has ${String(p.kinds)})` : ''}`,
    zh: (p, o) =>
      `${o} 须且只能用 aggregate、metric、formula 之一说明计算方式${p.kinds ? `（当前为 ${String(p.kinds)}）` : ''}`,
  },
  metricNeedsField: {
    en: (p, o) => `${o} uses metric ${q(p.metric)}, which needs ${q(p.field)}`,
    zh: (p, o) => `${o} 使用的指标 ${q(p.metric)} 需要 ${q(p.field)}`,
  },
  metricNeedsDate: {
    en: (p, o) =>
      `${o} uses metric ${q(p.metric)} on field ${q(p.field)}, which is ${String(p.fieldType)}, not a date`,
    zh: (p, o) =>
      `${o} 的指标 ${q(p.metric)} 使用字段 ${q(p.field)}，但该字段类型为 ${String(p.fieldType)}，不是日期`,
  },
  percentileNeedsP: {
    en: (p, o) => `${o} takes a percentile, which needs p between 0 and 1 (0.9 for the 90th)`,
    zh: (p, o) => `${o} 计算百分位数，需要指定 p（0 到 1 之间，如 0.9 表示第 90 百分位）`,
  },
  formulaShape: {
    en: (p, o) =>
      `${o} has a formula that is not arithmetic (+, -, *, /) over numbers and {"var": "<measure key>"}`,
    zh: (p, o) => `${o} 的公式只能对数字和 {"var": "<指标标识>"} 做 +、-、*、/ 运算`,
  },
  formulaUnknownMeasure: {
    en: (p, o) =>
      `${o} has a formula that refers to ${q(p.measure)}, which is not another measure of the report`,
    zh: (p, o) => `${o} 的公式引用的 ${q(p.measure)} 不是本报表的其他指标`,
  },
  periodNeedsDate: {
    en: (p, o) => `${o} has period field ${q(p.field)}, which is ${String(p.fieldType)}, not a date`,
    zh: (p, o) => `${o} 的期间字段 ${q(p.field)} 类型为 ${String(p.fieldType)}，不是日期`,
  },
  metricHasFormat: {
    en: (p, o) =>
      `${o} formats the built-in metric ${q(p.metric)}, which already comes as a percentage, points or hours: remove "format"`,
    zh: (p, o) =>
      `${o} 为内置指标 ${q(p.metric)} 设置了显示格式，但它已自带单位（百分比、分值或小时）：请去掉 "format"`,
  },
  unknownChartOption: {
    en: (p, o) => `${o} sets chart option ${q(p.option)}, which no chart reads (known: ${String(p.known)})`,
    zh: (p, o) => `${o} 的图表选项 ${q(p.option)} 不会被任何图表使用（可用：${String(p.known)}）`,
  },
  dimensionsNotShown: {
    en: (p, o) =>
      `${o} is a ${String(p.chart)} chart, which draws only its first ${String(p.shown)} dimension(s): ${String(p.fields)} still split the groups but are not shown`,
    zh: (p, o) =>
      `${o} 是 ${String(p.chart)} 图表，只显示前 ${String(p.shown)} 个维度：${String(p.fields)} 仍参与分组，但不会显示`,
  },
  defaultPeriodNeedsField: {
    en: (_p, o) => `${o} has a default period but no period field to apply it to`,
    zh: (_p, o) => `${o} 设置了默认期间，但没有可应用的期间字段`,
  },
  unknownSortKey: {
    en: (p, o) =>
      `${o} sorts by ${q(p.by)}, which is neither a dimension field nor a measure key of the report`,
    zh: (p, o) => `${o} 按 ${q(p.by)} 排序，但它既不是报表的维度字段也不是指标标识`,
  },
  dashboardFilterField: {
    en: (p, o) => `${o} filters on field ${q(p.field)}, which none of the dashboard's reports has`,
    zh: (p, o) => `${o} 按字段 ${q(p.field)} 筛选，但仪表盘中没有任何报表包含该字段`,
  },
  unresolvedSeedReference: {
    en: (p, o) =>
      `${o} sets relation ${q(p.field)} to ${q(p.value)}, but no seed record of entity ${q(p.entity)} has that _key`,
    zh: (p, o) =>
      `${o} 的关联字段 ${q(p.field)} 指向 ${q(p.value)}，但实体 ${q(p.entity)} 的初始数据中没有该 _key 的记录`,
  },
  jsonLogicForbiddenOperation: {
    en: (p) => `The operation ${q(p.operation)} is not allowed in conditions and formulas`,
    zh: (p) => `条件和公式中不允许使用操作 ${q(p.operation)}`,
  },
  jsonLogicForbiddenPath: {
    en: (p) => `The variable path ${q(p.var)} uses ${q(p.segment)}, which is not allowed`,
    zh: (p) => `变量路径 ${q(p.var)} 中包含不允许的片段 ${q(p.segment)}`,
  },
  jsonLogicDynamicVar: {
    en: () => `A "var" must name its path as plain text or a number, not compute it`,
    zh: () => `"var" 的路径必须直接写成文本或数字，不能由表达式计算得出`,
  },
};
