// Meters and monthly readings (with shared-meter allocation), preventive maintenance plans, and
// handover / move-in / move-out inspections.
import {
  DAY,
  HOUR,
  type DemoContext,
  type DemoRecord,
  addMonths,
  file,
  money,
  isoDate,
  isoDateTime,
  push,
  round2,
  startOfMonth,
  yearMonth,
} from './context';
import { type Lease } from './leases';
import { PROJECTS, type Places } from './places';

export function generateMeters(ctx: DemoContext, places: Places): void {
  const { rng } = ctx;
  for (const building of places.buildings) {
    const rooms = places.rooms.filter((r) => r.building === building._key);
    const office = String(building.project) === 'p-sh01';
    const totalArea = rooms.reduce((sum, r) => sum + Number(r.area), 0);
    const kinds = office ? ['electricity'] : ['electricity', 'water'];
    for (const kind of kinds) {
      const shared = push(ctx, 'meter', {
        _key: `m-${building._key}-${kind}`,
        code: `${String(building.code)}-GT-${kind === 'water' ? 'W' : 'E'}`,
        kind,
        project: building.project,
        building: building._key,
        shared: true,
        allocation: 'byArea',
        allocationRooms: rooms.map((r) => r._key),
        multiplier: kind === 'electricity' ? 40 : 1,
        unitPrice: kind === 'water' ? 4.3 : 0.68,
        installedOn: isoDate(ctx.today - 5 * 365 * DAY),
      });
      readings(ctx, shared, kind === 'water' ? 900 : 5200, undefined);
    }
    if (office) {
      for (const room of rooms) {
        const meter = push(ctx, 'meter', {
          _key: `m-${room._key}-e`,
          code: `${String(room.code)}-E`,
          kind: 'electricity',
          project: room.project,
          building: building._key,
          room: room._key,
          multiplier: 1,
          unitPrice: 1.05,
          installedOn: isoDate(ctx.today - 5 * 365 * DAY),
        });
        // The room's share of the building's shared meter (公摊 by area).
        readings(ctx, meter, Number(room.area) * rng.int(6, 12), {
          share: totalArea > 0 ? Number(room.area) / totalArea : 0,
        });
      }
    }
  }
}

function readings(
  ctx: DemoContext,
  meter: DemoRecord,
  monthly: number,
  allocation: { share: number } | undefined,
): void {
  const { rng } = ctx;
  let value = rng.int(1000, 50_000);
  for (let m = 12; m >= 1; m -= 1) {
    const month = addMonths(startOfMonth(ctx.today), -m);
    const usage = Math.round(monthly * (0.8 + rng.next() * 0.4));
    const record: DemoRecord = {
      _key: `mr-${meter._key}-${yearMonth(month)}`,
      meter: meter._key,
      period: yearMonth(month),
      readOn: isoDate(addMonths(month, 1) - DAY),
      previous: value,
      current: value + usage,
      amount: money(usage * Number(meter.unitPrice) * Number(meter.multiplier ?? 1)),
      readBy: `u-butler-${rng.int(1, 15)}`,
    };
    if (allocation) {
      record.shareRatio = round2(allocation.share * 100 * 100) / 100;
      record.sharedUsage = round2(usage * 0.08);
    }
    if (rng.chance(0.3)) record.photo = [file('meter.jpg', String(record._key), '表盘.jpg')];
    push(ctx, 'meterReading', record);
    value += usage;
  }
}

const PLANS: Array<[string, string, string, string, string[]]> = [
  [
    '电梯月度维保',
    'elevator',
    'elevator',
    'monthly',
    ['曳引机运行声音', '门机开关门', '轿厢照明与通风', '紧急呼叫'],
  ],
  [
    '消防系统季度检测',
    'fireSystem',
    'fireSafety',
    'quarterly',
    ['消防泵启动', '烟感抽检', '消火栓压力', '应急照明'],
  ],
  ['二次供水泵房巡检', 'waterPump', 'plumbing', 'weekly', ['水泵运行', '水箱水位', '管道渗漏']],
  ['发电机试运行', 'generator', 'electrical', 'monthly', ['空载运行 15 分钟', '油位', '蓄电池电压']],
  [
    '公共区域夜间巡检',
    'publicArea',
    'publicArea',
    'daily',
    ['楼道照明', '单元门闭合', '消防通道畅通', '地库积水'],
  ],
  ['门禁监控系统检查', 'accessControl', 'network', 'monthly', ['摄像头画面', '录像存储', '门禁读卡']],
  ['屋面防水年检', 'roof', 'wallFloor', 'yearly', ['防水层', '排水口', '女儿墙裂缝']],
];
const CYCLE_DAYS: Record<string, number> = {
  daily: 1,
  weekly: 7,
  monthly: 30,
  quarterly: 91,
  halfYearly: 182,
  yearly: 365,
};

