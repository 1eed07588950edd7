import { Alert, App as AntApp, Form, Input, InputNumber, Modal, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ApiError } from '../../api/ApiError';
import type { DepartmentDto } from '../../api/memberTypes';
import type { ErrorDetail } from '../../api/types';
import { useErrorText } from '../../hooks/useErrorText';
import {
  DEPARTMENT_KEY_PATTERN,
  DEPARTMENT_NAME_MAX,
  departmentChangeOf,
  formValuesOf,
  isStaleDepartmentError,
  newDepartmentOf,
  placeServerErrors,
  SORT_ORDER_LIMIT,
  type DepartmentField,
  type DepartmentFormValues,
} from './departmentForm';
import { parentOptions } from './departmentTree';
import { ManagerSelect } from './ManagerSelect';

/** What the dialog is for: a new department (under `parentKey`, or at the top) or changing one. */
export type DepartmentDialog =
  { mode: 'create'; parentKey?: string } | { mode: 'edit'; department: DepartmentDto };

/** A refusal the fields could not show on their own. */
interface Failure {
  error: unknown;
  unplaced: ErrorDetail[];
}

const CREATE_FIELDS: readonly DepartmentField[] = ['key', 'name', 'parentKey', 'managerId', 'sortOrder'];
// The key never changes once created, so editing has no field for it.
const EDIT_FIELDS: readonly DepartmentField[] = ['name', 'parentKey', 'managerId', 'sortOrder'];

/**
 * Creates or edits a department: name, key (on creation only), parent, manager and order among its siblings.
 * The server's refusals land on the fields they name; a version conflict asks the user to start over from the
 * reloaded list (`onStale`), since saving over someone else's change would silently undo it.
 */
export function DepartmentFormModal({
  dialog,
  departments,
  onClose,
  onSaved,
  onStale,
}: {
  dialog: DepartmentDialog;
  departments: DepartmentDto[];
  onClose(): void;
  onSaved(): void;
  onStale(): void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<DepartmentFormValues>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const editing = dialog.mode === 'edit' ? dialog.department : undefined;
  const treeData = useMemo(() => parentOptions(departments, editing?.key), [departments, editing?.key]);

  const save = async (values: DepartmentFormValues) => {
    setSaving(true);
    setFailure(undefined);
    try {
      if (editing) {
        const change = departmentChangeOf(editing, values);
        if (change) {
          await api.updateDepartment(editing.key, change);
          void message.success(t('departments.saved', { name: values.name.trim() }));
        }
      } else {
        const created = await api.createDepartment(newDepartmentOf(values));
        void message.success(t('departments.created', { name: created.name }));
      }
      onSaved();
    } catch (error) {
      const placed = placeServerErrors(error, editing ? EDIT_FIELDS : CREATE_FIELDS);
      form.setFields(placed.fields);
      // A refusal the fields already show is not repeated above them.
      setFailure(placed.fields.length === 0 || placed.unplaced.length > 0 ? { error, ...placed } : undefined);
      if (isStaleDepartmentError(error)) onStale();
    } finally {
      setSaving(false);
    }
  };

  const parentName = (key: string | undefined) =>
    departments.find((department) => department.key === key)?.name;
  const title = editing
    ? t('departments.editTitle', { name: editing.name })
    : dialog.mode === 'create' && dialog.parentKey
      ? t('departments.createChildTitle', { parent: parentName(dialog.parentKey) ?? dialog.parentKey })
      : t('departments.create');
  const initialValues: Partial<DepartmentFormValues> = editing
    ? formValuesOf(editing)
    : { parentKey: dialog.mode === 'create' ? dialog.parentKey : undefined, sortOrder: 0 };

  return (
    <Modal
      open
      width={560}
      title={
        editing ? (
          <>
            <div>{title}</div>
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {editing.key}
            </Typography.Text>
          </>
        ) : (
          title
        )
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('departments.save') : t('departments.createConfirm')}
      cancelText={t('departments.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'department-save' } as Record<`data-${string}`, string>}
      data-testid="department-modal"
    >
      {failure ? <FailureAlert failure={failure} errorText={errorText} /> : null}
      <Form<DepartmentFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        initialValues={initialValues}
      >
        <Form.Item
          name="name"
          label={t('departments.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              max: DEPARTMENT_NAME_MAX,
              message: t('departments.nameRequired', { max: DEPARTMENT_NAME_MAX }),
            },
          ]}
        >
          <Input autoComplete="off" data-testid="department-name" />
        </Form.Item>
        {editing ? null : (
          <Form.Item
            name="key"
            label={t('departments.key')}
            extra={t('departments.keyHint')}
            rules={[
              { required: true, message: t('departments.keyRequired') },
              { pattern: DEPARTMENT_KEY_PATTERN, message: t('departments.keyInvalid') },
            ]}
          >
            <Input
              autoComplete="off"
              autoCapitalize="none"
              className="mono"
              placeholder="engineering"
              data-testid="department-key"
            />
          </Form.Item>
        )}
        <Form.Item
          name="parentKey"
          label={t('departments.parent')}
          extra={editing ? t('departments.parentHint') : undefined}
        >
          <TreeSelect
            treeData={treeData}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            allowClear
            placeholder={t('departments.parentNone')}
            style={{ width: '100%' }}
            data-testid="department-parent"
          />
        </Form.Item>
        <Form.Item name="managerId" label={t('departments.manager')}>
          <ManagerSelect current={editing?.manager ?? null} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('departments.sortOrder')} extra={t('departments.sortOrderHint')}>
          <InputNumber
            precision={0}
            min={-SORT_ORDER_LIMIT}
            max={SORT_ORDER_LIMIT}
            style={{ width: 160 }}
            data-testid="department-sort-order"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The refusal above the form; a version conflict is explained rather than quoted. */
function FailureAlert({ failure, errorText }: { failure: Failure; errorText(error: unknown): string }) {
  const { t } = useTranslation();
  const conflict = failure.error instanceof ApiError && failure.error.code === 'DEPARTMENT_VERSION_CONFLICT';
  return (
    <Alert
      type={conflict ? 'warning' : 'error'}
      showIcon
      message={conflict ? t('departments.versionConflict') : errorText(failure.error)}
      description={
        failure.unplaced.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {failure.unplaced.map((detail) => (
              <li key={`${detail.path}:${detail.message}`}>
                {detail.path ? <span className="mono">{detail.path}: </span> : null}
                {detail.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
      data-testid="department-error"
    />
  );
}
