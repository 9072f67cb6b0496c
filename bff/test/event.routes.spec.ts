import { chinaHHmm, rotationWindow } from '@xlx/shared';
import { signQr } from '../src/adapters/qr-signer';
import { EventEntity, NotificationEntity, RegistrationEntity } from '../src/entities';
import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, type RoleName, type World } from './helpers/world';
import { bearer, eventInput, publishedEvent, workers } from './helpers/events';

describe('events', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  const register = (token: string, eventId: number) => h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(token));
  const eventRow = (id: number) => h.ds.getRepository(EventEntity).findOneByOrFail({ id });

  describe('registration', () => {
    it('confirms while seats last, then waitlists in order, and keeps one registration per person', async () => {
      const id = await publishedEvent(h, w, { capacity: 2 });
      const t = await workers(h, '体检', 4);
      const r = [];
      for (const token of t) r.push(await register(token, id));
      expect(r.map((x) => x.body.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
      expect(r.map((x) => x.body.waitlistPosition)).toEqual([null, null, 1, 2]);
      expect(r[0].body.ticket).toMatch(/^T1\./);
      expect(r[2].body.ticket).toBeNull();
      const again = await register(t[0], id);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(r[0].body.id);
      expect(await h.ds.getRepository(RegistrationEntity).countBy({ eventId: id })).toBe(4);
      expect((await eventRow(id)).confirmedCount).toBe(2);
      const detail = await h.http().get(`/api/v1/events/${id}`).set(bearer(t[3]));
      expect(detail.body).toMatchObject({ seatsLeft: 0, waitlistCount: 2, me: { registration: { status: 'waitlisted' } } });
    });

    it('hands a cancelled seat to the first on the waitlist at once, who is told', async () => {
      const id = await publishedEvent(h, w, { capacity: 1 });
      const [a, b, c] = await workers(h, '取消', 3);
      const ra = await register(a, id);
      const rb = await register(b, id);
      await register(c, id);
      const cancel = await h.http().post(`/api/v1/me/registrations/${ra.body.id}/cancel`).set(bearer(a));
      expect(cancel.status).toBe(200);
      expect(cancel.body.status).toBe('cancelled');
      const mine = await h.http().get('/api/v1/me/registrations').set(bearer(b));
      expect(mine.body.items.find((x: { id: number }) => x.id === rb.body.id)).toMatchObject({ status: 'confirmed', ticket: expect.stringMatching(/^T1\./) });
      const notes = await h.http().get('/api/v1/me/notifications').set(bearer(b));
      expect(notes.body.unread).toBe(1);
      expect(notes.body.items[0].title).toBe('候补成功');
      expect((await eventRow(id)).confirmedCount).toBe(1);
      // Cancelling twice frees nothing twice.
      await h.http().post(`/api/v1/me/registrations/${ra.body.id}/cancel`).set(bearer(a));
      expect((await eventRow(id)).confirmedCount).toBe(1);
      expect(await h.ds.getRepository(RegistrationEntity).countBy({ eventId: id, status: 'confirmed' })).toBe(1);
      // Registering again goes to the back of the queue.
      const back = await register(a, id);
      expect(back.body).toMatchObject({ id: ra.body.id, status: 'waitlisted', waitlistPosition: 2 });
    });

    it('frees the seat when nobody is waiting', async () => {
      const id = await publishedEvent(h, w, { capacity: 5 });
      const [a] = await workers(h, '空位', 1);
      const ra = await register(a, id);
      await h.http().post(`/api/v1/me/registrations/${ra.body.id}/cancel`).set(bearer(a));
      expect((await eventRow(id)).confirmedCount).toBe(0);
    });

    it('refuses after the cancellation deadline', async () => {
      const id = await publishedEvent(h, w, { cancellationDeadline: new Date(h.clock.now().getTime() + 1000).toISOString() });
      const [a] = await workers(h, '截止', 1);
      const ra = await register(a, id);
      h.clock.advance(2000);
      const res = await h.http().post(`/api/v1/me/registrations/${ra.body.id}/cancel`).set(bearer(a));
      h.clock.advance(-2000);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain('取消截止');
    });

    it('refuses without a waitlist when full', async () => {
      const id = await publishedEvent(h, w, { capacity: 1, waitlist: false });
      const [a, b] = await workers(h, '满员', 2);
      await register(a, id);
      const res = await register(b, id);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('EVENT_FULL');
      expect(await h.ds.getRepository(RegistrationEntity).countBy({ eventId: id })).toBe(1);
    });

    it.each([
      ['before the window opens', { registrationOpensAt: 10, registrationClosesAt: 20 }, /报名尚未开始/],
      ['after it closes', { registrationOpensAt: -20, registrationClosesAt: -10 }, /报名已截止/],
    ])('refuses %s with the reason', async (_n, hours, pattern) => {
      const now = h.clock.now().getTime();
      const id = await publishedEvent(h, w, {
        registrationOpensAt: new Date(now + hours.registrationOpensAt * 3600e3).toISOString(),
        registrationClosesAt: new Date(now + hours.registrationClosesAt * 3600e3).toISOString(),
      });
      const [a] = await workers(h, `窗口${hours.registrationOpensAt}`, 1);
      const res = await register(a, id);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('REGISTRATION_CLOSED');
      expect(res.body.error.message).toMatch(pattern);
    });

    it('refuses an ineligible person and says why, before and at registration', async () => {
      const id = await publishedEvent(h, w, {
        title: '女性“两癌”免费筛查',
        eligibility: { genders: ['female'], minAge: 20, maxAge: 65, occupations: [], membersOnly: false },
      });
      const [a] = await workers(h, '筛查', 1);
      const detail = await h.http().get(`/api/v1/events/${id}`).set(bearer(a));
      expect(detail.body.me.eligible).toBe(false);
      expect(detail.body.me.reasons.join()).toContain('填写性别');
      await h.http().patch('/api/v1/me').set(bearer(a)).send({ gender: 'male', birthYear: 1990 });
      const res = await register(a, id);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('NOT_ELIGIBLE');
      expect(res.body.error.details.reasons).toEqual(['本活动仅限女性报名']);
      await h.http().patch('/api/v1/me').set(bearer(a)).send({ gender: 'female' });
      expect((await register(a, id)).body.status).toBe('confirmed');
      const eligibleOnly = await h.http().get('/api/v1/events?eligibleOnly=true').set(bearer(a));
      expect(eligibleOnly.body.items.map((e: { id: number }) => e.id)).not.toContain(id);
    });

    it('refuses members-only events to non-members', async () => {
      const id = await publishedEvent(h, w, {
        kind: 'union_joining',
        eligibility: { genders: [], minAge: null, maxAge: null, occupations: [], membersOnly: true },
      });
      const [a] = await workers(h, '会员', 1);
      const res = await register(a, id);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('入会');
    });

    it('a draft does not exist for workers; a missing event is 404; anonymous is 401', async () => {
      const draft = await h.http().post('/api/v1/organiser/events').set(w.headers('organiser')).send(eventInput(h, w));
      const [a] = await workers(h, '草稿', 1);
      expect((await h.http().get(`/api/v1/events/${draft.body.id}`)).status).toBe(404);
      expect((await register(a, draft.body.id)).status).toBe(404);
      expect((await register(a, 999999)).status).toBe(404);
      expect((await h.http().post(`/api/v1/events/${draft.body.id}/registrations`)).status).toBe(401);
    });

    it('lists upcoming events by kind, and my registrations, upcoming first', async () => {
      const id = await publishedEvent(h, w, { kind: 'training', title: '专业母婴护理公益培训班', certificateName: '保育员上岗证书', capacity: 342 });
      const list = await h.http().get('/api/v1/events?kind=training');
      expect(list.body.items.map((e: { id: number }) => e.id)).toContain(id);
      expect(list.body.items.every((e: { kind: string }) => e.kind === 'training')).toBe(true);
      expect(list.body.items[0].me).toBeNull();
      expect((await h.http().get('/api/v1/events?kind=party')).status).toBe(400);
    });
  });

  describe('events near me', () => {
    it('lists the nearest first with their distance, placeless events last, and filters by a union and the unions under it', async () => {
      const at = (title: string, latitude: number, longitude: number) => publishedEvent(h, w, { kind: 'culture', title, latitude, longitude });
      await at('景宁远处', 27.97, 119.63);
      await at('上虞近处', 30.03, 120.87);
      // The API always asks for a place; an older event may still have none.
      await h.ds.getRepository(EventEntity).update({ id: await at('地点待定', 30.0, 120.0) }, { latitude: null, longitude: null });
      await at('金东中间', 29.1, 119.69);
      const titles = (body: { items: Array<{ title: string }> }) => body.items.map((e) => e.title);
      const near = await h.http().get('/api/v1/events?kind=culture&lat=30.02&lng=120.88');
      expect(near.status).toBe(200);
      expect(titles(near.body)).toEqual(['上虞近处', '金东中间', '景宁远处', '地点待定']);
      expect(near.body.items[0].distanceMetres).toBeLessThan(2000);
      expect(near.body.items[3].distanceMetres).toBeNull();
      // Without a location: soonest first, as before, and no distance.
      const plain = await h.http().get('/api/v1/events?kind=culture');
      expect(titles(plain.body)).toEqual(['景宁远处', '上虞近处', '地点待定', '金东中间']);
      expect(plain.body.items[0].distanceMetres).toBeNull();
      // A bad coordinate is named.
      const bad = await h.http().get('/api/v1/events?kind=culture&lat=95&lng=120');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['lat']);
      // A district's events include its industry unions'; another county's do not.
      expect(titles((await h.http().get(`/api/v1/events?kind=culture&organisationId=${w.org.shangyu}&lat=30.02&lng=120.88`)).body)[0]).toBe('上虞近处');
      expect((await h.http().get(`/api/v1/events?kind=culture&organisationId=${w.org.longyou}`)).body.items).toEqual([]);
    });
  });

  describe('cancelling an event', () => {
    it('tells every registrant once and frees nothing twice', async () => {
      const id = await publishedEvent(h, w, { capacity: 1 });
      const [a, b] = await workers(h, '停办', 2);
      const ra = await register(a, id);
      await register(b, id);
      const res = await h.http().post(`/api/v1/organiser/events/${id}/cancel`).set(w.headers('organiser')).send({ reason: '台风天气' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('cancelled');
      const twice = await h.http().post(`/api/v1/organiser/events/${id}/cancel`).set(w.headers('organiser')).send({});
      expect(twice.status).toBe(409);
      expect(await h.ds.getRepository(NotificationEntity).countBy({ eventId: id })).toBe(2);
      const mine = await h.http().get(`/api/v1/me/registrations/${ra.body.id}`).set(bearer(a));
      expect(mine.body).toMatchObject({ status: 'cancelled', ticket: null });
      expect((await h.http().post(`/api/v1/me/registrations/${ra.body.id}/cancel`).set(bearer(a))).status).toBe(200);
      expect((await register(a, id)).status).toBe(409);
    });
  });

  describe('at the door', () => {
    let id: number;
    let tickets: Record<string, { id: number; ticket: string | null }>;
    let tokens: string[];
    beforeAll(async () => {
      id = await publishedEvent(h, w, { capacity: 2, kind: 'training', certificateName: '保育员上岗证书' });
      tokens = await workers(h, '门口', 3);
      await h.http().patch('/api/v1/me').set(bearer(tokens[0])).send({ phone: '13800005678' });
      tickets = {};
      for (const [i, t] of tokens.entries()) tickets[i] = (await register(t, id)).body;
      saved = h.clock.now();
      openAt = new Date((await eventRow(id)).startsAt.getTime() - 30 * 60e3);
      h.clock.set(openAt); // the door is open
    });
    let saved: Date;
    let openAt: Date;
    afterAll(() => h.clock.set(saved));
    const scan = (code: string, role: RoleName = 'organiser', eventId = id, override?: boolean) =>
      h
        .http()
        .post(`/api/v1/organiser/events/${eventId}/scan`)
        .set(w.headers(role))
        .send(override === undefined ? { code } : { code, override });

    it('checks a valid ticket in with the attendee name, then answers a second scan with who and when', async () => {
      const first = await scan(tickets[0].ticket!);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ result: 'ok', attendeeName: '门口0' });
      const second = await scan(tickets[0].ticket!, 'parentOrganiser');
      expect(second.status).toBe(200);
      expect(second.body.result).toBe('already');
      expect(second.body.message).toMatch(/^已于 \d\d:\d\d 由 快递工会组织者 签到$/);
      const mine = await h.http().get(`/api/v1/me/registrations/${tickets[0].id}`).set(bearer(tokens[0]));
      expect(mine.body).toMatchObject({ checkedInAt: expect.any(String), completed: true });
    });

    it('refuses a forged ticket, a ticket of another event, and a waitlisted one, each its own way', async () => {
      const forged = await scan(signQr('f'.repeat(64), { kind: 'ticket', id: tickets[1].id }));
      expect(forged.body.error.code).toBe('TICKET_INVALID');
      const otherId = await publishedEvent(h, w, { capacity: 5 });
      const other = await register(tokens[1], otherId);
      const wrong = await scan(other.body.ticket);
      expect(wrong.status).toBe(409);
      expect(wrong.body.error.code).toBe('TICKET_WRONG_EVENT');
      const row = await h.ds.getRepository(RegistrationEntity).findOneByOrFail({ id: tickets[2].id });
      expect(row.status).toBe('waitlisted');
      const event = await eventRow(id);
      const waitlisted = await scan(signQr(event.qrSecret, { kind: 'ticket', id: tickets[2].id }));
      expect(waitlisted.body.error.code).toBe('TICKET_NOT_CONFIRMED');
      expect(waitlisted.body.error.message).toContain('候补');
      expect((await scan('not a ticket')).body.error.code).toBe('TICKET_INVALID');
    });

    describe("the door's hours (DOOR_OPENS_MINUTES_BEFORE, default 120, until the end)", () => {
      let doorId: number;
      let door: Record<number, { id: number; ticket: string }>;
      let startsAt: Date;
      let endsAt: Date;
      const row = (regId: number) => h.ds.getRepository(RegistrationEntity).findOneByOrFail({ id: regId });
      beforeAll(async () => {
        const before = h.clock.now();
        h.clock.set(saved);
        doorId = await publishedEvent(h, w, {
          capacity: 5,
          kind: 'training',
          certificateName: '电工证',
          startsAt: new Date(saved.getTime() + 7 * 24 * 3600e3).toISOString(),
          endsAt: new Date(saved.getTime() + 7 * 24 * 3600e3 + 3 * 3600e3).toISOString(),
          registrationClosesAt: new Date(saved.getTime() + 6 * 24 * 3600e3).toISOString(),
        });
        const people = await workers(h, '窗口', 4);
        door = {};
        for (const [i, t] of people.entries()) door[i] = (await register(t, doorId)).body;
        ({ startsAt, endsAt } = await eventRow(doorId));
        h.clock.set(before);
      });

      it('refuses a ticket seven days early with when the door opens, and records nothing', async () => {
        h.clock.set(new Date(startsAt.getTime() - 7 * 24 * 3600e3));
        const res = await scan(door[0].ticket, 'organiser', doorId);
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('DOOR_NOT_OPEN');
        const opens = new Date(startsAt.getTime() - 120 * 60e3);
        const c = new Date(opens.getTime() + 8 * 3600e3);
        expect(res.body.error.message).toBe(`活动尚未开始，${c.getUTCMonth() + 1}月${c.getUTCDate()}日 ${chinaHHmm(opens)} 起可入场`);
        expect(await row(door[0].id)).toMatchObject({ checkedInAt: null, completed: false, checkinOverride: false });
      });

      it('admits from two hours before the start, and refuses once the event has ended', async () => {
        h.clock.set(new Date(startsAt.getTime() - 121 * 60e3));
        expect((await scan(door[1].ticket, 'organiser', doorId)).body.error.code).toBe('DOOR_NOT_OPEN');
        h.clock.set(new Date(startsAt.getTime() - 120 * 60e3));
        expect((await scan(door[1].ticket, 'organiser', doorId)).body).toMatchObject({ result: 'ok', override: false });
        h.clock.set(endsAt);
        const late = await scan(door[2].ticket, 'organiser', doorId);
        expect(late.body.error.code).toBe('DOOR_NOT_OPEN');
        expect(late.body.error.message).toContain('活动已于');
        expect(late.body.error.message).toContain('结束，不能再入场');
        // Someone already in is still told so, not refused.
        expect((await scan(door[1].ticket, 'organiser', doorId)).body.result).toBe('already');
      });

      it("admits on the organiser's deliberate override, marked on the registration and in the audit log", async () => {
        h.clock.set(new Date(startsAt.getTime() - 3 * 24 * 3600e3));
        const res = await scan(door[3].ticket, 'organiser', doorId, true);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ result: 'ok', override: true });
        expect(res.body.message).toContain('破例放行');
        expect(await row(door[3].id)).toMatchObject({ checkinOverride: true, completed: true });
        const audit = await h.http().get('/api/v1/admin/audit-log').set(w.headers('admin'));
        expect(audit.body.items.map((a: { action: string; target: string }) => `${a.action} ${a.target}`)).toContain(
          `checkin.override registration:${door[3].id}`,
        );
        // Another organisation's organiser cannot override into an event that is not theirs.
        expect((await scan(door[0].ticket, 'otherOrganiser', doorId, true)).status).toBe(404);
        // Undoing clears the override mark.
        await h.http().post(`/api/v1/organiser/events/${doorId}/registrations/${door[3].id}/undo-checkin`).set(w.headers('organiser'));
        expect(await row(door[3].id)).toMatchObject({ checkedInAt: null, checkinOverride: false });
      });

      afterAll(() => h.clock.set(openAt));
    });

    it.each([
      ['anonymous', 401],
      ['worker', 403],
      ['otherOrganiser', 404],
    ] as Array<[RoleName, number]>)('refuses the scan route to %s', async (role, status) => {
      expect((await scan(tickets[1].ticket!, role)).status).toBe(status);
    });

    it('undoes a check-in made by mistake', async () => {
      await scan(tickets[1].ticket!);
      const undo = await h.http().post(`/api/v1/organiser/events/${id}/registrations/${tickets[1].id}/undo-checkin`).set(w.headers('organiser'));
      expect(undo.status).toBe(200);
      const row = await h.ds.getRepository(RegistrationEntity).findOneByOrFail({ id: tickets[1].id });
      expect(row.checkedInAt).toBeNull();
      expect((await h.http().post(`/api/v1/organiser/events/${id}/registrations/${tickets[1].id}/undo-checkin`).set(w.headers('otherOrganiser'))).status).toBe(
        404,
      );
    });

    it('shows live attendance with search by name or phone digits, and exports it', async () => {
      const a = await h.http().get(`/api/v1/organiser/events/${id}/attendance`).set(w.headers('organiser'));
      expect(a.status).toBe(200);
      expect(a.body.counts).toMatchObject({ capacity: 2, confirmed: 2, waitlisted: 1, checkedIn: 1, notArrived: 1, noShows: null });
      const byPhone = await h.http().get(`/api/v1/organiser/events/${id}/attendance?q=5678`).set(w.headers('organiser'));
      expect(byPhone.body.items.map((i: { name: string }) => i.name)).toEqual(['门口0']);
      expect(JSON.stringify(byPhone.body)).not.toContain('13800005678');
      const byName = await h
        .http()
        .get(`/api/v1/organiser/events/${id}/attendance?q=${encodeURIComponent('门口2')}`)
        .set(w.headers('organiser'));
      expect(byName.body.items).toHaveLength(1);
      const csv = await h
        .http()
        .get(`/api/v1/organiser/events/${id}/attendance.csv`)
        .set(w.headers('organiser'))
        .buffer(true)
        .parse((r, cb) => {
          let s = '';
          r.on('data', (c: Buffer) => (s += c.toString()));
          r.on('end', () => cb(null, s));
        });
      expect(csv.body.charCodeAt(0)).toBe(0xfeff);
      expect(csv.body).toContain('姓名,手机尾号,状态,报名时间,签到时间,结业');
      expect(csv.body).toContain('已结业（保育员上岗证书）');
      expect((await h.http().get(`/api/v1/organiser/events/${id}/attendance`).set(w.headers('otherOrganiser'))).status).toBe(404);
      // Reading and exporting attendance is audited, and only admins read the audit log.
      const audit = await h.http().get('/api/v1/admin/audit-log').set(w.headers('admin'));
      expect(audit.body.items.map((a: { action: string; target: string; actorName: string }) => `${a.actorName} ${a.action} ${a.target}`)).toEqual(
        expect.arrayContaining([`快递工会组织者 attendance.read event:${id}`, `快递工会组织者 attendance.export event:${id}`]),
      );
      expect((await h.http().get('/api/v1/admin/audit-log').set(w.headers('organiser'))).status).toBe(403);
      expect((await h.http().get(`/api/v1/organiser/events/${id}/attendance`).set(w.headers('worker'))).status).toBe(403);
    });

    it('counts no-shows after the event', async () => {
      h.clock.advance(60 * 3600 * 1000);
      const a = await h.http().get(`/api/v1/organiser/events/${id}/attendance?status=no_show`).set(w.headers('organiser'));
      h.clock.advance(-60 * 3600 * 1000);
      expect(a.body.counts.noShows).toBe(1);
      expect(a.body.items.map((i: { name: string }) => i.name)).toEqual(['门口1']);
    });
  });

  describe('self check-in', () => {
    it('accepts a confirmed attendee during the event with the current code', async () => {
      const id = await publishedEvent(h, w, { capacity: 1 });
      const [a, b] = await workers(h, '自助', 2);
      await register(a, id);
      await register(b, id);
      const event = await eventRow(id);
      const code = (at: Date) => signQr(event.qrSecret, { kind: 'event-rotating', id, window: rotationWindow(at) });
      const self = (token: string, c: string) => h.http().post('/api/v1/events/self-checkin').set(bearer(token)).send({ code: c });
      const early = await self(a, code(h.clock.now()));
      expect(early.status).toBe(409);
      expect(early.body.error.message).toContain('签到时间');
      h.clock.set(new Date(event.startsAt.getTime() - 10 * 60 * 1000));
      expect((await self(a, code(new Date(h.clock.now().getTime() - 120_000)))).body.error.code).toBe('QR_EXPIRED');
      const ok = await self(a, code(h.clock.now()));
      expect(ok.status).toBe(200);
      expect(ok.body.result).toBe('ok');
      expect((await self(a, code(h.clock.now()))).body.message).toMatch(/由 本人自助 签到/);
      expect((await self(b, code(h.clock.now()))).body.error.code).toBe('TICKET_NOT_CONFIRMED');
      const rot = await h.http().get(`/api/v1/organiser/events/${id}/rotating-code`).set(w.headers('organiser'));
      expect(rot.body.payload).toMatch(/^E1\./);
      h.clock.set(new Date());
    });
  });

  describe('organiser event routes, every role', () => {
    const matrix: Record<RoleName, number> = { anonymous: 401, worker: 403, otherOrganiser: 404, parentOrganiser: 200, organiser: 200, admin: 200 };
    it.each(Object.keys(matrix) as RoleName[])('GET and PATCH an event as %s', async (role) => {
      const id = await publishedEvent(h, w);
      expect((await h.http().get(`/api/v1/organiser/events/${id}`).set(w.headers(role))).status).toBe(matrix[role]);
      expect((await h.http().patch(`/api/v1/organiser/events/${id}`).set(w.headers(role)).send({ title: '改名' })).status).toBe(matrix[role]);
      const create = await h.http().post('/api/v1/organiser/events').set(w.headers(role)).send(eventInput(h, w));
      expect(create.status).toBe(matrix[role] === 200 ? 201 : matrix[role]);
    });

    it('names every failing field of a bad event', async () => {
      const res = await h
        .http()
        .post('/api/v1/organiser/events')
        .set(w.headers('organiser'))
        .send({ ...eventInput(h, w), title: '', capacity: 0, kind: 'party', endsAt: new Date(0).toISOString(), venue: '', latitude: null });
      expect(res.status).toBe(400);
      const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['title', 'capacity', 'kind']));
    });

    it('raising the capacity admits the waitlist in order', async () => {
      const id = await publishedEvent(h, w, { capacity: 1 });
      const t = await workers(h, '扩容', 3);
      const regs = [];
      for (const token of t) regs.push((await register(token, id)).body);
      const res = await h.http().patch(`/api/v1/organiser/events/${id}`).set(w.headers('organiser')).send({ capacity: 2 });
      expect(res.body.seatsLeft).toBe(0);
      const rows = await h.ds.getRepository(RegistrationEntity).find({ where: { eventId: id }, order: { id: 'ASC' } });
      expect(rows.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
      const shrink = await h.http().patch(`/api/v1/organiser/events/${id}`).set(w.headers('organiser')).send({ capacity: 1 });
      expect(shrink.status).toBe(400);
    });

    it('never lowers the capacity below the seats taken after the edit read the count (no overbooking)', async () => {
      const id = await publishedEvent(h, w, { capacity: 5 });
      const t = await workers(h, '抢座', 3);
      for (const token of t.slice(0, 2)) expect((await register(token, id)).body.status).toBe('confirmed');
      // The edit reads 2 confirmed; a third person takes a seat before it writes.
      const events = h.app.services.events;
      const read = events.getManaged.bind(events);
      const spy = jest.spyOn(events, 'getManaged').mockImplementationOnce(async (user, eventId) => {
        const event = await read(user, eventId);
        expect((await register(t[2], id)).body.status).toBe('confirmed');
        return event;
      });
      try {
        const res = await h.http().patch(`/api/v1/organiser/events/${id}`).set(w.headers('organiser')).send({ capacity: 2 });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain('已有3人报名');
      } finally {
        spy.mockRestore();
      }
      const row = await eventRow(id);
      expect(row.capacity).toBe(5);
      expect(await h.ds.getRepository(RegistrationEntity).countBy({ eventId: id, status: 'confirmed' })).toBe(3);
    });

    it('keeps confirmed within capacity when capacity edits and registrations arrive together', async () => {
      const id = await publishedEvent(h, w, { capacity: 40 });
      const t = await workers(h, '并发', 40);
      const edits = [23, 30, 23, 35, 23, 26, 23];
      await Promise.all([
        ...t.map((token) => register(token, id)),
        ...edits.map((capacity) => h.http().patch(`/api/v1/organiser/events/${id}`).set(w.headers('organiser')).send({ capacity })),
      ]);
      const row = await eventRow(id);
      const confirmed = await h.ds.getRepository(RegistrationEntity).countBy({ eventId: id, status: 'confirmed' });
      expect(confirmed).toBe(row.confirmedCount);
      expect(confirmed).toBeLessThanOrEqual(row.capacity);
    }, 30000);
  });
});
