import { RegistrationEntity } from '../src/entities';
import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, type RoleName, type World } from './helpers/world';
import { bearer, publishedEvent, workers } from './helpers/events';

/** The door like pretixSCAN: find people by name or phone digits, check them in by hand, counts every door device polls. */
describe('the door: search, manual check-in, counts', () => {
  let h: Harness;
  let w: World;
  let id: number;
  let regs: number[];
  let startsAt: Date;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
    id = await publishedEvent(h, w, { capacity: 4 });
    const tokens = await workers(h, '前台', 5);
    const phones = ['13800001234', '13900001234', '13700009876', null, '13600004321'];
    regs = [];
    for (const [i, t] of tokens.entries()) {
      if (phones[i]) await h.http().patch('/api/v1/me').set(bearer(t)).send({ phone: phones[i] });
      regs.push((await h.http().post(`/api/v1/events/${id}/registrations`).set(bearer(t))).body.id);
    }
    startsAt = new Date((await h.http().get(`/api/v1/organiser/events/${id}`).set(w.headers('organiser'))).body.startsAt);
    h.clock.set(new Date(startsAt.getTime() - 30 * 60e3)); // the door is open
  }, 60_000);
  afterAll(() => h.close());

  const search = (q: string, role: RoleName = 'organiser') => h.http().get(`/api/v1/organiser/events/${id}/attendees`).query({ q }).set(w.headers(role));
  const checkin = (regId: number, role: RoleName = 'organiser', body: object = {}) =>
    h.http().post(`/api/v1/organiser/events/${id}/registrations/${regId}/checkin`).set(w.headers(role)).send(body);
  const counts = (since?: string, role: RoleName = 'organiser') =>
    h
      .http()
      .get(`/api/v1/organiser/events/${id}/door-counts`)
      .query(since ? { since } : {})
      .set(w.headers(role));
  const row = (regId: number) => h.ds.getRepository(RegistrationEntity).findOneByOrFail({ id: regId });

  it('finds people by part of a name, and by the last 4 or more phone digits, without leaking the phone', async () => {
    const byName = await search('前台2');
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({
      total: 1,
      items: [{ registrationId: regs[2], name: '前台2', phoneLast4: '9876', status: 'confirmed', checkedInAt: null }],
    });
    const byDigits = await search('1234');
    expect(byDigits.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['前台0', '前台1']);
    const byMore = await search('01234');
    expect(byMore.body.total).toBe(2);
    const exact = await search('13900001234');
    expect(exact.body.items.map((i: { name: string }) => i.name)).toEqual(['前台1']);
    expect(JSON.stringify([byDigits.body, exact.body])).not.toMatch(/1[3-9]\d{9}/);
    // Fewer than four digits is not a phone search (it would match half the room).
    expect((await search('34')).body.total).toBe(0);
    // The waitlisted fifth person is found too, marked so.
    expect((await search('前台4')).body.items[0]).toMatchObject({ status: 'waitlisted', phoneLast4: '4321' });
  });

  it('answers the matches with their total, refuses an empty search, and is audited', async () => {
    const all = await search('前台');
    expect(all.body.total).toBe(5);
    expect(all.body.items).toHaveLength(5);
    const empty = await search('  ');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    const audit = await h.http().get('/api/v1/admin/audit-log').set(w.headers('admin'));
    expect(audit.body.items.map((a: { action: string; target: string }) => `${a.action} ${a.target}`)).toContain(`attendance.search event:${id}`);
  });

  it.each([
    ['anonymous', 401],
    ['worker', 403],
    ['otherOrganiser', 404],
  ] as Array<[RoleName, number]>)('refuses search, manual check-in and counts to %s, and records nothing', async (role, status) => {
    expect((await search('前台', role)).status).toBe(status);
    expect((await checkin(regs[3], role)).status).toBe(status);
    expect((await counts(undefined, role)).status).toBe(status);
    expect((await row(regs[3])).checkedInAt).toBeNull();
  });

  it('lets the parent union organiser search and count', async () => {
    expect((await search('前台0', 'parentOrganiser')).body.total).toBe(1);
    expect((await counts(undefined, 'parentOrganiser')).body).toMatchObject({ changed: true, checkedIn: 0, expected: 4 });
  });

  it('checks in by hand once, recorded as manual, even when two door devices press 签到 together', async () => {
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => checkin(regs[0], i % 2 ? 'organiser' : 'parentOrganiser')));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies.filter((r) => r.body.result === 'ok')).toHaveLength(1);
    expect(replies.filter((r) => r.body.result === 'already')).toHaveLength(7);
    expect(await row(regs[0])).toMatchObject({ checkinMethod: 'manual', checkedInAt: expect.any(Date) });
    expect((await search('前台0')).body.items[0]).toMatchObject({ checkinMethod: 'manual', checkedInAt: expect.any(String) });
  });

  it('refuses a waitlisted person and a registration of another event', async () => {
    const waitlisted = await checkin(regs[4]);
    expect(waitlisted.status).toBe(409);
    expect(waitlisted.body.error.code).toBe('TICKET_NOT_CONFIRMED');
    const otherId = await publishedEvent(h, w, { capacity: 5 });
    const res = await h.http().post(`/api/v1/organiser/events/${otherId}/registrations/${regs[1]}/checkin`).set(w.headers('organiser')).send({});
    expect(res.status).toBe(404);
    expect((await row(regs[1])).checkedInAt).toBeNull();
  });

  it("keeps the door's hours: refused early, admitted on a deliberate override that is audited", async () => {
    h.clock.set(new Date(startsAt.getTime() - 3 * 24 * 3600e3));
    const early = await checkin(regs[1]);
    expect(early.body.error.code).toBe('DOOR_NOT_OPEN');
    expect((await row(regs[1])).checkedInAt).toBeNull();
    const forced = await checkin(regs[1], 'organiser', { override: true });
    expect(forced.body).toMatchObject({ result: 'ok', override: true });
    expect(await row(regs[1])).toMatchObject({ checkinMethod: 'manual', checkinOverride: true });
    const audit = await h.http().get('/api/v1/admin/audit-log').set(w.headers('admin'));
    expect(audit.body.items.map((a: { action: string; target: string }) => `${a.action} ${a.target}`)).toContain(`checkin.override registration:${regs[1]}`);
    h.clock.set(new Date(startsAt.getTime() - 30 * 60e3));
  });

  it('records a ticket scan as scan', async () => {
    const ticket = (
      await h
        .http()
        .get(`/api/v1/me/registrations/${regs[2]}`)
        .set(bearer(await h.signIn('前台2')))
    ).body.ticket as string;
    const res = await h.http().post(`/api/v1/organiser/events/${id}/scan`).set(w.headers('organiser')).send({ code: ticket });
    expect(res.body.result).toBe('ok');
    expect((await row(regs[2])).checkinMethod).toBe('scan');
  });

  it('counts in and expected with a version; an unchanged version gets a tiny answer, a check-in elsewhere changes it', async () => {
    const first = await counts();
    expect(first.body).toEqual({ version: expect.any(String), changed: true, checkedIn: 3, expected: 4 });
    const same = await counts(first.body.version);
    expect(same.body).toEqual({ version: first.body.version, changed: false });
    await checkin(regs[3], 'parentOrganiser');
    const after = await counts(first.body.version);
    expect(after.body).toMatchObject({ changed: true, checkedIn: 4, expected: 4 });
    expect(after.body.version).not.toBe(first.body.version);
  });
});
