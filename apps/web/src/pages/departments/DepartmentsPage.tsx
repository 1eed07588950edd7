import { PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Grid, Result, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading';
import { api } from '../../api';
import type { DepartmentDto } from '../../api/memberTypes';
import { useSignedInSession } from '../../hooks/session';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { isStaleDepartmentError } from './departmentForm';
import { DepartmentFormModal, type DepartmentDialog } from './DepartmentFormModal';
import { DepartmentsTable } from './DepartmentsTable';
import { buildDepartmentTree } from './departmentTree';

/** `/departments`: the workspace's organisation (组织架构) as a tree — add, edit, move, delete. Admins only. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const session = useSignedInSession();
  const errorText = useErrorText();
  const isPhone = !Grid.useBreakpoint().md;
  const departments = useAsyncData(useCallback(() => api.listDepartments(), []));
  const list = useMemo(() => departments.data ?? [], [departments.data]);
  const tree = useMemo(() => buildDepartmentTree(list), [list]);
  const [dialog, setDialog] = useState<DepartmentDialog>();

  if (session.role !== 'admin') return <Result status="403" title={t('departments.adminsOnly')} />;

  const remove = async (department: DepartmentDto) => {
    try {
      await api.removeDepartment(department.key);
      void message.success(t('departments.deleted', { name: department.name }));
      departments.reload();
    } catch (error) {
      // DEPARTMENT_IN_USE says what is still under it, in the user's language; show it as it is.
      void message.error(errorText(error));
      if (isStaleDepartmentError(error)) departments.reload();
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="departments-page">
      <PageHeading
        title={t('departments.title')}
        count={departments.data ? t('departments.total', { count: list.length }) : undefined}
        action={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ mode: 'create' })}
            data-testid="department-create"
          >
            {t('departments.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('departments.intro')}
      </Typography.Paragraph>
      {departments.error ? <Alert type="error" showIcon message={errorText(departments.error)} /> : null}
      <DepartmentsTable
        tree={tree}
        loading={departments.loading}
        compact={isPhone}
        onAddChild={(parent) => setDialog({ mode: 'create', parentKey: parent.key })}
        onEdit={(department) => setDialog({ mode: 'edit', department })}
        onDelete={remove}
      />
      {dialog ? (
        <DepartmentFormModal
          dialog={dialog}
          departments={list}
          onClose={() => setDialog(undefined)}
          onSaved={() => {
            setDialog(undefined);
            departments.reload();
          }}
          onStale={departments.reload}
        />
      ) : null}
    </Space>
  );
}
