import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { DataSource } from 'typeorm';
import type { Amenity, EventKind, Gender, Occupation, OrgLevel, Role } from '@xlx/shared';
import {
  CheckinEntity,
  EventEntity,
  MembershipEntity,
  OrganisationEntity,
  RequestEntity,
  RoleGrantEntity,
  StationEntity,
  UploadEntity,
  UserEntity,
} from '../entities';
import { addWorkingDays, OCCUPATIONS } from '@xlx/shared';
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
  '百官街道',
  '曹娥街道',
  '东关街道',
  '道墟街道',
  '梁湖街道',
  '小越街道',
  '驿亭镇',
  '崧厦街道',
  '沥海街道',
  '盖北镇',
  '谢塘镇',
  '永和镇',
  '丰惠镇',
  '上浦镇',
  '汤浦镇',
  '章镇镇',
  '下管镇',
  '岭南乡',
  '陈溪乡',
  '长塘镇',
  '经济开发区',
  '高铁新城',
  'e游小镇',
  '万达广场',
  '人民西路',
  '江扬路',
  '市民大道',
  '舜江路',
  '凤鸣路',
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
    const extra: Amenity[] = (['microwave', 'air_conditioning', 'battery_swap', 'fridge', 'lockers', 'reading'] as Amenity[]).filter(
      (_, k) => (i + k) % 3 === 0,
    );
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
    amenities: [
      'water',
      'charging',
      'wifi',
      'toilet',
      'microwave',
      'fridge',
      'ice_maker',
      'dryer',
      'massage_chair',
      'air_conditioning',
      'heating',
      'battery_swap',
      'rest_seats',
      'reading',
    ],
    areaSqm: 200,
    description: '约200平方米，设就餐、休闲、学习、换电区域；义工服务团队驻站运营，每日服务小哥90余人次',
  },
  {
    org: 'jingning',
    name: '景宁县职工服务驿站',
    address: '丽水市景宁畲族自治县鹤溪街道',
    latitude: 27.9737,
    longitude: 119.6354,
    hours: ['08:00', '20:00'],
    amenities: [...BASIC, 'heating'],
  },
  {
    org: 'yuhang-street',
    name: '余杭街道户外劳动者驿站',
    address: '杭州市余杭区余杭街道',
    latitude: 30.2786,
    longitude: 119.9306,
    hours: ['07:00', '21:00'],
    amenities: [...BASIC, 'microwave', 'air_conditioning'],
  },
  {
    org: 'jindong',
    name: '金东区新业态劳动者驿站',
    address: '金华市金东区多湖街道',
    latitude: 29.0997,
    longitude: 119.6928,
    hours: ['08:00', '20:00'],
    amenities: [...BASIC, 'reading'],
  },
];

interface DemoEvent {
  org: string;
  kind: EventKind;
  title: string;
  description: string;
  venue: string;
  latitude: number;
  longitude: number;
  /** Days from loading the demo data, and the China-time hour it starts. */
  inDays: number;
  hour: number;
  hours: number;
  capacity: number;
  genders?: Gender[];
  minAge?: number;
  maxAge?: number;
  occupations?: Occupation[];
  selfCheckin?: boolean;
  certificateName?: string;
  /** Two colours of a cover drawn at load time (no image files kept in the repository). */
  cover?: [string, string];
}

