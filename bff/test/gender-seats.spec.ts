import { MATCH_CONSENT_VERSION } from '@xlx/shared';
import { MatchGenderSeatEntity, RegistrationEntity } from '../src/entities';
import { createHarness, type Harness } from './helpers/harness';
import { bearer, publishedEvent, workers } from './helpers/events';
import { buildWorld, type World } from './helpers/world';

describe('seats per gender at a social', () => {
  let h: Harness;
  let w: World;
  let eventId: number;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
    const now = h.clock.now().getTime();
    eventId = await publishedEvent(h, w, { kind: 'matchmaking', capacity: 10, cancellationDeadline: new Date(now + 20 * 3600e3).toISOString() });
    const set = await h
      .http()
      .put(`/api/v1/organiser/events/${eventId}/match-settings`)
      .set(w.headers('organiser'))
      .send({ pickOpensAt: new Date(now).toISOString(), pickClosesAt: new Date(now + 3600e3).toISOString(), seatsPerGender: { male: 3, female: null } });
    expect(set.body.seatsPerGender).toEqual({ male: 3, female: null });
  });
  afterAll(() => h.close());

  /** Token of each signed-in person, by user id. */
  const tokenOf = new Map<number, string>();
  const withProfile = async (prefix: string, n: number, gender: 'male' | 'female') => {
    const tokens = await workers(h, prefix, n);
    for (const t of tokens) {
      tokenOf.set((await h.http().get('/api/v1/me').set(bearer(t))).body.id, t);
      await h
        .http()
        .put('/api/v1/me/match-profile')
        .set(bearer(t))
        .send({
          consentVersion: MATCH_CONSENT_VERSION,
          displayName: prefix,
          gender,
          wantsToMeet: 'any',
          birthYear: 1996,
          occupation: 'courier',
          city: '绍兴',
          contact: { kind: 'phone', value: '13900000000' },
        });
    }
    return tokens;
  };

  it('holds the per-gender limit under concurrent registrations, waitlisting the rest', async () => {
    const men = await withProfile('男士', 8, 'male');
    const women = await withProfile('女士', 4, 'female');
    const replies = await Promise.all([...men, ...women].map((t) => h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(t))));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const rows = await h.ds.getRepository(RegistrationEntity).find({ where: { eventId } });
    expect(rows.filter((r) => r.status === 'confirmed' && r.seatGender === 'male')).toHaveLength(3);
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(7);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(5);
    expect((await h.ds.getRepository(MatchGenderSeatEntity).findOneByOrFail({ eventId, gender: 'male' })).confirmed).toBe(3);
  });

  it("gives a man's freed seat to the first waiting man, while women still get free seats directly", async () => {
    const women = await withProfile('后来女士', 1, 'female');
    // Men are waiting for men's seats, yet a woman arriving later gets one of the free seats.
    expect((await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(women[0]))).body.status).toBe('confirmed');
    const rows = await h.ds.getRepository(RegistrationEntity).find({ where: { eventId }, order: { queuedAt: 'ASC', id: 'ASC' } });
    const confirmedMan = rows.find((r) => r.status === 'confirmed' && r.seatGender === 'male')!;
    const firstWaiting = rows.find((r) => r.status === 'waitlisted')!;
    const cancel = await h
      .http()
      .post(`/api/v1/me/registrations/${confirmedMan.id}/cancel`)
      .set(bearer(tokenOf.get(confirmedMan.userId)!));
    expect(cancel.status).toBe(200);
    const promoted = await h.ds.getRepository(RegistrationEntity).findOneByOrFail({ id: firstWaiting.id });
    expect(promoted).toMatchObject({ status: 'confirmed', seatGender: 'male' });
    expect((await h.ds.getRepository(MatchGenderSeatEntity).findOneByOrFail({ eventId, gender: 'male' })).confirmed).toBe(3);
    expect(await h.ds.getRepository(RegistrationEntity).countBy({ eventId, status: 'confirmed' })).toBe(8);
  });
});
