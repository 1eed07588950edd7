import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AppDefinition, Assignee, Locale, RuleAction } from '@lowcode/app-model';
import { Alert, Button, Card, Dropdown, Flex, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { localize } from '../../../hooks/useLocale';
import { newAction } from './ruleDraft';
import { DepartmentSelect } from '../../../components/DepartmentSelect';

const ACTION_TYPES: RuleAction['type'][] = [
  'notify',
  'createTask',
  'createRecord',
  'updateRecord',
  'startFlow',
  'webhook',
];
const CHANNELS = ['inApp', 'email', 'sms', 'wechat', 'dingtalk', 'wecom'] as const;
const METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'] as const;
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

interface Context {
  app: AppDefinition;
  entityKey: string | undefined;
  locale: Locale;
}

function UserPicker({ value, onChange }: { value: string[]; onChange(users: string[]): void }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const search = (q: string) =>
    void api.searchUsers(q).then(
      (users) =>
        setOptions(
          users.map((user) => ({ value: user.id, label: `${user.displayName} (${user.username})` })),
        ),
      () => setOptions([]),
    );
  useEffect(() => search(''), []);
  return (
    <Select
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={search}
      value={value}
      onChange={onChange}
      options={options}
      placeholder={t('rules.actions.pickUsers')}
      style={{ minWidth: 220 }}
    />
  );
}

/** Who gets it: a role of the app, a department, chosen users, or the user in a field of the record. */
function AssigneeInput({
  value,
  onChange,
  context,
}: {
  value: Assignee;
  onChange(to: Assignee): void;
  context: Context;
}) {
  const { t } = useTranslation();
  const entity = context.app.entities.find((candidate) => candidate.key === context.entityKey);
  const userFields = (entity?.fields ?? []).filter((field) =>
    ['user', 'createdBy', 'updatedBy'].includes(field.type),
  );
  const kind =
    value.type === 'role' || value.type === 'department' || value.type === 'user' || value.type === 'field'
      ? value.type
      : 'role';
  return (
    <Flex gap={8} wrap>
      <Select<'role' | 'department' | 'user' | 'field'>
        data-testid="assignee-type"
        style={{ width: 130 }}
        value={kind}
        onChange={(type) =>
          onChange(
            type === 'role'
              ? { type, role: '' }
              : type === 'department'
                ? { type, department: '' }
                : type === 'user'
                  ? { type, users: [] }
                  : { type, field: '' },
          )
        }
        options={(['role', 'department', 'user', 'field'] as const)
          .filter((type) => type !== 'field' || userFields.length > 0)
          .map((type) => ({ value: type, label: t(`rules.actions.assignee.${type}`) }))}
      />
      {value.type === 'role' ? (
        <Select
          data-testid="assignee-role"
          style={{ minWidth: 180 }}
          value={value.role || undefined}
          placeholder={t('rules.actions.pickRole')}
          onChange={(role: string) => onChange({ type: 'role', role })}
          options={context.app.roles.map((role) => ({
            value: role.key,
            label: localize(role.label, context.locale),
          }))}
        />
      ) : null}
      {value.type === 'department' ? (
        <div style={{ minWidth: 180 }}>
          <DepartmentSelect
            value={value.department || null}
            placeholder={t('rules.actions.pickDepartment')}
            onChange={(department) =>
              onChange({ type: 'department', department: typeof department === 'string' ? department : '' })
            }
            testId="assignee-department"
          />
        </div>
      ) : null}
      {value.type === 'user' ? (
        <UserPicker value={value.users} onChange={(users) => onChange({ type: 'user', users })} />
      ) : null}
      {value.type === 'field' ? (
        <Select
          style={{ minWidth: 180 }}
          value={value.field || undefined}
          onChange={(field: string) => onChange({ type: 'field', field })}
          options={userFields.map((field) => ({
            value: field.key,
            label: localize(field.label, context.locale),
          }))}
        />
      ) : null}
    </Flex>
  );
}

/** zh-CN and en text; `{{record.<field>}}` placeholders are inserted from a field list. */
function TextPair({
  value,
  onChange,
  context,
  multiline,
  testId,
}: {
  value: { 'zh-CN': string; en?: string };
  onChange(text: { 'zh-CN': string; en?: string }): void;
  context: Context;
  multiline?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const entity = context.app.entities.find((candidate) => candidate.key === context.entityKey);
  const Control = multiline ? Input.TextArea : Input;
  const insert = (field: string) => {
    const token = `{{record.${field}}}`;
    onChange({ 'zh-CN': `${value['zh-CN']}${token}`, en: `${value.en ?? ''}${token}` });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Control
        data-testid={`${testId}-zh`}
        addonBefore={multiline ? undefined : '中文'}
        placeholder={multiline ? t('rules.actions.textZh') : undefined}
        value={value['zh-CN']}
        onChange={(event) => onChange({ ...value, 'zh-CN': event.target.value })}
        autoSize={multiline ? { minRows: 2, maxRows: 6 } : undefined}
      />
      <Control
        data-testid={`${testId}-en`}
        addonBefore={multiline ? undefined : 'EN'}
        placeholder={multiline ? t('rules.actions.textEn') : undefined}
        value={value.en ?? ''}
        onChange={(event) => onChange({ ...value, en: event.target.value })}
        autoSize={multiline ? { minRows: 2, maxRows: 6 } : undefined}
      />
      {entity ? (
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">
            {t('rules.actions.placeholderHelp', { example: '{{record.title}}' })}
          </Typography.Text>
          <Select
            size="small"
            style={{ minWidth: 160 }}
            placeholder={t('rules.actions.insertField')}
            value={null}
            onChange={(field: string) => insert(field)}
            options={entity.fields.map((field) => ({
              value: field.key,
              label: localize(field.label, context.locale),
            }))}
          />
        </Flex>
      ) : null}
    </Space>
  );
}

type Values = Record<string, unknown>;

/** Field values of a created/updated record: a fixed value, or a field of the triggering record. */
function ValuesInput({
  value,
  onChange,
  targetEntity,
  context,
}: {
  value: Values;
  onChange(values: Values): void;
  targetEntity: string | undefined;
  context: Context;
}) {
  const { t } = useTranslation();
  const target = context.app.entities.find((candidate) => candidate.key === targetEntity);
  const source = context.app.entities.find((candidate) => candidate.key === context.entityKey);
  const entries = Object.entries(value);
  if (!target)
    return <Typography.Text type="secondary">{t('rules.actions.pickEntityFirst')}</Typography.Text>;
  const set = (entriesNext: [string, unknown][]) => onChange(Object.fromEntries(entriesNext));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {entries.map(([fieldKey, fieldValue], index) => {
        const field = target.fields.find((candidate) => candidate.key === fieldKey);
        const fromRecord =
          typeof fieldValue === 'object' && fieldValue !== null && 'var' in fieldValue
            ? String((fieldValue as { var: unknown }).var).replace(/^record\./, '')
            : undefined;
        const options =
          field && 'options' in field && Array.isArray(field.options) ? field.options : undefined;
        const replace = (next: [string, unknown]) =>
          set(entries.map((entry, i) => (i === index ? next : entry)));
        return (
          <Flex key={fieldKey} gap={8} wrap align="center">
            <Select
              style={{ minWidth: 150 }}
              value={fieldKey}
              onChange={(key: string) => replace([key, fieldValue])}
              options={target.fields
                .filter((candidate) => candidate.key === fieldKey || !(candidate.key in value))
                .map((candidate) => ({
                  value: candidate.key,
                  label: localize(candidate.label, context.locale),
                }))}
            />
            <Select<'fixed' | 'record'>
              style={{ width: 130 }}
              value={fromRecord !== undefined ? 'record' : 'fixed'}
              disabled={!source}
              onChange={(mode) =>
                replace([
                  fieldKey,
                  mode === 'record' ? { var: `record.${source?.fields[0]?.key ?? ''}` } : '',
                ])
              }
              options={[
                { value: 'fixed', label: t('rules.actions.fixedValue') },
                { value: 'record', label: t('rules.actions.fromRecord') },
              ]}
            />
            {fromRecord !== undefined ? (
              <Select
                style={{ minWidth: 150 }}
                value={fromRecord}
                onChange={(key: string) => replace([fieldKey, { var: `record.${key}` }])}
                options={(source?.fields ?? []).map((candidate) => ({
                  value: candidate.key,
                  label: localize(candidate.label, context.locale),
                }))}
              />
            ) : options ? (
              <Select
                style={{ minWidth: 150 }}
                value={fieldValue as string}
                onChange={(next: string) => replace([fieldKey, next])}
                options={options.map((option) => ({
                  value: option.value,
                  label: localize(option.label, context.locale),
                }))}
              />
            ) : (
              <Input
                style={{ width: 180 }}
                value={fieldValue === null || fieldValue === undefined ? '' : String(fieldValue)}
                onChange={(event) => {
                  const text = event.target.value;
                  const numeric = field && ['number', 'money', 'percent', 'rating'].includes(field.type);
                  replace([
                    fieldKey,
                    numeric && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text,
                  ]);
                }}
              />
            )}
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('rules.actions.removeValue')}
              onClick={() => set(entries.filter((_, i) => i !== index))}
            />
          </Flex>
        );
      })}
      <Select
        style={{ minWidth: 200 }}
        placeholder={t('rules.actions.addValue')}
        value={null}
        onChange={(key: string) => set([...entries, [key, '']])}
        options={target.fields
          .filter((field) => !(field.key in value))
          .map((field) => ({ value: field.key, label: localize(field.label, context.locale) }))}
      />
    </Space>
  );
}

