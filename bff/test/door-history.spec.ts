import { EventScanEntity, RegistrationEntity } from '../src/entities';
import { backfillEventScansSql } from '../src/db/migrations/1796040000001-EventScans';
import { createHarness, type Harness } from './helpers/harness';
import { STORE } from './helpers/store';
import { buildWorld, type RoleName, type World } from './helpers/world';
import { bearer, publishedEvent, workers } from './helpers/events';

/** Issue 15 (5): the door keeps every scan (entry, undo, refused with its reason); who is in is derived from it. */
describe('the door as a history of scans', () => {
  let h: Harness;
  let w: World;
  let id: number;
  let otherId: number;
  let regs: Array<{ id: number; ticket: string }>;
  let otherTicket: string;
  let cancelled: { id: number; ticket: string };
  let startsAt: Date;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
    id = await publishedEvent(h, w, { capacity: 6 });
    otherId = await publishedEvent(h, w, { title: '另一场活动', capacity: 5 });
    const tokens = await workers(h, '入场', 7);
    regs = [];
    for (const t of tokens.slice(0, 5)) {
      const r = (await h.http().post(`/api/v1/events/${id}/registrations`).set(bearer(t))).body;
      regs.push({ id: r.id, ticket: r.ticket });
    }
    otherTicket = (await h.http().post(`/api/v1/events/${otherId}/registrations`).set(bearer(tokens[5]))).body.ticket;
    // One who registered and then cancelled, before the door opens.
    const c = (await h.http().post(`/api/v1/events/${id}/registrations`).set(bearer(tokens[6]))).body;
    cancelled = { id: c.id, ticket: c.ticket };
    expect((await h.http().post(`/api/v1/me/registrations/${c.id}/cancel`).set(bearer(tokens[6]))).status).toBe(200);
    startsAt = new Date((await h.http().get(`/api/v1/organiser/events/${id}`).set(w.headers('organiser'))).body.startsAt);
    h.clock.set(new Date(startsAt.getTime() - 30 * 60e3)); // the door is open
  }, 60_000);
  afterAll(() => h.close());

  const scan = (code: string, body: object = {}, role: RoleName = 'organiser') =>
    h
      .http()
      .post(`/api/v1/organiser/events/${id}/scan`)
      .set(w.headers(role))
      .send({ code, ...body });
  const undo = (regId: number, body: object = {}) =>
    h.http().post(`/api/v1/organiser/events/${id}/registrations/${regId}/undo-checkin`).set(w.headers('organiser')).send(body);
  const history = (role: RoleName = 'organiser', query: object = {}) => h.http().get(`/api/v1/organiser/events/${id}/scans`).query(query).set(w.headers(role));
  const counts = async () => (await h.http().get(`/api/v1/organiser/events/${id}/door-counts`).set(w.headers('organiser'))).body;
  const attendanceRow = async (regId: number) =>
    (await h.http().get(`/api/v1/organiser/events/${id}/attendance`).set(w.headers('organiser'))).body.items.find(
      (i: { registrationId: number }) => i.registrationId === regId,
    );
  const rowsOf = (regId: number) => h.ds.getRepository(EventScanEntity).find({ where: { registrationId: regId }, order: { id: 'ASC' } });

  it('entry, undo, entry again: three rows kept in order, and the attendee is in', async () => {
    const r = regs[0];
    const device = { deviceId: 'door-A', deviceTime: new Date(h.clock.now().getTime() - 2000).toISOString() };
    expect((await scan(r.ticket, device)).body.result).toBe('ok');
    expect((await undo(r.id, { deviceId: 'door-A' })).status).toBe(200);
    expect((await attendanceRow(r.id)).checkedInAt).toBeNull();
    h.clock.advance(60e3);
    expect((await scan(r.ticket, { deviceId: 'door-B' })).body.result).toBe('ok');

    const rows = await rowsOf(r.id);
    expect(rows.map((x) => x.kind)).toEqual(['entry', 'undo', 'entry']);
    expect(rows.map((x) => x.deviceId)).toEqual(['door-A', 'door-A', 'door-B']);
    expect(rows[0]).toMatchObject({ method: 'scan', userId: w.userIds.organiser, eventId: id });
    expect(new Date(rows[0].deviceTime!).toISOString()).toBe(device.deviceTime);
    expect(rows[2].receivedAt.getTime()).toBeGreaterThan(rows[0].receivedAt.getTime());

    // In, at the time of the second entry: in the attendance, the counts and the CSV.
    const row = await attendanceRow(r.id);
    expect(new Date(row.checkedInAt).getTime()).toBe(rows[2].receivedAt.getTime());
    expect(await counts()).toMatchObject({ checkedIn: 1, expected: 5 });
    const csv = await h.http().get(`/api/v1/organiser/events/${id}/attendance.csv`).set(w.headers('organiser'));
    expect(csv.text.split('\n').filter((l) => l.includes('已签到'))).toHaveLength(1);

    const listed = await history('organiser', { registrationId: r.id });
    expect(listed.body.items.map((i: { kind: string }) => i.kind)).toEqual(['entry', 'undo', 'entry']);
    expect(listed.body.items[0]).toMatchObject({ attendeeName: '入场0', scannedBy: '快递工会组织者', method: 'scan', deviceId: 'door-B', reason: null });
  });

  it('keeps refused scans with their reason (already in, forged, wrong event, too early); none counts', async () => {
    const before = await counts();
    // Already in: the second scan answers "already" and is kept as refused.
    expect((await scan(regs[0].ticket, { deviceId: 'door-C' })).body.result).toBe('already');
    expect((await scan('T1.zz.forged', { deviceId: 'door-C' })).body.error.code).toBe('TICKET_INVALID');
    expect((await scan(otherTicket)).body.error.code).toBe('TICKET_WRONG_EVENT');
    const saved = h.clock.now();
    h.clock.set(new Date(startsAt.getTime() - 24 * 3600e3));
    expect((await scan(regs[1].ticket)).body.error.code).toBe('DOOR_NOT_OPEN');
    h.clock.set(saved);

    const refused = (await history()).body.items.filter((i: { kind: string }) => i.kind === 'refused');
    const reasons = refused.map((i: { reason: string }) => i.reason);
    expect(reasons).toEqual(expect.arrayContaining(['already_in', 'forged', 'wrong_event', 'too_early']));
    expect(refused.find((i: { reason: string }) => i.reason === 'forged')).toMatchObject({ registrationId: null, attendeeName: null, deviceId: 'door-C' });
    expect(refused.find((i: { reason: string }) => i.reason === 'too_early')).toMatchObject({ registrationId: regs[1].id, attendeeName: '入场1' });
    expect(await counts()).toMatchObject({ checkedIn: before.checkedIn, expected: before.expected });
    expect((await attendanceRow(regs[1].id)).checkedInAt).toBeNull();
  });

  it('a cancelled ticket scanned at the door is refused, kept as "cancelled", and not counted', async () => {
    const before = await counts();
    const res = await scan(cancelled.ticket);
    expect(res.body.error.code).toBe('TICKET_NOT_CONFIRMED');
    expect((await rowsOf(cancelled.id)).map((r) => `${r.kind}:${r.reason}`)).toEqual(['refused:cancelled']);
    expect(await counts()).toMatchObject({ checkedIn: before.checkedIn, expected: before.expected });
  });

  it('two devices scanning one ticket at once give one entry; the database refuses a second entry in the same slot', async () => {
    const r = regs[2];
    const answers = await Promise.all(['door-1', 'door-2', 'door-3', 'door-4'].map((deviceId) => scan(r.ticket, { deviceId })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.filter((a) => a.body.result === 'ok')).toHaveLength(1);
    expect(answers.filter((a) => a.body.result === 'already')).toHaveLength(3);
    const rows = await rowsOf(r.id);
    expect(rows.filter((x) => x.kind === 'entry')).toHaveLength(1);
    expect(rows.filter((x) => x.kind === 'refused' && x.reason === 'already_in')).toHaveLength(3);
    // The key itself: a second entry after no undo is a duplicate, whoever writes it.
    const entry = rows.find((x) => x.kind === 'entry')!;
    const { id: _id, ...copy } = entry;
    await expect(h.ds.getRepository(EventScanEntity).insert({ ...copy, deviceId: 'door-5' })).rejects.toThrow();
    expect((await rowsOf(r.id)).filter((x) => x.kind === 'entry')).toHaveLength(1);
  });

  it.each([
    ['otherOrganiser', 404],
    ['worker', 403],
    ['anonymous', 401],
  ] as Array<[RoleName, number]>)('refuses the history to %s', async (role, status) => {
    const res = await history(role);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body)).not.toContain('入场0');
  });

  it('the migration turns check-ins made before the history into entries, once', async () => {
    const r = regs[3];
    // A check-in from before the upgrade: on the registration only.
    await h.ds.getRepository(RegistrationEntity).update({ id: r.id }, { checkedInAt: h.clock.now(), checkedInBy: w.userIds.organiser, checkinMethod: null });
    expect(await rowsOf(r.id)).toHaveLength(0);
    await h.ds.query(backfillEventScansSql(STORE));
    await h.ds.query(backfillEventScansSql(STORE));
    const rows = await rowsOf(r.id);
    expect(rows.map((x) => `${x.kind}:${x.method}:${x.slot}`)).toEqual([`entry:migrated:e:${r.id}:0`]);
    expect((await attendanceRow(r.id)).checkedInAt).not.toBeNull();
    // And it undoes and re-enters like any other.
    await undo(r.id);
    expect((await scan(r.ticket)).body.result).toBe('ok');
    expect((await rowsOf(r.id)).map((x) => x.kind)).toEqual(['entry', 'undo', 'entry']);
  });
});
