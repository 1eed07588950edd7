import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useDepartments } from '../hooks/useDepartments';
import { buildDepartmentTree, departmentOptions } from '../pages/departments/departmentTree';

interface DepartmentSelectProps {
  value: string | string[] | null | undefined;
  onChange(value: string | string[] | null): void;
  multiple?: boolean;
  id?: string;
  invalid?: boolean;
  placeholder?: string;
  onBlur?(): void;
  testId?: string;
}

/**
 * Picks departments of the workspace by name, in their tree; the value is their keys. A key the directory
 * does not know (deleted since) is still shown, as its key, so it can be seen and cleared.
 */
export function DepartmentSelect({
  value,
  onChange,
  multiple = false,
  id,
  invalid,
  placeholder,
  onBlur,
  testId,
}: DepartmentSelectProps) {
  const { departments, loading } = useDepartments();
  const treeData = useMemo(() => departmentOptions(buildDepartmentTree(departments ?? [])), [departments]);
  const keys = Array.isArray(value) ? value : value ? [value] : [];
  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      treeData={treeData}
      treeDefaultExpandAll
      multiple={multiple}
      showSearch
      treeNodeFilterProp="title"
      allowClear
      loading={loading}
      placeholder={placeholder}
      status={invalid ? 'error' : undefined}
      value={multiple ? keys : keys[0]}
      onChange={(next: string | string[] | undefined) =>
        onChange(multiple ? (Array.isArray(next) ? next : []) : typeof next === 'string' ? next : null)
      }
      onBlur={onBlur}
      style={{ width: '100%' }}
    />
  );
}
