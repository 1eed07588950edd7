// About 10,000 work orders over the last year with log-normal handling times, statuses consistent with
// their timestamps, ratings for most closed orders, spare parts and the stock movements they imply.
import {
  DAY,
  HOUR,
  MINUTE,
  type DemoContext,
  type DemoRecord,
  file,
  isoDateTime,
  nextSeq,
  push,
  round2,
} from './context';
import { type Leases } from './leases';
import { type Technician } from './people';
import { PROJECTS, type Places } from './places';

type W = ReadonlyArray<readonly [string, number]>;
/** People trapped in a lift: always a repair, and always urgent. */
const TRAPPED_IN_LIFT = '电梯困人';

const CATEGORIES: Record<string, W> = {
  repair: [
    ['plumbing', 24],
    ['electrical', 18],
    ['doorWindow', 12],
    ['elevator', 7],
    ['hvac', 9],
    ['wallFloor', 8],
    ['publicArea', 8],
    ['gas', 3],
    ['network', 5],
    ['fireSafety', 2],
    ['other', 4],
  ],
  complaint: [
    ['noise', 25],
    ['parking', 15],
    ['cleaning', 15],
    ['security', 12],
    ['publicArea', 10],
    ['elevator', 8],
    ['greening', 5],
    ['other', 10],
  ],
  suggestion: [
    ['greening', 20],
    ['publicArea', 30],
    ['parking', 15],
    ['security', 10],
    ['other', 25],
  ],
  inquiry: [
    ['other', 40],
    ['parking', 20],
    ['publicArea', 20],
    ['network', 20],
  ],
};
/** Median hours from dispatch to completion per category. */
const REPAIR_HOURS: Record<string, number> = {
  plumbing: 1.6,
  electrical: 1.2,
  doorWindow: 1.5,
  elevator: 2.5,
  hvac: 3,
  wallFloor: 6,
  publicArea: 4,
  gas: 1,
  network: 2,
  fireSafety: 3,
  other: 2,
};
/**
 * What a request says, by its type and then its category: a fault for a repair, a grievance for a complaint,
 * an idea for a suggestion, a question for an inquiry — so a lift with people trapped in it is a repair
 * (and an emergency), never a complaint, and a question about fees is never a repair.
 */
const TITLES: Record<string, Record<string, string[]>> = {
  repair: {
    plumbing: ['厨房水槽堵塞', '卫生间漏水', '水龙头滴水', '马桶水箱不止水', '地漏反味'],
    electrical: ['客厅灯不亮', '插座没电', '空气开关跳闸', '热水器不通电'],
    doorWindow: ['入户门锁卡顿', '窗户关不严', '纱窗破损', '门禁卡失灵'],
    elevator: ['电梯异响', TRAPPED_IN_LIFT, '电梯按钮失灵', '电梯门关不上'],
    hvac: ['空调不制冷', '空调漏水', '新风系统噪音大'],
    wallFloor: ['墙面渗水发霉', '地砖空鼓', '天花板掉皮'],
    publicArea: ['楼道灯坏了', '单元门闭门器损坏', '地库积水', '垃圾房门损坏'],
    gas: ['燃气灶打不着火', '闻到燃气味'],
    network: ['宽带无法上网', '可视对讲无图像'],
    fireSafety: ['烟感误报', '消火栓箱门损坏'],
    other: ['快递柜故障', '信报箱门损坏', '晾衣架损坏'],
  },
  complaint: {
    noise: ['楼上装修噪音', '夜间施工扰民', '邻居宠物吵闹'],
    parking: ['车位被占用', '外来车辆乱停', '道闸高峰排队太久'],
    cleaning: ['楼道垃圾未清理', '电梯间卫生差'],
    security: ['陌生人随意进出', '夜间巡逻不到位'],
    publicArea: ['消防通道堆物', '楼道被邻居堆放杂物'],
    elevator: ['电梯维修太慢', '电梯停运未提前通知', '电梯经常故障'],
    greening: ['草坪缺乏修剪', '绿化带无人打理'],
    other: ['物业人员服务态度差', '报修后迟迟无人处理'],
  },
  suggestion: {
    greening: ['建议增加座椅绿化', '建议增加儿童游乐区绿荫'],
    publicArea: ['建议增设电动车充电桩', '建议楼道加装感应灯', '建议增加快递柜'],
    parking: ['建议增加访客车位', '建议规范非机动车停放'],
    security: ['建议加强夜间巡逻', '建议门禁加装人脸识别'],
    other: ['建议开通线上缴费提醒', '建议定期公示公共收益'],
  },
  inquiry: {
    other: ['咨询物业费缴纳方式', '咨询装修审批流程', '咨询发票开具'],
    parking: ['咨询月卡办理', '咨询临时停车收费'],
    publicArea: ['咨询公共区域场地预约', '咨询垃圾分类投放时间'],
    network: ['咨询宽带开通', '咨询可视对讲设置'],
  },
};
/** What the filer asks for, after the title, by the type of request. */
const ASKS: Record<string, string> = {
  repair: '请尽快处理',
  complaint: '请尽快处理并回复',
  suggestion: '供参考',
  inquiry: '请回复',
};
const SERVICE_LINE: Record<string, string> = {
  repair: 'repair',
  complaint: 'complaint',
  suggestion: 'butler',
  inquiry: 'customerService',
};
const PRIORITY_SLA: Record<string, number> = {
  urgent: 2 * HOUR,
  high: 4 * HOUR,
  normal: 24 * HOUR,
  low: 72 * HOUR,
};

