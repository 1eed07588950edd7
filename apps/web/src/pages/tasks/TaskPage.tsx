import type { EntityDefinition } from '@lowcode/app-model';
import { inputValues } from '@lowcode/form-engine';
import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Input,
  Modal,
  Result,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { ApiError } from '../../api/ApiError';
import type { TaskAction, TaskActionBody, TaskDetail } from '../../api/flowTypes';
import type { MemberUser } from '../../api/types';
import { FieldValue } from '../../fields/FieldValue';
import { shownField } from '../../fields/shownField';
import { fieldKeyOfPath } from '../../forms/formValues';
import { GeneratedForm } from '../../forms/GeneratedForm';
import { useRecordForm } from '../../forms/useRecordForm';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { PrintMenu } from '../documents/PrintMenu';
import { FlowTrack } from '../flows/FlowTrack';
import { UrgencyTag } from './TaskCard';
import { taskFormEntity } from './taskForm';
import { flowOf, nodeOf, useAppDefinitions } from './useAppDefinitions';

type Dialog = 'return' | 'transfer' | 'add-signer' | undefined;

/** Member search for transfer and add-signer: `/api/users?q=` as the user types. */
function UserPicker(props: {
  multiple?: boolean;
  value: string[];
  onChange(ids: string[]): void;
  testId: string;
}) {
  const [options, setOptions] = useState<MemberUser[]>([]);
  const search = (q: string) => void api.searchUsers(q).then(setOptions, () => undefined);
  return (
    <Select
      showSearch
      mode={props.multiple ? 'multiple' : undefined}
      style={{ width: '100%' }}
      filterOption={false}
      onSearch={search}
      onFocus={() => search('')}
      value={props.multiple ? props.value : props.value[0]}
      onChange={(value: string | string[]) => props.onChange(Array.isArray(value) ? value : [value])}
      options={options.map((user) => ({ value: user.id, label: `${user.displayName} (${user.username})` }))}
      data-testid={props.testId}
    />
  );
}

/**
 * The form of a task: only the editable fields of the task form, checked by the form engine like any record —
 * those the task requires marked required (a rating, empty until this step). Every editable field starts with
 * its stored value or empty, so a required one left empty is refused before anything is sent.
 */
function useTaskForm(
  task: TaskDetail | undefined,
  entity: EntityDefinition | undefined,
  locale: 'zh-CN' | 'en',
) {
  const editable = useMemo(() => taskFormEntity(task, entity), [task, entity]);
  const initial = useMemo(() => {
    if (!editable) return {};
    const stored = inputValues(editable.fields, task?.record?.values ?? {});
    return Object.fromEntries(editable.fields.map((field) => [field.key, stored[field.key] ?? null]));
  }, [editable, task]);
  const form = useRecordForm({
    entity: editable ?? { key: 'none', label: { 'zh-CN': '' }, fields: [] },
    locale,
    mode: 'update',
    initial,
    ...(task?.record ? { current: task.record.values } : {}),
  });
  // The form starts before the task has loaded: it starts over with the task's values once they are here
  // (else it showed none of them, and a required field left empty was not there to be refused).
  const { reset } = form;
  useEffect(() => reset(initial), [reset, initial]);
  return { editable, form };
}

