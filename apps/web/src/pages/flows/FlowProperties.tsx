import type {
  AppDefinition,
  Assignee,
  EntityDefinition,
  FlowAction,
  FlowDefinition,
  FlowEdge,
  FlowNode,
  LocalizedText,
  Locale,
} from '@lowcode/app-model';
import { ASSIGNEE_TYPES, MANAGER_OF } from '@lowcode/app-model';
import type { Problem } from '@lowcode/flow-engine';
import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { MemberUser } from '../../api/types';
import { localize } from '../../hooks/useLocale';
import { ConditionEditor } from '../rules/builder/ConditionEditor';
import { DurationInput } from './DurationInput';
import type { DurationUnit } from './durationModel';
import {
  edgeRoutes,
  renameNode,
  setEdgeCondition,
  setEdgeDefault,
  updateEdge,
  updateNode,
} from './flowModel';
import {
  changeActionType,
  changeAssigneeType,
  ccParts,
  isTaskNode,
  slaDraft,
  withCc,
  withSla,
  withTaskForm,
  withTimerMode,
  type ActionType,
  type AssigneeType,
} from './nodeProps';
import { DepartmentSelect } from '../../components/DepartmentSelect';

const ACTION_TYPES: ActionType[] = ['createRecord', 'updateRecord', 'notify', 'webhook', 'subFlow'];
const DATE_TYPES = new Set(['date', 'datetime']);
const TIMER_UNITS: DurationUnit[] = ['minutes', 'hours', 'days', 'weeks', 'months'];

function LabelInputs(props: { value: LocalizedText; onChange(value: LocalizedText): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Space.Compact direction="vertical" style={{ width: '100%' }}>
      <Input
        addonBefore="中"
        value={props.value['zh-CN']}
        placeholder={t('flows.props.labelZh')}
        onChange={(event) => props.onChange({ ...props.value, 'zh-CN': event.target.value })}
        data-testid={`${props.testId}-zh`}
      />
      <Input
        addonBefore="EN"
        value={props.value.en ?? ''}
        placeholder={t('flows.props.labelEn')}
        onChange={(event) => props.onChange({ ...props.value, en: event.target.value })}
        data-testid={`${props.testId}-en`}
      />
    </Space.Compact>
  );
}

function JsonInput(props: { value: unknown; onChange(value: unknown): void; testId?: string }) {
  const [text, setText] = useState(() => JSON.stringify(props.value ?? {}, null, 2));
  const [bad, setBad] = useState(false);
  return (
    <Input.TextArea
      className="mono"
      autoSize={{ minRows: 3, maxRows: 10 }}
      value={text}
      status={bad ? 'error' : undefined}
      data-testid={props.testId}
      onChange={(event) => {
        setText(event.target.value);
        try {
          props.onChange(JSON.parse(event.target.value) as unknown);
          setBad(false);
        } catch {
          setBad(true);
        }
      }}
    />
  );
}

/** Workspace members by id, searched as the builder types; ids already chosen keep their names. */
function MemberSelect(props: { value: string[]; onChange(ids: string[]): void; testId: string }) {
  const [options, setOptions] = useState<MemberUser[]>([]);
  const search = (q: string) =>
    void api.searchUsers(q).then(
      (found) =>
        setOptions((current) => [...current.filter((user) => props.value.includes(user.id)), ...found]),
      () => undefined,
    );
  useEffect(() => search(''), []); // eslint-disable-line react-hooks/exhaustive-deps
  const unique = [...new Map(options.map((user) => [user.id, user])).values()];
  return (
    <Select
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={search}
      value={props.value}
      onChange={props.onChange}
      options={unique.map((user) => ({ value: user.id, label: `${user.displayName} (${user.username})` }))}
      data-testid={props.testId}
    />
  );
}

