import { openTestStore } from './helpers/store';
import { loadDemoDataIfEmpty, DEMO_EVENTS, DEMO_ORGS } from '../src/db/demo-data';
import sharp from 'sharp';
import { EventEntity, RequestEntity, StationEntity, UploadEntity } from '../src/entities';
import { OrganisationEntity, RoleGrantEntity, UserEntity } from '../src/entities';
import type { DataSource } from 'typeorm';

describe('demo data', () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ ds, close } = await openTestStore());
  });
  afterAll(() => close());

  it('loads the unions from the article into an empty store, once', async () => {
    expect(await loadDemoDataIfEmpty(ds)).toBe(true);
    expect(await loadDemoDataIfEmpty(ds)).toBe(false);
    const orgs = await ds.getRepository(OrganisationEntity).find();
    expect(orgs).toHaveLength(DEMO_ORGS.length);
    const names = orgs.map((o) => o.name);
    for (const n of ['绍兴市上虞区总工会', '龙游县总工会', '龙洲街道总工会', '景宁县总工会', '杭州市余杭区余杭街道总工会', '金华市金东区总工会']) {
      expect(names).toContain(n);
    }
    const longzhou = orgs.find((o) => o.name === '龙洲街道总工会')!;
    const longyou = orgs.find((o) => o.name === '龙游县总工会')!;
    expect(longzhou.parentId).toBe(longyou.id);
    expect(longzhou.path.startsWith(longyou.path)).toBe(true);
  });

  it('gives two demo events a cover: a 16:9 JPEG drawn at load time, attached as an event upload', async () => {
    const withCover = (await ds.getRepository(EventEntity).find()).filter((e) => e.coverId);
    expect(withCover.map((e) => e.title).sort()).toEqual(
      DEMO_EVENTS.filter((e) => e.cover)
        .map((e) => e.title)
        .sort(),
    );
    expect(withCover).toHaveLength(2);
    for (const e of withCover) {
      const up = await ds.getRepository(UploadEntity).findOneByOrFail({ id: e.coverId! });
      expect(up).toMatchObject({ purpose: 'event', mime: 'image/jpeg' });
      expect(up.attachedAt).not.toBeNull();
      expect(await sharp(Buffer.from(up.bytes)).metadata()).toMatchObject({ format: 'jpeg', width: 960, height: 540 });
    }
  });

  it('gives every organisation with an organiser exactly one grant, and one admin', async () => {
    const grants = await ds.getRepository(RoleGrantEntity).find();
    expect(grants.filter((g) => g.role === 'admin')).toHaveLength(1);
    expect(grants.filter((g) => g.role === 'organiser')).toHaveLength(DEMO_ORGS.filter((o) => o.organiser).length);
    const wang = await ds.getRepository(UserEntity).findOneByOrFail({ devName: '王泽锋' });
    expect(wang.occupation).toBe('ride_hailing');
  });

  it('has 上虞 30 stations, 3 open 24 hours, and the 归仁社区 小哥之家', async () => {
    const shangyu = await ds.getRepository(OrganisationEntity).findOneByOrFail({ name: '绍兴市上虞区总工会' });
    const subtree = (await ds.getRepository(OrganisationEntity).find()).filter((o) => o.path.startsWith(shangyu.path)).map((o) => o.id);
    const stations = (await ds.getRepository(StationEntity).find()).filter((s) => subtree.includes(s.organisationId));
    expect(stations).toHaveLength(30);
    expect(stations.filter((s) => s.open24h).map((s) => s.name)).toHaveLength(3);
    expect(stations.filter((s) => s.open24h).map((s) => s.name)).toContain('恒利工会驿站');
    const home = await ds.getRepository(StationEntity).findOneByOrFail({ name: '归仁社区“小哥之家”' });
    expect(home.areaSqm).toBe(200);
    expect(home.amenities).toEqual(expect.arrayContaining(['microwave', 'ice_maker', 'dryer', 'massage_chair', 'battery_swap']));
  });
});

describe('demo events', () => {
  it('are published, upcoming, and open for registration', async () => {
    const { ds, close } = await openTestStore();
    try {
      await loadDemoDataIfEmpty(ds);
      const events = await ds.getRepository(EventEntity).find();
      expect(events).toHaveLength(DEMO_EVENTS.length);
      const now = Date.now();
      for (const e of events) {
        expect(e.status).toBe('published');
        expect(new Date(e.startsAt).getTime()).toBeGreaterThan(now);
        expect(new Date(e.registrationOpensAt).getTime()).toBeLessThan(now);
        expect(new Date(e.registrationClosesAt).getTime()).toBeGreaterThan(now);
      }
      expect(events.find((e) => e.title === '专业母婴护理公益培训班')).toMatchObject({ capacity: 342, certificateName: '保育员上岗证书' });
    } finally {
      await close();
    }
  });

  it('dates every request in order: submitted, then due and resolved, nothing in the future', async () => {
    const { ds, close } = await openTestStore();
    await loadDemoDataIfEmpty(ds);
    const requests = await ds.getRepository(RequestEntity).find();
    await close();
    expect(requests.length).toBeGreaterThan(10);
    const now = Date.now() + 60e3;
    const wrong = requests.filter((r) => {
      const created = new Date(r.createdAt).getTime();
      return !(
        created < new Date(r.dueAt).getTime() &&
        created <= now &&
        (r.resolvedAt === null || (new Date(r.resolvedAt).getTime() > created && new Date(r.resolvedAt).getTime() <= now))
      );
    });
    expect(wrong.map((r) => ({ id: r.id, createdAt: r.createdAt, dueAt: r.dueAt, resolvedAt: r.resolvedAt }))).toEqual([]);
    // The requests were not all submitted at the moment the demo was loaded.
    expect(new Set(requests.map((r) => new Date(r.createdAt).toISOString().slice(0, 10))).size).toBeGreaterThan(5);
  });
});