/** Events like the ones the article reports, dated from the day the demo data is loaded. */
export const DEMO_EVENTS: DemoEvent[] = [
  {
    org: 'shangyu',
    kind: 'training',
    title: '专业母婴护理公益培训班',
    description: '系统培训母婴护理技能，结业可获保育员上岗证书。去年342名职工参加并取得证书。',
    venue: '上虞区职工服务中心培训教室',
    latitude: 30.0312,
    longitude: 120.8695,
    inDays: 7,
    hour: 9,
    hours: 6,
    capacity: 342,
    certificateName: '保育员上岗证书',
    selfCheckin: true,
    cover: ['#b3121a', '#f2a33a'],
  },
  {
    org: 'shangyu',
    kind: 'health',
    title: '新就业形态劳动者免费健康体检',
    description: '劳模医疗服务队义诊，免费健康检查。请空腹前来，携带身份证。',
    venue: '上虞区人民医院体检中心',
    latitude: 30.0288,
    longitude: 120.8801,
    inDays: 3,
    hour: 8,
    hours: 4,
    capacity: 200,
  },
  {
    org: 'shangyu',
    kind: 'health',
    title: '女性“两癌”公益筛查',
    description: '为女性新就业形态劳动者提供免费宫颈癌、乳腺癌筛查。',
    venue: '上虞区妇幼保健院',
    latitude: 30.0351,
    longitude: 120.8722,
    inDays: 5,
    hour: 8,
    hours: 4,
    capacity: 200,
    genders: ['female'],
    minAge: 20,
    maxAge: 65,
  },
  {
    org: 'shangyu-express',
    kind: 'competition',
    title: '快递速运行业职业技能竞赛',
    description: '操作与理论知识考核，以赛促学。',
    venue: '上虞区快递物流园',
    latitude: 30.0402,
    longitude: 120.8601,
    inDays: 14,
    hour: 9,
    hours: 8,
    capacity: 120,
    occupations: ['courier'],
    selfCheckin: true,
  },
  {
    org: 'zj',
    kind: 'competition',
    title: '“青春之城对话AI”职工AI数字绘画技能大赛',
    description: '全省职工AI数字绘画技能大赛，线上提交作品、线下颁奖。',
    venue: '杭州市职工文化中心',
    latitude: 30.2741,
    longitude: 120.1551,
    inDays: 21,
    hour: 14,
    hours: 3,
    capacity: 200,
  },
  {
    org: 'shangyu',
    kind: 'matchmaking',
    title: '“缘聚新业·爱满未来”青年交友活动',
    description: '为新就业形态青年劳动者牵线搭桥，工作之余认识新朋友。',
    venue: '上虞区青年之家',
    latitude: 30.0335,
    longitude: 120.8755,
    inDays: 10,
    hour: 14,
    hours: 4,
    capacity: 42,
    minAge: 18,
    maxAge: 35,
    cover: ['#d2386c', '#7b5cd6'],
  },
  {
    org: 'jingning',
    kind: 'union_joining',
    title: '新就业形态劳动者集中入会仪式暨送文艺下基层',
    description: '集中入会仪式，随后晚会：群舞《惠明茶韵》、歌伴舞《咱们工人有力量》、快板《劳动精神放光芒》。',
    venue: '景宁县文化中心',
    latitude: 27.9737,
    longitude: 119.6354,
    inDays: 6,
    hour: 19,
    hours: 2,
    capacity: 250,
    selfCheckin: true,
  },
  {
    org: 'longzhou',
    kind: 'lecture',
    title: '反诈骗宣讲：识破新型网络诈骗',
    description: '在“小哥之家”开讲，教你识别刷单、冒充客服等骗局。',
    venue: '归仁社区“小哥之家”',
    latitude: 29.0286,
    longitude: 119.1722,
    inDays: 2,
    hour: 15,
    hours: 1,
    capacity: 40,
    selfCheckin: true,
  },
  {
    org: 'longzhou',
    kind: 'lecture',
    title: '急救护理培训：心肺复苏与AED',
    description: '手把手学心肺复苏和AED使用，关键时刻能救命。',
    venue: '归仁社区“小哥之家”',
    latitude: 29.0286,
    longitude: 119.1722,
    inDays: 9,
    hour: 15,
    hours: 2,
    capacity: 30,
  },
  {
    org: 'jindong',
    kind: 'culture',
    title: '“非遗盘纸 巧手生花”培训课',
    description: '了解盘纸起源与文化内涵，现场手把手制作《梅花福》作品。',
    venue: '金东区职工之家',
    latitude: 29.0997,
    longitude: 119.6928,
    inDays: 4,
    hour: 14,
    hours: 3,
    capacity: 30,
  },
  {
    org: 'yuhang-street',
    kind: 'lecture',
    title: '劳动合同与薪酬权益讲座',
    description: '“娘家人”讲解劳动合同、工资支付与晋升机制，现场答疑。',
    venue: '余杭街道职工服务站',
    latitude: 30.2786,
    longitude: 119.9306,
    inDays: 8,
    hour: 19,
    hours: 2,
    capacity: 50,
  },
];

