// The demo company's organisation (组织架构): its departments and who belongs to which, by role. The
// reserved `_departments` list holds `{ _key, name, parent?, manager? }` (parent: a department `_key`,
// manager: a `_users` `_key`); each staff member's `department` attribute names theirs.
import { type DemoContext, type DemoRecord, push } from './context';

interface Unit {
  key: string;
  name: string;
  parent?: string;
  /** The roles whose people work here; the first such person manages it. */
  roles: string[];
}

const UNITS: readonly Unit[] = [
  { key: 'office', name: '总经理办公室', roles: ['admin'] },
  { key: 'operations', name: '运营管理中心', roles: ['projectManager'] },
  { key: 'customerService', name: '客服中心', parent: 'operations', roles: ['customerService'] },
  { key: 'butlers', name: '管家部', parent: 'operations', roles: ['butler'] },
  { key: 'engineering', name: '工程部', parent: 'operations', roles: ['technician'] },
  { key: 'leasing', name: '招商部', roles: ['leasing'] },
  { key: 'finance', name: '财务部', roles: ['finance'] },
  { key: 'legal', name: '法务部', roles: ['legal'] },
];

/** Adds the departments and puts every staff member (not tenants) in the one of their role. */
export function generateOrganisation(ctx: DemoContext): void {
  const users = ctx.data._users ?? [];
  for (const [index, unit] of UNITS.entries()) {
    const people = users.filter((user) =>
      (user.roles as string[] | undefined)?.some((role) => unit.roles.includes(role)),
    );
    for (const person of people)
      person.attributes = {
        ...(person.attributes as Record<string, unknown> | undefined),
        department: unit.key,
      };
    const department: DemoRecord = { _key: unit.key, name: unit.name, sortOrder: index + 1 };
    if (unit.parent) department.parent = unit.parent;
    if (people[0]) department.manager = people[0]._key;
    push(ctx, '_departments', department);
  }
}