interface Part {
  record: DemoRecord;
  category: string;
  price: number;
}

export interface ServiceResult {
  orders: DemoRecord[];
  ratings: DemoRecord[];
}

const PART_LIST: Array<[string, string, string, string, number, number]> = [
  ['plumbing', '角阀', 'DN15 铜', 'pc', 28, 20],
  ['plumbing', '软管', '60cm 不锈钢', 'pc', 18, 30],
  ['plumbing', 'PPR 水管', 'DN20', 'm', 12, 50],
  ['plumbing', '马桶进水阀', '通用型', 'set', 45, 15],
  ['plumbing', '水龙头', '单冷', 'pc', 85, 10],
  ['plumbing', '生料带', '标准', 'roll', 3, 60],
  ['electrical', 'LED 灯泡', '12W E27', 'pc', 15, 40],
  ['electrical', '空气开关', 'DZ47 C32', 'pc', 38, 20],
  ['electrical', '五孔插座', '86 型', 'pc', 16, 30],
  ['electrical', 'BV 电线', '2.5mm²', 'm', 3, 200],
  ['doorWindow', '门锁锁芯', 'C 级', 'pc', 120, 8],
  ['doorWindow', '闭门器', '65kg', 'pc', 95, 6],
  ['doorWindow', '纱网', '1.2m 宽', 'm', 15, 30],
  ['doorWindow', '门禁卡', 'IC', 'pc', 10, 100],
  ['elevator', '电梯按钮', '通用', 'pc', 160, 6],
  ['elevator', '门机皮带', '通用', 'pc', 220, 4],
  ['hvac', '空调冷媒', 'R410A', 'bucket', 380, 3],
  ['hvac', '排水管', '16mm', 'm', 6, 40],
  ['wallFloor', '防水涂料', '5kg', 'bucket', 160, 5],
  ['wallFloor', '腻子粉', '20kg', 'bucket', 45, 8],
  ['publicArea', '声控灯', '感应 LED', 'pc', 35, 25],
  ['gas', '燃气软管', '1.5m', 'pc', 48, 10],
  ['network', '水晶头', 'CAT6', 'box', 35, 5],
  ['fireSafety', '烟感探测器', '独立式', 'pc', 88, 10],
];

