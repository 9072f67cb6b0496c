import type { DataSource } from 'typeorm';
import { EventEntity, RegistrationEntity } from '../src/entities';
import type { RegistrationService } from '../src/services/registration.service';
import { queueOrder, rushStage } from './helpers/rush';
import { openTestStore, STORE } from './helpers/store';

const PEOPLE = 2000;
const SEATS = 100;

const order = queueOrder;

describe(`registration rush on ${STORE}`, () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  let sut: RegistrationService;
  let eventId: number;
  let userIds: number[];

  beforeAll(async () => {
    ({ ds, close } = await openTestStore());
    ({ sut, eventId, userIds: userIds } = await rushStage(ds, { people: PEOPLE + 100, seats: SEATS, namePrefix: '抢' }));
  }, 60000);
  afterAll(() => close());

  const rows = () => ds.getRepository(RegistrationEntity).find({ where: { eventId } });
  const event = () => ds.getRepository(EventEntity).findOneByOrFail({ id: eventId });

  it(`${PEOPLE} concurrent registrations (each sent twice) for ${SEATS} seats: exactly ${SEATS} confirmed, the rest waitlisted in order`, async () => {
    const rush = userIds.slice(0, PEOPLE);
    // Every person taps twice: the second tap must not make a second registration.
    const results = await Promise.all([...rush, ...rush.slice(0, 200)].map((u) => sut.register(u, eventId)));
    expect(results.every((r) => r.registration.status === 'confirmed' || r.registration.status === 'waitlisted')).toBe(true);
    const all = await rows();
    expect(all).toHaveLength(PEOPLE);
    expect(new Set(all.map((r) => r.userId)).size).toBe(PEOPLE);
    const confirmed = all.filter((r) => r.status === 'confirmed');
    const waitlisted = all.filter((r) => r.status === 'waitlisted');
    expect(confirmed).toHaveLength(SEATS);
    expect(waitlisted).toHaveLength(PEOPLE - SEATS);
    expect((await event()).confirmedCount).toBe(SEATS);
    // Consistent order: every confirmed place was taken before every waitlisted one.
    const lastConfirmed = [...confirmed].sort(order).pop()!;
    const firstWaiting = [...waitlisted].sort(order)[0];
    expect(order(lastConfirmed, firstWaiting)).toBeLessThan(0);
    // Waitlist positions shown to people are 1..N without gaps or repeats.
    const positions = await Promise.all(waitlisted.slice(0, 50).map((r) => sut.getMine(r.userId, r.id).then((v) => v.waitlistPosition)));
    const sorted = [...waitlisted].sort(order).map((r) => r.id);
    waitlisted.slice(0, 50).forEach((r, i) => expect(positions[i]).toBe(sorted.indexOf(r.id) + 1));
  }, 120000);

  it('stays exact with cancellations and new registrations mixed in', async () => {
    const before = await rows();
    const confirmed = before.filter((r) => r.status === 'confirmed').slice(0, 40);
    const waiting = before
      .filter((r) => r.status === 'waitlisted')
      .sort(order)
      .slice(-40);
    const newcomers = userIds.slice(PEOPLE, PEOPLE + 100);
    await Promise.all([
      ...confirmed.map((r) => sut.cancel(r.userId, r.id)),
      ...waiting.map((r) => sut.cancel(r.userId, r.id)),
      ...newcomers.map((u) => sut.register(u, eventId)),
      // A second cancel of the same registration frees nothing twice.
      ...confirmed.slice(0, 20).map((r) => sut.cancel(r.userId, r.id)),
    ]);
    const after = await rows();
    const nowConfirmed = after.filter((r) => r.status === 'confirmed');
    const nowWaiting = after.filter((r) => r.status === 'waitlisted');
    expect(nowConfirmed).toHaveLength(SEATS);
    expect((await event()).confirmedCount).toBe(SEATS);
    expect(after.filter((r) => r.status === 'cancelled')).toHaveLength(80);
    expect(after).toHaveLength(PEOPLE + 100);
    // The freed seats went to the head of the queue: nobody still waiting was ahead of a confirmed person.
    const lastConfirmed = [...nowConfirmed].sort(order).pop()!;
    const firstWaiting = [...nowWaiting].sort(order)[0];
    expect(order(lastConfirmed, firstWaiting)).toBeLessThan(0);
    // Newcomers joined the back of the queue.
    const newRows = after.filter((r) => newcomers.includes(r.userId));
    expect(newRows.every((r) => r.status === 'waitlisted')).toBe(true);
  }, 120000);
});