/** One assignee rule: who gets the task — users, a role, a department, a field of the record, an expression, or 自动派单. */
export function AssigneeEditor(props: {
  value: Assignee | undefined;
  onChange(value: Assignee): void;
  app: AppDefinition;
  entity: EntityDefinition | undefined;
  locale: Locale;
  testId: string;
  /** The SLA's escalation: the manager may also be that of the overdue task's assignees. */
  escalation?: boolean;
}) {
  const { value, onChange, app, entity, locale, testId, escalation = false } = props;
  const { t } = useTranslation();
  const fieldOptions = (filter: (type: string) => boolean = () => true) =>
    (entity?.fields ?? [])
      .filter((field) => filter(field.type))
      .map((field) => ({ value: field.key, label: `${localize(field.label, locale)} (${field.key})` }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        value={value?.type}
        onChange={(type: AssigneeType) => onChange(changeAssigneeType(value, type))}
        options={ASSIGNEE_TYPES.map((type) => ({ value: type, label: t(`flows.assignee.${type}`) }))}
        data-testid={`${testId}-type`}
      />
      {value?.type === 'user' ? (
        <MemberSelect
          value={value.users}
          onChange={(users) => onChange({ ...value, users })}
          testId={`${testId}-users`}
        />
      ) : null}
      {value?.type === 'role' ? (
        <Select
          value={value.role || undefined}
          placeholder={t('flows.assignee.pickRole')}
          onChange={(role: string) => onChange({ ...value, role })}
          options={app.roles.map((role) => ({ value: role.key, label: localize(role.label, locale) }))}
          data-testid={`${testId}-role`}
        />
      ) : null}
      {value?.type === 'department' ? (
        <DepartmentSelect
          value={value.department || null}
          placeholder={t('flows.assignee.department')}
          onChange={(department) =>
            onChange({ ...value, department: typeof department === 'string' ? department : '' })
          }
          testId={`${testId}-department`}
        />
      ) : null}
      {value?.type === 'manager' ? (
        // 直属主管: the starter's (or the last actor's, or on escalation the overdue assignees') department
        // manager, and levels above for 逐级审批.
        <Space.Compact style={{ width: '100%' }}>
          <Select
            value={value.of ?? 'starter'}
            onChange={(of: 'starter' | 'actor' | 'assignee') => onChange({ ...value, of })}
            options={MANAGER_OF.filter((of) => escalation || of !== 'assignee').map((of) => ({
              value: of,
              label: t(`flows.assignee.managerOf.${of}`),
            }))}
            style={{ flex: 1 }}
            data-testid={`${testId}-manager-of`}
          />
          <Select
            value={value.level ?? 1}
            onChange={(level: number) => onChange({ ...value, level })}
            options={[1, 2, 3, 4, 5].map((level) => ({
              value: level,
              label: t('flows.assignee.managerLevel', { level }),
            }))}
            style={{ width: 140 }}
            data-testid={`${testId}-manager-level`}
          />
        </Space.Compact>
      ) : null}
      {value?.type === 'field' ? (
        <Select
          value={value.field || undefined}
          placeholder={t('flows.assignee.pickField')}
          onChange={(field: string) => onChange({ ...value, field })}
          options={fieldOptions((type) => type === 'user' || type === 'createdBy' || type === 'relation')}
        />
      ) : null}
      {value?.type === 'expression' ? (
        <JsonInput value={value.expression} onChange={(expression) => onChange({ ...value, expression })} />
      ) : null}
      {value?.type === 'autoDispatch' ? (
        <>
          {(['area', 'category', 'skill'] as const).map((part) => (
            <Select
              key={part}
              data-testid={`${testId}-match-${part}`}
              allowClear
              prefix={`${t(`flows.assignee.match.${part}`)}:`}
              placeholder={t(`flows.assignee.match.${part}`)}
              value={value.match[part]}
              onChange={(field?: string) => {
                const match = { ...value.match };
                if (field) match[part] = field;
                else delete match[part];
                onChange({ ...value, match });
              }}
              options={fieldOptions()}
            />
          ))}
          <Radio.Group
            data-testid={`${testId}-strategy`}
            value={value.strategy}
            onChange={(event) => onChange({ ...value, strategy: event.target.value as 'leastLoaded' })}
            options={[
              { value: 'leastLoaded', label: t('flows.assignee.leastLoaded') },
              { value: 'roundRobin', label: t('flows.assignee.roundRobin') },
            ]}
          />
        </>
      ) : null}
    </Space>
  );
}

function ActionEditor(props: {
  value: FlowAction;
  onChange(value: FlowAction): void;
  app: AppDefinition;
  flow: FlowDefinition;
  entity: EntityDefinition | undefined;
  locale: Locale;
}) {
  const { value, onChange, app, flow, entity, locale } = props;
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        value={value.type}
        onChange={(type: ActionType) => onChange(changeActionType(value, type))}
        options={ACTION_TYPES.map((type) => ({ value: type, label: t(`flows.actionTypes.${type}`) }))}
        data-testid="flow-action-type"
      />
      {value.type === 'createRecord' ? (
        <Select
          value={value.entity || undefined}
          placeholder={t('flows.props.entity')}
          // A receiving field is a relation to the old entity: it goes with it.
          onChange={(key: string) => onChange({ type: 'createRecord', entity: key, values: value.values })}
          options={app.entities.map((candidate) => ({
            value: candidate.key,
            label: localize(candidate.label, locale),
          }))}
        />
      ) : null}
      {value.type === 'createRecord' ? (
        <Typography.Text type="secondary">{t('flows.props.resultField')}</Typography.Text>
      ) : null}
      {value.type === 'createRecord' ? (
        <Select
          allowClear
          value={value.resultField}
          placeholder={t('flows.props.resultField')}
          data-testid="flow-action-result-field"
          onChange={(key: string | undefined) => {
            const { resultField: _previous, ...rest } = value;
            onChange(key ? { ...rest, resultField: key } : rest);
          }}
          options={(entity?.fields ?? [])
            .filter(
              (field) =>
                field.type === 'relation' &&
                !field.relation.multiple &&
                field.relation.entity === value.entity,
            )
            .map((field) => ({ value: field.key, label: localize(field.label, locale) }))}
        />
      ) : null}
      {value.type === 'createRecord' || value.type === 'updateRecord' ? (
        <>
          <Typography.Text type="secondary">
            {t('flows.props.values', {
              // A record action writes the fields of the entity it creates, or of the flow's own record.
              fields:
                (value.type === 'createRecord'
                  ? app.entities.find((candidate) => candidate.key === value.entity)
                  : entity
                )?.fields
                  .map((f) => f.key)
                  .join(', ') ?? '',
            })}
          </Typography.Text>
          <JsonInput
            value={value.values}
            onChange={(values) => onChange({ ...value, values: values as Record<string, unknown> })}
          />
        </>
      ) : null}
      {value.type === 'notify' ? (
        <>
          <AssigneeEditor
            value={value.to}
            onChange={(to) => onChange({ ...value, to })}
            app={app}
            entity={entity}
            locale={locale}
            testId="flow-notify-to"
          />
          <LabelInputs
            value={value.template}
            onChange={(template) => onChange({ ...value, template })}
            testId="flow-notify-template"
          />
        </>
      ) : null}
      {value.type === 'webhook' ? (
        <Space.Compact style={{ width: '100%' }}>
          <Select
            style={{ width: 100 }}
            value={value.method}
            onChange={(method: typeof value.method) => onChange({ ...value, method })}
            options={['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => ({
              value: method,
              label: method,
            }))}
          />
          <Input value={value.url} onChange={(event) => onChange({ ...value, url: event.target.value })} />
        </Space.Compact>
      ) : null}
      {value.type === 'subFlow' ? (
        <Select
          value={value.flow || undefined}
          onChange={(key: string) => onChange({ ...value, flow: key })}
          options={(app.flows ?? [])
            .filter((candidate) => candidate.key !== flow.key)
            .map((candidate) => ({ value: candidate.key, label: localize(candidate.label, locale) }))}
        />
      ) : null}
    </Space>
  );
}

