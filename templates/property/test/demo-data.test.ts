import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type EntityDefinition, type FieldDefinition } from '@lowcode/app-model';
import {
  compileEntity,
  isComputedField,
  isResidentIdNumber,
  isUnifiedSocialCreditCode,
} from '@lowcode/form-engine';
import {
  DEMO_ENTITY_ORDER,
  DEMO_FILES_DIR,
  type DemoData,
  demoFileFor,
  generateDemoData,
  loadPropertyTemplate,
} from '../src';

const app = loadPropertyTemplate();
const NOW = new Date('2025-06-15T02:00:00Z');
const TODAY = '2025-06-15';
const started = Date.now();
const data: DemoData = generateDemoData({ seed: 20240601, now: NOW });
const fullRunMs = Date.now() - started;
const list = (entity: string) => data[entity] ?? [];

/** A fake uuid per `_key`, the way the server maps demo keys to ids. */
const ids = new Map<string, string>();
function uuidFor(key: string): string {
  let id = ids.get(key);
  if (!id) {
    const hex = createHash('sha1').update(key).digest('hex');
    id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    ids.set(key, id);
  }
  return id;
}

const isReference = (field: FieldDefinition) =>
  field.type === 'relation' || field.type === 'user' || field.type === 'department';

/** Replaces relation and user `_key`s (also in sub-table rows) with uuids and drops `_key`. */
function toInput(entity: EntityDefinition, record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of entity.fields) {
    const value = record[field.key];
    if (value === undefined) continue;
    if (isReference(field))
      out[field.key] = Array.isArray(value) ? value.map((v) => uuidFor(String(v))) : uuidFor(String(value));
    else if (field.type === 'subTable' && Array.isArray(value)) {
      out[field.key] = value.map((row: Record<string, unknown>) => {
        const copy = { ...row };
        for (const column of field.fields)
          if (isReference(column) && copy[column.key] !== undefined)
            copy[column.key] = uuidFor(String(copy[column.key]));
        return copy;
      });
    } else out[field.key] = value;
  }
  return out;
}

/** An even spread of up to `max` records, so every part of the year and every project is sampled. */
function sample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)] as T);
}

/** The nodes of a template flow a demo plan may complete: its user tasks and approvals. */
const stepNodes = (flowKey: string) =>
  new Set(
    app.flows
      .find((flow) => flow.key === flowKey)!
      .nodes.filter((node) => node.type === 'userTask' || node.type === 'approval')
      .map((node) => node.key),
  );

