// Tenants, contracts, 12 months of bills and payments with realistic arrears, deposits, fee adjustments,
// applications and lease notices.
import {
  DAY,
  type DemoContext,
  type DemoRecord,
  addMonths,
  daysInMonth,
  file,
  isoDate,
  isoDateTime,
  money,
  nextSeq,
  push,
  round2,
  startOfMonth,
} from './context';
import { mobile, residentId } from './identity';
import { personName } from './names';
import { makeTenant } from './people';
import { PROJECTS, type Places } from './places';

type Payer = 'good' | 'late' | 'chronic' | 'delinquent';
const UTILITY_SKIP: Record<Payer, number> = { good: 0.04, late: 0.12, chronic: 0.65, delinquent: 0.7 };
const CYCLE_MONTHS: Record<string, number> = { monthly: 1, quarterly: 3, yearly: 12 };
/** The bill types the demo's late-fee policies cover (`billTypes` of each `lateFeePolicy`). */
const LATE_FEE_TYPES = new Set(['rent', 'propertyFee']);

export interface Lease {
  contract: DemoRecord;
  tenant: DemoRecord;
  room: DemoRecord;
  current: boolean;
  payer: Payer;
}

export interface Leases {
  tenants: DemoRecord[];
  leases: Lease[];
  /** Current tenant per room key. */
  occupant: Map<string, DemoRecord>;
  owners: DemoRecord[];
}

const projectOf = new Map(PROJECTS.map((p) => [p.key, p]));

export function generateLeases(ctx: DemoContext, places: Places): Leases {
  const { rng } = ctx;
  const tenants: DemoRecord[] = [];
  const leases: Lease[] = [];
  const occupant = new Map<string, DemoRecord>();
  let index = 0;
  const newTenant = (room: DemoRecord, relationship: 'owner' | 'tenant') => {
    index += 1;
    const office = projectOf.get(String(room.project))?.kind === 'office';
    const kind = rng.chance(office ? 0.85 : 0.05) ? 'company' : 'person';
    const t = makeTenant(
      ctx,
      index,
      String(room.project),
      kind,
      relationship,
      room.butler as string | undefined,
    );
    tenants.push(t);
    return t;
  };

  for (const p of PROJECTS) {
    push(ctx, 'lateFeePolicy', {
      _key: `lfp-${p.code.toLowerCase()}`,
      name: `${p.name}滞纳金规则`,
      project: p.key,
      billTypes: ['rent', 'propertyFee'],
      graceDays: graceDays(p.kind),
      method: 'perDay',
      dailyRate: 5,
      capPercent: 20,
      active: true,
    });
  }

  for (const room of places.rooms) {
    const office = projectOf.get(String(room.project))?.kind === 'office';
    const term = office ? 36 : rng.pick([12, 12, 24]);
    if (room.status === 'leased') {
      const tenant = newTenant(room, 'tenant');
      const start = ctx.today - rng.int(5, term * 30 - 5) * DAY;
      leases.push({
        contract: makeContract(ctx, room, tenant, start, term, true),
        tenant,
        room,
        current: true,
        payer: payerProfile(ctx, office),
      });
      room.currentTenant = tenant._key;
      occupant.set(room._key, tenant);
      // Some rooms had another tenant who left during the last year.
      if (rng.chance(0.22)) {
        const previous = newTenant(room, 'tenant');
        const prevEnd = start - rng.int(3, 40) * DAY;
        leases.push({
          contract: makeContract(ctx, room, previous, addMonths(prevEnd, -term) + DAY, term, false),
          tenant: previous,
          room,
          current: false,
          payer: payerProfile(ctx, office),
        });
      }
    } else if (rng.chance(0.55)) {
      const previous = newTenant(room, 'tenant');
      const prevEnd = ctx.today - rng.int(10, 330) * DAY;
      leases.push({
        contract: makeContract(ctx, room, previous, addMonths(prevEnd, -term) + DAY, term, false),
        tenant: previous,
        room,
        current: false,
        payer: payerProfile(ctx, office),
      });
    }
  }
  // Owners who entrusted their flats: profiles that report repairs and answer surveys.
  const owners: DemoRecord[] = [];
  const residential = places.rooms.filter((r) => r.usage === 'residential');
  const ownerCount = Math.round(2000 * ctx.scale) - tenants.length;
  for (const room of rng.sample(residential, ownerCount)) owners.push(newTenant(room, 'owner'));

  for (const lease of leases) generateBills(ctx, lease);
  generateDeposits(ctx, leases);
  generateApplicationsAndNotices(ctx, places, leases);
  return { tenants, leases, occupant, owners };
}

