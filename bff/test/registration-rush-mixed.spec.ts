import type { DataSource } from 'typeorm';
import { EventEntity, RegistrationEntity } from '../src/entities';
import type { RegistrationService } from '../src/services/registration.service';
import { queueOrder, rushStage } from './helpers/rush';
import { openTestStore, STORE } from './helpers/store';

const SEATS = 100;

const order = queueOrder;

/**
 * A rush in three waves, each wave's presses all at once: newcomers, cancellations (of confirmed
 * and waitlisted places) and re-registrations of people who cancelled, mixed together.
 */
describe(`registration rush with cancellations and newcomers mixed in, on ${STORE}`, () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  let sut: RegistrationService;
  let eventId: number;
  let people: number[];

  beforeAll(async () => {
    ({ ds, close } = await openTestStore());
    ({ sut, eventId, userIds: people } = await rushStage(ds, { people: 700, seats: SEATS, namePrefix: '混' }));
  }, 60000);
  afterAll(() => close());

  const rows = async () => (await ds.getRepository(RegistrationEntity).find({ where: { eventId } })).sort(order);
  const byStatus = (all: RegistrationEntity[], s: string) => all.filter((r) => r.status === s);
  const ids = (rs: RegistrationEntity[]) => rs.map((r) => r.userId);

  /** What holds after every wave: seats exact, nobody twice, every confirmed place ahead of every waiting one. */
  async function expectSettled(demand: number) {
    const all = await rows();
    expect(new Set(ids(all)).size).toBe(all.length);
    const confirmed = byStatus(all, 'confirmed');
    const waiting = byStatus(all, 'waitlisted');
    expect(confirmed).toHaveLength(Math.min(SEATS, demand));
    expect((await ds.getRepository(EventEntity).findOneByOrFail({ id: eventId })).confirmedCount).toBe(confirmed.length);
    if (waiting.length) expect(order(confirmed[confirmed.length - 1], waiting[0])).toBeLessThan(0);
    // Positions shown are the places in the queue: 1..N in (queuedAt, id) order.
    const sample = waiting.filter((_, i) => i % 17 === 0);
    const shown = await Promise.all(sample.map((r) => sut.getMine(r.userId, r.id).then((v) => v.waitlistPosition)));
    expect(shown).toEqual(sample.map((r) => waiting.indexOf(r) + 1));
    return { all, confirmed, waiting };
  }

  it('keeps seats exact, promotes every freed seat from the head of the queue, and sends re-registrations to the back', async () => {
    // Wave 1: 300 newcomers at once, 50 of them tapping twice.
    const wave1 = people.slice(0, 300);
    const answers1 = await Promise.all([...wave1, ...wave1.slice(0, 50)].map((u) => sut.register(u, eventId)));
    expect(answers1.every((v) => v.registration.status === 'confirmed' || v.registration.status === 'waitlisted')).toBe(true);
    // A waitlisted answer tells its place, and no two people were told the same place.
    const told = answers1.slice(0, 300).flatMap((v) => (v.waitlistPosition === null ? [] : [v.waitlistPosition]));
    expect(new Set(told).size).toBe(told.length);
    const s1 = await expectSettled(300);
    expect(s1.waiting).toHaveLength(200);

    // Wave 2: 300 newcomers, while 40 confirmed and the last 20 waiting cancel.
    const cancelConfirmed = s1.confirmed.slice(0, 40);
    const cancelWaiting = s1.waiting.slice(-20);
    const wave2 = people.slice(300, 600);
    await Promise.all([
      ...wave2.map((u) => sut.register(u, eventId)),
      ...cancelConfirmed.map((r) => sut.cancel(r.userId, r.id)),
      ...cancelWaiting.map((r) => sut.cancel(r.userId, r.id)),
    ]);
    const s2 = await expectSettled(300 + 300 - 60);
    expect(byStatus(s2.all, 'cancelled')).toHaveLength(60);
    // Every freed seat went to the head of the queue as it stood: the first 40 of wave 1's waiting.
    const promoted = s1.waiting.slice(0, 40).map((r) => r.userId);
    expect(ids(s2.confirmed).sort()).toEqual([...ids(s1.confirmed.slice(40)), ...promoted].sort());
    // Newcomers of wave 2 wait behind everyone of wave 1 still waiting.
    const w1Waiting = s2.waiting.filter((r) => wave1.includes(r.userId));
    const w2Waiting = s2.waiting.filter((r) => wave2.includes(r.userId));
    expect(w1Waiting).toHaveLength(200 - 20 - 40);
    expect(w2Waiting).toHaveLength(300);
    expect(order(w1Waiting[w1Waiting.length - 1], w2Waiting[0])).toBeLessThan(0);

    // Wave 3: 20 who cancelled their seat register again, 100 newcomers, and 20 more confirmed cancel.
    const again = cancelConfirmed.slice(0, 20);
    const wave3 = people.slice(600, 700);
    const cancel3 = s2.confirmed.slice(0, 20);
    const answers3 = await Promise.all([
      ...again.map((r) => sut.register(r.userId, eventId)),
      ...wave3.map((u) => sut.register(u, eventId)),
      ...cancel3.map((r) => sut.cancel(r.userId, r.id)),
    ]);
    // Taking up a cancelled place again keeps its row (same id), now waiting.
    again.forEach((r, i) => {
      expect(answers3[i].registration.id).toBe(r.id);
      expect(answers3[i].registration.status).toBe('waitlisted');
    });
    const s3 = await expectSettled(600 - 60 + 20 + 100 - 20);
    expect(ids(s3.confirmed).sort()).toEqual([...ids(s2.confirmed.slice(20)), ...ids(w1Waiting.slice(0, 20))].sort());
    // Re-registrations and wave 3's newcomers are behind everyone who was waiting before them.
    const back = new Set([...wave3, ...ids(again)]);
    const earlier = s3.waiting.filter((r) => !back.has(r.userId));
    const later = s3.waiting.filter((r) => back.has(r.userId));
    expect(later).toHaveLength(120);
    expect(earlier).toHaveLength(s2.waiting.length - 20);
    expect(order(earlier[earlier.length - 1], later[0])).toBeLessThan(0);
    // The cancelled are exactly those who cancelled and did not come back.
    expect(ids(byStatus(s3.all, 'cancelled')).sort()).toEqual([...ids(cancelConfirmed.slice(20)), ...ids(cancelWaiting), ...ids(cancel3)].sort());
  }, 180000);
});
