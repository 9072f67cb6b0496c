import type { DataSource } from 'typeorm';
import type { Amenity, Gender, Occupation, OrgLevel, Role } from '@xlx/shared';
import { OrganisationEntity, RoleGrantEntity, StationEntity, UserEntity } from '../entities';
import { newQrSecret } from '../adapters/qr-signer';

/**
 * Demo data from the newspaper page the product was first described from (浙江工人日报,
 * "心连新 向未来"): the unions, their people and, as later features land, stations and events.
 * Every demo person signs in through the dev sign-in with the name below.
 */
interface DemoOrg {
  key: string;
  name: string;
  level: OrgLevel;
  parent?: string;
  organiser?: string;
}

export const DEMO_ORGS: DemoOrg[] = [
  { key: 'zj', name: '浙江省总工会', level: 'province' },
  { key: 'sx', name: '绍兴市总工会', level: 'city', parent: 'zj' },
  { key: 'shangyu', name: '绍兴市上虞区总工会', level: 'district', parent: 'sx', organiser: '上虞区总工会' },
  { key: 'shangyu-express', name: '上虞区快递行业工会联合会', level: 'industry', parent: 'shangyu', organiser: '上虞快递工会' },
  { key: 'qz', name: '衢州市总工会', level: 'city', parent: 'zj' },
  { key: 'longyou', name: '龙游县总工会', level: 'district', parent: 'qz', organiser: '龙游县总工会' },
  { key: 'longzhou', name: '龙洲街道总工会', level: 'street', parent: 'longyou', organiser: '龙洲街道工会' },
  { key: 'ls', name: '丽水市总工会', level: 'city', parent: 'zj' },
  { key: 'jingning', name: '景宁县总工会', level: 'district', parent: 'ls', organiser: '景宁县总工会' },
  { key: 'hz', name: '杭州市总工会', level: 'city', parent: 'zj' },
  { key: 'yuhang', name: '杭州市余杭区总工会', level: 'district', parent: 'hz' },
  { key: 'yuhang-street', name: '杭州市余杭区余杭街道总工会', level: 'street', parent: 'yuhang', organiser: '余杭街道总工会' },
  { key: 'jh', name: '金华市总工会', level: 'city', parent: 'zj' },
  { key: 'jindong', name: '金华市金东区总工会', level: 'district', parent: 'jh', organiser: '金东区总工会' },
];

interface DemoPerson {
  name: string;
  occupation: Occupation | null;
  gender: Gender | null;
  birthYear: number | null;
  grant?: { org: string; role: Role };
}

/** The workers quoted in the article, plus the province-level admin. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { name: '管理员', occupation: null, gender: null, birthYear: null, grant: { org: 'zj', role: 'admin' } },
  { name: '王泽锋', occupation: 'ride_hailing', gender: 'male', birthYear: 1988 },
  { name: '朱超', occupation: 'food_delivery', gender: 'male', birthYear: 1996 },
  { name: '陆军', occupation: 'courier', gender: 'male', birthYear: 1993 },
  { name: '胡兆良', occupation: 'courier', gender: 'male', birthYear: 1985 },
  { name: '陈淑燕', occupation: 'domestic', gender: 'female', birthYear: 1979 },
  { name: '周文', occupation: 'other', gender: 'male', birthYear: 1998 },
  { name: '梁丹', occupation: 'other', gender: 'female', birthYear: 1997 },
];

interface DemoStation {
  org: string;
  name: string;
  address: string;
  latitude: number;
  longitude: number;
  hours: [string, string] | '24h';
  amenities: Amenity[];
  areaSqm?: number;
  description?: string;
}

const BASIC: Amenity[] = ['water', 'medicine', 'charging', 'wifi', 'toilet', 'rest_seats'];

/** 上虞: 30 service stations, 3 of them open 24 hours (恒利工会驿站 among them). */
const SHANGYU_PLACES = [
  '百官街道', '曹娥街道', '东关街道', '道墟街道', '梁湖街道', '小越街道', '驿亭镇', '崧厦街道', '沥海街道', '盖北镇',
  '谢塘镇', '永和镇', '丰惠镇', '上浦镇', '汤浦镇', '章镇镇', '下管镇', '岭南乡', '陈溪乡', '长塘镇',
  '经济开发区', '高铁新城', 'e游小镇', '万达广场', '人民西路', '江扬路', '市民大道', '舜江路', '凤鸣路',
];