export function generateParts(ctx: DemoContext, suppliers: DemoRecord[]): Part[] {
  return PART_LIST.map(([category, name, spec, unit, price, safety], i) => {
    const supplier = suppliers.find((s) => (s.trades as string[]).includes(category));
    const record = push(ctx, 'sparePart', {
      _key: `part-${i + 1}`,
      code: `BJ-${String(1001 + i)}`,
      name,
      spec,
      category,
      unit,
      stock: 0,
      safetyStock: safety,
      price,
      ...(supplier ? { supplier: supplier._key } : {}),
      warehouse: `${PROJECTS[i % 3]?.code ?? 'SZ01'} 工程库`,
    });
    return { record, category, price };
  });
}

export function generateWorkOrders(
  ctx: DemoContext,
  places: Places,
  leases: Leases,
  techs: Technician[],
  parts: Part[],
  suppliers: DemoRecord[],
): ServiceResult {
  const { rng } = ctx;
  const now = ctx.now;
  const total = Math.round(10_000 * ctx.scale);
  const people = [...leases.occupant.entries()].map(([room, tenant]) => ({ room, tenant }));
  const roomsByKey = new Map(places.rooms.map((r) => [r._key, r]));
  for (const owner of leases.owners) {
    const candidates = places.roomsByProject.get(String(owner.project)) ?? [];
    const room = candidates[nextSeq(ctx, 'ownerRoom') % candidates.length];
    if (room) people.push({ room: room._key, tenant: owner });
  }
  const orders: DemoRecord[] = [];
  const ratings: DemoRecord[] = [];
  const partsByCategory = new Map<string, Part[]>();
  for (const part of parts)
    partsByCategory.set(part.category, [...(partsByCategory.get(part.category) ?? []), part]);
  // Reported times, oldest first, so technician load and stock run forward in time.
  const times = Array.from({ length: total }, () => {
    const day = now - rng.int(0, 364) * DAY - (now % DAY);
    const minute = Math.round(
      rng.weighted([
        [8, 2],
        [10, 5],
        [13, 4],
        [16, 4],
        [19, 5],
        [21, 2],
        [23, 0.5],
      ] as const) *
        60 +
        rng.int(0, 119),
    );
    const at = day + minute * MINUTE;
    // Today's reports fall in the part of today that has passed (wrapped into it), not piled up at `now`.
    return at < now ? at : day + ((minute * MINUTE) % Math.max(MINUTE, now - day));
  }).sort((a, b) => a - b);

  for (const reportedAt of times) {
    const who = rng.pick(people);
    const room = roomsByKey.get(who.room);
    if (!room) continue;
    const project = String(room.project);
    const type = rng.weighted([
      ['repair', 72],
      ['complaint', 10],
      ['suggestion', 6],
      ['inquiry', 12],
    ] as const);
    const category = rng.weighted(CATEGORIES[type] ?? []);
    const drawn =
      category === 'elevator' && type === 'repair' && rng.chance(0.3)
        ? 'urgent'
        : rng.weighted([
            ['low', 10],
            ['normal', 62],
            ['high', 22],
            ['urgent', 6],
          ] as const);
    const title = rng.pick(TITLES[type]?.[category] ?? ['其他问题']);
    const priority = title === TRAPPED_IN_LIFT ? 'urgent' : drawn;
    const n = nextSeq(ctx, 'workOrder');
    const order: DemoRecord = {
      _key: `wo-${n}`,
      type,
      channel: rng.weighted([
        ['app', 38],
        ['wechat', 30],
        ['hotline', 20],
        ['butler', 12],
      ] as const),
      project,
      room: room._key,
      requester: who.tenant._key,
      contactPhone: who.tenant.phone,
      category,
      serviceLine:
        category === 'cleaning' || category === 'security' || category === 'greening'
          ? category
          : SERVICE_LINE[type],
      priority,
      requiredSkill: ['elevator', 'gas', 'fireSafety'].includes(category) ? 'certified' : 'general',
      title,
      description: `${String(room.code)} 报：${title}，${ASKS[type] ?? '请尽快处理'}。`,
      reportedAt: isoDateTime(reportedAt),
      slaDueAt: isoDateTime(reportedAt + (PRIORITY_SLA[priority] ?? DAY)),
      ...(room.butler ? { butler: room.butler } : {}),
    };
    if (rng.chance(0.6)) order.photos = [file('repair-site.jpg', `wo-${n}`, '现场照片.jpg')];
    if (rng.chance(0.05)) order.media = [file('voice.wav', `wo-${n}`, '语音描述.wav')];
    if (type === 'repair') buildRepair(ctx, order, reportedAt, now, techs, partsByCategory, suppliers);
    else buildOther(ctx, order, reportedAt, now);
    push(ctx, 'workOrder', order);
    orders.push(order);
    const rating = maybeRate(ctx, order, now);
    if (rating) ratings.push(rating);
  }
  for (const t of techs) t.load = 0;
  return { orders, ratings };
}

