// The flows benchmark's app: a trimmed copy of the property template's repair flow (templates/property/app/
// flows/repair.json) on a trimmed work order — the dispatch, accept, complete and rate tasks with their SLA
// timers, and the record-update action nodes that stamp the order's status and times between them. The
// template's gateways for complaints, surveys and suppliers are left out: every instance takes the plain
// repair path, so the engine and the plain-SQL baseline write the same rows.
const text = (zh, en = zh) => ({ 'zh-CN': zh, en });
const option = (value, zh) => ({ value, label: text(zh, value) });

const STATUSES = ['pending', 'dispatched', 'accepted', 'completed', 'closed'];

const workOrder = {
  key: 'workOrder',
  label: text('工单', 'Work order'),
  titleField: 'title',
  fields: [
    {
      key: 'no',
      type: 'autoNumber',
      label: text('工单号'),
      pattern: 'GD-{YYYY}{MM}{DD}-{seq:4}',
      unique: true,
    },
    { key: 'title', type: 'text', label: text('标题'), required: true },
    { key: 'description', type: 'longText', label: text('描述') },
    {
      key: 'category',
      type: 'select',
      label: text('类别'),
      options: [option('plumbing', '水'), option('electrical', '电'), option('hvac', '空调')],
    },
    {
      key: 'priority',
      type: 'select',
      label: text('优先级'),
      defaultValue: 'normal',
      options: [
        option('low', '低'),
        option('normal', '普通'),
        option('high', '高'),
        option('urgent', '紧急'),
      ],
    },
    { key: 'requester', type: 'relation', label: text('报事人'), relation: { entity: 'tenant' } },
    {
      key: 'status',
      type: 'status',
      label: text('状态'),
      defaultValue: 'pending',
      required: true,
      options: STATUSES.map((value) => option(value, value)),
      transitions: STATUSES.slice(1).map((to, index) => ({ from: STATUSES[index], to })),
    },
    { key: 'technician', type: 'user', label: text('师傅') },
    { key: 'appointmentAt', type: 'datetime', label: text('预约上门') },
    { key: 'dispatchedAt', type: 'datetime', label: text('派单时间') },
    { key: 'acceptedAt', type: 'datetime', label: text('接单时间') },
    { key: 'completedAt', type: 'datetime', label: text('完工时间') },
    { key: 'closedAt', type: 'datetime', label: text('关闭时间') },
    { key: 'resolution', type: 'longText', label: text('处理结果') },
    {
      key: 'partsUsed',
      type: 'subTable',
      label: text('使用备件'),
      maxRows: 30,
      fields: [
        {
          key: 'part',
          type: 'relation',
          label: text('备件'),
          relation: { entity: 'sparePart' },
          required: true,
        },
        { key: 'quantity', type: 'number', label: text('数量'), min: 0.01, precision: 2, required: true },
        { key: 'unitPrice', type: 'money', label: text('单价'), min: 0 },
        {
          key: 'amount',
          type: 'formula',
          label: text('金额'),
          expression: { '*': [{ var: 'row.quantity' }, { var: ['row.unitPrice', 0] }] },
          resultType: 'number',
        },
      ],
    },
    { key: 'laborCost', type: 'money', label: text('人工费'), min: 0 },
    { key: 'firstVisitFix', type: 'checkbox', label: text('一次修复') },
    {
      key: 'firstFixPoint',
      type: 'formula',
      label: text('一次修复计分'),
      expression: { if: [{ var: 'record.firstVisitFix' }, 1, 0] },
      resultType: 'number',
    },
    { key: 'rating', type: 'rating', label: text('服务评分'), max: 5 },
    { key: 'ratingComment', type: 'longText', label: text('评价') },
  ],
};

const userTask = (key, zh, assignee, form, sla) => ({
  key,
  type: 'userTask',
  label: text(zh, key),
  assignee,
  form,
  sla,
});
const stamp = (key, zh, values) => ({
  key,
  type: 'action',
  label: text(zh, key),
  action: { type: 'updateRecord', values },
});
const now = { var: 'now' };