/** A 16:9 cover drawn with sharp (a gradient and a few circles), stored as an attached 'event' upload. */
async function demoCover(tx: import('typeorm').EntityManager, [from, to]: [string, string]): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="540"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="960" height="540" fill="url(#g)"/><circle cx="780" cy="120" r="160" fill="#ffffff" fill-opacity="0.18"/><circle cx="160" cy="470" r="220" fill="#ffffff" fill-opacity="0.12"/><circle cx="520" cy="300" r="70" fill="#ffffff" fill-opacity="0.22"/></svg>`;
  const bytes = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
  const id = randomBytes(16).toString('base64url');
  const now = new Date();
  await tx.getRepository(UploadEntity).insert({
    id,
    userId: null,
    purpose: 'event',
    mime: 'image/jpeg',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes,
    createdAt: now,
    attachedAt: now,
  });
  return id;
}

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
      const user = await userRepo.save(
        userRepo.create({ devName: p.name, nickname: p.name, occupation: p.occupation, gender: p.gender, birthYear: p.birthYear }),
      );
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
    await loadDemoHistory(tx, ids);
    const eventRepo = tx.getRepository(EventEntity);
    const now = Date.now();
    const chinaMidnight = Math.floor((now + 8 * 3600e3) / 864e5) * 864e5 - 8 * 3600e3;
    for (const e of DEMO_EVENTS) {
      const startsAt = new Date(chinaMidnight + e.inDays * 864e5 + e.hour * 3600e3);
      await eventRepo.insert({
        organisationId: ids.get(e.org)!.id,
        kind: e.kind,
        title: e.title,
        description: e.description,
        stationId: null,
        venue: e.venue,
        latitude: e.latitude,
        longitude: e.longitude,
        startsAt,
        endsAt: new Date(startsAt.getTime() + e.hours * 3600e3),
        registrationOpensAt: new Date(now - 864e5),
        registrationClosesAt: new Date(startsAt.getTime() - 3600e3),
        capacity: e.capacity,
        confirmedCount: 0,
        waitlist: true,
        cancellationDeadline: new Date(startsAt.getTime() - 12 * 3600e3),
        eligibleGenders: e.genders ?? [],
        minAge: e.minAge ?? null,
        maxAge: e.maxAge ?? null,
        eligibleOccupations: e.occupations ?? [],
        membersOnly: false,
        selfCheckin: e.selfCheckin ?? false,
        certificateName: e.certificateName ?? null,
        coverId: e.cover ? await demoCover(tx, e.cover) : null,
        status: 'published',
        qrSecret: newQrSecret(),
      });
    }
    return true;
  });
}

/**
 * A month of history so that the organiser pages have something real to show: riders' visits
 * at the 上虞 stations and 小哥之家, and requests like the ones the article counts (collected
 * online and in person, most of them resolved), plus a few membership applications.
 */
async function loadDemoHistory(tx: import('typeorm').EntityManager, orgs: Map<string, OrganisationEntity>): Promise<void> {
  const users = tx.getRepository(UserEntity);
  const riderIds: number[] = [];
  const occupations = OCCUPATIONS.filter((o) => o !== 'other');
  for (let i = 0; i < 60; i++) {
    const { identifiers } = await users.insert({ devName: `演示骑手${i + 1}`, nickname: `骑手${i + 1}`, occupation: occupations[i % occupations.length] });
    riderIds.push(identifiers[0].id as number);
  }
  const stations = await tx.getRepository(StationEntity).find({ select: { id: true, organisationId: true } });
  const busy = stations.filter((s) => [orgs.get('shangyu')!.id, orgs.get('shangyu-express')!.id, orgs.get('longzhou')!.id].includes(s.organisationId));
  const now = Date.now();
  const rows = [];
  let seq = 0;
  for (let day = 29; day >= 0; day--) {
    for (const [k, st] of busy.entries()) {
      // Deterministic, uneven traffic: some stations busier, weekends quieter, today so far.
      const visits = day === 0 ? (k % 4) + 1 : ((k * 7 + day * 3) % 9) + 2;
      for (let v = 0; v < visits; v++) {
        const at = new Date(now - day * 864e5 - ((v * 3571 + k * 977) % (day === 0 ? 3 * 3600 : 11 * 3600)) * 1000);
        rows.push({
          userId: riderIds[(seq * 13) % riderIds.length],
          stationId: st.id,
          checkedInAt: at,
          receivedAt: at,
          offline: false,
          method: 'printed' as const,
          distanceMetres: null,
          clientRequestId: `demo-${seq}`,
        });
        seq++;
      }
    }
  }
  for (let i = 0; i < rows.length; i += 300) await tx.getRepository(CheckinEntity).insert(rows.slice(i, i + 300));

  const requests = tx.getRepository(RequestEntity);
  const texts: Array<[string, string]> = [
    ['station_facilities', '驿站的微波炉坏了，中午热饭要排队'],
    ['station_facilities', '希望驿站增加几个充电插座，高峰时不够用'],
    ['rights_pay', '平台扣款规则不清楚，想了解怎么申诉'],
    ['safety', '路口没有红绿灯，电动车经常险些相撞'],
    ['training', '想报名电工证培训，请问什么时候开班'],
    ['other', '希望夏天驿站能提供绿豆汤'],
  ];
  const longzhou = orgs.get('longzhou')!.id;
  for (let i = 0; i < 24; i++) {
    const created = new Date(now - ((i * 37) % 28) * 864e5 - 3600e3);
    const resolved = i % 6 !== 0;
    const [category, text] = texts[i % texts.length];
    await requests.insert({
      userId: i % 3 === 2 ? null : riderIds[i],
      organisationId: i % 2 ? longzhou : orgs.get('shangyu')!.id,
      category,
      text,
      stationId: null,
      eventId: null,
      photoId: null,
      channel: i % 3 === 2 ? 'offline' : 'online',
      reporterName: i % 3 === 2 ? '驿站现场' : '',
      status: resolved ? 'resolved' : 'submitted',
      assigneeId: null,
      // Set explicitly: left to the store, the submission time would be "now", after its due and resolved dates.
      createdAt: created,
      dueAt: addWorkingDays(created, 3),
      resolvedAt: resolved ? new Date(Math.min(created.getTime() + 864e5, now - 60e3)) : null,
      rating: resolved && i % 4 === 1 ? 'satisfied' : null,
    });
  }
  const members = tx.getRepository(MembershipEntity);
  const express = orgs.get('shangyu-express')!.id;
  for (let i = 0; i < 6; i++) {
    await members.insert({
      userId: riderIds[i],
      organisationId: express,
      status: i < 4 ? 'approved' : 'pending',
      name: `骑手${i + 1}`,
      phone: `1390000000${i}`,
      employer: ['顺丰', '中通', '圆通', '美团', '饿了么', '滴滴'][i],
      occupation: riderIds[i] ? occupations[i % occupations.length] : 'courier',
      ceremonyEventId: null,
      memberNo: i < 4 ? `${String(express).padStart(4, '0')}${String(i + 1).padStart(6, '0')}` : null,
      rejectReason: null,
      decidedBy: null,
      decidedAt: i < 4 ? new Date(now - (i + 1) * 3 * 864e5) : null,
    });
  }
}
