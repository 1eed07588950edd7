import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/ApiError';
import type { DepartmentDto } from '../../api/memberTypes';
import {
  DEPARTMENT_KEY_PATTERN,
  departmentChangeOf,
  formValuesOf,
  isStaleDepartmentError,
  newDepartmentOf,
  placeServerErrors,
} from './departmentForm';

const maint: DepartmentDto = {
  key: 'maint',
  name: '维修部',
  parentKey: 'ops',
  manager: { id: 'u1', displayName: 'Wang' },
  sortOrder: 10,
  version: 4,
  memberCount: 2,
};

describe('DEPARTMENT_KEY_PATTERN', () => {
  it('is a letter then letters, digits or _, at most 50', () => {
    for (const key of ['a', 'Engineering_2', `a${'b'.repeat(49)}`])
      expect(DEPARTMENT_KEY_PATTERN.test(key)).toBe(true);
    for (const key of ['', '2nd', '_x', 'a-b', '工程', `a${'b'.repeat(50)}`])
      expect(DEPARTMENT_KEY_PATTERN.test(key)).toBe(false);
  });
});

describe('newDepartmentOf', () => {
  it('trims the key and name and leaves empty pickers out', () => {
    expect(newDepartmentOf({ key: ' eng ', name: ' 工程部 ', sortOrder: null })).toEqual({
      key: 'eng',
      name: '工程部',
      sortOrder: 0,
    });
  });

  it('sends the parent and manager when chosen', () => {
    expect(
      newDepartmentOf({ key: 'eng', name: 'Eng', parentKey: 'ops', managerId: 'u1', sortOrder: 5 }),
    ).toEqual({ key: 'eng', name: 'Eng', parentKey: 'ops', managerId: 'u1', sortOrder: 5 });
  });
});

describe('departmentChangeOf', () => {
  it('is nothing when nothing changed', () => {
    expect(departmentChangeOf(maint, formValuesOf(maint))).toBeUndefined();
    expect(departmentChangeOf(maint, { ...formValuesOf(maint), name: ' 维修部 ' })).toBeUndefined();
  });

  it('sends the version read and only the changed fields', () => {
    expect(departmentChangeOf(maint, { ...formValuesOf(maint), name: '工程维修部', sortOrder: 3 })).toEqual({
      version: 4,
      name: '工程维修部',
      sortOrder: 3,
    });
  });

  it('clears the parent and the manager with null', () => {
    expect(
      departmentChangeOf(maint, { ...formValuesOf(maint), parentKey: undefined, managerId: undefined }),
    ).toEqual({ version: 4, parentKey: null, managerId: null });
  });

  it('moves and hands over', () => {
    expect(
      departmentChangeOf(maint, { ...formValuesOf(maint), parentKey: 'sales', managerId: 'u2' }),
    ).toEqual({ version: 4, parentKey: 'sales', managerId: 'u2' });
  });
});

describe('placeServerErrors', () => {
  const all = ['key', 'name', 'parentKey', 'managerId', 'sortOrder'] as const;

  it('puts validation details on their fields', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', '参数不正确', [
      { path: 'parentKey', message: 'no such department' },
      { path: 'name', message: 'too long' },
      { path: 'name', message: 'empty' },
    ]);
    expect(placeServerErrors(error, all)).toEqual({
      fields: [
        { name: 'parentKey', errors: ['no such department'] },
        { name: 'name', errors: ['too long', 'empty'] },
      ],
      unplaced: [],
    });
  });

  it('keeps details no shown field can hold for the alert', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', '参数不正确', [
      { path: 'key', message: 'bad key' },
      { path: 'version', message: 'must be an integer' },
    ]);
    expect(placeServerErrors(error, ['name', 'parentKey'])).toEqual({
      fields: [],
      unplaced: [
        { path: 'key', message: 'bad key' },
        { path: 'version', message: 'must be an integer' },
      ],
    });
  });

  it('puts a taken key or sibling name on that field', () => {
    expect(placeServerErrors(new ApiError(409, 'DEPARTMENT_EXISTS', '部门标识 "eng" 已存在。'), all)).toEqual(
      {
        fields: [{ name: 'key', errors: ['部门标识 "eng" 已存在。'] }],
        unplaced: [],
      },
    );
    expect(placeServerErrors(new ApiError(409, 'DEPARTMENT_NAME_TAKEN', 'taken'), all).fields).toEqual([
      { name: 'name', errors: ['taken'] },
    ]);
  });

  it('places nothing for other failures', () => {
    expect(placeServerErrors(new ApiError(409, 'DEPARTMENT_VERSION_CONFLICT', 'stale'), all)).toEqual({
      fields: [],
      unplaced: [],
    });
    expect(placeServerErrors(new Error('offline'), all)).toEqual({ fields: [], unplaced: [] });
  });
});

describe('isStaleDepartmentError', () => {
  it('is a version conflict or a department gone', () => {
    expect(isStaleDepartmentError(new ApiError(409, 'DEPARTMENT_VERSION_CONFLICT', ''))).toBe(true);
    expect(isStaleDepartmentError(new ApiError(404, 'DEPARTMENT_NOT_FOUND', ''))).toBe(true);
    expect(isStaleDepartmentError(new ApiError(409, 'DEPARTMENT_IN_USE', ''))).toBe(false);
    expect(isStaleDepartmentError(new Error('x'))).toBe(false);
  });
});