/** Actions the form cannot show in full: repeated over a list, or updating another record by increments. */
const needsJson = (action: RuleAction) =>
  'forEach' in action ||
  (action.type === 'updateRecord' && (action.entity !== undefined || action.increments !== undefined));

/** The action's settings as JSON (its key and type stay where they are), kept until the JSON parses. */
function ActionJson({ action, onChange }: { action: RuleAction; onChange(action: RuleAction): void }) {
  const { t } = useTranslation();
  const { key, type, ...settings } = action;
  const [text, setText] = useState(() => JSON.stringify(settings, null, 2));
  const [error, setError] = useState<string>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('rules.actions.asJson')}</Typography.Text>
      <Input.TextArea
        className="mono"
        data-testid="action-json"
        autoSize={{ minRows: 6, maxRows: 24 }}
        value={text}
        status={error ? 'error' : undefined}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const parsed = JSON.parse(event.target.value) as unknown;
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
              throw new Error(t('rules.actions.jsonObject'));
            onChange({ ...(parsed as object), key, type } as RuleAction);
            setError(undefined);
          } catch (caught) {
            setError(caught instanceof Error ? caught.message : String(caught));
          }
        }}
      />
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
    </Space>
  );
}

function ActionFields({
  action,
  onChange,
  context,
}: {
  action: RuleAction;
  onChange(action: RuleAction): void;
  context: Context;
}) {
  const { t } = useTranslation();
  const item = (label: string, children: React.ReactNode) => (
    <Form.Item label={label} style={{ marginBottom: 12 }}>
      {children}
    </Form.Item>
  );
  if (needsJson(action)) return <ActionJson action={action} onChange={onChange} />;
  switch (action.type) {
    case 'notify':
      return (
        <>
          {item(
            t('rules.actions.to'),
            <AssigneeInput
              value={action.to}
              context={context}
              onChange={(to) => onChange({ ...action, to })}
            />,
          )}
          {item(
            t('rules.actions.channel'),
            <Select
              data-testid="action-channel"
              style={{ width: 180 }}
              value={action.channel}
              onChange={(channel: (typeof CHANNELS)[number]) => onChange({ ...action, channel })}
              options={CHANNELS.map((channel) => ({ value: channel, label: t(`rules.channels.${channel}`) }))}
            />,
          )}
          {item(
            t('rules.actions.message'),
            <TextPair
              multiline
              testId="action-template"
              value={action.template}
              context={context}
              onChange={(template) => onChange({ ...action, template })}
            />,
          )}
        </>
      );
    case 'createTask':
      return (
        <>
          {item(
            t('rules.actions.assignee.label'),
            <AssigneeInput
              value={action.assignee}
              context={context}
              onChange={(assignee) => onChange({ ...action, assignee })}
            />,
          )}
          {item(
            t('rules.actions.taskTitle'),
            <TextPair
              testId="action-title"
              value={action.title}
              context={context}
              onChange={(title) => onChange({ ...action, title })}
            />,
          )}
          {item(
            t('rules.actions.due'),
            <Space direction="vertical">
              <Select
                style={{ width: 220 }}
                value={action.due ?? ''}
                onChange={(due: string) => onChange({ ...action, due: due || undefined })}
                options={['', 'PT4H', 'P1D', 'P3D', 'P7D', 'P30D'].map((due) => ({
                  value: due,
                  label: t(`rules.actions.dues.${due || 'none'}`),
                }))}
                popupRender={(menu) => (
                  <>
                    {menu}
                    <Input
                      size="small"
                      className="mono"
                      placeholder="P2DT4H"
                      style={{ margin: 4, width: 'calc(100% - 8px)' }}
                      onPressEnter={(event) => onChange({ ...action, due: event.currentTarget.value })}
                    />
                  </>
                )}
              />
              {action.due && !DURATION.test(action.due) ? (
                <Typography.Text type="danger">{t('rules.actions.badDuration')}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('rules.actions.dueHelp')}</Typography.Text>
              )}
            </Space>,
          )}
        </>
      );
    case 'createRecord':
      return (
        <>
          {item(
            t('rules.editor.entity'),
            <Select
              style={{ minWidth: 200 }}
              value={action.entity || undefined}
              onChange={(entity: string) => onChange({ ...action, entity, values: {} })}
              options={context.app.entities.map((entity) => ({
                value: entity.key,
                label: localize(entity.label, context.locale),
              }))}
            />,
          )}
          {item(
            t('rules.actions.values'),
            <ValuesInput
              value={action.values as Values}
              targetEntity={action.entity}
              context={context}
              onChange={(values) => onChange({ ...action, values })}
            />,
          )}
        </>
      );
    case 'updateRecord':
      return context.entityKey ? (
        item(
          t('rules.actions.values'),
          <ValuesInput
            value={action.values as Values}
            targetEntity={context.entityKey}
            context={context}
            onChange={(values) => onChange({ ...action, values })}
          />,
        )
      ) : (
        <Alert type="warning" showIcon message={t('rules.actions.updateNeedsRecord')} />
      );
    case 'startFlow':
      return item(
        t('rules.actions.flow'),
        <Select
          style={{ minWidth: 200 }}
          value={action.flow || undefined}
          onChange={(flow: string) => onChange({ ...action, flow })}
          notFoundContent={t('rules.actions.noFlows')}
          options={context.app.flows.map((flow) => ({
            value: flow.key,
            label: localize(flow.label, context.locale),
          }))}
        />,
      );
    case 'webhook':
      return (
        <Flex gap={8} wrap>
          <Select
            style={{ width: 110 }}
            value={action.method ?? 'POST'}
            onChange={(method: (typeof METHODS)[number]) => onChange({ ...action, method })}
            options={METHODS.map((method) => ({ value: method, label: method }))}
          />
          <Input
            data-testid="action-url"
            style={{ flex: '1 1 240px' }}
            value={action.url}
            placeholder="https://example.com/hooks/lowcode"
            status={/^https?:\/\/\S+$/.test(action.url) ? undefined : 'error'}
            onChange={(event) => onChange({ ...action, url: event.target.value })}
          />
        </Flex>
      );
  }
}

