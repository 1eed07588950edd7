// What follows from the service history: consecutive bad ratings and care tasks, stock movements that
// match the parts used, vendor estimates, dunning and visit logs.
import {
  DAY,
  HOUR,
  type DemoContext,
  type DemoRecord,
  file,
  isoDate,
  isoDateTime,
  nextSeq,
  push,
  round2,
} from './context';
import { type Leases } from './leases';
import { PROJECTS, type Places } from './places';
import { applyScores, type ServiceResult } from './service';

const time = (value: unknown): number => Date.parse(String(value));

/** Gives a few owners three bad ratings in a row, then derives every tenant's consecutive-bad counter. */
export function markConsecutiveBadRatings(
  ctx: DemoContext,
  places: Places,
  leases: Leases,
  service: ServiceResult,
): DemoRecord[] {
  const { rng } = ctx;
  const orders = new Map(service.orders.map((o) => [o._key, o]));
  const byTenant = new Map<string, DemoRecord[]>();
  // Every answered rating counts, after-service and periodic surveys alike.
  for (const rating of ctx.data.rating ?? []) {
    if (rating.status !== 'answered') continue;
    const list = byTenant.get(String(rating.tenant)) ?? [];
    list.push(rating);
    byTenant.set(String(rating.tenant), list);
  }
  const eligible = [...byTenant.entries()]
    .filter(([, list]) => list.length >= 4)
    .map(([tenant]) => tenant)
    .sort();
  const chosen = new Set(rng.sample(eligible, Math.max(2, Math.round(8 * Math.min(1, ctx.scale * 2)))));
  const tenants = new Map([...leases.tenants, ...leases.owners].map((t) => [t._key, t]));
  const careTasks: DemoRecord[] = [];
  for (const [tenantKey, list] of byTenant) {
    list.sort((a, b) => time(a.answeredAt) - time(b.answeredAt));
    if (chosen.has(tenantKey)) {
      for (const rating of list.slice(-3))
        applyScores(ctx, rating, orders.get(String(rating.workOrder)), rng.int(1, 2));
    }
    let streak = 0;
    for (const rating of list) streak = Number(rating.csat) <= 2 ? streak + 1 : 0;
    const tenant = tenants.get(tenantKey);
    if (!tenant) continue;
    tenant.consecutiveBadRatings = streak;
    if (streak >= 3) {
      const last = list[list.length - 1];
      tenant.tags = [...new Set([...((tenant.tags as string[] | undefined) ?? []), 'keyCare', 'churnRisk'])];
      const owner = String(tenant.butler ?? places.managers.get(String(tenant.project)) ?? 'u-admin-1');
      careTasks.push(
        push(ctx, 'careTask', {
          _key: `care-bad-${tenantKey}`,
          title: `连续差评关怀：${String(tenant.name)}`,
          tenant: tenantKey,
          project: tenant.project,
          reason: 'badRatings',
          ...(last?.workOrder ? { sourceWorkOrder: last.workOrder } : {}),
          risk: 'high',
          owner,
          dueDate: isoDate(time(last?.answeredAt) + 2 * DAY),
          plan: '项目经理与管家上门致歉，复核近期工单并跟踪整改',
          status: 'inProgress',
        }),
      );
    }
  }
  return careTasks;
}