export function generatePlans(ctx: DemoContext, places: Places): void {
  const { rng } = ctx;
  for (const p of PROJECTS) {
    const buildings = places.buildings.filter((b) => b.project === p.key);
    const butlers = places.butlers.get(p.key) ?? [];
    PLANS.forEach(([name, target, category, cycle, items], i) => {
      const every = CYCLE_DAYS[cycle] ?? 30;
      const last = ctx.today - rng.int(0, every - 1) * DAY;
      const building =
        target === 'publicArea' || target === 'roof' ? undefined : buildings[i % buildings.length];
      const contracted = ['elevator', 'fireSystem'].includes(target);
      const supplier = (ctx.data.supplier ?? []).find((s) =>
        (s.trades as string[]).includes(category === 'fireSafety' ? 'fireSafety' : 'elevator'),
      );
      push(ctx, 'maintenancePlan', {
        _key: `plan-${p.code}-${i + 1}`,
        name: `${p.name}${name}`,
        planKind: target === 'publicArea' ? 'patrol' : 'maintenance',
        project: p.key,
        ...(building ? { building: building._key } : {}),
        target,
        category,
        equipment: building ? `${String(building.name)} ${name.slice(0, 4)}` : '全区',
        cycle,
        lastDone: isoDate(last),
        nextDue: isoDate(last + every * DAY),
        checklist: items.map((item, k) => ({ item, standard: '符合维保规范', photoRequired: k === 0 })),
        responsible: contracted
          ? (places.managers.get(p.key) ?? 'u-admin-1')
          : (butlers[i % Math.max(1, butlers.length)] ?? 'u-admin-1'),
        ...(contracted && supplier ? { supplier: supplier._key } : {}),
        active: true,
      });
    });
  }
}

const SPACES: Array<[string, string[]]> = [
  ['entrance', ['入户门', '门禁对讲']],
  ['living', ['墙面', '地面', '窗户']],
  ['bedroom', ['墙面', '地面', '空调']],
  ['kitchen', ['橱柜', '水槽', '燃气表']],
  ['bathroom', ['马桶', '花洒', '地漏']],
  ['balcony', ['栏杆', '晾衣架']],
];

export function generateInspections(ctx: DemoContext, places: Places, leases: Lease[]): void {
  const { rng } = ctx;
  let n = 0;
  const inspection = (
    kind: string,
    room: DemoRecord,
    at: number,
    extra: Record<string, unknown>,
  ): DemoRecord => {
    n += 1;
    const defects = kind === 'delivery' ? 0.12 : kind === 'moveOut' ? 0.1 : 0.03;
    const items = SPACES.flatMap(([space, things]) =>
      things.map((item) => {
        const condition = rng.chance(defects)
          ? rng.pick(kind === 'moveOut' ? ['damaged', 'dirty', 'missing'] : ['defect', 'damaged'])
          : 'ok';
        return {
          space,
          item,
          condition,
          ...(condition !== 'ok'
            ? {
                note: '已拍照留证',
                photos: [file('inspection.jpg', `insp-${n}/${space}-${item}`, `${item}.jpg`)],
              }
            : {}),
          ...(kind === 'moveOut' && condition !== 'ok' ? { deduction: rng.pick([50, 100, 200]) } : {}),
        };
      }),
    );
    const fix = kind === 'delivery' && items.some((i) => i.condition !== 'ok');
    const inspectedAt = at + 10 * HOUR;
    const signed = inspectedAt < ctx.today - 3 * DAY;
    return push(ctx, 'inspection', {
      _key: `insp-${n}`,
      kind,
      room: room._key,
      project: room.project,
      inspector: String(room.butler ?? 'u-butler-1'),
      scheduledAt: isoDateTime(at + 9 * HOUR),
      inspectedAt: isoDateTime(inspectedAt),
      items,
      waterReading: rng.int(10, 900),
      electricityReading: rng.int(100, 9000),
      keysHanded: kind === 'moveOut' ? 0 : rng.int(2, 4),
      overall: fix ? 'fixRequired' : 'pass',
      ...(fix ? { fixDeadline: isoDate(at + 15 * DAY) } : {}),
      status: signed ? 'signed' : fix ? 'rectifying' : 'passed',
      ...(signed ? { tenantSignature: file('signature.png', `insp-${n}/tenant`, '签字.png') } : {}),
      inspectorSignature: file('signature.png', `insp-${n}/inspector`, '查验人签字.png'),
      ...extra,
    });
  };
  // Handover inspections of the newest community.
  const cd = places.roomsByProject.get('p-cd01') ?? [];
  for (const room of rng.sample(cd, Math.round(80 * ctx.scale)))
    inspection('delivery', room, ctx.today - rng.int(5, 200) * DAY, {});
  // Move-in for recent leases; move-out, compared with a move-in record, for finished ones.
  const deposits = new Map((ctx.data.depositRecord ?? []).map((d) => [d.contract, d]));
  for (const lease of leases) {
    const start = Date.parse(`${String(lease.contract.startDate)}T00:00:00Z`);
    const end = Date.parse(`${String(lease.contract.endDate)}T00:00:00Z`);
    if (lease.current && start > ctx.today - 120 * DAY) {
      inspection('moveIn', lease.room, start, { tenant: lease.tenant._key, contract: lease.contract._key });
    } else if (!lease.current && end > ctx.today - 180 * DAY && end < ctx.today) {
      const moveIn = inspection('moveIn', lease.room, start, {
        tenant: lease.tenant._key,
        contract: lease.contract._key,
      });
      const moveOut = inspection('moveOut', lease.room, end, {
        tenant: lease.tenant._key,
        contract: lease.contract._key,
        compareWith: moveIn._key,
      });
      const deposit = deposits.get(lease.contract._key);
      if (deposit) deposit.moveOutInspection = moveOut._key;
    }
  }
}