/** The rule's actions in order, each a card with the fields of its type. */
export function ActionsEditor({
  value,
  onChange,
  app,
  entityKey,
  locale,
  errorsAt,
}: {
  value: RuleAction[];
  onChange(actions: RuleAction[]): void;
  app: AppDefinition;
  entityKey: string | undefined;
  locale: Locale;
  errorsAt(index: number): string[];
}) {
  const { t } = useTranslation();
  const context = { app, entityKey, locale };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="actions-editor">
      {value.length === 0 ? <Alert type="warning" showIcon message={t('rules.actions.none')} /> : null}
      {value.map((action, index) => (
        <Card
          key={action.key}
          size="small"
          data-testid={`action-${index}`}
          title={`${index + 1}. ${t(`rules.actionTypes.${action.type}`)}`}
          extra={
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('rules.actions.remove')}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            />
          }
        >
          <ActionFields
            action={action}
            context={context}
            onChange={(next) => onChange(value.map((candidate, i) => (i === index ? next : candidate)))}
          />
          {errorsAt(index).map((error) => (
            <Alert key={error} type="error" showIcon message={error} style={{ marginTop: 8 }} />
          ))}
        </Card>
      ))}
      <Dropdown
        trigger={['click']}
        menu={{
          items: ACTION_TYPES.map((type) => ({
            key: type,
            label: <span data-testid={`action-add-${type}`}>{t(`rules.actionTypes.${type}`)}</span>,
          })),
          onClick: ({ key }) =>
            onChange([
              ...value,
              newAction(
                key as RuleAction['type'],
                value.map((a) => a.key),
              ),
            ]),
        }}
      >
        <Button icon={<PlusOutlined />} type="dashed" block data-testid="action-add">
          {t('rules.actions.add')}
        </Button>
      </Dropdown>
    </Space>
  );
}