function buildRepair(
  ctx: DemoContext,
  order: DemoRecord,
  reportedAt: number,
  now: number,
  techs: Technician[],
  partsByCategory: Map<string, Part[]>,
  suppliers: DemoRecord[],
): void {
  const { rng } = ctx;
  const category = String(order.category);
  const project = String(order.project);
  const cdElevator = project === 'p-cd01' && category === 'elevator';
  const complex = rng.chance(0.06);
  const qualified = techs.filter((t) => t.projects.includes(project) && t.skills.includes(category));
  const pool = qualified.length > 0 ? qualified : techs.filter((t) => t.projects.includes(project));
  const tech = pool.reduce((best, t) => (t.load < best.load ? t : best), rng.pick(pool));
  tech.load += 1;
  const times: Array<[string, string, number]> = [];
  let t = reportedAt + rng.lognormal(8, 0.8) * MINUTE;
  times.push(['dispatched', 'dispatchedAt', t]);
  const dispatchedAt = t;
  t += rng.lognormal(cdElevator ? 25 : 9, 0.8) * MINUTE;
  times.push(['accepted', 'acceptedAt', t]);
  const acceptedAt = t;
  t += rng.lognormal(15, 0.6) * MINUTE;
  times.push(['departed', 'departedAt', t]);
  t += rng.lognormal(20, 0.5) * MINUTE;
  times.push(['inProgress', '', t]);
  // A few recent jobs wait for parts, so the open backlog has something in every state.
  const waiting = reportedAt > now - 14 * DAY && rng.chance(0.1) ? 30 : 1;
  const hours = rng.lognormal(
    (REPAIR_HOURS[category] ?? 2) * (complex ? 8 : 1) * (cdElevator ? 2.2 : 1) * waiting,
    0.8,
  );
  t += hours * HOUR;
  times.push(['completed', 'completedAt', t]);
  const completedAt = t;
  t += rng.lognormal(20, 0.7) * HOUR;
  times.push(['visited', '', t]);
  t += rng.lognormal(2, 0.6) * HOUR;
  times.push(['closed', 'closedAt', t]);
  const closedAt = t;

  order.technician = tech.user;
  order.requiredSkill = complex ? 'senior' : order.requiredSkill;
  order.status = 'pending';
  if (complex) {
    order.needsSurvey = true;
    order.surveyNotes = '现场勘查：需更换部分管线/部件，预计工期 2–3 天';
    order.estimateCost = rng.int(800, 9000);
    if (rng.chance(0.5)) {
      const supplier =
        suppliers.find((s) => (s.trades as string[]).includes(category) && s.status === 'active') ??
        suppliers[0];
      if (supplier) {
        order.needsSupplier = true;
        order.supplier = supplier._key;
      }
    }
  }
  for (const [status, field, at] of times) {
    if (at > now) break;
    order.status = status;
    if (field) order[field] = isoDateTime(at);
  }
  if (rng.chance(0.02) && ['pending', 'dispatched'].includes(String(order.status))) {
    order.status = 'cancelled';
    return;
  }
  if (acceptedAt <= now) order.responseMinutes = Math.round((acceptedAt - reportedAt) / MINUTE);
  const done = completedAt <= now;
  if (!done) {
    if (Date.parse(String(order.slaDueAt)) < now) order.slaBreached = true;
    return;
  }
  order.repairHours = round2((completedAt - dispatchedAt) / HOUR);
  if (closedAt <= now) order.resolutionHours = round2((closedAt - reportedAt) / HOUR);
  order.slaBreached = completedAt > Date.parse(String(order.slaDueAt));
  const fixed = rng.chance(complex ? 0.55 : cdElevator ? 0.62 : 0.85);
  order.firstVisitFix = fixed;
  order.visitCount = fixed ? 1 : rng.int(2, 3);
  order.resolution = fixed ? '已修复，经业主确认恢复正常' : '首次上门配件不符，二次上门更换后修复';
  order.completionPhotos = [file('repair-done.jpg', String(order._key), '完工照片.jpg')];
  if (rng.chance(0.7)) order.customerSignature = file('signature.png', String(order._key), '客户签字.png');
  const candidates = partsByCategory.get(category) ?? [];
  if (candidates.length > 0 && rng.chance(0.4)) {
    order.partsUsed = rng.sample(candidates, rng.int(1, Math.min(2, candidates.length))).map((part) => ({
      part: part.record._key,
      quantity: part.record.unit === 'm' ? rng.int(1, 6) : 1,
      unitPrice: part.price,
    }));
  }
  if (order.room && rng.chance(0.25)) {
    order.chargeable = true;
    order.laborCost = rng.pick([50, 80, 100, 150, 200]);
  }
}

