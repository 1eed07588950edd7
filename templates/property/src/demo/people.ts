// Tenants and owners (people and companies), technicians and suppliers.
import { type DemoContext, type DemoRecord, DAY, file, isoDate, push } from './context';
import { creditCode, mobile, residentId } from './identity';
import { companyName, personName, supplierName } from './names';
import { PROJECTS, type Places, type Staff } from './places';

const RELATIONS = ['配偶', '父亲', '母亲', '子女', '兄弟', '姐妹', '朋友'];
const TITLES = ['行政经理', '财务主管', '办公室主任', '总经理助理', '前台', '法务'];
const CITY = new Map(PROJECTS.map((p) => [p.key, p.city]));

export function makeTenant(
  ctx: DemoContext,
  index: number,
  project: string,
  kind: 'person' | 'company',
  relationship: 'owner' | 'tenant',
  butler: string | undefined,
): DemoRecord {
  const { rng } = ctx;
  const key = `t-${index}`;
  const record: DemoRecord = { _key: key, kind, relationship, project };
  if (kind === 'person') {
    const male = rng.chance(0.52);
    const birth = ctx.today - (rng.int(22, 72) * 365 + rng.int(0, 364)) * DAY;
    const birthday = isoDate(birth);
    Object.assign(record, {
      name: personName(rng, male),
      idCard: residentId(rng, birthday, male),
      gender: male ? 'male' : 'female',
      birthday,
      phone: mobile(rng),
    });
    if (rng.chance(0.8)) {
      Object.assign(record, {
        emergencyName: personName(rng, rng.chance(0.5)),
        emergencyPhone: mobile(rng),
        emergencyRelation: rng.pick(RELATIONS),
      });
    }
    const contacts = rng.int(0, 2);
    if (contacts > 0) {
      record.contacts = Array.from({ length: contacts }, (_, i) => ({
        name: personName(rng, rng.chance(0.5)),
        relationship: rng.pick(RELATIONS),
        phone: mobile(rng),
        primary: i === 0,
      }));
    }
    if (rng.chance(0.7))
      record.idScans = [
        file('id-front.jpg', key, '身份证正面.jpg'),
        file('id-back.jpg', key, '身份证反面.jpg'),
      ];
  } else {
    Object.assign(record, {
      name: companyName(rng, CITY.get(project) ?? ''),
      creditCode: creditCode(rng),
      legalPerson: personName(rng, rng.chance(0.7)),
      phone: mobile(rng),
      email: `admin${index}@example.com`,
      contacts: Array.from({ length: rng.int(1, 3) }, (_, i) => ({
        name: personName(rng, rng.chance(0.5)),
        relationship: rng.pick(TITLES),
        phone: mobile(rng),
        ...(rng.chance(0.5) ? { email: `contact${index}-${i}@example.com` } : {}),
        primary: i === 0,
      })),
      idScans: [file('license.jpg', key, '营业执照.jpg')],
    });
  }
  if (rng.chance(0.3)) record.wechat = `wx_${index.toString(36)}${rng.int(100, 999)}`;
  if (kind === 'person' && rng.chance(0.3)) record.email = `resident${index}@example.com`;
  if (rng.chance(0.75)) {
    const account = `u-tenant-${index}`;
    push(ctx, '_users', {
      _key: account,
      name: String(record.name),
      username: `tenant${index}`,
      phone: String(record.phone),
      roles: ['tenant'],
      projects: [project],
    });
    record.account = account;
  }
  if (butler) record.butler = butler;
  if (rng.chance(0.03)) record.tags = ['vip'];
  record.consecutiveBadRatings = 0;
  return push(ctx, 'tenant', record);
}

const TECH_SKILLS: ReadonlyArray<readonly [string, number]> = [
  ['plumbing', 5],
  ['electrical', 5],
  ['doorWindow', 3],
  ['elevator', 2],
  ['hvac', 2],
  ['wallFloor', 2],
  ['publicArea', 2],
  ['gas', 1],
  ['network', 1],
  ['fireSafety', 1],
  ['other', 1],
];