function NodeProperties(props: {
  node: FlowNode;
  flow: FlowDefinition;
  app: AppDefinition;
  entity: EntityDefinition | undefined;
  locale: Locale;
  onChange(flow: FlowDefinition, selectKey?: string): void;
}) {
  const { node, flow, app, entity, locale, onChange } = props;
  const { t } = useTranslation();
  const [key, setKey] = useState(node.key);
  useEffect(() => setKey(node.key), [node.key]);
  const set = (next: FlowNode) => onChange(updateNode(flow, node.key, () => next));
  const fieldOptions = (entity?.fields ?? []).map((field) => ({
    value: field.key,
    label: localize(field.label, locale),
  }));
  const sla = isTaskNode(node) ? slaDraft(node.sla) : undefined;
  return (
    <Form layout="vertical" size="small" component="div">
      <Form.Item label={t('flows.props.key')}>
        <Input
          value={key}
          onChange={(event) => setKey(event.target.value)}
          onBlur={() => {
            const next = renameNode(flow, node.key, key.trim());
            if (next === flow) setKey(node.key);
            else onChange(next, key.trim());
          }}
          className="mono"
        />
      </Form.Item>
      <Form.Item label={t('flows.props.label')}>
        <LabelInputs
          value={node.label}
          onChange={(label) => set({ ...node, label })}
          testId="flow-node-label"
        />
      </Form.Item>
      {isTaskNode(node) ? (
        <>
          <Form.Item label={t('flows.props.assignee')}>
            <AssigneeEditor
              value={node.assignee}
              onChange={(assignee) => set({ ...node, assignee })}
              app={app}
              entity={entity}
              locale={locale}
              testId="flow-assignee"
            />
          </Form.Item>
          <Form.Item label={t('flows.props.assigneeFallback')} extra={t('flows.props.assigneeFallbackHelp')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Checkbox
                checked={node.assigneeFallback !== undefined}
                onChange={(event) => {
                  const { assigneeFallback: _dropped, ...rest } = node;
                  set(
                    event.target.checked
                      ? { ...rest, assigneeFallback: { type: 'role', role: '' } }
                      : (rest as typeof node),
                  );
                }}
                data-testid="flow-assignee-fallback-on"
              >
                {t('flows.props.assigneeFallbackOn')}
              </Checkbox>
              {node.assigneeFallback ? (
                <AssigneeEditor
                  value={node.assigneeFallback}
                  onChange={(assigneeFallback) => set({ ...node, assigneeFallback })}
                  app={app}
                  entity={entity}
                  locale={locale}
                  testId="flow-assignee-fallback"
                />
              ) : null}
            </Space>
          </Form.Item>
          {node.type === 'approval' ? (
            <>
              <Form.Item label={t('flows.props.mode')}>
                <Radio.Group
                  value={node.mode}
                  onChange={(event) => set({ ...node, mode: event.target.value as 'all' })}
                  options={(['single', 'all', 'any'] as const).map((mode) => ({
                    value: mode,
                    label: t(`flows.modes.${mode}`),
                  }))}
                />
              </Form.Item>
              <Space style={{ marginBottom: 12 }}>
                <Checkbox
                  checked={node.allowReturn ?? false}
                  onChange={(event) => set({ ...node, allowReturn: event.target.checked })}
                >
                  {t('flows.props.allowReturn')}
                </Checkbox>
                <Checkbox
                  checked={node.allowTransfer ?? false}
                  onChange={(event) => set({ ...node, allowTransfer: event.target.checked })}
                >
                  {t('flows.props.allowTransfer')}
                </Checkbox>
              </Space>
              <Form.Item label={t('flows.props.cc')}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <MemberSelect
                    value={ccParts(node).users}
                    onChange={(users) => set(withCc(node, users, ccParts(node).roles))}
                    testId="flow-cc-users"
                  />
                  <Select
                    mode="multiple"
                    placeholder={t('flows.assignee.pickRole')}
                    value={ccParts(node).roles}
                    onChange={(roles: string[]) => set(withCc(node, ccParts(node).users, roles))}
                    options={app.roles.map((role) => ({
                      value: role.key,
                      label: localize(role.label, locale),
                    }))}
                  />
                </Space>
              </Form.Item>
            </>
          ) : null}
          <Form.Item label={t('flows.props.editable')}>
            <Select
              mode="multiple"
              value={node.form?.editable ?? []}
              onChange={(editable: string[]) => set(withTaskForm(node, { ...node.form, editable }))}
              options={fieldOptions}
              data-testid="flow-form-editable"
            />
          </Form.Item>
          <Form.Item label={t('flows.props.required')} help={t('flows.props.requiredHelp')}>
            <Select
              mode="multiple"
              value={node.form?.required ?? []}
              onChange={(required: string[]) => set(withTaskForm(node, { ...node.form, required }))}
              options={fieldOptions.filter((option) => node.form?.editable?.includes(option.value))}
              data-testid="flow-form-required"
            />
          </Form.Item>
          <Form.Item label={t('flows.props.visible')}>
            <Select
              mode="multiple"
              value={node.form?.visible ?? []}
              onChange={(visible: string[]) => set(withTaskForm(node, { ...node.form, visible }))}
              options={fieldOptions}
            />
          </Form.Item>
          <Divider plain style={{ margin: '8px 0' }}>
            SLA
          </Divider>
          <Form.Item label={t('flows.props.due')}>
            <DurationInput
              testId="flow-sla-due"
              value={sla?.due}
              business={sla?.calendar === 'business'}
              onChange={(due) => set(withSla(node, { ...sla, due }))}
            />
          </Form.Item>
          {sla?.due ? (
            <>
              <Form.Item label={t('flows.props.calendar')}>
                <Radio.Group
                  data-testid="flow-sla-calendar"
                  value={sla.calendar ?? 'calendar'}
                  onChange={(event) =>
                    set(withSla(node, { ...sla, calendar: event.target.value as 'business' }))
                  }
                  options={[
                    { value: 'calendar', label: t('flows.props.calendarNatural') },
                    { value: 'business', label: t('flows.props.calendarBusiness') },
                  ]}
                />
              </Form.Item>
              <Form.Item label={t('flows.props.remindBefore')}>
                <DurationInput
                  testId="flow-sla-remind"
                  value={sla.remindBefore}
                  business={sla.calendar === 'business'}
                  onChange={(remindBefore) => set(withSla(node, { ...sla, remindBefore }))}
                />
              </Form.Item>
              <Form.Item label={t('flows.props.escalate')}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Switch
                    data-testid="flow-sla-escalate"
                    checked={sla.escalateTo !== undefined}
                    onChange={(on) =>
                      set(
                        withSla(node, {
                          ...sla,
                          escalateTo: on ? { type: 'role', role: app.roles[0]?.key ?? '' } : undefined,
                        }),
                      )
                    }
                  />
                  {sla.escalateTo ? (
                    <>
                      <Typography.Text type="secondary">{t('flows.props.escalateAfter')}</Typography.Text>
                      <DurationInput
                        testId="flow-sla-escalate-after"
                        value={sla.escalateAfter}
                        onChange={(escalateAfter) => set(withSla(node, { ...sla, escalateAfter }))}
                      />
                      <AssigneeEditor
                        value={sla.escalateTo}
                        onChange={(escalateTo) => set(withSla(node, { ...sla, escalateTo }))}
                        app={app}
                        entity={entity}
                        locale={locale}
                        testId="flow-escalate"
                        escalation
                      />
                    </>
                  ) : null}
                </Space>
              </Form.Item>
            </>
          ) : null}
        </>
      ) : null}
      {node.type === 'timer' ? (
        <>
          <Radio.Group
            style={{ marginBottom: 12 }}
            value={node.untilField !== undefined ? 'untilField' : 'duration'}
            onChange={(event) => set(withTimerMode(node, event.target.value as 'duration'))}
            options={[
              { value: 'duration', label: t('flows.props.timerDuration') },
              { value: 'untilField', label: t('flows.props.timerUntil') },
            ]}
          />
          {node.untilField !== undefined ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Select
                value={node.untilField || undefined}
                onChange={(untilField: string) => set({ ...node, untilField })}
                options={(entity?.fields ?? [])
                  .filter((field) => DATE_TYPES.has(field.type))
                  .map((field) => ({ value: field.key, label: localize(field.label, locale) }))}
              />
              <Typography.Text type="secondary">{t('flows.props.offset')}</Typography.Text>
              <DurationInput
                testId="flow-timer-offset"
                value={node.offset}
                units={TIMER_UNITS}
                signed
                onChange={(offset) => {
                  const { offset: _offset, ...rest } = node;
                  set(offset ? { ...rest, offset } : rest);
                }}
              />
            </Space>
          ) : (
            <DurationInput
              testId="flow-timer-duration"
              value={node.duration}
              units={TIMER_UNITS}
              onChange={(duration) => set({ ...node, duration: duration ?? '' })}
            />
          )}
        </>
      ) : null}
      {node.type === 'action' ? (
        <ActionEditor
          value={node.action}
          onChange={(action) => set({ ...node, action })}
          app={app}
          flow={flow}
          entity={entity}
          locale={locale}
        />
      ) : null}
    </Form>
  );
}

