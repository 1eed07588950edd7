import { describe, expect, it } from 'vitest';
import type { DepartmentDto } from '../../api/memberTypes';
import {
  buildDepartmentTree,
  descendantKeys,
  parentKeys,
  parentOptions,
  type DepartmentNode,
  type DepartmentOption,
} from './departmentTree';

const department = (key: string, parentKey: string | null, sortOrder = 0, name = key): DepartmentDto => ({
  key,
  name,
  parentKey,
  manager: null,
  sortOrder,
  version: 1,
  memberCount: 0,
});

/** The tree by keys only: `['a', ['b']]` is a with b under it. */
type Shape = (string | Shape)[];
const shapeOf = (nodes: readonly DepartmentNode[]): Shape =>
  nodes.flatMap((node) => (node.children ? [node.key, shapeOf(node.children)] : [node.key]));
const optionShape = (options: readonly DepartmentOption[]): Shape =>
  options.flatMap((option) =>
    option.children.length > 0 ? [option.value, optionShape(option.children)] : [option.value],
  );

// ops ─┬─ maint ─── plumbing
//      └─ cleaning
// sales
const company = [
  department('plumbing', 'maint'),
  department('sales', null, 20),
  department('cleaning', 'ops', 5),
  department('maint', 'ops', 1),
  department('ops', null, 10),
];

describe('buildDepartmentTree', () => {
  it('nests departments under their parents', () => {
    expect(shapeOf(buildDepartmentTree(company))).toEqual([
      'ops',
      ['maint', ['plumbing'], 'cleaning'],
      'sales',
    ]);
  });

  it('orders siblings by sort order, then by name, then by key', () => {
    const tree = buildDepartmentTree([
      department('c', null, 1, 'Beta'),
      department('b', null, 1, 'Alpha'),
      department('a', null, 2, 'Alpha'),
      department('z', null, 0, 'Zulu'),
      department('y', null, 1, 'Alpha'),
    ]);
    expect(shapeOf(tree)).toEqual(['z', 'b', 'y', 'c', 'a']);
  });

  it('gives leaves no children, so the table shows no expander for them', () => {
    const [ops, sales] = buildDepartmentTree(company);
    expect(ops?.children).toHaveLength(2);
    expect(sales).not.toHaveProperty('children');
  });

  it('keeps every field of the departments', () => {
    const manager = { id: 'u1', displayName: 'Wang' };
    const [top] = buildDepartmentTree([{ ...department('ops', null), manager, memberCount: 3 }]);
    expect(top).toEqual({ ...department('ops', null), manager, memberCount: 3 });
  });

  it('shows a department whose parent is unknown at the top instead of losing it', () => {
    expect(shapeOf(buildDepartmentTree([department('lost', 'gone'), department('ops', null, 1)]))).toEqual([
      'lost',
      'ops',
    ]);
  });

  it('does not loop on a cycle and still shows its departments', () => {
    const tree = buildDepartmentTree([
      department('a', 'b'),
      department('b', 'a'),
      department('self', 'self'),
    ]);
    expect(shapeOf(tree)).toEqual(['self', 'a', ['b']]);
  });

  it('is empty without departments', () => {
    expect(buildDepartmentTree([])).toEqual([]);
  });
});

describe('parentKeys', () => {
  it('lists the departments that have sub-departments, at every depth', () => {
    expect(parentKeys(buildDepartmentTree(company))).toEqual(['ops', 'maint']);
  });
});

describe('descendantKeys', () => {
  it('finds the departments below one at every depth, not itself', () => {
    expect(descendantKeys(company, 'ops')).toEqual(new Set(['maint', 'cleaning', 'plumbing']));
    expect(descendantKeys(company, 'maint')).toEqual(new Set(['plumbing']));
  });

  it('is empty for a leaf or an unknown key', () => {
    expect(descendantKeys(company, 'plumbing').size).toBe(0);
    expect(descendantKeys(company, 'nowhere').size).toBe(0);
  });

  it('ends on a cycle', () => {
    expect(descendantKeys([department('a', 'b'), department('b', 'a')], 'a')).toEqual(new Set(['b']));
  });
});

describe('parentOptions', () => {
  it('offers every department for a new one', () => {
    expect(optionShape(parentOptions(company))).toEqual([
      'ops',
      ['maint', ['plumbing'], 'cleaning'],
      'sales',
    ]);
  });

  it('leaves out the department itself and everything below it', () => {
    expect(optionShape(parentOptions(company, 'maint'))).toEqual(['ops', ['cleaning'], 'sales']);
    expect(optionShape(parentOptions(company, 'ops'))).toEqual(['sales']);
  });

  it('shows names and picks keys', () => {
    const [ops] = parentOptions([department('ops', null, 0, '运营部')]);
    expect(ops).toEqual({ value: 'ops', title: '运营部', children: [] });
  });
});