/** Opening stock, purchases when stock falls under the safety line, and one issue per part used. */
export function generateStock(ctx: DemoContext, service: ServiceResult, parts: DemoRecord[]): void {
  const { rng } = ctx;
  const uses = new Map<string, Array<{ at: number; quantity: number; order: DemoRecord }>>();
  for (const order of service.orders) {
    const rows = (order.partsUsed as Array<Record<string, unknown>> | undefined) ?? [];
    const at = time(order.completedAt);
    for (const row of rows) {
      const list = uses.get(String(row.part)) ?? [];
      list.push({ at, quantity: Number(row.quantity), order });
      uses.set(String(row.part), list);
    }
  }
  const lowOnPurpose = new Set(rng.sample(parts.map((p) => p._key).sort(), 4));
  const opening = ctx.today - 366 * DAY;
  for (const part of parts) {
    const safety = Number(part.safetyStock);
    const reorder = Math.max(safety * 2, 10);
    const movement = (
      direction: string,
      reason: string,
      quantity: number,
      at: number,
      extra: Record<string, unknown> = {},
    ) =>
      push(ctx, 'stockMovement', {
        _key: `mv-${nextSeq(ctx, 'movement')}`,
        part: part._key,
        direction,
        reason,
        quantity,
        unitPrice: part.price,
        at: isoDateTime(at),
        ...extra,
      });
    let stock = reorder;
    movement('in', 'adjust', stock, opening + 9 * HOUR, { operator: 'u-admin-1', remark: '期初盘点' });
    const list = (uses.get(part._key) ?? []).sort((a, b) => a.at - b.at);
    list.forEach((use, i) => {
      if (stock < use.quantity) {
        stock += reorder;
        movement('in', 'purchase', reorder, use.at - 2 * HOUR, {
          ...(part.supplier ? { supplier: part.supplier } : {}),
          operator: 'u-admin-1',
        });
      }
      stock -= use.quantity;
      movement('out', 'workOrder', use.quantity, use.at, {
        workOrder: use.order._key,
        operator: use.order.technician,
      });
      const last = i === list.length - 1;
      if (stock < safety && !(last && lowOnPurpose.has(part._key))) {
        stock += reorder;
        movement('in', 'purchase', reorder, use.at + rng.int(24, 72) * HOUR, {
          ...(part.supplier ? { supplier: part.supplier } : {}),
          operator: 'u-admin-1',
        });
      }
    });
    if (lowOnPurpose.has(part._key) && stock >= safety && stock > 0) {
      // Leave a few parts under the safety line so the purchase reminder has something to show.
      const issued = Math.min(stock, stock - safety + 1);
      stock -= issued;
      movement('out', 'adjust', issued, ctx.today - 2 * DAY + 10 * HOUR, {
        operator: 'u-admin-1',
        remark: '盘点调整',
      });
    }
    part.stock = round2(stock);
  }
}

export function generateVendorEstimates(ctx: DemoContext, service: ServiceResult): void {
  const { rng } = ctx;
  for (const order of service.orders) {
    if (order.needsSupplier !== true || !order.supplier) continue;
    const total = Number(order.estimateCost);
    const labour = round2(total * 0.4);
    const items = [
      { description: '材料费', quantity: 1, unitPrice: round2(total - labour) },
      { description: '人工费', quantity: 1, unitPrice: labour },
    ];
    const reported = time(order.reportedAt);
    const age = ctx.today - reported;
    const status =
      order.status === 'closed' || order.status === 'visited'
        ? age > 45 * DAY
          ? 'paid'
          : 'invoiced'
        : order.status === 'completed'
          ? 'approved'
          : 'submitted';
    push(ctx, 'vendorEstimate', {
      _key: `est-${String(order._key)}`,
      supplier: order.supplier,
      workOrder: order._key,
      project: order.project,
      title: `${String(order.title)}（外协）`,
      items,
      total,
      status,
      ...(status === 'invoiced' || status === 'paid'
        ? {
            invoiceNo: String(44_000_000 + rng.int(0, 9_999_999)) + String(rng.int(1000, 9999)),
            invoiceAmount: total,
            invoiceFiles: [file('document.pdf', `est-${String(order._key)}/invoice`, '发票.pdf')],
          }
        : {}),
      ...(status === 'paid' ? { paidOn: isoDate(Math.min(reported + 40 * DAY, ctx.today)) } : {}),
      ...(status !== 'submitted' ? { approvalNote: '价格合理，同意' } : {}),
    });
  }
}