function EdgeProperties(props: {
  edge: FlowEdge;
  flow: FlowDefinition;
  entity: EntityDefinition | undefined;
  locale: Locale;
  onChange(flow: FlowDefinition): void;
}) {
  const { edge, flow, entity, locale, onChange } = props;
  const { t } = useTranslation();
  const routes = edgeRoutes(flow, edge);
  return (
    <Form layout="vertical" size="small" component="div">
      <Form.Item label={t('flows.props.label')}>
        <LabelInputs
          value={edge.label ?? { 'zh-CN': '' }}
          onChange={(label) => onChange(updateEdge(flow, edge.key, (current) => ({ ...current, label })))}
          testId="flow-edge-label"
        />
      </Form.Item>
      {routes ? (
        <>
          <Checkbox
            checked={edge.default === true}
            onChange={(event) => onChange(setEdgeDefault(flow, edge.key, event.target.checked))}
            data-testid="flow-edge-default"
            style={{ marginBottom: 12 }}
          >
            {t('flows.props.default')}
          </Checkbox>
          {edge.default ? null : (
            <Form.Item label={t('flows.props.condition')}>
              <ConditionEditor
                key={edge.key}
                value={edge.condition}
                onChange={(condition) => onChange(setEdgeCondition(flow, edge.key, condition))}
                entity={entity}
                locale={locale}
                errors={[]}
              />
            </Form.Item>
          )}
        </>
      ) : (
        <Typography.Text type="secondary">{t('flows.props.plainEdge')}</Typography.Text>
      )}
    </Form>
  );
}

