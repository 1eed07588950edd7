import type { DepartmentDto } from '../../api/memberTypes';

/** A department with the ones directly under it; `children` only when there are some (a Table shows no expander then). */
export interface DepartmentNode extends DepartmentDto {
  children?: DepartmentNode[];
}

/** A TreeSelect option for picking a department by name; the value is its key. */
export interface DepartmentOption {
  value: string;
  title: string;
  children: DepartmentOption[];
}

/** Siblings' order: by sort order, then by name (Chinese names by pinyin), then by key so it is total. */
export function compareDepartments(a: DepartmentDto, b: DepartmentDto): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN') || a.key.localeCompare(b.key);
}

/**
 * The flat list as a tree, each level in `compareDepartments` order. A department whose parent is not in the
 * list is shown at the top rather than lost; so are the departments of a cycle, which the server never writes
 * but which would otherwise have no way in from the top.
 */
export function buildDepartmentTree(departments: readonly DepartmentDto[]): DepartmentNode[] {
  const sorted = [...departments].sort(compareDepartments);
  const known = new Set(sorted.map((department) => department.key));
  const childrenByParent = new Map<string | null, DepartmentDto[]>();
  for (const department of sorted) {
    const parent =
      department.parentKey !== null &&
      department.parentKey !== department.key &&
      known.has(department.parentKey)
        ? department.parentKey
        : null;
    childrenByParent.set(parent, [...(childrenByParent.get(parent) ?? []), department]);
  }

  const placed = new Set<string>();
  const nodeOf = (department: DepartmentDto): DepartmentNode => {
    placed.add(department.key);
    const children = (childrenByParent.get(department.key) ?? [])
      .filter((child) => !placed.has(child.key))
      .map(nodeOf);
    return children.length > 0 ? { ...department, children } : { ...department };
  };
  const roots = (childrenByParent.get(null) ?? []).map(nodeOf);
  for (const department of sorted) if (!placed.has(department.key)) roots.push(nodeOf(department));
  return roots;
}

/** The keys of every department that has sub-departments: expanding them all shows the whole tree. */
export function parentKeys(tree: readonly DepartmentNode[]): string[] {
  return tree.flatMap((node) => (node.children ? [node.key, ...parentKeys(node.children)] : []));
}

/**
 * Every department below `key`, at any depth (not `key` itself). Moving `key` under one of them would make a
 * cycle, so the parent picker leaves them out.
 */
export function descendantKeys(departments: readonly DepartmentDto[], key: string): Set<string> {
  const descendants = new Set<string>();
  let frontier = [key];
  while (frontier.length > 0) {
    const level = new Set(frontier);
    frontier = departments
      .filter(
        (department) =>
          department.parentKey !== null &&
          level.has(department.parentKey) &&
          department.key !== key &&
          !descendants.has(department.key),
      )
      .map((department) => department.key);
    for (const found of frontier) descendants.add(found);
  }
  return descendants;
}

/** The tree as TreeSelect options. */
export function departmentOptions(tree: readonly DepartmentNode[]): DepartmentOption[] {
  return tree.map((node) => ({
    value: node.key,
    title: node.name,
    children: departmentOptions(node.children ?? []),
  }));
}

/**
 * The departments a department may be moved under: all but itself and its descendants. Without `key` (a new
 * department) every department may be its parent.
 */
export function parentOptions(departments: readonly DepartmentDto[], key?: string): DepartmentOption[] {
  if (key === undefined) return departmentOptions(buildDepartmentTree(departments));
  const excluded = descendantKeys(departments, key).add(key);
  return departmentOptions(
    buildDepartmentTree(departments.filter((department) => !excluded.has(department.key))),
  );
}
