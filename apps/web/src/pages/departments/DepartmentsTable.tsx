import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table, Typography, type ButtonProps, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentDto } from '../../api/memberTypes';
import { parentKeys, type DepartmentNode } from './departmentTree';

interface DepartmentHandlers {
  onAddChild(department: DepartmentDto): void;
  onEdit(department: DepartmentDto): void;
  /** Resolves once the server answered, so the confirmation shows it is busy until then. */
  onDelete(department: DepartmentDto): Promise<void>;
}

/**
 * The departments as a tree table, every level expanded until the user folds one. On a phone the key,
 * manager and member count move under the name and the actions shrink to icons, so two columns fit 390 px.
 */
export function DepartmentsTable({
  tree,
  loading,
  compact,
  ...handlers
}: DepartmentHandlers & { tree: DepartmentNode[]; loading: boolean; compact: boolean }) {
  const { t } = useTranslation();
  // Folded ones are remembered rather than expanded ones, so a department added later shows expanded.
  const [folded, setFolded] = useState<ReadonlySet<string>>(() => new Set());
  const expandedRowKeys = useMemo(() => parentKeys(tree).filter((key) => !folded.has(key)), [tree, folded]);
  const toggle = (expanded: boolean, department: DepartmentNode) =>
    setFolded((current) => {
      const next = new Set(current);
      if (expanded) next.delete(department.key);
      else next.add(department.key);
      return next;
    });

  const managerName = (department: DepartmentDto) => department.manager?.displayName ?? '—';
  const actions: NonNullable<TableProps<DepartmentNode>['columns']>[number] = {
    key: 'actions',
    title: compact ? undefined : t('departments.actions'),
    width: compact ? 108 : undefined,
    render: (_, department) => <DepartmentActions department={department} compact={compact} {...handlers} />,
  };
  const columns: TableProps<DepartmentNode>['columns'] = compact
    ? [
        {
          key: 'name',
          title: t('departments.name'),
          render: (_, department) => (
            <Space direction="vertical" size={0} style={{ minWidth: 0, wordBreak: 'break-word' }}>
              <Typography.Text strong>{department.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <span className="mono">{department.key}</span>
                {` · ${managerName(department)} · `}
                {t('departments.memberTotal', { count: department.memberCount })}
              </Typography.Text>
            </Space>
          ),
        },
        actions,
      ]
    : [
        {
          key: 'name',
          title: t('departments.name'),
          render: (_, department) => <Typography.Text strong>{department.name}</Typography.Text>,
        },
        {
          key: 'key',
          title: t('departments.key'),
          render: (_, department) => <span className="mono">{department.key}</span>,
        },
        {
          key: 'manager',
          title: t('departments.manager'),
          render: (_, department) => managerName(department),
        },
        {
          key: 'memberCount',
          title: t('departments.memberCount'),
          width: 100,
          align: 'right',
          render: (_, department) => department.memberCount,
        },
        actions,
      ];

  return (
    <Table<DepartmentNode>
      rowKey="key"
      size="middle"
      columns={columns}
      dataSource={tree}
      loading={loading}
      pagination={false}
      expandable={{ expandedRowKeys, onExpand: toggle, indentSize: compact ? 12 : 20 }}
      locale={{ emptyText: t('departments.empty') }}
      onRow={(department) =>
        ({ 'data-testid': `department-row-${department.key}` }) as React.HTMLAttributes<HTMLElement>
      }
    />
  );
}

/** Add a sub-department, edit, delete: labelled buttons, or icons with their label for screen readers on a phone. */
function DepartmentActions({
  department,
  compact,
  onAddChild,
  onEdit,
  onDelete,
}: DepartmentHandlers & { department: DepartmentDto; compact: boolean }) {
  const { t } = useTranslation();
  const action = (label: string, props: ButtonProps & { 'data-testid': string }) =>
    compact ? (
      <Button type="text" size="small" aria-label={label} title={label} {...props} />
    ) : (
      <Button type="link" size="small" {...props}>
        {label}
      </Button>
    );
  return (
    <Space size={compact ? 0 : 4} wrap={!compact}>
      {action(t('departments.addChild'), {
        icon: <PlusOutlined />,
        onClick: () => onAddChild(department),
        'data-testid': `department-add-child-${department.key}`,
      })}
      {action(t('departments.edit'), {
        icon: <EditOutlined />,
        onClick: () => onEdit(department),
        'data-testid': `department-edit-${department.key}`,
      })}
      <Popconfirm
        title={t('departments.deleteConfirm', { name: department.name })}
        okText={t('departments.delete')}
        cancelText={t('departments.cancel')}
        okButtonProps={{
          danger: true,
          ...({ 'data-testid': 'department-delete-confirm' } as Record<`data-${string}`, string>),
        }}
        onConfirm={() => onDelete(department)}
      >
        {action(t('departments.delete'), {
          danger: true,
          icon: <DeleteOutlined />,
          'data-testid': `department-delete-${department.key}`,
        })}
      </Popconfirm>
    </Space>
  );
}