/** The side panel: the selected node's or edge's properties, else the flow's own (label, entity, trigger). */
export function FlowProperties(props: {
  flow: FlowDefinition;
  app: AppDefinition;
  isNew: boolean;
  selection: { kind: 'node' | 'edge'; key: string } | null;
  problems: Problem[];
  locale: Locale;
  onChange(flow: FlowDefinition, selectKey?: string): void;
  onDelete(): void;
}) {
  const { flow, app, isNew, selection, problems, locale, onChange, onDelete } = props;
  const { t } = useTranslation();
  const entity = app.entities.find((candidate) => candidate.key === flow.entity);
  const node = selection?.kind === 'node' ? flow.nodes.find((n) => n.key === selection.key) : undefined;
  const edge = selection?.kind === 'edge' ? flow.edges.find((e) => e.key === selection.key) : undefined;
  const mine = problems.filter((problem) =>
    node
      ? problem.path.startsWith(`$.nodes[${flow.nodes.indexOf(node)}]`)
      : edge
        ? problem.path.startsWith(`$.edges[${flow.edges.indexOf(edge)}]`)
        : false,
  );
  return (
    <div data-testid="flow-properties">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {node ? t(`flows.nodeTypes.${node.type}`) : edge ? t('flows.props.edge') : t('flows.props.flow')}
      </Typography.Title>
      {mine.map((problem) => (
        <Alert
          key={problem.path + problem.code}
          type={problem.severity === 'error' ? 'error' : 'warning'}
          showIcon
          message={problem.message[locale]}
          style={{ marginBottom: 8 }}
        />
      ))}
      {node ? (
        <NodeProperties
          key={node.key}
          node={node}
          flow={flow}
          app={app}
          entity={entity}
          locale={locale}
          onChange={onChange}
        />
      ) : null}
      {edge ? (
        <EdgeProperties edge={edge} flow={flow} entity={entity} locale={locale} onChange={onChange} />
      ) : null}
      {node || edge ? (
        <Button danger block onClick={onDelete} data-testid="flow-delete-selected">
          {t('flows.props.delete')}
        </Button>
      ) : (
        <Form layout="vertical" size="small" component="div">
          <Form.Item label={t('flows.props.key')}>
            <Input
              className="mono"
              value={flow.key}
              disabled={!isNew}
              onChange={(event) => onChange({ ...flow, key: event.target.value.trim() })}
              data-testid="flow-key"
            />
          </Form.Item>
          <Form.Item label={t('flows.props.label')}>
            <LabelInputs
              value={flow.label}
              onChange={(label) => onChange({ ...flow, label })}
              testId="flow-label"
            />
          </Form.Item>
          <Form.Item label={t('flows.props.entity')}>
            <Select
              value={flow.entity}
              onChange={(key: string) => onChange({ ...flow, entity: key })}
              options={app.entities.map((candidate) => ({
                value: candidate.key,
                label: localize(candidate.label, locale),
              }))}
              data-testid="flow-entity"
            />
          </Form.Item>
          <Form.Item label={t('flows.props.trigger')}>
            <Select
              data-testid="flow-trigger"
              value={flow.trigger.type}
              onChange={(type: FlowDefinition['trigger']['type']) => onChange({ ...flow, trigger: { type } })}
              options={(['manual', 'recordCreated', 'formSubmitted'] as const).map((type) => ({
                value: type,
                label: t(`flows.triggers.${type}`),
              }))}
            />
          </Form.Item>
          <Typography.Text type="secondary">{t('flows.props.hint')}</Typography.Text>
        </Form>
      )}
    </div>
  );
}