function shangyuStations(): DemoStation[] {
  const list: DemoStation[] = [
    {
      org: 'shangyu',
      name: '恒利工会驿站',
      address: '绍兴市上虞区百官街道恒利路',
      latitude: 30.0329,
      longitude: 120.8712,
      hours: '24h',
      amenities: [...BASIC, 'microwave', 'fridge', 'air_conditioning', 'heating'],
      areaSqm: 60,
      description: '24小时不打烊：饮水、热饭、充电、歇脚，网约车司机王师傅的常去之处',
    },
  ];
  SHANGYU_PLACES.forEach((place, i) => {
    const open24 = i < 2; // with 恒利, three stations never close
    const extra: Amenity[] = (['microwave', 'air_conditioning', 'battery_swap', 'fridge', 'lockers', 'reading'] as Amenity[]).filter((_, k) => (i + k) % 3 === 0);
    list.push({
      org: i % 7 === 3 ? 'shangyu-express' : 'shangyu',
      name: `${place}${open24 ? '24小时' : ''}工会驿站`,
      address: `绍兴市上虞区${place}`,
      // Spread around the district centre, deterministic.
      latitude: Number((30.0329 + Math.sin(i * 1.7) * 0.06).toFixed(5)),
      longitude: Number((120.8712 + Math.cos(i * 1.3) * 0.08).toFixed(5)),
      hours: open24 ? '24h' : i % 2 ? ['08:00', '20:00'] : ['07:30', '21:30'],
      amenities: [...BASIC, ...extra],
    });
  });
  return list;
}

export const DEMO_STATIONS: DemoStation[] = [
  ...shangyuStations(),
  {
    org: 'longzhou',
    name: '归仁社区“小哥之家”',
    address: '衢州市龙游县龙洲街道归仁社区',
    latitude: 29.0286,
    longitude: 119.1722,
    hours: ['07:00', '22:00'],
    amenities: ['water', 'charging', 'wifi', 'toilet', 'microwave', 'fridge', 'ice_maker', 'dryer', 'massage_chair', 'air_conditioning', 'heating', 'battery_swap', 'rest_seats', 'reading'],
    areaSqm: 200,
    description: '约200平方米，设就餐、休闲、学习、换电区域；义工服务团队驻站运营，每日服务小哥90余人次',
  },
  { org: 'jingning', name: '景宁县职工服务驿站', address: '丽水市景宁畲族自治县鹤溪街道', latitude: 27.9737, longitude: 119.6354, hours: ['08:00', '20:00'], amenities: [...BASIC, 'heating'] },
  { org: 'yuhang-street', name: '余杭街道户外劳动者驿站', address: '杭州市余杭区余杭街道', latitude: 30.2786, longitude: 119.9306, hours: ['07:00', '21:00'], amenities: [...BASIC, 'microwave', 'air_conditioning'] },
  { org: 'jindong', name: '金东区新业态劳动者驿站', address: '金华市金东区多湖街道', latitude: 29.0997, longitude: 119.6928, hours: ['08:00', '20:00'], amenities: [...BASIC, 'reading'] },
];

/** Loads the demo data into an empty store; returns false (and writes nothing) if any organisation exists. */
export async function loadDemoDataIfEmpty(ds: DataSource): Promise<boolean> {
  return ds.transaction(async (tx) => {
    const orgRepo = tx.getRepository(OrganisationEntity);
    if ((await orgRepo.count()) > 0) return false;
    const ids = new Map<string, OrganisationEntity>();
    for (const o of DEMO_ORGS) {
      const parent = o.parent ? ids.get(o.parent)! : null;
      const saved = await orgRepo.save(orgRepo.create({ name: o.name, level: o.level, parentId: parent?.id ?? null, path: '' }));
      saved.path = `${parent ? parent.path : '/'}${saved.id}/`;
      await orgRepo.update({ id: saved.id }, { path: saved.path });
      ids.set(o.key, saved);
    }
    const people: DemoPerson[] = [
      ...DEMO_PEOPLE,
      ...DEMO_ORGS.filter((o) => o.organiser).map((o) => ({
        name: o.organiser!,
        occupation: null,
        gender: null,
        birthYear: null,
        grant: { org: o.key, role: 'organiser' as const },
      })),
    ];
    const userRepo = tx.getRepository(UserEntity);
    const grantRepo = tx.getRepository(RoleGrantEntity);
    for (const p of people) {
      const user = await userRepo.save(userRepo.create({ devName: p.name, nickname: p.name, occupation: p.occupation, gender: p.gender, birthYear: p.birthYear }));
      if (p.grant) await grantRepo.insert({ userId: user.id, organisationId: ids.get(p.grant.org)!.id, role: p.grant.role });
    }
    const stationRepo = tx.getRepository(StationEntity);
    for (const st of DEMO_STATIONS) {
      await stationRepo.insert({
        organisationId: ids.get(st.org)!.id,
        name: st.name,
        address: st.address,
        latitude: st.latitude,
        longitude: st.longitude,
        open24h: st.hours === '24h',
        opensAt: st.hours === '24h' ? null : st.hours[0],
        closesAt: st.hours === '24h' ? null : st.hours[1],
        amenities: st.amenities,
        description: st.description ?? '',
        areaSqm: st.areaSqm ?? null,
        photos: [],
        active: true,
        allowPrinted: true,
        allowRotating: true,
        radiusMetres: null,
        qrSecret: newQrSecret(),
      });
    }
    return true;
  });
}
