import { example } from '../test/fixtures';
import { keepCustomizations } from './customizations';
import { type AppDefinition, type FieldDefinition, validateAppDefinition } from './index';

const label = { 'zh-CN': '车位', en: 'Parking' };
const parking: FieldDefinition = { key: 'parkingSpace', type: 'text', label };

/** The customer's app: the template as installed, extended with their own field, entity, role grant and report. */
function customized(): AppDefinition {
  const app = example();
  app.entities.find((entity) => entity.key === 'room')!.fields.push(parking);
  app.entities.push({ key: 'parkingSpot', label, fields: [{ key: 'code', type: 'text', label }] });
  app.roles
    .find((role) => role.key === 'manager')!
    .permissions.push({ entity: 'parkingSpot', actions: ['read'] });
  app.reports.push({ ...app.reports[0]!, key: 'myReport' });
  return app;
}

describe('keepCustomizations', () => {
  it('keeps what the customer added beside the template: a field, an entity, a role’s grant, a report', () => {
    const merged = keepCustomizations(example(), customized());
    expect(merged.entities.find((entity) => entity.key === 'room')!.fields.at(-1)).toEqual(parking);
    expect(merged.entities.at(-1)!.key).toBe('parkingSpot');
    expect(merged.roles.find((role) => role.key === 'manager')!.permissions.at(-1)).toEqual({
      entity: 'parkingSpot',
      actions: ['read'],
    });
    expect(merged.reports.map((report) => report.key)).toContain('myReport');
    expect(validateAppDefinition(merged)).toMatchObject({ ok: true });
  });

  it('lets the template’s version decide what it defines, and keeps its order', () => {
    const upgrade = example();
    const room = upgrade.entities.find((entity) => entity.key === 'room')!;
    room.fields[0] = { ...room.fields[0]!, label: { 'zh-CN': '房号', en: 'Room no.' } };
    upgrade.roles.find((role) => role.key === 'technician')!.permissions = [
      { entity: 'workOrder', actions: ['read'] },
    ];
    const merged = keepCustomizations(upgrade, customized());
    const mergedRoom = merged.entities.find((entity) => entity.key === 'room')!;
    expect(mergedRoom.fields[0]!.label).toEqual({ 'zh-CN': '房号', en: 'Room no.' });
    expect(mergedRoom.fields.map((field) => field.key)).toEqual([
      ...room.fields.map((field) => field.key),
      'parkingSpace',
    ]);
    // A grant the template itself narrows stays narrowed: it names that entity.
    expect(merged.roles.find((role) => role.key === 'technician')!.permissions).toEqual([
      { entity: 'workOrder', actions: ['read'] },
    ]);
  });

  it('changes nothing when the customer added nothing', () => {
    expect(keepCustomizations(example(), example())).toEqual(example());
  });
});
