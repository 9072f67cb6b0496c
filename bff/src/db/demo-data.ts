import type { DataSource } from 'typeorm';
import type { Gender, Occupation, OrgLevel, Role } from '@xlx/shared';
import { OrganisationEntity, RoleGrantEntity, UserEntity } from '../entities';

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
    return true;
  });
}