describe('demo data', () => {
  it('is the size of a real company and is generated in a few seconds', () => {
    expect(fullRunMs).toBeLessThan(8000);
    expect(list('project')).toHaveLength(3);
    expect(list('room').length).toBeGreaterThanOrEqual(1400);
    expect(list('room').length).toBeLessThanOrEqual(1600);
    expect(list('tenant').length).toBeGreaterThanOrEqual(1900);
    expect(list('tenant').length).toBeLessThanOrEqual(2100);
    expect(list('workOrder').length).toBeGreaterThanOrEqual(9500);
    expect(list('bill').length).toBeGreaterThan(10_000);
    expect(new Set(list('tenant').map((t) => t.kind))).toEqual(new Set(['person', 'company']));
    expect(new Set(list('contract').map((c) => c.paymentCycle))).toEqual(
      new Set(['monthly', 'quarterly', 'yearly']),
    );
    expect(new Set(list('contract').map((c) => c.escalationType))).toEqual(
      new Set(['none', 'fixed', 'percent']),
    );
  });

  it('has data for every entity and nothing else', () => {
    const entityKeys = app.entities.map((e) => e.key).sort();
    expect([...DEMO_ENTITY_ORDER].sort()).toEqual(entityKeys);
    expect(
      Object.keys(data)
        .filter((k) => !['_users', '_flows', '_departments'].includes(k))
        .sort(),
    ).toEqual(entityKeys);
    for (const key of entityKeys) expect({ key, count: list(key).length > 0 }).toEqual({ key, count: true });
  });

  it('plans work in progress on just-filed orders, through tasks of the flow, started by their people', () => {
    const plans = list('_flows').filter((plan) => plan.flow === 'repair');
    expect(plans.length).toBeGreaterThanOrEqual(10);
    const orders = new Map(list('workOrder').map((order) => [order._key, order]));
    const users = new Set(list('_users').map((user) => user._key));
    const taskNodes = stepNodes('repair');
    for (const plan of plans) {
      const order = orders.get(String(plan.record))!;
      expect({ entity: plan.entity, status: order.status, technician: order.technician }).toEqual({
        entity: 'workOrder',
        status: 'pending',
        technician: undefined,
      });
      expect(users.has(String(plan.startedBy))).toBe(true);
      for (const step of plan.steps as { node: string }[]) expect(taskNodes.has(step.node)).toBe(true);
    }
    // Spread over the stages: some wait to be accepted, some to be finished, some to be rated.
    const depths = new Set(plans.map((plan) => (plan.steps as unknown[]).length));
    expect([...depths].sort()).toEqual([0, 1, 2, 3]);
  });

  it('runs the lease applications in progress in onboarding, just submitted, taken as far as they went', () => {
    const plans = list('_flows').filter((plan) => plan.flow === 'onboarding');
    const applications = new Map(list('leaseApplication').map((record) => [record._key, record]));
    const planned = new Set(plans.map((plan) => plan.record));
    const inProgress = [...applications.values()].filter(
      (record) => !['completed', 'rejected'].includes(String(record.status)),
    );
    expect(inProgress.length).toBeGreaterThan(0);
    expect(inProgress.every((record) => planned.has(record._key))).toBe(true);
    const taskNodes = stepNodes('onboarding');
    for (const plan of plans) {
      const application = applications.get(String(plan.record))!;
      expect({ entity: plan.entity, status: application.status, startedBy: plan.startedBy }).toEqual({
        entity: 'leaseApplication',
        status: 'submitted',
        startedBy: application.leasingAgent,
      });
      for (const step of plan.steps as { node: string }[]) expect(taskNodes.has(step.node)).toBe(true);
    }
  });

  it('passes every entity’s validation (a sample of each)', () => {
    const failures: string[] = [];
    for (const entity of app.entities) {
      const compiled = compileEntity(entity);
      const computed = new Set(entity.fields.filter((f) => isComputedField(f)).map((f) => f.key));
      for (const record of sample(list(entity.key), 400)) {
        const present = Object.keys(record).filter((k) => computed.has(k));
        if (present.length > 0) failures.push(`${record._key}: computed ${present.join(', ')}`);
        const result = compiled.validate(toInput(entity, record), { locale: 'en', mode: 'create' });
        if (!result.ok)
          failures.push(`${record._key}: ${result.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('points every relation at a record inserted earlier, and every user field at a demo user', () => {
    const users = new Set(list('_users').map((u) => u._key));
    const order = new Map<string, number>(DEMO_ENTITY_ORDER.map((k, i) => [k, i]));
    const seen = new Map<string, Set<string>>();
    const problems: string[] = [];
    for (const entityKey of DEMO_ENTITY_ORDER) {
      const entity = app.entities.find((e) => e.key === entityKey);
      if (!entity) throw new Error(entityKey);
      const mine = new Set<string>();
      seen.set(entityKey, mine);
      const check = (field: FieldDefinition, value: unknown, where: string) => {
        const values = Array.isArray(value) ? value : [value];
        for (const v of values) {
          if (field.type === 'user' && !users.has(String(v))) problems.push(`${where}: user ${String(v)}`);
          if (field.type === 'relation') {
            const target = field.relation.entity;
            if ((order.get(target) ?? 99) > (order.get(entityKey) ?? 0))
              problems.push(`${where}: ${target} is inserted later`);
            if (!seen.get(target)?.has(String(v)))
              problems.push(`${where}: ${target} ${String(v)} not inserted yet`);
          }
        }
      };
      for (const record of list(entityKey)) {
        for (const field of entity.fields) {
          const value = record[field.key];
          if (value === undefined) continue;
          check(field, value, `${record._key}.${field.key}`);
          if (field.type === 'subTable' && Array.isArray(value)) {
            for (const row of value as Array<Record<string, unknown>>) {
              for (const column of field.fields)
                if (row[column.key] !== undefined)
                  check(column, row[column.key], `${record._key}.${field.key}.${column.key}`);
            }
          }
        }
        mine.add(record._key);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('has a drawn file for every file it names, of the type it claims', () => {
    const named = new Map<string, string>(); // drawn file → a value that uses it
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') {
        const file = value as { id?: unknown; name?: unknown; mimeType?: unknown };
        if (typeof file.id === 'string' && file.id.startsWith('demo/'))
          named.set(demoFileFor(file as { id: string }), `${String(file.name)} ${String(file.mimeType)}`);
        else Object.values(value).forEach(visit);
      }
    };
    for (const entity of DEMO_ENTITY_ORDER) list(entity).forEach(visit);
    for (const [drawn, example] of named) {
      expect(fs.existsSync(path.join(DEMO_FILES_DIR, drawn))).toBe(true);
      // A document is drawn as a PDF, a voice note as audio, everything else as an image.
      const kind = example.includes('application/pdf')
        ? 'pdf'
        : example.includes('audio/')
          ? 'wav'
          : 'jpg|png';
      expect(drawn).toMatch(new RegExp(`\\.(${kind})$`));
    }
    // Photos, signatures, scans, documents and voice notes are all in the demo.
    expect(named.size).toBeGreaterThanOrEqual(8);
  });

  it('has an organisation: every staff member in a department, each department managed by one of them', () => {
    const departments = list('_departments');
    const keys = new Set(departments.map((department) => department._key));
    const users = new Map(list('_users').map((user) => [user._key, user]));
    for (const department of departments) {
      if (department.parent) expect(keys).toContain(department.parent);
      expect(users.get(String(department.manager))?.attributes).toMatchObject({
        department: department._key,
      });
    }
    for (const user of users.values()) {
      const department = (user.attributes as { department?: string } | undefined)?.department;
      if ((user.roles as string[]).includes('tenant')) expect(department).toBeUndefined();
      else expect(keys).toContain(department);
    }
  });

  it('uses valid identifiers everywhere', () => {
    for (const tenant of list('tenant')) {
      expect(String(tenant.phone)).toMatch(/^1[3-9]\d{9}$/);
      if (tenant.kind === 'person') expect(isResidentIdNumber(String(tenant.idCard))).toBe(true);
      else expect(isUnifiedSocialCreditCode(String(tenant.creditCode))).toBe(true);
    }
    for (const supplier of list('supplier'))
      expect(isUnifiedSocialCreditCode(String(supplier.creditCode))).toBe(true);
    const keys = new Set<string>();
    for (const records of Object.values(data)) for (const r of records) keys.add(`${r._key}`);
    expect(keys.size).toBe(Object.values(data).reduce((n, records) => n + records.length, 0));
  });

  it('has realistic arrears: about 8 % of due bills overdue, a few over 30 days and 5,000', () => {
    const due = list('bill').filter((b) => String(b.dueDate) < TODAY);
    const overdue = due.filter((b) => b.status === 'overdue');
    const share = overdue.length / due.length;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.11);
    const legal = overdue.filter(
      (b) => Number(b.overdueDays) > 30 && Number(b.amount) - Number(b.paidAmount) > 5000,
    );
    expect(legal.length).toBeGreaterThanOrEqual(3);
    expect(legal.length).toBeLessThan(100);
    for (const bill of list('bill')) {
      if (bill.status === 'paid') expect(bill.paidAmount).toBe(bill.amount);
      if (bill.status === 'overdue') expect(String(bill.dueDate) < TODAY).toBe(true);
    }
    const paid = new Map<string, number>();
    for (const p of list('payment'))
      paid.set(String(p.bill), (paid.get(String(p.bill)) ?? 0) + Number(p.amount));
    for (const bill of list('bill'))
      expect(Math.round((paid.get(bill._key) ?? 0) * 100)).toBe(Math.round(Number(bill.paidAmount) * 100));
  });

  it('keeps work-order statuses consistent with their timestamps', () => {
    const order = ['reportedAt', 'dispatchedAt', 'acceptedAt', 'departedAt', 'completedAt', 'closedAt'];
    const durations: number[] = [];
    for (const wo of list('workOrder')) {
      const times = order.filter((f) => wo[f] !== undefined).map((f) => Date.parse(String(wo[f])));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      if (wo.status === 'closed') expect(wo.closedAt).toBeDefined();
      if (wo.type === 'repair' && ['completed', 'visited', 'closed'].includes(String(wo.status))) {
        expect(wo.completedAt).toBeDefined();
        durations.push(Number(wo.repairHours));
      }
      if (wo.status === 'pending') expect(wo.acceptedAt).toBeUndefined();
    }
    durations.sort((a, b) => a - b);
    const median = durations[Math.floor(durations.length / 2)] ?? 0;
    const p95 = durations[Math.floor(durations.length * 0.95)] ?? 0;
    // Log-normal: a short typical job with a long tail.
    expect(median).toBeGreaterThan(0.5);
    expect(median).toBeLessThan(5);
    expect(p95 / median).toBeGreaterThan(3);
  });

  it('rates most closed orders, with a few owners rating badly three times in a row', () => {
    const closed = list('workOrder').filter((w) => w.status === 'closed' && w.requester);
    const answered = list('rating').filter((r) => r.status === 'answered' && r.workOrder);
    expect(answered.length / closed.length).toBeGreaterThan(0.6);
    const streaks = list('tenant').filter((t) => Number(t.consecutiveBadRatings) >= 3);
    expect(streaks.length).toBeGreaterThanOrEqual(2);
    for (const tenant of streaks) {
      const last3 = list('rating')
        .filter((r) => r.tenant === tenant._key && r.status === 'answered')
        .sort((a, b) => Date.parse(String(a.answeredAt)) - Date.parse(String(b.answeredAt)))
        .slice(-3);
      expect(last3.map((r) => Number(r.csat) <= 2)).toEqual([true, true, true]);
      expect(list('careTask').some((c) => c.tenant === tenant._key && c.reason === 'badRatings')).toBe(true);
    }
  });

  it('keeps stock equal to its movements, with one issue per part used', () => {
    const net = new Map<string, number>();
    for (const m of list('stockMovement'))
      net.set(
        String(m.part),
        (net.get(String(m.part)) ?? 0) + (m.direction === 'in' ? 1 : -1) * Number(m.quantity),
      );
    for (const part of list('sparePart')) expect(Number(part.stock)).toBeCloseTo(net.get(part._key) ?? 0, 6);
    const used = list('workOrder').reduce(
      (n, w) => n + ((w.partsUsed as unknown[] | undefined)?.length ?? 0),
      0,
    );
    expect(list('stockMovement').filter((m) => m.reason === 'workOrder')).toHaveLength(used);
    expect(list('sparePart').some((p) => Number(p.stock) < Number(p.safetyStock))).toBe(true);
  });

  it('lets `tenant1` try a tenant’s day: a lease running today, a bill for now and a repair open or recent', () => {
    const user = list('_users').find((candidate) => candidate.username === 'tenant1');
    expect(user?.roles).toEqual(['tenant']);
    const tenant = list('tenant').find((candidate) => candidate.account === user!._key)!;
    const leases = list('contract').filter((contract) => contract.tenant === tenant._key);
    expect(leases.length).toBeGreaterThan(0);
    const current = leases.filter(
      (contract) =>
        ['active', 'expiring'].includes(String(contract.status)) &&
        String(contract.startDate) <= TODAY &&
        TODAY <= String(contract.endDate),
    );
    expect(current).toHaveLength(1);
    expect(
      list('bill').some(
        (bill) =>
          bill.contract === current[0]!._key &&
          String(bill.periodStart) <= TODAY &&
          TODAY <= String(bill.periodEnd),
      ),
    ).toBe(true);
    const recent = Date.parse(NOW.toISOString()) - 30 * 86_400_000;
    expect(
      list('workOrder').some(
        (order) =>
          order.type === 'repair' &&
          order.requester === tenant._key &&
          (!['closed', 'cancelled'].includes(String(order.status)) ||
            Date.parse(String(order.reportedAt)) >= recent),
      ),
    ).toBe(true);
    // Still one account per name.
    const names = list('_users').map((candidate) => candidate.username);
    expect(new Set(names).size).toBe(names.length);
  });

  it('files each request as what it is: people trapped in a lift are an urgent repair, a question an inquiry', () => {
    const orders = list('workOrder');
    const trapped = orders.filter((order) => order.title === '电梯困人');
    expect(trapped.length).toBeGreaterThan(0);
    expect(new Set(trapped.map((order) => `${String(order.type)}/${String(order.priority)}`))).toEqual(
      new Set(['repair/urgent']),
    );
    const misfiled = orders.filter(
      (order) =>
        (order.type !== 'inquiry' && /咨询/.test(String(order.title))) ||
        (order.type === 'inquiry' && !/咨询/.test(String(order.title))) ||
        (order.type !== 'suggestion' && /建议/.test(String(order.title))) ||
        (order.type === 'suggestion' && !/建议/.test(String(order.title))),
    );
    expect(misfiled.map((order) => `${order._key} ${String(order.type)} ${String(order.title)}`)).toEqual([]);
    // Each kind is there, and each says what it asks about.
    for (const type of ['repair', 'complaint', 'suggestion', 'inquiry'])
      expect(orders.some((order) => order.type === type)).toBe(true);
    for (const order of sample(orders, 500)) expect(String(order.description)).toContain(String(order.title));
  });

  it('is deterministic: the same seed gives the same data', () => {
    const hash = (d: DemoData) => createHash('sha256').update(JSON.stringify(d)).digest('hex');
    expect(hash(generateDemoData({ seed: 20240601, now: NOW }))).toBe(hash(data));
    expect(hash(generateDemoData({ seed: 7, now: NOW, scale: 0.1 }))).toBe(
      hash(generateDemoData({ seed: 7, now: NOW, scale: 0.1 })),
    );
    expect(hash(generateDemoData({ seed: 8, now: NOW, scale: 0.1 }))).not.toBe(
      hash(generateDemoData({ seed: 7, now: NOW, scale: 0.1 })),
    );
  });

  it('says nothing happened later than the moment it is generated, at any hour (02:30 in Beijing too)', () => {
    const early = new Date('2025-06-14T18:30:00Z');
    const small = generateDemoData({ seed: 3, now: early, scale: 0.1 });
    const stamps = ['reportedAt', 'dispatchedAt', 'acceptedAt', 'departedAt', 'completedAt', 'closedAt'];
    const late = (small.workOrder ?? []).flatMap((order) =>
      stamps
        .filter((stamp) => order[stamp] && Date.parse(String(order[stamp])) > early.getTime())
        .map((stamp) => `${order._key}.${stamp} ${String(order[stamp])}`),
    );
    expect(late).toEqual([]);
    // Today's reports still come in: within the two and a half hours since midnight.
    const today = (small.workOrder ?? []).filter(
      (order) => Date.parse(String(order.reportedAt)) > early.getTime() - 2.5 * 3_600_000,
    );
    expect(today.length).toBeGreaterThan(0);
  });

  it('scales down for quick tests and still validates', () => {
    const small = generateDemoData({ seed: 3, now: NOW, scale: 0.1 });
    expect((small.workOrder ?? []).length).toBeLessThan(1500);
    const entity = app.entities.find((e) => e.key === 'workOrder') as EntityDefinition;
    const compiled = compileEntity(entity);
    for (const record of sample(small.workOrder ?? [], 100)) {
      expect(compiled.validate(toInput(entity, record), { locale: 'en', mode: 'create' })).toMatchObject({
        ok: true,
      });
    }
  });
});