/** Companies in the office tower pay more reliably than households; a few households stop paying. */
function payerProfile(ctx: DemoContext, office: boolean): Payer {
  return ctx.rng.weighted([
    ['good', office ? 88 : 64],
    ['late', office ? 10 : 15],
    ['chronic', office ? 1.8 : 20],
    ['delinquent', office ? 0.2 : 1],
  ] as const);
}

function makeContract(
  ctx: DemoContext,
  room: DemoRecord,
  tenant: DemoRecord,
  start: number,
  term: number,
  current: boolean,
): DemoRecord {
  const { rng } = ctx;
  const office = projectOf.get(String(room.project))?.kind === 'office';
  const end = addMonths(start, term) - DAY;
  const rent = Math.max(800, Math.round((Number(room.listRent) * rng.int(92, 104)) / 100 / 10) * 10);
  const cycle = rng.weighted([
    ['monthly', office ? 20 : 60],
    ['quarterly', office ? 65 : 32],
    ['yearly', office ? 15 : 8],
  ] as const);
  const escalation = office
    ? rng.weighted([
        ['percent', 70],
        ['fixed', 20],
        ['none', 10],
      ] as const)
    : rng.weighted([
        ['none', 65],
        ['percent', 25],
        ['fixed', 10],
      ] as const);
  const status = current
    ? end - ctx.today < 90 * DAY
      ? 'expiring'
      : 'active'
    : rng.chance(0.7)
      ? 'expired'
      : 'terminated';
  const contract: DemoRecord = {
    _key: `c-${String(tenant._key)}`,
    room: room._key,
    tenant: tenant._key,
    project: room.project,
    signedOn: isoDate(start - rng.int(3, 20) * DAY),
    startDate: isoDate(start),
    endDate: isoDate(end),
    rent,
    ...(office ? { propertyFee: round2(Number(room.area) * Number(room.propertyFeeRate)) } : {}),
    deposit: rent * (office ? 3 : 2),
    paymentCycle: cycle,
    dueDay: office ? 10 : 0,
    ...(rng.chance(0.2) ? { rentFreeDays: office ? 60 : 15 } : {}),
    escalationType: escalation,
    lateFeePolicy: `lfp-${String(room.project).slice(2)}`,
    status,
    leasingAgent: `u-leasing-${rng.int(1, 4)}`,
    attachments: [file('document.pdf', `contracts/${String(tenant._key)}`, '租赁合同.pdf')],
  };
  if (escalation === 'percent') {
    Object.assign(contract, {
      escalationValue: rng.pick([3, 5, 5, 6]),
      escalationEveryMonths: 12,
      escalationBasis: rng.chance(0.7) ? 'compound' : 'base',
      escalationMin: 100,
      escalationMax: Math.round(rent * 0.1),
    });
  } else if (escalation === 'fixed') {
    Object.assign(contract, {
      escalationValue: rng.pick([100, 200, 300]),
      escalationEveryMonths: 12,
      escalationBasis: 'base',
    });
  }
  return push(ctx, 'contract', contract);
}