const NODES = [
  { key: 'start', type: 'start', label: text('租户报事', 'Tenant reports') },
  userTask(
    'dispatch',
    '客服派单',
    { type: 'role', role: 'dispatcher' },
    { editable: ['technician', 'priority'], visible: ['no', 'title', 'description', 'requester'] },
    { calendar: 'business', due: 'PT2H', remindBefore: 'PT30M' },
  ),
  stamp('markDispatched', '派单', { dispatchedAt: now, status: 'dispatched' }),
  userTask(
    'accept',
    '师傅接单',
    { type: 'field', field: 'technician' },
    { editable: ['appointmentAt'], visible: ['no', 'title', 'description', 'requester', 'priority'] },
    {
      calendar: 'calendar',
      due: 'PT30M',
      escalate: { to: { type: 'role', role: 'dispatcher' }, after: 'PT15M' },
      remindBefore: 'PT10M',
    },
  ),
  stamp('markAccepted', '记录接单', { acceptedAt: now, status: 'accepted', technician: { var: 'actor' } }),
  userTask(
    'complete',
    '维修完工',
    { type: 'field', field: 'technician' },
    {
      editable: ['resolution', 'partsUsed', 'laborCost', 'firstVisitFix'],
      visible: ['title', 'description'],
    },
    {
      calendar: 'calendar',
      due: 'PT4H',
      escalate: { to: { type: 'role', role: 'dispatcher' }, after: 'PT1H' },
      remindBefore: 'PT1H',
    },
  ),
  stamp('markCompleted', '记录完工', { completedAt: now, status: 'completed' }),
  userTask(
    'rate',
    '租户评价',
    { type: 'expression', expression: { var: 'record.requester.account' } },
    { editable: ['rating', 'ratingComment'], visible: ['no', 'title', 'resolution'] },
    { calendar: 'calendar', due: 'P3D' },
  ),
  stamp('close', '关闭工单', { closedAt: now, status: 'closed' }),
  { key: 'end', type: 'end', label: text('结束', 'End') },
];
const chain = NODES.map((node) => node.key);

/** The app definition the benchmark imports. */
const REPAIR_APP = {
  formatVersion: 1,
  key: 'benchRepair',
  version: '1.0.0',
  label: text('报修基准', 'Repair benchmark'),
  entities: [
    {
      key: 'tenant',
      label: text('租户'),
      titleField: 'name',
      fields: [
        { key: 'name', type: 'text', label: text('姓名'), required: true },
        { key: 'account', type: 'user', label: text('账号') },
      ],
    },
    {
      key: 'sparePart',
      label: text('备件'),
      titleField: 'name',
      fields: [{ key: 'name', type: 'text', label: text('名称'), required: true }],
    },
    workOrder,
  ],
  roles: [
    {
      key: 'dispatcher',
      label: text('客服'),
      permissions: [
        { entity: 'workOrder', actions: ['read', 'create', 'update'] },
        { entity: 'tenant', actions: ['read'] },
      ],
    },
    {
      key: 'technician',
      label: text('师傅'),
      permissions: [{ entity: 'workOrder', actions: ['read', 'update'] }],
    },
    { key: 'tenant', label: text('租户'), permissions: [{ entity: 'workOrder', actions: ['read'] }] },
  ],
  flows: [
    {
      key: 'repair',
      label: text('报事报修', 'Repair'),
      entity: 'workOrder',
      trigger: { type: 'manual' },
      nodes: NODES,
      edges: chain.slice(1).map((to, index) => ({ key: `${chain[index]}To${to}`, from: chain[index], to })),
    },
  ],
  rules: [],
  reports: [],
  dashboards: [],
};

/** The user tasks in the order an instance meets them. */
const TASK_NODES = NODES.filter((node) => node.type === 'userTask');

module.exports = { REPAIR_APP, TASK_NODES };