export function generateLogs(ctx: DemoContext, places: Places, careTasks: DemoRecord[]): void {
  const { rng } = ctx;
  const tenants = new Map((ctx.data.tenant ?? []).map((t) => [t._key, t]));
  for (const bill of ctx.data.bill ?? []) {
    if (bill.status !== 'overdue' || Number(bill.overdueDays) < 4) continue;
    const result = rng.weighted([
      ['promised', 50],
      ['unreachable', 25],
      ['refused', 10],
      ['reached', 15],
    ] as const);
    const at = time(`${String(bill.dueDate)}T00:00:00Z`) + 4 * DAY + rng.int(9, 18) * HOUR;
    const promised =
      result === 'promised' ? isoDate(Math.min(at + rng.int(3, 10) * DAY, ctx.today + 10 * DAY)) : undefined;
    bill.dunningResult = result === 'reached' ? 'dispute' : result;
    if (promised) bill.promisedDate = promised;
    bill.dunningNote =
      result === 'promised'
        ? '租户表示近期资金周转，承诺尽快缴清'
        : result === 'unreachable'
          ? '电话无人接听，已发短信'
          : '租户对账单金额有异议';
    push(ctx, 'communicationLog', {
      _key: `log-dun-${bill._key}`,
      type: 'dunning',
      channel: 'phone',
      tenant: bill.tenant,
      room: bill.room,
      project: bill.project,
      bill: bill._key,
      subject: '电话催缴',
      content: bill.dunningNote,
      result,
      ...(promised ? { promisedDate: promised } : {}),
      at: isoDateTime(at),
      ...(bill.butler ? { by: bill.butler } : {}),
    });
  }
  for (const p of PROJECTS) {
    for (let m = 0; m < 12; m += 1) {
      push(ctx, 'communicationLog', {
        _key: `log-notice-${p.code}-${m}`,
        type: 'notice',
        channel: 'inApp',
        project: p.key,
        subject: rng.pick([
          '停水通知',
          '电梯年检通知',
          '消防演练通知',
          '物业费缴纳通知',
          '台风天气温馨提示',
          '社区活动邀请',
        ]),
        content: `${p.name}全体业主/租户：请留意本通知内容，如有疑问请致电 ${p.hotline}。`,
        result: 'reached',
        at: isoDateTime(ctx.today - (m * 30 + rng.int(0, 20)) * DAY + 10 * HOUR),
        by: places.managers.get(p.key),
      });
    }
  }
  for (const task of careTasks) {
    const tenant = tenants.get(String(task.tenant));
    push(ctx, 'communicationLog', {
      _key: `log-care-${task._key}`,
      type: 'care',
      channel: 'visit',
      tenant: task.tenant,
      project: task.project,
      ...(task.sourceWorkOrder ? { workOrder: task.sourceWorkOrder } : {}),
      subject: `上门关怀 ${String(tenant?.name ?? '')}`,
      content: '上门致歉并了解诉求，已安排工程复查',
      result: 'reached',
      at: isoDateTime(ctx.today - DAY + 15 * HOUR),
      by: task.owner,
    });
  }
}

/** Care tasks for tenants with long arrears. */
export function generateArrearsCare(ctx: DemoContext, places: Places): DemoRecord[] {
  const owed = new Map<string, number>();
  for (const bill of ctx.data.bill ?? []) {
    if (bill.status === 'overdue' && Number(bill.overdueDays) > 30) {
      owed.set(
        String(bill.tenant),
        (owed.get(String(bill.tenant)) ?? 0) + Number(bill.amount) - Number(bill.paidAmount),
      );
    }
  }
  const tenants = new Map((ctx.data.tenant ?? []).map((t) => [t._key, t]));
  const out: DemoRecord[] = [];
  for (const [tenantKey, amount] of [...owed.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    const tenant = tenants.get(tenantKey);
    if (!tenant) continue;
    tenant.tags = [...new Set([...((tenant.tags as string[] | undefined) ?? []), 'arrearsRisk'])];
    out.push(
      push(ctx, 'careTask', {
        _key: `care-arrears-${tenantKey}`,
        title: `长期欠费跟进：${String(tenant.name)}（${Math.round(amount)} 元）`,
        tenant: tenantKey,
        project: tenant.project,
        reason: 'arrears',
        risk: amount > 20_000 ? 'high' : 'medium',
        owner: String(tenant.butler ?? places.managers.get(String(tenant.project)) ?? 'u-admin-1'),
        dueDate: isoDate(ctx.today + 7 * DAY),
        plan: '管家上门沟通还款计划，必要时移交法务',
        status: 'open',
      }),
    );
  }
  return out;
}
