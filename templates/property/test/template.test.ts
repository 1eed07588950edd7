import {
  type AppDefinition,
  type Assignee,
  splitAppDefinition,
  validateAppDefinition,
} from '@lowcode/app-model';
import { TEMPLATE_DIR, loadPropertyTemplate, readAppDirectory } from '../src';
import { readDirectoryFiles } from '../src/app-directory';

const app: AppDefinition = loadPropertyTemplate();

describe('the property template', () => {
  it('validates with no errors and no warnings, in both locales', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const result = validateAppDefinition(readAppDirectory(), { locale });
      if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
      expect(result.warnings).toEqual([]);
    }
  });

  it('is the property app, version 1.0.0, labelled in Chinese and English', () => {
    expect(app.key).toBe('property');
    expect(app.version).toBe('1.0.0');
    expect(app.label).toEqual({ 'zh-CN': '物业管理', en: 'Property management' });
  });

  it('keeps its files canonical: re-splitting reproduces them byte for byte', () => {
    const onDisk = readDirectoryFiles(TEMPLATE_DIR);
    const canonical = splitAppDefinition(app);
    expect(Object.keys(onDisk).sort()).toEqual(Object.keys(canonical).sort());
    for (const [file, text] of Object.entries(canonical))
      expect({ file, text: onDisk[file] }).toEqual({ file, text });
  });

  it('holds the entities, flows, rules, reports and dashboards the seeds name', () => {
    const keys = (list: Array<{ key: string }>) => list.map((item) => item.key);
    expect(app.entities.length).toBeGreaterThanOrEqual(20);
    expect(keys(app.entities)).toEqual(
      expect.arrayContaining([
        'project',
        'building',
        'room',
        'tenant',
        'contract',
        'bill',
        'payment',
        'lateFeePolicy',
        'depositRecord',
        'workOrder',
        'rating',
        'communicationLog',
        'technician',
        'sparePart',
        'stockMovement',
        'supplier',
        'meter',
        'meterReading',
        'maintenancePlan',
        'inspection',
        'feeAdjustment',
        'careTask',
        'leaseNotice',
      ]),
    );
    expect(keys(app.flows)).toEqual(
      expect.arrayContaining([
        'repair',
        'complaint',
        'onboarding',
        'dunning',
        'deliveryInspection',
        'periodicMaintenance',
        'vendorSettlement',
        'feeAdjustment',
      ]),
    );
    expect(keys(app.rules)).toEqual(
      expect.arrayContaining([
        'consecutiveBadRatings',
        'arrearsToLegal',
        'birthdayGreeting',
        'lowStock',
        'billReminder',
        'renewalAlert90',
        'renewalAlert60',
        'renewalAlert30',
        'ratingInvitation',
      ]),
    );
    expect(app.reports.length).toBeGreaterThanOrEqual(20);
    expect(new Set(app.reports.map((r) => r.chart.type)).size).toBeGreaterThanOrEqual(15);
    expect(keys(app.roles)).toEqual([
      'admin',
      'projectManager',
      'butler',
      'technician',
      'finance',
      'legal',
      'customerService',
      'tenant',
      'leasing',
    ]);
  });

  it('labels everything in both languages', () => {
    const missing: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
      else if (value && typeof value === 'object') {
        const obj = value as Record<string, unknown>;
        if ('zh-CN' in obj && !obj.en) missing.push(path);
        for (const [key, item] of Object.entries(obj)) walk(item, `${path}.${key}`);
      }
    };
    walk(app, '$');
    expect(missing).toEqual([]);
  });

  it('refers only to roles it defines', () => {
    const roles = new Set(app.roles.map((r) => r.key));
    const used: string[] = [];
    const visit = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') {
        const assignee = value as Assignee;
        if (assignee.type === 'role') used.push(assignee.role);
        Object.values(value).forEach(visit);
      }
    };
    visit([app.flows, app.rules]);
    for (const dashboard of app.dashboards) used.push(...(dashboard.roles ?? []));
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((role) => !roles.has(role))).toEqual([]);
  });

  it('gives every role a dashboard and every entity an admin permission', () => {
    const withDashboard = new Set(app.dashboards.flatMap((d) => d.roles ?? []));
    for (const role of ['admin', 'projectManager', 'finance', 'customerService', 'technician'])
      expect(withDashboard).toContain(role);
    const admin = app.roles.find((r) => r.key === 'admin');
    expect(admin?.permissions.map((p) => p.entity).sort()).toEqual(app.entities.map((e) => e.key).sort());
  });

  it('masks ID numbers for everyone but leasing and legal', () => {
    for (const role of app.roles) {
      const tenant = role.permissions.find((p) => p.entity === 'tenant');
      if (!tenant) continue;
      const masked = tenant.fields?.masked ?? [];
      if (role.key === 'leasing' || role.key === 'legal') expect(masked).not.toContain('idCard');
      else expect(masked).toContain('idCard');
    }
  });

  it('keeps money with finance: only finance and admin record payments or set a bill’s amounts', () => {
    // Every money field of a bill (amounts due, received, waived), and what says whether and when it was paid.
    const bill = app.entities.find((entity) => entity.key === 'bill')!;
    const MONEY = [
      ...bill.fields.filter((field) => field.type === 'money').map((field) => field.key),
      'status',
      'paidOn',
      'dueDate',
      'type',
      // Who owes it and for which period: moving a bill to another tenant is changing money too.
      'contract',
      'tenant',
      'room',
      'periodStart',
      'periodEnd',
    ];
    expect(MONEY).toEqual(expect.arrayContaining(['amount', 'paidAmount', 'adjustedAmount']));
    const writers = (entity: string) =>
      app.roles
        .filter((role) =>
          role.permissions.some(
            (p) => p.entity === entity && p.actions.some((a) => ['create', 'update', 'delete'].includes(a)),
          ),
        )
        .map((role) => role.key);
    expect(writers('payment').sort()).toEqual(['admin', 'finance']);
    // A deposit is received and refunded by finance; a project manager only records its deductions.
    const deposits = app.roles
      .find((r) => r.key === 'projectManager')!
      .permissions.find((p) => p.entity === 'depositRecord')!;
    expect(deposits.actions).not.toContain('create');
    expect(deposits.fields?.readOnly).toEqual(
      expect.arrayContaining(['amount', 'receivedOn', 'status', 'returnedOn', 'refundAccount']),
    );
    for (const role of app.roles) {
      const bill = role.permissions.find((p) => p.entity === 'bill');
      if (!bill || ['admin', 'finance'].includes(role.key)) continue;
      expect({ role: role.key, creates: bill.actions.includes('create') }).toEqual({
        role: role.key,
        creates: false,
      });
      if (bill.actions.includes('update'))
        expect({ role: role.key, readOnly: bill.fields?.readOnly }).toEqual({
          role: role.key,
          readOnly: expect.arrayContaining(MONEY),
        });
    }
    // The project manager still reads both, in his projects.
    const manager = app.roles.find((r) => r.key === 'projectManager')!;
    for (const entity of ['bill', 'payment'])
      expect(manager.permissions.find((p) => p.entity === entity)?.actions).toContain('read');
  });

  it('limits tenants and technicians to their own records', () => {
    const scope = (role: string, entity: string) =>
      app.roles.find((r) => r.key === role)?.permissions.find((p) => p.entity === entity)?.scope;
    expect(JSON.stringify(scope('technician', 'workOrder'))).toContain('record.technician');
    expect(JSON.stringify(scope('tenant', 'workOrder'))).toContain('user.id');
    expect(JSON.stringify(scope('tenant', 'bill'))).toContain('record.tenant.account');
    expect(JSON.stringify(scope('projectManager', 'room'))).toContain('user.projects');
  });
});