function buildOther(ctx: DemoContext, order: DemoRecord, reportedAt: number, now: number): void {
  const { rng } = ctx;
  const complaint = order.type === 'complaint';
  const accept = reportedAt + rng.lognormal(complaint ? 40 : 15, 0.8) * MINUTE;
  const resolve = accept + rng.lognormal(complaint ? 20 : 2, 0.9) * HOUR;
  const close = resolve + rng.lognormal(complaint ? 24 : 1, 0.6) * HOUR;
  order.status = 'pending';
  if (accept <= now) {
    order.status = complaint ? 'inProgress' : 'dispatched';
    order.dispatchedAt = isoDateTime(accept);
    order.responseMinutes = Math.round((accept - reportedAt) / MINUTE);
  }
  if (resolve <= now) {
    order.status = 'completed';
    order.completedAt = isoDateTime(resolve);
    order.resolution = complaint ? '已与相关方沟通并整改，持续跟进' : '已答复业主';
  }
  if (close <= now) {
    order.status = 'closed';
    order.closedAt = isoDateTime(close);
    order.resolutionHours = round2((close - reportedAt) / HOUR);
    if (complaint) order.resolutionAccepted = rng.chance(0.85);
  }
  order.slaBreached = (resolve <= now ? resolve : now) > Date.parse(String(order.slaDueAt));
  if (complaint && order.slaBreached) order.escalated = true;
}

/** A satisfaction draw: better when fast, fixed first time and in SLA. */
function csatFor(ctx: DemoContext, order: DemoRecord): number {
  let quality = 0;
  if (order.slaBreached === true) quality -= 1;
  if (order.firstVisitFix === false) quality -= 1;
  if (order.project === 'p-cd01' && order.category === 'elevator') quality -= 1.2;
  if (order.type === 'complaint') quality -= 0.6;
  const roll = ctx.rng.normal() * 0.9 + 1.3 + quality * 0.7;
  return Math.max(1, Math.min(5, Math.round(roll + 3.4)));
}

function scoresFor(ctx: DemoContext, csat: number): { nps: number; ces: number } {
  const { rng } = ctx;
  const nps =
    csat === 5 ? rng.int(8, 10) : csat === 4 ? rng.int(6, 9) : csat === 3 ? rng.int(4, 7) : rng.int(0, 5);
  const ces =
    csat === 5 ? rng.int(6, 7) : csat === 4 ? rng.int(5, 6) : csat === 3 ? rng.int(3, 5) : rng.int(1, 3);
  return { nps, ces };
}