/** The monthly rent in force at `at`, with the contract's escalation applied (min/max per step). */
export function rentAt(contract: DemoRecord, at: number): number {
  const base = Number(contract.rent);
  const every = Number(contract.escalationEveryMonths ?? 0);
  if (contract.escalationType === 'none' || !every) return base;
  const start = Date.parse(`${String(contract.startDate)}T00:00:00Z`);
  let steps = 0;
  while (addMonths(start, (steps + 1) * every) <= at) steps += 1;
  let rent = base;
  for (let i = 0; i < steps; i += 1) {
    const from = contract.escalationBasis === 'base' ? base : rent;
    let increase =
      contract.escalationType === 'percent'
        ? (from * Number(contract.escalationValue)) / 100
        : Number(contract.escalationValue);
    if (contract.escalationMin !== undefined) increase = Math.max(increase, Number(contract.escalationMin));
    if (contract.escalationMax !== undefined) increase = Math.min(increase, Number(contract.escalationMax));
    rent += increase;
  }
  return round2(rent);
}

/** Rent for [from, to] inclusive: whole months at the rate in force, the rest prorated by days in the month. */
export function periodRent(contract: DemoRecord, from: number, to: number): number {
  return periodAmount((at) => rentAt(contract, at), from, to);
}

/** A monthly charge for [from, to] inclusive: whole months at `monthly(month start)`, the rest prorated by days. */
function periodAmount(monthly: (at: number) => number, from: number, to: number): number {
  let amount = 0;
  let cursor = from;
  while (cursor <= to) {
    const next = addMonths(cursor, 1);
    if (next - DAY <= to) {
      amount += monthly(cursor);
      cursor = next;
    } else {
      const days = Math.round((to - cursor) / DAY) + 1;
      amount += (monthly(cursor) / daysInMonth(cursor)) * days;
      break;
    }
  }
  return money(amount);
}

/** Days after the due date a payment is still on time, by the project's kind (the demo's late-fee policies). */
const graceDays = (kind: unknown): number => (kind === 'office' ? 5 : 10);

function generateBills(ctx: DemoContext, lease: Lease): void {
  const { rng } = ctx;
  const { contract, room } = lease;
  const start = Date.parse(`${String(contract.startDate)}T00:00:00Z`);
  const end = Date.parse(`${String(contract.endDate)}T00:00:00Z`);
  const horizonStart = addMonths(ctx.today, -12);
  const horizonEnd = ctx.today + 35 * DAY;
  const months = CYCLE_MONTHS[String(contract.paymentCycle)] ?? 1;
  const stopAt = lease.payer === 'delinquent' ? ctx.today - rng.int(35, 150) * DAY : Infinity;
  for (let ps = start; ps <= end && ps <= horizonEnd; ps = addMonths(ps, months)) {
    const pe = Math.min(addMonths(ps, months) - DAY, end);
    if (pe < horizonStart) continue;
    const due = ps - Number(contract.dueDay ?? 0) * DAY;
    addBill(ctx, lease, 'rent', ps, pe, periodRent(contract, ps, pe), due, stopAt);
  }
  // Property fees by the same cycle from the start date (rent-free days do not waive them), as the
  // contractBilling rule bills them: the contract's monthly fee per whole month, a short last period by days.
  const propertyFee = Number(contract.propertyFee ?? 0);
  if (propertyFee > 0)
    for (let ps = start; ps <= end && ps <= horizonEnd; ps = addMonths(ps, months)) {
      const pe = Math.min(addMonths(ps, months) - DAY, end);
      if (pe < horizonStart) continue;
      const due = ps - Number(contract.dueDay ?? 0) * DAY;
      addBill(
        ctx,
        lease,
        'propertyFee',
        ps,
        pe,
        periodAmount(() => propertyFee, ps, pe),
        due,
        stopAt,
        ctx.feeRng,
      );
    }
  // Monthly utilities for the months the room was occupied.
  const office = projectOf.get(String(room.project))?.kind === 'office';
  for (
    let m = startOfMonth(Math.max(start, horizonStart));
    m < startOfMonth(Math.min(end, ctx.today));
    m = addMonths(m, 1)
  ) {
    const pe = addMonths(m, 1) - DAY;
    const amount = round2(office ? rng.int(900, 4200) + rng.next() : rng.int(70, 480) + rng.next());
    addBill(ctx, lease, 'utilities', m, pe, amount, pe + 15 * DAY, stopAt);
  }
}

