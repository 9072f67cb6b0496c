import type { StationInput } from '@xlx/shared';
import { RoleGrantEntity, StationEntity } from '../../src/entities';
import type { Harness } from './harness';

/** Roles every organiser route is tried as. */
export type RoleName = 'anonymous' | 'worker' | 'otherOrganiser' | 'parentOrganiser' | 'organiser' | 'admin';

export interface World {
  org: { zj: number; sx: number; shangyu: number; express: number; longyou: number };
  tokens: Record<Exclude<RoleName, 'anonymous'>, string> & { worker2: string };
  userIds: Record<string, number>;
  /** A station of the express union (organiser's own organisation). */
  station: StationEntity;
  /** A station of 龙游 (the other organiser's). */
  otherStation: StationEntity;
  headers: (role: RoleName | 'worker2') => Record<string, string>;
}

export const STATION_INPUT = (organisationId: number, over: Partial<StationInput> = {}): StationInput => ({
  organisationId,
  name: '恒利工会驿站',
  address: '绍兴市上虞区曹娥街道恒利路1号',
  latitude: 30.0325,
  longitude: 120.8689,
  open24h: true,
  opensAt: null,
  closesAt: null,
  amenities: ['water', 'charging', 'wifi', 'microwave'],
  description: '24小时不打烊，饮水、充电、热饭',
  areaSqm: 80,
  photos: [],
  active: true,
  signInPolicy: { printed: true, rotating: true, radiusMetres: null },
  ...over,
});

/**
 * 浙江省总工会 > 绍兴市总工会 > 上虞区总工会 > 上虞区快递行业工会联合会, and 龙游县总工会 beside them.
 * organiser: of the express union; parentOrganiser: of 上虞区; otherOrganiser: of 龙游; admin: of the province.
 */
export async function buildWorld(h: Harness): Promise<World> {
  const orgs = h.app.services.organisations;
  const zj = (await orgs.create({ name: '浙江省总工会', level: 'province', parentId: null })).id;
  const sx = (await orgs.create({ name: '绍兴市总工会', level: 'city', parentId: zj })).id;
  const shangyu = (await orgs.create({ name: '绍兴市上虞区总工会', level: 'district', parentId: sx })).id;
  const express = (await orgs.create({ name: '上虞区快递行业工会联合会', level: 'industry', parentId: shangyu })).id;
  const longyou = (await orgs.create({ name: '龙游县总工会', level: 'district', parentId: zj })).id;

  const names = {
    worker: '王泽锋',
    worker2: '朱超',
    organiser: '快递工会组织者',
    parentOrganiser: '上虞组织者',
    otherOrganiser: '龙游组织者',
    admin: '省管理员',
  };
  const tokens = {} as World['tokens'];
  const userIds: Record<string, number> = {};
  for (const [role, name] of Object.entries(names)) {
    const res = await h.http().post('/api/v1/auth/dev').send({ name });
    tokens[role as keyof World['tokens']] = res.body.token;
    userIds[role] = res.body.me.id;
  }
  const grants = h.ds.getRepository(RoleGrantEntity);
  await grants.insert([
    { userId: userIds.organiser, organisationId: express, role: 'organiser' },
    { userId: userIds.parentOrganiser, organisationId: shangyu, role: 'organiser' },
    { userId: userIds.otherOrganiser, organisationId: longyou, role: 'organiser' },
    { userId: userIds.admin, organisationId: zj, role: 'admin' },
  ]);
  await h.http().patch('/api/v1/me').set('Authorization', `Bearer ${tokens.worker}`).send({ occupation: 'ride_hailing' });

  const organiserAuth = { Authorization: `Bearer ${tokens.organiser}` };
  const s1 = await h.http().post('/api/v1/organiser/stations').set(organiserAuth).send(STATION_INPUT(express));
  if (s1.status !== 201) throw new Error(`station create failed: ${JSON.stringify(s1.body)}`);
  const s2 = await h
    .http()
    .post('/api/v1/organiser/stations')
    .set({ Authorization: `Bearer ${tokens.otherOrganiser}` })
    .send(
      STATION_INPUT(longyou, {
        name: '龙洲街道归仁社区“小哥之家”',
        address: '龙游县龙洲街道归仁社区',
        latitude: 29.0286,
        longitude: 119.1722,
        open24h: false,
        opensAt: '08:00',
        closesAt: '21:00',
        amenities: ['microwave', 'ice_maker', 'dryer', 'massage_chair', 'battery_swap'],
        areaSqm: 200,
      }),
    );
  const stations = h.ds.getRepository(StationEntity);
  return {
    org: { zj, sx, shangyu, express, longyou },
    tokens,
    userIds,
    station: await stations.findOneByOrFail({ id: s1.body.id }),
    otherStation: await stations.findOneByOrFail({ id: s2.body.id }),
    headers: (role): Record<string, string> => (role === 'anonymous' ? {} : { Authorization: `Bearer ${tokens[role]}` }),
  };
}