export const GOOD_TAGS = ['fast', 'polite', 'professional', 'clean'];
export const BAD_TAGS = ['slow', 'rude', 'notFixed', 'repeat'];

function maybeRate(ctx: DemoContext, order: DemoRecord, now: number): DemoRecord | undefined {
  const { rng } = ctx;
  if (!['visited', 'closed'].includes(String(order.status)) || !order.requester) return undefined;
  const invitedMs = Date.parse(String(order.completedAt ?? order.closedAt));
  const answeredMs = invitedMs + rng.lognormal(5, 1) * HOUR;
  const roll = rng.next();
  const status =
    roll < 0.8 && answeredMs <= now ? 'answered' : now - invitedMs > 3 * DAY ? 'expired' : 'invited';
  const rating: DemoRecord = {
    _key: `rate-${String(order._key)}`,
    surveyType: 'afterService',
    workOrder: order._key,
    tenant: order.requester as string,
    project: order.project as string,
    serviceLine: order.serviceLine as string,
    category: order.category as string,
    status,
    invitedAt: isoDateTime(invitedMs),
    ...(order.technician ? { staff: order.technician } : order.butler ? { staff: order.butler } : {}),
  };
  if (status === 'answered') {
    const csat = csatFor(ctx, order);
    applyScores(ctx, rating, order, csat);
    rating.answeredAt = isoDateTime(answeredMs);
  }
  return push(ctx, 'rating', rating);
}

/** Writes one answer onto a rating and mirrors the score on its work order. */
export function applyScores(
  ctx: DemoContext,
  rating: DemoRecord,
  order: DemoRecord | undefined,
  csat: number,
): void {
  const { rng } = ctx;
  const { nps, ces } = scoresFor(ctx, csat);
  rating.csat = csat;
  if (rng.chance(0.85) || csat <= 2) rating.nps = nps;
  else delete rating.nps;
  if (rng.chance(0.7)) {
    const five = rng.chance(0.1);
    rating.cesScale = five ? '5' : '7';
    rating.ces = five ? Math.max(1, Math.min(5, Math.round((ces - 1) / 1.5 + 1))) : ces;
  }
  rating.tags = rng.sample(csat >= 4 ? GOOD_TAGS : BAD_TAGS, rng.int(0, 2));
  if (csat <= 2)
    rating.comment = rng.pick([
      '师傅迟到很久，问题也没彻底解决',
      '同一个问题已经报修第三次了',
      '态度敷衍，希望改进',
      '电梯又坏了，老人出行很不方便',
    ]);
  else if (rng.chance(0.2))
    rating.comment = rng.pick(['师傅很专业，点赞', '响应很快，谢谢', '处理及时，满意']);
  else delete rating.comment;
  if (order) order.rating = csat;
}

export function generatePeriodicSurveys(ctx: DemoContext, leases: Leases): DemoRecord[] {
  const { rng } = ctx;
  const respondents = rng.sample(
    [...leases.occupant.values(), ...leases.owners],
    Math.round(600 * ctx.scale),
  );
  return respondents.map((tenant, i) => {
    const at = ctx.today - rng.int(1, 360) * DAY + rng.int(9, 20) * HOUR;
    const rating: DemoRecord = {
      _key: `survey-${i + 1}`,
      surveyType: 'periodic',
      tenant: tenant._key,
      project: tenant.project as string,
      serviceLine: rng.pick(['cleaning', 'security', 'greening', 'butler', 'customerService']),
      status: 'answered',
      invitedAt: isoDateTime(at - DAY),
      answeredAt: isoDateTime(at),
    };
    const csat = Math.max(
      1,
      Math.min(5, Math.round(rng.normal() * 0.9 + 4.1 - (tenant.project === 'p-cd01' ? 0.3 : 0))),
    );
    applyScores(ctx, rating, undefined, csat);
    return push(ctx, 'rating', rating);
  });
}