function addBill(
  ctx: DemoContext,
  lease: Lease,
  type: string,
  ps: number,
  pe: number,
  amount: number,
  due: number,
  stopAt: number,
  rng = ctx.rng,
): void {
  const key = `bill-${nextSeq(ctx, 'bill')}`;
  const grace = graceDays(projectOf.get(String(lease.room.project))?.kind);
  let paid = 0;
  let paidOn: number | undefined;
  const pastDue = due < ctx.today;
  // Small utility bills are the ones people let slide; they make most of the overdue count.
  const skipUtility = type === 'utilities' && rng.chance(UTILITY_SKIP[lease.payer]);
  if (!skipUtility)
    switch (lease.payer) {
      case 'good':
        paidOn = due - rng.int(-2, 10) * DAY;
        paid = amount;
        break;
      case 'late':
        paidOn = due + Math.round(rng.lognormal(6, 0.7)) * DAY;
        paid = amount;
        break;
      case 'chronic': {
        const roll = rng.next();
        // Chronic late payers settle old bills eventually; what they owe is recent.
        if (roll < 0.55 || due < ctx.today - 60 * DAY) {
          paidOn = due + rng.int(5, 45) * DAY;
          paid = amount;
        } else if (roll < 0.8) {
          paidOn = due + rng.int(0, 20) * DAY;
          paid = money((amount * rng.int(30, 70)) / 100);
        }
        break;
      }
      case 'delinquent':
        if (due < stopAt) {
          paidOn = due + rng.int(0, 25) * DAY;
          paid = amount;
        }
        break;
    }
  if (!lease.current && due > Date.parse(`${String(lease.contract.endDate)}T00:00:00Z`) - 20 * DAY) {
    // The last bill of a finished lease was settled at move-out (deposit offset).
    paidOn = Math.min(due + 5 * DAY, ctx.today - DAY);
    paid = amount;
  }
  if (paidOn !== undefined && paidOn > ctx.today) {
    paidOn = undefined;
    paid = 0;
  }
  const waived = rng.chance(0.003);
  if (waived) {
    paid = 0;
    paidOn = undefined;
  }
  let status: string;
  if (waived) status = 'waived';
  else if (paid >= amount) status = 'paid';
  else if (pastDue) status = 'overdue';
  else status = paid > 0 ? 'partial' : 'unpaid';
  const bill: DemoRecord = {
    _key: key,
    contract: lease.contract._key,
    tenant: lease.tenant._key,
    room: lease.room._key,
    project: lease.room.project,
    type,
    periodStart: isoDate(ps),
    periodEnd: isoDate(pe),
    amount,
    dueDate: isoDate(due),
    reminderDate: isoDate(due - 7 * DAY),
    paidAmount: waived ? 0 : paid,
    adjustedAmount: waived ? amount : 0,
    status,
    ...(status === 'paid' && paidOn !== undefined ? { paidOn: isoDate(paidOn) } : {}),
    ...(status === 'overdue' ? { overdueDays: Math.floor((ctx.today - due) / DAY) } : {}),
    // Rent and property-fee bills record the contract's policy and when late fees start, as the
    // contractBilling rule does (the demo's policies cover both types).
    ...(LATE_FEE_TYPES.has(type) && lease.contract.lateFeePolicy
      ? { lateFeePolicy: lease.contract.lateFeePolicy, lateFeeFrom: isoDate(due + (grace + 1) * DAY) }
      : {}),
    ...(lease.room.butler ? { butler: lease.room.butler } : {}),
  };
  push(ctx, 'bill', bill);
  if (waived) {
    push(ctx, 'feeAdjustment', {
      _key: `adj-${key}`,
      bill: key,
      tenant: lease.tenant._key,
      project: lease.room.project,
      kind: 'waiver',
      amount,
      reason: rng.pick(['serviceIssue', 'hardship', 'billingError']),
      detail: '经项目经理审批减免本期费用',
      status: 'applied',
      approvalNote: '同意',
    });
  }
  if (paid > 0 && paidOn !== undefined) {
    push(ctx, 'payment', {
      _key: `pay-${key}`,
      bill: key,
      tenant: lease.tenant._key,
      amount: paid,
      method: rng.weighted([
        ['wechat', 45],
        ['alipay', 20],
        ['bank', 25],
        ['pos', 6],
        ['cash', 4],
      ] as const),
      paidAt: isoDateTime(paidOn + rng.int(8 * 60, 22 * 60) * 60_000),
      reference: `${isoDate(paidOn).replace(/-/g, '')}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      cashier: `u-finance-${rng.int(1, 3)}`,
    });
  }
  // Late payers beyond the grace period also owe a late fee (5 ‱ per day, capped at 20 %).
  const lateDays = paidOn !== undefined && paid >= amount ? Math.round((paidOn - due) / DAY) : 0;
  if (LATE_FEE_TYPES.has(type) && lateDays > grace && rng.chance(0.5)) {
    const fee = money(Math.min(amount * 0.0005 * lateDays, amount * 0.2));
    if (fee >= 1) {
      const feeKey = `bill-${nextSeq(ctx, 'bill')}`;
      const feeOn = Math.min((paidOn ?? ctx.today) + 3 * DAY, ctx.today - DAY);
      push(ctx, 'bill', {
        _key: feeKey,
        contract: lease.contract._key,
        tenant: lease.tenant._key,
        room: lease.room._key,
        project: lease.room.project,
        type: 'lateFee',
        periodStart: isoDate(due),
        periodEnd: isoDate(paidOn ?? due),
        amount: fee,
        dueDate: isoDate(paidOn ?? due),
        paidAmount: fee,
        adjustedAmount: 0,
        status: 'paid',
        paidOn: isoDate(feeOn),
        ...(lease.room.butler ? { butler: lease.room.butler } : {}),
      });
      push(ctx, 'payment', {
        _key: `pay-${feeKey}`,
        bill: feeKey,
        tenant: lease.tenant._key,
        amount: fee,
        method: 'wechat',
        paidAt: isoDateTime(feeOn + 10 * 3_600_000),
        cashier: `u-finance-${rng.int(1, 3)}`,
      });
    }
  }
}

function generateDeposits(ctx: DemoContext, leases: Lease[]): void {
  const { rng } = ctx;
  for (const lease of leases) {
    const { contract } = lease;
    const record: DemoRecord = {
      _key: `dep-${contract._key}`,
      contract: contract._key,
      tenant: lease.tenant._key,
      room: lease.room._key,
      amount: contract.deposit,
      receivedOn: contract.startDate,
      status: 'received',
    };
    if (!lease.current) {
      const endMs = Date.parse(`${String(contract.endDate)}T00:00:00Z`);
      const returned = endMs < ctx.today - 20 * DAY;
      record.status = returned ? 'returned' : 'returning';
      if (rng.chance(0.4)) {
        record.deductions = Array.from({ length: rng.int(1, 3) }, () => ({
          item: rng.pick(['damage', 'cleaning', 'utilities', 'keys']),
          amount: rng.int(50, 600),
          note: rng.pick(['墙面污损修补', '退租保洁', '水电费结算', '门禁卡未归还', '纱窗破损']),
        }));
      }
      if (returned) {
        record.returnedOn = isoDate(Math.min(endMs + rng.int(5, 20) * DAY, ctx.today));
        record.refundAccount = `尾号 ${rng.int(1000, 9999)}`;
      }
    }
    push(ctx, 'depositRecord', record);
  }
}

function generateApplicationsAndNotices(ctx: DemoContext, places: Places, leases: Lease[]): void {
  const { rng } = ctx;
  let n = 0;
  for (const lease of leases) {
    const { contract, tenant, room } = lease;
    const start = Date.parse(`${String(contract.startDate)}T00:00:00Z`);
    if (lease.current && start > ctx.today - 75 * DAY) {
      n += 1;
      push(ctx, 'leaseApplication', {
        _key: `app-${n}`,
        kind: tenant.kind,
        applicantName: tenant.name,
        ...(tenant.idCard ? { idCard: tenant.idCard } : {}),
        ...(tenant.creditCode ? { creditCode: tenant.creditCode } : {}),
        phone: tenant.phone,
        ...(tenant.account ? { applicantAccount: tenant.account } : {}),
        room: room._key,
        project: room.project,
        startDate: contract.startDate,
        endDate: contract.endDate,
        rent: contract.rent,
        ...(contract.propertyFee ? { propertyFee: contract.propertyFee } : {}),
        deposit: contract.deposit,
        paymentCycle: contract.paymentCycle,
        status: 'completed',
        reviewNote: '资料齐全，同意签约',
        contractDraft: contract.attachments,
        firstRentReceived: true,
        depositReceived: true,
        tenant: tenant._key,
        contract: contract._key,
        leasingAgent: contract.leasingAgent,
        ...(room.butler ? { butler: room.butler } : {}),
      });
    }
    const end = Date.parse(`${String(contract.endDate)}T00:00:00Z`);
    if (lease.current && contract.status === 'expiring') {
      push(ctx, 'leaseNotice', {
        _key: `notice-${contract._key}`,
        kind: 'renewalOffer',
        contract: contract._key,
        tenant: tenant._key,
        room: room._key,
        noticeDate: isoDate(end - 90 * DAY < ctx.today ? end - 90 * DAY : ctx.today),
        effectiveDate: isoDate(end + DAY),
        proposedRent: money(rentAt(contract, end) * 1.03),
        termMonths: 12,
        status: rng.pick(['sent', 'sent', 'accepted', 'declined']),
        handledBy: contract.leasingAgent,
      });
    } else if (!lease.current && contract.status === 'terminated') {
      push(ctx, 'leaseNotice', {
        _key: `notice-${contract._key}`,
        kind: 'tenantNotice',
        contract: contract._key,
        tenant: tenant._key,
        room: room._key,
        noticeDate: isoDate(end - 30 * DAY),
        effectiveDate: isoDate(end),
        reason: rng.pick(['工作调动', '购房搬离', '公司搬迁', '家庭原因']),
        status: 'completed',
        handledBy: contract.leasingAgent,
      });
    }
  }
  // Applications still in progress for rooms to let (run in the onboarding flow: see live.ts), and a few rejected.
  const toLet = places.rooms.filter((r) => r.status === 'toLet');
  for (const room of rng.sample(toLet, Math.min(15, toLet.length))) {
    n += 1;
    const male = rng.chance(0.5);
    const status = rng.pick(['submitted', 'approved', 'contractSent', 'rejected']);
    const start = ctx.today + rng.int(7, 40) * DAY;
    push(ctx, 'leaseApplication', {
      _key: `app-${n}`,
      kind: 'person',
      applicantName: personName(rng, male),
      idCard: residentId(rng, isoDate(ctx.today - rng.int(8000, 15000) * DAY), male),
      phone: mobile(rng),
      room: room._key,
      project: room.project,
      startDate: isoDate(start),
      endDate: isoDate(addMonths(start, 12) - DAY),
      rent: room.listRent,
      // Offices pay a property fee on top of the rent (the room's area × its rate), as their contracts do.
      ...(projectOf.get(String(room.project))?.kind === 'office'
        ? { propertyFee: round2(Number(room.area) * Number(room.propertyFeeRate)) }
        : {}),
      deposit: Number(room.listRent) * 2,
      paymentCycle: 'monthly',
      status,
      ...(status === 'rejected' ? { reviewNote: '征信材料不全' } : {}),
      // The contract sent for signing: what the leasing clerk uploaded at 按模板生成合同.
      ...(status === 'contractSent'
        ? { contractDraft: [file('document.pdf', `applications/app-${n}`, '租赁合同（草案）.pdf')] }
        : {}),
      leasingAgent: `u-leasing-${rng.int(1, 4)}`,
    });
  }
}