export interface Technician {
  record: DemoRecord;
  user: string;
  skills: string[];
  projects: string[];
  load: number;
}

export function generateTechnicians(ctx: DemoContext, places: Places, suppliers: DemoRecord[]): Technician[] {
  const { rng } = ctx;
  const out: Technician[] = [];
  let index = 0;
  for (const p of PROJECTS) {
    for (let i = 0; i < 10; i += 1) {
      index += 1;
      // Every project gets someone for each trade: the first technicians cover the list in turn.
      const first = TECH_SKILLS[i % TECH_SKILLS.length]?.[0] ?? 'other';
      const skills = [...new Set([first, rng.weighted(TECH_SKILLS), rng.weighted(TECH_SKILLS)])];
      const projects = rng.chance(0.2) ? [p.key, rng.pick(PROJECTS).key] : [p.key];
      const uniqueProjects = [...new Set(projects)];
      const staff: Staff = {
        key: `u-technician-${index}`,
        name: '',
        role: 'technician',
        projects: uniqueProjects,
      };
      const name = personName(rng, rng.chance(0.95));
      staff.name = name;
      const phone = mobile(rng);
      const qualifications = skills.some((s) => ['elevator', 'gas', 'fireSafety', 'electrical'].includes(s))
        ? ['general', 'certified']
        : rng.chance(0.4)
          ? ['general', 'senior']
          : ['general'];
      // Auto-dispatch reads what a technician offers from their membership: trades and qualifications.
      push(ctx, '_users', {
        _key: staff.key,
        name,
        username: `technician${index}`,
        phone,
        roles: ['technician'],
        projects: uniqueProjects,
        attributes: { skills, qualifications },
      });
      places.staff.push(staff);
      const outsourced = skills.includes('elevator') && rng.chance(0.5);
      const supplier = outsourced
        ? suppliers.find((s) => (s.trades as string[]).includes('elevator'))
        : undefined;
      const record = push(ctx, 'technician', {
        _key: `tech-${index}`,
        name,
        user: staff.key,
        phone,
        skills,
        qualifications,
        projects: uniqueProjects,
        employment: supplier ? 'outsourced' : 'staff',
        ...(supplier ? { supplier: supplier._key } : {}),
        onDuty: rng.chance(0.92),
        maxOpenOrders: rng.pick([6, 8, 10]),
        hiredOn: isoDate(ctx.today - rng.int(60, 3000) * DAY),
      });
      out.push({ record, user: staff.key, skills, projects: uniqueProjects, load: 0 });
    }
  }
  return out;
}

const SUPPLIER_TRADES: string[][] = [
  ['hvac', 'electrical'],
  ['elevator'],
  ['fireSafety'],
  ['wallFloor', 'doorWindow'],
  ['plumbing', 'electrical'],
  ['cleaning'],
  ['greening'],
  ['wallFloor'],
  ['elevator'],
  ['network', 'security'],
  ['plumbing', 'gas'],
  ['publicArea', 'wallFloor'],
];

export function generateSuppliers(ctx: DemoContext): DemoRecord[] {
  const { rng } = ctx;
  return SUPPLIER_TRADES.map((trades, i) => {
    const project = PROJECTS[i % PROJECTS.length] ?? PROJECTS[0];
    return push(ctx, 'supplier', {
      _key: `sup-${i + 1}`,
      name: supplierName(rng, project?.city ?? '', i),
      creditCode: creditCode(rng),
      trades,
      projects: rng.chance(0.4) ? PROJECTS.map((p) => p.key) : [project?.key ?? 'p-sz01'],
      contactName: personName(rng, rng.chance(0.7)),
      contactPhone: mobile(rng),
      email: `service${i + 1}@supplier.example.com`,
      bankAccount: `招商银行 ${6225_8800_0000 + rng.int(100000, 999999)}`,
      score: rng.int(3, 5),
      status: i === 7 ? 'suspended' : 'active',
      contractEnd: isoDate(ctx.today + rng.int(30, 700) * DAY),
      license: [file('document.pdf', `sup-${i + 1}/license`, '营业执照及资质.pdf')],
    });
  });
}
