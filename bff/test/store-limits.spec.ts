import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, STATION_INPUT, type World } from './helpers/world';
import { eventInput, publishedEvent } from './helpers/events';
import { CheckinEntity, EventEntity, MembershipEntity, RequestEntity } from '../src/entities';

/**
 * Input the schemas used to accept but the store cannot hold (500 on MariaDB, silent damage on
 * SQLite), and references to things that do not exist or belong to another union.
 */
describe('what the store can hold, and references checked', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  const counts = async () => Promise.all([EventEntity, RequestEntity, MembershipEntity, CheckinEntity].map((e) => h.ds.getRepository(e).count()));
  const expectField = (res: { status: number; body: { error: { code: string; details?: { issues: Array<{ path: string }> } } } }, path: string) => {
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details!.issues.map((i) => i.path)).toContain(path);
  };

  it('an event at a station whose name and address fill their fields keeps a venue that fits', async () => {
    const station = await h
      .http()
      .post('/api/v1/organiser/stations')
      .set(w.headers('organiser'))
      .send(STATION_INPUT(w.org.express, { name: '站'.repeat(40), address: '址'.repeat(120) }));
    expect(station.status).toBe(201);
    const res = await h
      .http()
      .post('/api/v1/organiser/events')
      .set(w.headers('organiser'))
      .send(eventInput(h, w, { stationId: station.body.id, venue: '' }));
    expect(res.status).toBe(201);
    expect([...res.body.venue].length).toBeLessThanOrEqual(120);
    expect(res.body.venue.startsWith('站'.repeat(40))).toBe(true);
    expect((await h.ds.getRepository(EventEntity).findOneByOrFail({ id: res.body.id })).venue).toBe(res.body.venue);
  });

  it('refuses ids the store cannot hold, and references to nothing, recording nothing', async () => {
    const before = await counts();
    const big = 2 ** 31;
    expectField(
      await h
        .http()
        .post('/api/v1/requests')
        .set(w.headers('worker'))
        .send({ category: 'other', text: '活动现场没有饮水', organisationId: w.org.express, eventId: big }),
      'eventId',
    );
    expectField(
      await h
        .http()
        .post('/api/v1/requests')
        .set(w.headers('worker'))
        .send({ category: 'other', text: '活动现场没有饮水', organisationId: w.org.express, eventId: 2_000_000_000 }),
      'eventId',
    );
    expectField(
      await h
        .http()
        .post('/api/v1/organiser/requests')
        .set(w.headers('organiser'))
        .send({ category: 'other', text: '来访反映饮水机坏了', organisationId: w.org.express, stationId: big, reporterName: '张' }),
      'stationId',
    );
    expectField(
      await h
        .http()
        .post('/api/v1/organiser/requests')
        .set(w.headers('organiser'))
        .send({ category: 'other', text: '来访反映饮水机坏了', organisationId: w.org.express, stationId: 2_000_000_000, reporterName: '张' }),
      'stationId',
    );
    // Another union's station.
    expectField(
      await h
        .http()
        .post('/api/v1/organiser/requests')
        .set(w.headers('organiser'))
        .send({ category: 'other', text: '来访反映饮水机坏了', organisationId: w.org.express, stationId: w.otherStation.id, reporterName: '张' }),
      'stationId',
    );
    const member = { organisationId: w.org.express, name: '朱超', phone: '13912345678', employer: '美团', occupation: 'food_delivery' };
    expectField(
      await h
        .http()
        .post('/api/v1/memberships')
        .set(w.headers('worker2'))
        .send({ ...member, ceremonyEventId: big }),
      'ceremonyEventId',
    );
    expectField(
      await h
        .http()
        .post('/api/v1/memberships')
        .set(w.headers('worker2'))
        .send({ ...member, ceremonyEventId: 2_000_000_000 }),
      'ceremonyEventId',
    );
    expect((await h.http().get(`/api/v1/events/${big}`)).status).toBeLessThan(500);
    expect(await counts()).toEqual(before);
    // A real one of each is accepted.
    const eventId = await publishedEvent(h, w);
    expect(
      (
        await h
          .http()
          .post('/api/v1/requests')
          .set(w.headers('worker'))
          .send({ category: 'other', text: '活动现场没有饮水', organisationId: w.org.express, eventId })
      ).status,
    ).toBe(201);
    expect(
      (
        await h
          .http()
          .post('/api/v1/organiser/requests')
          .set(w.headers('organiser'))
          .send({ category: 'other', text: '来访反映饮水机坏了', organisationId: w.org.express, stationId: w.station.id, reporterName: '张' })
      ).status,
    ).toBe(201);
  });

  it("refuses an event at another union's station, as if it did not exist", async () => {
    const before = await counts();
    expectField(
      await h
        .http()
        .post('/api/v1/organiser/events')
        .set(w.headers('organiser'))
        .send(eventInput(h, w, { stationId: w.otherStation.id })),
      'stationId',
    );
    const id = await publishedEvent(h, w);
    expectField(await h.http().patch(`/api/v1/organiser/events/${id}`).set(w.headers('organiser')).send({ stationId: w.otherStation.id }), 'stationId');
    expect((await h.ds.getRepository(EventEntity).findOneByOrFail({ id })).stationId).toBeNull();
    expect((await counts())[0]).toBe(before[0] + 1);
  });

  it('refuses times after 9999-12-31 UTC (and before 2000)', async () => {
    const before = await counts();
    const late = await h
      .http()
      .post('/api/v1/organiser/events')
      .set(w.headers('organiser'))
      .send(eventInput(h, w, { startsAt: '9999-12-31T20:00:00-05:00', endsAt: '9999-12-31T22:00:00-05:00' }));
    expectField(late, 'startsAt');
    const early = await h
      .http()
      .post('/api/v1/organiser/events')
      .set(w.headers('organiser'))
      .send(eventInput(h, w, { registrationOpensAt: '0001-01-01T00:00:00Z' }));
    expectField(early, 'registrationOpensAt');
    expect(await counts()).toEqual(before);
  });

  it.each(['2026-13-45', '2026-02-30', '0000-00-00', '2026-1-5'])('refuses visits.csv?from=%s instead of exporting every row', async (from) => {
    const res = await h.http().get(`/api/v1/organiser/stations/${w.station.id}/visits.csv?from=${from}`).set(w.headers('organiser'));
    expectField(res, 'from');
  });

  it('accepts a real calendar range', async () => {
    const res = await h.http().get(`/api/v1/organiser/stations/${w.station.id}/visits.csv?from=2024-02-29&to=2024-03-01`).set(w.headers('organiser'));
    expect(res.status).toBe(200);
  });
});
