import { MATCH_CONSENT_VERSION } from '@xlx/shared';
import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, type World } from './helpers/world';
import { bearer, publishedEvent, workers } from './helpers/events';

const HOUR = 3600e3;

/** An organiser who also attends their own social must not learn a pick from the counts. */
describe("match counts never move with the reader's own pick", () => {
  let h: Harness;
  let w: World;
  let eventId: number;
  let worker: string;

  const profile = (name: string, gender: 'male' | 'female', contact: string) => ({
    consentVersion: MATCH_CONSENT_VERSION,
    displayName: name,
    gender,
    wantsToMeet: 'any' as const,
    birthYear: 1996,
    occupation: 'courier',
    city: '绍兴',
    intro: '',
    photoUrl: null,
    contact: { kind: 'wechat', value: contact },
  });

  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
    const now = h.clock.now().getTime();
    eventId = await publishedEvent(h, w, {
      kind: 'matchmaking',
      title: '青年交友',
      capacity: 10,
      startsAt: new Date(now + HOUR).toISOString(),
      endsAt: new Date(now + 5 * HOUR).toISOString(),
      registrationClosesAt: new Date(now + 30 * 60e3).toISOString(),
      cancellationDeadline: null,
    });
    await h
      .http()
      .put(`/api/v1/organiser/events/${eventId}/match-settings`)
      .set(w.headers('organiser'))
      .send({
        picksPerPerson: 2,
        pickOpensAt: new Date(now + 2 * HOUR).toISOString(),
        pickClosesAt: new Date(now + 4 * HOUR).toISOString(),
        revealAtOnce: false,
      });
    [worker] = await workers(h, '参加者', 1);
    const attendees: Array<[Record<string, string>, ReturnType<typeof profile>]> = [
      [bearer(worker), profile('小梁', 'female', 'liangdan_97')],
      [w.headers('organiser'), profile('组织者小周', 'male', 'zhouwen_88')],
    ];
    for (const [auth, p] of attendees) {
      expect((await h.http().put('/api/v1/me/match-profile').set(auth).send(p)).status).toBe(200);
      const reg = await h.http().post(`/api/v1/events/${eventId}/registrations`).set(auth);
      expect(reg.body.status).toBe('confirmed');
      expect((await h.http().post(`/api/v1/organiser/events/${eventId}/scan`).set(w.headers('organiser')).send({ code: reg.body.ticket })).body.result).toBe(
        'ok',
      );
    }
    h.clock.set(new Date(now + 2 * HOUR + 60e3));
  });
  afterAll(() => h.close());

  const cardOf = async (auth: Record<string, string>, name: string) =>
    ((await h.http().get(`/api/v1/events/${eventId}/match/board`).set(auth)).body.cards as Array<{ id: string; displayName: string }>).find(
      (c) => c.displayName === name,
    )!.id;
  const counts = async () => {
    const stats = (await h.http().get(`/api/v1/organiser/events/${eventId}/match-stats`).set(w.headers('organiser'))).body;
    const dash = (await h.http().get(`/api/v1/organiser/organisations/${w.org.express}/dashboard`).set(w.headers('organiser'))).body;
    return { picks: stats.picks, matches: stats.matches, dashboard: dash.matchmaking.matches };
  };

  it('the worker picks the organiser; the organiser picks back; match-stats and the dashboard read the same before and after', async () => {
    expect(
      (
        await h
          .http()
          .post(`/api/v1/events/${eventId}/match/picks`)
          .set(bearer(worker))
          .send({ cardId: await cardOf(bearer(worker), '组织者小周') })
      ).status,
    ).toBe(200);
    const before = await counts();
    expect(
      (
        await h
          .http()
          .post(`/api/v1/events/${eventId}/match/picks`)
          .set(w.headers('organiser'))
          .send({ cardId: await cardOf(w.headers('organiser'), '小梁') })
      ).status,
    ).toBe(200);
    expect(await counts()).toEqual(before);
    // Another organiser of the union (not attending) sees the pair.
    const parent = (await h.http().get(`/api/v1/organiser/events/${eventId}/match-stats`).set(w.headers('parentOrganiser'))).body;
    expect(parent).toMatchObject({ picks: 2, matches: 1 });
  });

  it.each(['javascript:alert(1)', 'data:image/png;base64,AAAA', 'file:///etc/passwd', 'https://tracker.example/p.gif'])(
    'refuses a profile photo link %s, and serves no stored link to other phones',
    async (photoUrl) => {
      const res = await h
        .http()
        .put('/api/v1/me/match-profile')
        .set(bearer(worker))
        .send({ ...profile('小梁', 'female', 'liangdan_97'), photoUrl });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe('photoUrl');
      // A link stored before this change reaches nobody.
      await h.ds.query('UPDATE match_profile SET photoUrl = ?', [photoUrl]);
      const card = (
        (await h.http().get(`/api/v1/events/${eventId}/match/board`).set(w.headers('organiser'))).body.cards as Array<{
          displayName: string;
          photoUrl: string | null;
        }>
      ).find((c) => c.displayName === '小梁');
      expect(card?.photoUrl ?? null).toBeNull();
      expect((await h.http().get('/api/v1/me/match-profile').set(bearer(worker))).body.photoUrl).toBeNull();
    },
  );
});
