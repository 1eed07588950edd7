import { type Locale } from '@lowcode/app-model';

/** Every error the API answers with, its HTTP status and its message in each locale. */
const ERRORS = {
  VALIDATION_FAILED: { status: 400, en: 'The request is invalid.', 'zh-CN': '请求内容不正确。' },
  JSON_TOO_DEEP: {
    status: 400,
    en: 'The request body nests deeper than {max} levels.',
    'zh-CN': '请求体嵌套超过 {max} 层。',
  },
  JSON_KEY_FORBIDDEN: {
    status: 400,
    en: 'The request body uses the reserved key "{key}".',
    'zh-CN': '请求体使用了保留的键 "{key}"。',
  },
  MALFORMED_JSON: {
    status: 400,
    en: 'The request body is not valid JSON.',
    'zh-CN': '请求体不是合法的 JSON。',
  },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request body is too large.', 'zh-CN': '请求体过大。' },
  APP_DEFINITION_INVALID: {
    status: 400,
    en: 'The app definition has {count} problem(s).',
    'zh-CN': '应用定义有 {count} 处问题。',
  },
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    en: 'Wrong username or password.',
    'zh-CN': '用户名或密码错误。',
  },
  AUTH_REQUIRED: { status: 401, en: 'Please log in.', 'zh-CN': '请先登录。' },
  AUTH_TOKEN_INVALID: {
    status: 401,
    en: 'Your session has expired or is invalid. Please log in again.',
    'zh-CN': '登录已过期或无效，请重新登录。',
  },
  FORBIDDEN: {
    status: 403,
    en: 'You do not have permission to do this.',
    'zh-CN': '您没有执行此操作的权限。',
  },
  NOT_FOUND: { status: 404, en: 'Not found.', 'zh-CN': '未找到。' },
  ROUTE_NOT_FOUND: { status: 404, en: 'No such API endpoint.', 'zh-CN': '接口不存在。' },
  APP_NOT_FOUND: { status: 404, en: 'App "{key}" does not exist.', 'zh-CN': '应用 "{key}" 不存在。' },
  WORKSPACE_NOT_FOUND: { status: 404, en: 'Workspace not found.', 'zh-CN': '工作区不存在。' },
  WORKSPACE_SLUG_TAKEN: {
    status: 409,
    en: 'A workspace with slug "{slug}" already exists.',
    'zh-CN': '标识为 "{slug}" 的工作区已存在。',
  },
  USERNAME_TAKEN: {
    status: 409,
    en: 'User "{username}" already exists.',
    'zh-CN': '用户 "{username}" 已存在。',
  },
  MEMBER_NOT_FOUND: { status: 404, en: 'No such member in this workspace.', 'zh-CN': '本工作区没有该成员。' },
  MEMBER_EXISTS: {
    status: 409,
    en: 'User "{username}" is already a member of this workspace.',
    'zh-CN': '用户 "{username}" 已是本工作区成员。',
  },
  MEMBER_USER_NOT_FOUND: {
    status: 404,
    en: 'There is no user "{username}"; give an initial password to create one.',
    'zh-CN': '不存在用户 "{username}"；填写初始密码即可新建。',
  },
  MEMBER_LAST_ADMIN: {
    status: 409,
    en: 'You are the last admin of this workspace: make someone else an admin first.',
    'zh-CN': '您是本工作区最后一位管理员：请先将其他人设为管理员。',
  },
  MEMBER_SHARED_IDENTITY: {
    status: 409,
    en: 'User "{username}" also belongs to other workspaces: only a system admin may change their name, e-mail, password or active state.',
    'zh-CN': '用户 "{username}" 同时属于其他工作区：只有系统管理员可以修改其姓名、邮箱、密码或启用状态。',
  },
  APP_ROLE_UNKNOWN: {
    status: 400,
    en: 'No app in this workspace defines the role "{role}".',
    'zh-CN': '本工作区的应用中没有定义角色 "{role}"。',
  },
  APP_REVISION_CONFLICT: {
    status: 409,
    en: 'App "{key}" was changed by someone else (now at revision {current}, you expected {expected}).',
    'zh-CN': '应用 "{key}" 已被他人修改（当前版本 {current}，您基于版本 {expected}）。',
  },
  ENTITY_NOT_FOUND: {
    status: 404,
    en: 'App "{app}" has no entity "{entity}".',
    'zh-CN': '应用 "{app}" 中没有实体 "{entity}"。',
  },
  RECORD_NOT_FOUND: { status: 404, en: 'Record not found.', 'zh-CN': '记录不存在。' },
  RULE_NOT_FOUND: {
    status: 404,
    en: 'App "{app}" has no rule "{rule}".',
    'zh-CN': '应用 "{app}" 中没有规则 "{rule}"。',
  },
  RULE_BROKEN: {
    status: 409,
    en: 'Rule "{rule}" does not compile against this version of the app: {reason}',
    'zh-CN': '规则 "{rule}" 与当前应用版本不符，无法编译：{reason}',
  },
  RULE_NEEDS_RECORD: {
    status: 400,
    en: 'Rule "{rule}" runs on records of "{entity}": choose one to test it with.',
    'zh-CN': '规则 "{rule}" 作用于 "{entity}" 的记录：请选择一条记录来测试。',
  },
  RECORD_INVALID: {
    status: 400,
    en: 'The record has {count} invalid value(s).',
    'zh-CN': '记录中有 {count} 处填写不正确。',
  },
  RECORD_VERSION_CONFLICT: {
    status: 409,
    en: 'Someone else changed this record (now at version {current}, you edited version {expected}).',
    'zh-CN': '该记录已被他人修改（当前版本 {current}，您编辑的是版本 {expected}）。',
  },
  RECORD_UNIQUE_CONFLICT: {
    status: 409,
    en: 'Another record already has this value.',
    'zh-CN': '已有其他记录使用了这个值。',
  },
  FILTER_INVALID: { status: 400, en: 'The query is invalid.', 'zh-CN': '查询条件不正确。' },
  REPORT_INVALID: { status: 400, en: 'The report cannot be run.', 'zh-CN': '报表无法运行。' },
  REPORT_NOT_FOUND: {
    status: 404,
    en: 'App "{app}" has no report "{key}".',
    'zh-CN': '应用 "{app}" 中没有报表 "{key}"。',
  },
  DASHBOARD_NOT_FOUND: {
    status: 404,
    en: 'App "{app}" has no dashboard "{key}" you may see.',
    'zh-CN': '应用 "{app}" 中没有您可查看的仪表盘 "{key}"。',
  },
  TEMPLATE_NOT_FOUND: {
    status: 404,
    en: 'Template "{key}" does not exist.',
    'zh-CN': '模板 "{key}" 不存在。',
  },
  IMPORT_INVALID: { status: 400, en: 'The file cannot be imported.', 'zh-CN': '文件无法导入。' },
  FILE_NOT_FOUND: { status: 404, en: 'File not found.', 'zh-CN': '文件不存在。' },
  FILE_REFUSED: { status: 400, en: 'The file was refused.', 'zh-CN': '文件未被接受。' },
  FLOW_NOT_FOUND: {
    status: 404,
    en: 'App "{app}" has no flow "{flow}".',
    'zh-CN': '应用 "{app}" 中没有流程 "{flow}"。',
  },
  FLOW_INSTANCE_NOT_FOUND: { status: 404, en: 'Flow instance not found.', 'zh-CN': '流程实例不存在。' },
  FLOW_INSTANCE_CONFLICT: {
    status: 409,
    en: 'The flow instance has moved on: {reason}',
    'zh-CN': '流程实例状态已变化：{reason}',
  },
  FLOW_COMMAND_INVALID: {
    status: 400,
    en: 'The flow cannot do this: {reason}',
    'zh-CN': '流程无法执行此操作：{reason}',
  },
  TASK_NOT_FOUND: { status: 404, en: 'Task not found.', 'zh-CN': '任务不存在。' },
  TASK_CONFLICT: {
    status: 409,
    en: 'This task was already handled: {reason}',
    'zh-CN': '该任务已被处理：{reason}',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    en: 'Too many attempts. Try again later.',
    'zh-CN': '尝试次数过多，请稍后再试。',
  },
  RATE_LIMITED: {
    status: 429,
    en: 'Too many requests. Try again in {retryAfter} s.',
    'zh-CN': '请求过于频繁，请 {retryAfter} 秒后再试。',
  },
  API_KEY_INVALID: {
    status: 401,
    en: 'The API key is invalid, revoked or expired.',
    'zh-CN': 'API 密钥无效、已吊销或已过期。',
  },
  API_KEY_SCOPE_DENIED: {
    status: 403,
    en: 'This API key does not have the scope "{scope}".',
    'zh-CN': '此 API 密钥没有 "{scope}" 权限范围。',
  },
  API_KEY_NOT_ALLOWED: {
    status: 403,
    en: 'API keys cannot use this endpoint; a signed-in person must.',
    'zh-CN': 'API 密钥不能调用此接口，须由登录用户操作。',
  },
  API_KEY_NOT_FOUND: {
    status: 404,
    en: 'No such API key in this workspace.',
    'zh-CN': '本工作区没有该 API 密钥。',
  },
  API_KEY_NAME_TAKEN: {
    status: 409,
    en: 'An API key named "{name}" is already in use.',
    'zh-CN': '名为 "{name}" 的 API 密钥已存在。',
  },
  API_KEY_SCOPE_INVALID: {
    status: 400,
    en: 'Scope "{scope}" names no app of this workspace.',
    'zh-CN': '权限范围 "{scope}" 指向的应用在本工作区不存在。',
  },
  DEPARTMENT_NOT_FOUND: {
    status: 404,
    en: 'No department "{key}" in this workspace.',
    'zh-CN': '本工作区没有部门 "{key}"。',
  },
  DEPARTMENT_EXISTS: {
    status: 409,
    en: 'There is already a department "{key}".',
    'zh-CN': '部门标识 "{key}" 已存在。',
  },
  DEPARTMENT_NAME_TAKEN: {
    status: 409,
    en: 'Another department under the same parent is already named "{name}".',
    'zh-CN': '同一上级部门下已有名为 "{name}" 的部门。',
  },
  DEPARTMENT_VERSION_CONFLICT: {
    status: 409,
    en: 'Someone else changed this department since you opened it; reload it and try again.',
    'zh-CN': '该部门已被他人修改，请刷新后重试。',
  },
  DEPARTMENT_IN_USE: {
    status: 409,
    en: 'Department "{key}" is still in use: {children} sub-departments, {members} members, {records} records and {references} flow or rule settings name it; change them first.',
    'zh-CN':
      '部门 "{key}" 仍在使用：{children} 个子部门、{members} 名成员、{records} 条记录和 {references} 处流程或规则设置引用了它，请先调整。',
  },
  INTERNAL: { status: 500, en: 'Something went wrong on the server.', 'zh-CN': '服务器内部错误。' },
} as const satisfies Record<string, { status: number; en: string; 'zh-CN': string }>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_STATUS = Object.fromEntries(
  Object.entries(ERRORS).map(([code, entry]) => [code, entry.status]),
) as Record<ErrorCode, number>;

export function errorMessage(
  code: ErrorCode,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return ERRORS[code][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
