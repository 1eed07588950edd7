// Staff users, the three communities, their buildings and rooms.
import { type DemoContext, type DemoRecord, isoDate, push, DAY } from './context';
import { mobile } from './identity';
import { personName } from './names';

export interface ProjectPlan {
  key: string;
  code: string;
  name: string;
  city: string;
  district: string;
  kind: 'residential' | 'office';
  address: string;
  lng: number;
  lat: number;
  buildings: number;
  units: number;
  floors: number;
  perFloor: number;
  /** Monthly rent per m² and property fee per m². */
  rentPerM2: number;
  feeRate: number;
  hotline: string;
}

export const PROJECTS: ProjectPlan[] = [
  {
    key: 'p-sz01',
    code: 'SZ01',
    name: '滨江花园',
    city: '深圳',
    district: '南山区',
    kind: 'residential',
    address: '深圳市南山区沙河西路 3011 号',
    lng: 113.9612,
    lat: 22.5405,
    buildings: 6,
    units: 2,
    floors: 14,
    perFloor: 3,
    rentPerM2: 95,
    feeRate: 3.8,
    hotline: '4008801001',
  },
  {
    key: 'p-sh01',
    code: 'SH01',
    name: '金桥国际商务中心',
    city: '上海',
    district: '浦东新区',
    kind: 'office',
    address: '上海市浦东新区新金桥路 1888 号',
    lng: 121.6021,
    lat: 31.2622,
    buildings: 3,
    units: 1,
    floors: 24,
    perFloor: 7,
    rentPerM2: 240,
    feeRate: 28,
    hotline: '4008801002',
  },
  {
    key: 'p-cd01',
    code: 'CD01',
    name: '锦城雅苑',
    city: '成都',
    district: '锦江区',
    kind: 'residential',
    address: '成都市锦江区东大街 99 号',
    lng: 104.0874,
    lat: 30.6536,
    buildings: 7,
    units: 2,
    floors: 12,
    perFloor: 3,
    rentPerM2: 42,
    feeRate: 2.2,
    hotline: '4008801003',
  },
];

export interface Staff {
  key: string;
  name: string;
  role: string;
  projects: string[];
}

export interface Places {
  staff: Staff[];
  managers: Map<string, string>;
  butlers: Map<string, string[]>;
  rooms: DemoRecord[];
  roomsByProject: Map<string, DemoRecord[]>;
  buildings: DemoRecord[];
}

function addUser(ctx: DemoContext, staff: Staff[], role: string, index: number, projects: string[]): string {
  const male = ctx.rng.chance(role === 'technician' ? 0.95 : 0.5);
  const name = personName(ctx.rng, male);
  const key = `u-${role}-${index}`;
  push(ctx, '_users', {
    _key: key,
    name,
    username: `${role}${index}`,
    phone: mobile(ctx.rng),
    roles: [role],
    projects,
  });
  staff.push({ key, name, role, projects });
  return key;
}

