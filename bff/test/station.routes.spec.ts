import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, type World } from './helpers/world';

describe('public station routes', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
    // 2026-11-29 23:30 China time: 恒利 (24 h) is open, 小哥之家 (08:00-21:00) is closed.
    h.clock.set('2026-11-29T15:30:00Z');
  });
  afterAll(() => h.close());

  it('lists active stations nearest first when given a location', async () => {
    const res = await h.http().get('/api/v1/stations?lat=29.03&lng=119.17');
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { id: number }) => s.id)).toEqual([w.otherStation.id, w.station.id]);
    expect(res.body.items[0].distanceMetres).toBeLessThan(1000);
    expect(JSON.stringify(res.body)).not.toMatch(/qrSecret|[0-9a-f]{64}/);
  });

  it.each([
    ['amenities=ice_maker,dryer', ['other']],
    ['amenities=wifi', ['own']],
    ['openNow=true', ['own']],
    ['open24h=true', ['own']],
    ['q=小哥', ['other']],
  ])('filters: %s', async (query, expected) => {
    const res = await h.http().get(`/api/v1/stations?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { id: number }) => s.id)).toEqual(expected.map((e) => (e === 'own' ? w.station.id : w.otherStation.id)));
  });

  it('filters by organisation subtree', async () => {
    const res = await h.http().get(`/api/v1/stations?organisationId=${w.org.shangyu}`);
    expect(res.body.items.map((s: { id: number }) => s.id)).toEqual([w.station.id]);
    expect((await h.http().get('/api/v1/stations?organisationId=999999')).status).toBe(404);
  });

  it.each([
    ['lat=30', 'lat'],
    ['lat=100&lng=120', 'lat'],
    ['amenities=spa', 'amenities.0'],
    ['limit=0', 'limit'],
    ['unknown=1', 'unknown'],
  ])('refuses %s naming %s', async (query, field) => {
    const res = await h.http().get(`/api/v1/stations?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
  });

  it('shows one station with its amenities, hours and distance', async () => {
    const res = await h.http().get(`/api/v1/stations/${w.otherStation.id}?lat=29.0286&lng=119.1722`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '龙洲街道归仁社区“小哥之家”',
      organisationName: '龙游县总工会',
      opensAt: '08:00',
      closesAt: '21:00',
      openNow: false,
      areaSqm: 200,
      distanceMetres: 0,
      amenities: ['microwave', 'ice_maker', 'dryer', 'massage_chair', 'battery_swap'],
    });
  });

  it('answers a missing station with 404', async () => {
    expect((await h.http().get('/api/v1/stations/999999')).status).toBe(404);
  });
});
