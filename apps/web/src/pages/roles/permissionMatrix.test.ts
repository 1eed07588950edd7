import type { EntityPermission } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import {
  applyMatrix,
  fieldFlags,
  setAction,
  setAllActions,
  setFieldFlag,
  setScope,
  toMatrix,
} from './permissionMatrix';

const TECHNICIAN: EntityPermission[] = [
  {
    entity: 'workOrder',
    actions: ['read', 'update'],
    fields: { readOnly: ['title', 'category', 'room'] },
    scope: { '==': [{ var: 'record.technician' }, { var: 'user.id' }] },
  },
  { entity: 'tenant', actions: ['read'], fields: { hidden: ['creditCode'], masked: ['idCard', 'phone'] } },
];
const ENTITIES = ['building', 'room', 'tenant', 'contract', 'workOrder'];

describe('permission matrix', () => {
  it('round-trips permissions through the matrix unchanged', () => {
    const matrix = toMatrix(TECHNICIAN, ENTITIES);
    expect(matrix.workOrder).toEqual({
      read: true,
      create: false,
      update: true,
      delete: false,
      export: false,
      import: false,
    });
    expect(matrix.building!.read).toBe(false);
    expect(applyMatrix(TECHNICIAN, matrix)).toEqual(TECHNICIAN);
  });

  it('adds a grant for a newly checked entity and orders actions as the format does', () => {
    const next = setAction(setAction(TECHNICIAN, 'room', 'update', true), 'room', 'read', true);
    expect(next.at(-1)).toEqual({ entity: 'room', actions: ['read', 'update'] });
    expect(toMatrix(next, ['room']).room).toMatchObject({ read: true, update: true, create: false });
  });

  it('drops an entity that loses its last action, keeps scope and fields of the others', () => {
    const next = setAction(TECHNICIAN, 'tenant', 'read', false);
    expect(next).toEqual([TECHNICIAN[0]]);
    const all = setAllActions(TECHNICIAN, 'workOrder', true);
    expect(all[0]).toMatchObject({
      actions: ['read', 'create', 'update', 'delete', 'export', 'import'],
      scope: TECHNICIAN[0]!.scope,
    });
  });

  it('sets and clears a scope', () => {
    const cleared = setScope(TECHNICIAN, 'workOrder', undefined);
    expect(cleared[0]).not.toHaveProperty('scope');
    const scope = { in: [{ var: 'record.project' }, { var: 'user.projects' }] };
    expect(setScope(cleared, 'workOrder', scope)[0]!.scope).toEqual(scope);
  });

  it('keeps hidden exclusive and removes empty field lists', () => {
    let next = setFieldFlag(TECHNICIAN, 'tenant', 'idCard', 'hidden', true);
    expect(fieldFlags(next[1], 'idCard')).toEqual({ hidden: true, masked: false, readOnly: false });
    expect(next[1]!.fields).toEqual({ hidden: ['creditCode', 'idCard'], masked: ['phone'] });
    next = setFieldFlag(next, 'tenant', 'phone', 'masked', false);
    next = setFieldFlag(next, 'tenant', 'creditCode', 'hidden', false);
    next = setFieldFlag(next, 'tenant', 'idCard', 'hidden', false);
    expect(next[1]).toEqual({ entity: 'tenant', actions: ['read'] });
    expect(setFieldFlag(next, 'tenant', 'phone', 'readOnly', true)[1]!.fields).toEqual({
      readOnly: ['phone'],
    });
  });
});