export function generatePlaces(ctx: DemoContext): Places {
  const { rng } = ctx;
  const staff: Staff[] = [];
  const all = PROJECTS.map((p) => p.key);
  addUser(ctx, staff, 'admin', 1, all);
  const managers = new Map<string, string>();
  const butlers = new Map<string, string[]>();
  PROJECTS.forEach((p, i) => {
    managers.set(p.key, addUser(ctx, staff, 'projectManager', i + 1, [p.key]));
    butlers.set(
      p.key,
      [1, 2, 3, 4, 5].map((n) => addUser(ctx, staff, 'butler', i * 5 + n, [p.key])),
    );
  });
  for (let i = 1; i <= 3; i += 1) addUser(ctx, staff, 'finance', i, all);
  for (let i = 1; i <= 2; i += 1) addUser(ctx, staff, 'legal', i, all);
  for (let i = 1; i <= 6; i += 1) addUser(ctx, staff, 'customerService', i, all);
  for (let i = 1; i <= 4; i += 1) addUser(ctx, staff, 'leasing', i, all);

  const rooms: DemoRecord[] = [];
  const roomsByProject = new Map<string, DemoRecord[]>();
  const buildings: DemoRecord[] = [];
  for (const p of PROJECTS) {
    const delivered = ctx.today - rng.int(3, 12) * 365 * DAY;
    push(ctx, 'project', {
      _key: p.key,
      name: p.name,
      code: p.code,
      kind: p.kind === 'office' ? 'office' : 'residential',
      city: p.city,
      district: p.district,
      address: { address: p.address, lng: p.lng, lat: p.lat },
      grossArea: Math.round(p.buildings * p.floors * p.units * p.perFloor * (p.kind === 'office' ? 210 : 98)),
      deliveredOn: isoDate(delivered),
      manager: managers.get(p.key),
      hotline: p.hotline,
    });
    const list: DemoRecord[] = [];
    const count = Math.max(1, Math.round(p.buildings * ctx.scale));
    const projectButlers = butlers.get(p.key) ?? [];
    for (let b = 1; b <= count; b += 1) {
      const building = push(ctx, 'building', {
        _key: `${p.key}-b${b}`,
        project: p.key,
        name: p.kind === 'office' ? `${String.fromCharCode(64 + b)}座` : `${b}栋`,
        code: `${p.code}-${b}`,
        floors: p.floors,
        basementFloors: p.kind === 'office' ? 3 : 2,
        unitCount: p.units,
        elevatorCount: p.kind === 'office' ? 8 : p.units * 2,
        builtYear: new Date(delivered).getUTCFullYear() - 1,
      });
      buildings.push(building);
      const butler = projectButlers[(b - 1) % projectButlers.length];
      for (let u = 1; u <= p.units; u += 1) {
        for (let f = 1; f <= p.floors; f += 1) {
          for (let n = 1; n <= p.perFloor; n += 1) {
            list.push(push(ctx, 'room', makeRoom(ctx, p, building._key, b, u, f, n, butler, delivered)));
          }
        }
      }
    }
    rooms.push(...list);
    roomsByProject.set(p.key, list);
  }
  return { staff, managers, butlers, rooms, roomsByProject, buildings };
}

function makeRoom(
  ctx: DemoContext,
  p: ProjectPlan,
  buildingKey: string,
  b: number,
  unit: number,
  floor: number,
  n: number,
  butler: string | undefined,
  delivered: number,
): DemoRecord {
  const { rng } = ctx;
  const roomNo = `${String(floor).padStart(2, '0')}${String(n).padStart(2, '0')}`;
  let usage = 'residential';
  let unitType: string;
  let area: number;
  if (p.kind === 'office') {
    usage = floor <= 2 ? 'shop' : 'office';
    unitType = floor <= 2 ? 'shopUnit' : 'officeUnit';
    area = floor <= 2 ? rng.int(60, 220) : rng.int(90, 420);
  } else {
    unitType = n === 1 ? 'threeBed' : n === 2 ? 'twoBed' : rng.pick(['oneBed', 'studio']);
    area = n === 1 ? rng.int(118, 142) : n === 2 ? rng.int(84, 96) : rng.int(42, 64);
  }
  area += rng.int(0, 99) / 100;
  const status = rng.weighted([
    ['leased', 82],
    ['toLet', 8],
    ['vacant', 7],
    ['maintenance', 3],
  ] as const);
  return {
    _key: `${buildingKey}-${unit}-${roomNo}`,
    code: `${p.code}-${b}-${unit}-${roomNo}`,
    project: p.key,
    building: buildingKey,
    unit,
    floor,
    roomNo,
    usage,
    unitType,
    area,
    innerArea: Math.round(area * 0.78 * 100) / 100,
    listRent: Math.round((area * p.rentPerM2) / 100) * 100,
    propertyFeeRate: p.feeRate,
    status,
    ...(butler ? { butler } : {}),
    deliveredOn: isoDate(delivered),
  };
}