/** `/tasks/:id`: everything the assignee needs on a phone — the record, the form, a comment, the actions, the track. */
export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const loadTask = useCallback(() => api.getTask(id), [id]);
  const { data: task, error, reload } = useAsyncData(loadTask);
  const loadInstance = useCallback(
    () => (task?.instanceId ? api.getFlowInstance(task.instanceId) : Promise.resolve(undefined)),
    [task],
  );
  const { data: instance } = useAsyncData(loadInstance);
  const apps = useAppDefinitions(useMemo(() => (task ? [task.app] : []), [task]));
  const app = task ? apps.get(task.app) : undefined;
  const flow = flowOf(app, task?.flow ?? null);
  const node = nodeOf(flow, task?.nodeKey ?? null);
  const entity = app?.entities.find((candidate) => candidate.key === task?.entity);
  const { editable, form } = useTaskForm(task, entity, locale);
  const [comment, setComment] = useState('');
  const [internalNote, setInternalNote] = useState(false);
  const [busy, setBusy] = useState<TaskAction>();
  const [dialog, setDialog] = useState<Dialog>();
  const [returnTo, setReturnTo] = useState<string>();
  const [people, setPeople] = useState<string[]>([]);

  // Earlier task nodes this instance passed through: the places work can be sent back to.
  const returnTargets = useMemo(() => {
    const seen = new Map<string, string>();
    for (const entry of instance?.transitions ?? []) {
      const target = entry.to;
      if (!target || target.key === task?.nodeKey) continue;
      const type = nodeOf(flow, target.key)?.type;
      if (type === 'userTask' || type === 'approval') seen.set(target.key, localize(target.label, locale));
    }
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [instance, flow, task, locale]);

  const back = (
    <Link to="/tasks">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('tasks.back')}
      </Button>
    </Link>
  );
  if (error)
    return (
      <Result
        status={error instanceof ApiError && error.status === 404 ? '404' : 'error'}
        title={errorText(error)}
        extra={back}
      />
    );
  if (!task) return <Skeleton active />;

  const act = async (action: TaskAction, extra: TaskActionBody = {}) => {
    const decides = ['complete', 'approve', 'reject', 'return'].includes(action);
    const body: TaskActionBody = { ...extra };
    if (comment.trim() && action !== 'claim' && action !== 'release') {
      body.comment = comment.trim();
      if (internalNote) body.commentAudience = 'internal';
    }
    if (decides && editable && action !== 'reject') {
      const checked = form.submit();
      if (!checked.ok) {
        // Errors on fields the form shows are marked there; any other (a rule over a shown value) is told here.
        const unshown = checked.errors.filter(
          (error) => !editable.fields.some((field) => field.key === fieldKeyOfPath(error.path)),
        );
        void message.error(
          unshown.length > 0 ? unshown.map((error) => error.message).join('；') : t('tasks.fixFields'),
        );
        return;
      }
      body.data = checked.value;
    }
    setBusy(action);
    try {
      await api.actOnTask(task.id, action, body);
      void message.success(t(`tasks.done.${action}`));
      setDialog(undefined);
      if (decides || action === 'transfer') navigate('/tasks');
      else reload();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        void message.warning(t('tasks.conflict'));
        setDialog(undefined);
        reload();
      } else if (failure instanceof ApiError && failure.details.length > 0 && editable) {
        form.showServerErrors(
          failure.details.map((detail) => ({ ...detail, path: detail.path.replace(/^(data|values)\./, '') })),
        );
        void message.error(errorText(failure));
      } else void message.error(errorText(failure));
    } finally {
      setBusy(undefined);
    }
  };

  const visibleKeys = (task.form?.visible ?? []).filter((key) => !task.form?.editable.includes(key));
  const shownFields = task.form
    ? task.form.fields.filter((field) => visibleKeys.includes(field.key))
    : (entity?.fields ?? []).filter((field) => task.record && field.key in task.record.values);
  const has = (action: TaskAction) => task.actions.includes(action);
  const actionButton = (action: TaskAction, props: Parameters<typeof Button>[0] = {}) =>
    has(action) ? (
      <Button
        key={action}
        size="large"
        loading={busy === action}
        data-testid={`task-action-${action}`}
        onClick={() =>
          action === 'return' || action === 'transfer' || action === 'add-signer'
            ? (setPeople([]), setReturnTo(undefined), setDialog(action))
            : void act(action)
        }
        {...props}
      >
        {t(`tasks.actions.${action}`)}
      </Button>
    ) : null;

  return (
    <div style={{ maxWidth: 720, margin: '0 auto', paddingBottom: 96 }} data-testid="task-page">
      {back}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex justify="space-between" gap={8} align="flex-start" wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="task-title">
            {localize(task.title, locale)}
          </Typography.Title>
          {task.status === 'open' ? (
            <UrgencyTag dueAt={task.dueAt} now={Date.now()} />
          ) : (
            <Tag color="green">
              {t(`flows.status.${task.outcome ?? task.status}`, { defaultValue: task.status })}
            </Tag>
          )}
        </Flex>
        <Flex gap={6} wrap style={{ marginTop: 6 }}>
          {flow ? <Tag color="blue">{localize(flow.label, locale)}</Tag> : null}
          {node ? <Tag>{localize(node.label, locale)}</Tag> : null}
          {task.claimedBy ? <Tag color="purple">{t('tasks.claimed')}</Tag> : null}
        </Flex>
        {/* The step's own instructions, as the flow's builder wrote them. */}
        {node?.description ? (
          <Typography.Paragraph
            type="secondary"
            style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap' }}
            data-testid="task-instructions"
          >
            {localize(node.description, locale)}
          </Typography.Paragraph>
        ) : null}
      </Card>

      {task.record && shownFields.length > 0 ? (
        <Card
          size="small"
          title={entity ? localize(entity.label, locale) : t('tasks.record')}
          // The record's documents: the lease draft the leasing agent prints at 按模板生成合同.
          extra={
            entity && task.recordId ? (
              <PrintMenu appKey={task.app} entity={entity} recordId={task.recordId} locale={locale} />
            ) : null
          }
          style={{ marginBottom: 12 }}
        >
          <Descriptions size="small" column={1} data-testid="task-record">
            {shownFields.map((field) => (
              <Descriptions.Item key={field.key} label={localize(field.label, locale)}>
                <FieldValue
                  field={entity ? shownField(app?.entities, entity, field) : field}
                  value={task.record!.values[field.key]}
                  locale={locale}
                  display={task.record!.display?.[field.key]}
                  wrap
                />
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      ) : null}

      {editable && task.actions.length > 0 && app ? (
        <Card size="small" title={t('tasks.form')} style={{ marginBottom: 12 }}>
          <GeneratedForm
            appKey={task.app}
            app={app}
            entity={editable}
            locale={locale}
            form={form}
            display={task.record?.display}
          />
        </Card>
      ) : null}

      {task.actions.some((action) => action !== 'claim' && action !== 'release') ? (
        <Card size="small" title={t('tasks.comment')} style={{ marginBottom: 12 }}>
          <Input.TextArea
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={4000}
            placeholder={t('tasks.commentPlaceholder')}
            data-testid="task-comment"
          />
          {task.commentAudiences.includes('internal') ? (
            <Checkbox
              checked={internalNote}
              onChange={(event) => setInternalNote(event.target.checked)}
              style={{ marginTop: 8 }}
              data-testid="task-comment-internal"
            >
              {t('tasks.internalNote')}
            </Checkbox>
          ) : null}
        </Card>
      ) : null}

      {task.source?.fallback === true && task.status === 'open' ? (
        <Alert
          type="warning"
          showIcon
          message={t('tasks.fallback')}
          style={{ marginBottom: 12 }}
          data-testid="task-fallback"
        />
      ) : null}

      {task.actions.length === 0 && task.status === 'open' ? (
        <Alert type="info" showIcon message={t('tasks.notYours')} style={{ marginBottom: 12 }} />
      ) : null}

      {instance ? (
        <Card size="small" title={t('tasks.track')}>
          <FlowTrack instance={instance} locale={locale} />
        </Card>
      ) : null}

      {task.actions.length > 0 ? (
        <div
          style={{
            position: 'sticky',
            bottom: 0,
            marginTop: 12,
            padding: '10px 0',
            background: 'var(--ant-color-bg-layout, #f5f5f5)',
            zIndex: 5,
          }}
        >
          <Flex gap={8} wrap data-testid="task-actions">
            {actionButton('claim', { type: 'primary', style: { flex: 1 } })}
            {actionButton('approve', { type: 'primary', style: { flex: 1 } })}
            {actionButton('complete', { type: 'primary', style: { flex: 1 } })}
            {actionButton('reject', { danger: true, style: { flex: 1 } })}
            {actionButton('return')}
            {actionButton('transfer')}
            {actionButton('add-signer')}
            {actionButton('release')}
          </Flex>
        </div>
      ) : null}

      <Modal
        open={dialog !== undefined}
        title={dialog ? t(`tasks.actions.${dialog}`) : ''}
        onCancel={() => setDialog(undefined)}
        confirmLoading={busy === dialog}
        okButtonProps={{
          disabled: dialog === 'return' ? !returnTo : people.length === 0,
          ...({ 'data-testid': 'task-dialog-ok' } as Record<string, string>),
        }}
        onOk={() => {
          if (dialog === 'return' && returnTo) void act('return', { returnTo });
          if (dialog === 'transfer') void act('transfer', { to: people[0] });
          if (dialog === 'add-signer') void act('add-signer', { users: people });
        }}
      >
        {dialog === 'return' ? (
          returnTargets.length > 0 ? (
            <Select
              style={{ width: '100%' }}
              placeholder={t('tasks.returnTo')}
              value={returnTo}
              onChange={setReturnTo}
              options={returnTargets}
              data-testid="task-return-to"
            />
          ) : (
            <Alert type="info" showIcon message={t('tasks.noReturnTarget')} />
          )
        ) : null}
        {dialog === 'transfer' || dialog === 'add-signer' ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t(dialog === 'transfer' ? 'tasks.transferHelp' : 'tasks.addSignerHelp')}
            </Typography.Text>
            <UserPicker
              multiple={dialog === 'add-signer'}
              value={people}
              onChange={setPeople}
              testId="task-user-picker"
            />
          </Space>
        ) : null}
      </Modal>
    </div>
  );
}
