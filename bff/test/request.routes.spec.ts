import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, type RoleName, type World } from './helpers/world';
import { bearer, publishedEvent } from './helpers/events';
import { chinaDate, chinaStartOfDay } from '@xlx/shared';
import { RequestEntity } from '../src/entities';
import { VisitWriter } from '../src/services/visit-writer';

describe('requests, membership and the dashboard', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
    h.clock.set('2026-11-30T02:00:00Z'); // Monday 10:00 China time
  });
  afterAll(() => h.close());

  const file = (role: 'worker' | 'worker2', body: Record<string, unknown>) => h.http().post('/api/v1/requests').set(w.headers(role)).send(body);

  describe('a worker files a request', () => {
    it('addresses it through the station to its union, due in three working days', async () => {
      const res = await file('worker', { category: 'station_facilities', text: '驿站的微波炉坏了，中午热饭要排很久', stationId: w.station.id });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ organisationId: w.org.express, status: 'submitted', channel: 'online', overdue: false, reporterName: null });
      expect(res.body.dueAt).toBe('2026-12-03T02:00:00.000Z');
    });

    it('names every failing field', async () => {
      const res = await file('worker', { category: 'bogus', text: '短' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['category', 'organisationId', 'text']);
    });

    it('needs a sign-in, and a missing station is a field error', async () => {
      expect((await h.http().post('/api/v1/requests').send({ category: 'other', text: '一二三四五', organisationId: w.org.express })).status).toBe(401);
      const res = await file('worker', { category: 'other', text: '一二三四五六', stationId: 999999 });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe('stationId');
    });
  });

  describe('organisers handle it', () => {
    let id: number;
    beforeAll(async () => {
      id = (await file('worker', { category: 'rights_pay', text: '平台扣款规则不透明，想了解申诉渠道', organisationId: w.org.express })).body.id;
    });

    const matrix: Record<RoleName, number> = { anonymous: 401, worker: 403, otherOrganiser: 404, parentOrganiser: 200, organiser: 200, admin: 200 };
    it.each(Object.keys(matrix) as RoleName[])('GET the request as %s', async (role) => {
      const res = await h.http().get(`/api/v1/organiser/requests/${id}`).set(w.headers(role));
      expect(res.status).toBe(matrix[role]);
      if (res.status === 200) expect(res.body.reporterName).toBe('王泽锋');
    });

    it('replies, resolves, and the worker rates it once', async () => {
      const reply = await h.http().post(`/api/v1/organiser/requests/${id}/replies`).set(w.headers('organiser')).send({ text: '已联系平台站点，本周内答复您' });
      expect(reply.body.status).toBe('in_progress');
      expect((await h.http().post(`/api/v1/me/requests/${id}/rate`).set(w.headers('worker')).send({ satisfied: true })).status).toBe(409);
      const resolved = await h.http().post(`/api/v1/organiser/requests/${id}/status`).set(w.headers('organiser')).send({ status: 'resolved' });
      expect(resolved.body.status).toBe('resolved');
      const mine = await h.http().get(`/api/v1/me/requests/${id}`).set(w.headers('worker'));
      expect(mine.body.replies[0]).toMatchObject({ fromOrganiser: true, author: '工会工作人员', text: '已联系平台站点，本周内答复您' });
      expect(mine.body.reporterName).toBeNull();
      const rated = await h.http().post(`/api/v1/me/requests/${id}/rate`).set(w.headers('worker')).send({ satisfied: true });
      expect(rated.body.rating).toBe('satisfied');
      expect((await h.http().post(`/api/v1/me/requests/${id}/rate`).set(w.headers('worker')).send({ satisfied: false })).status).toBe(409);
      // Another worker cannot see or rate it.
      expect((await h.http().get(`/api/v1/me/requests/${id}`).set(w.headers('worker2'))).status).toBe(404);
    });

    it('assigns only to organisers who manage the union; any other id, existing or not, gets one answer', async () => {
      const assign = (assigneeId: number) => h.http().post(`/api/v1/organiser/requests/${id}/assign`).set(w.headers('organiser')).send({ assigneeId });
      const other = await assign(w.userIds.otherOrganiser);
      const worker = await assign(w.userIds.worker2);
      const missing = await assign(2_000_000_000);
      for (const res of [other, worker, missing]) {
        expect(res.status).toBe(400);
        expect(res.body.error.details.issues[0].path).toBe('assigneeId');
      }
      expect(worker.body.error.message).toBe(missing.body.error.message);
      expect(other.body.error.message).toBe(missing.body.error.message);
      expect(JSON.stringify([other.body, worker.body])).not.toMatch(/龙游组织者|朱超/);
      const ok = await assign(w.userIds.parentOrganiser);
      expect(ok.status).toBe(200);
      expect(ok.body.assigneeName).toBe('上虞组织者');
    });

    it('marks a request overdue after three working days (weekend skipped)', async () => {
      const r = await file('worker2', { category: 'safety', text: '路口没有红绿灯，电动车经常险些相撞', organisationId: w.org.express });
      h.clock.set('2026-12-03T01:59:00Z');
      expect((await h.http().get(`/api/v1/organiser/requests/${r.body.id}`).set(w.headers('organiser'))).body.overdue).toBe(false);
      h.clock.set('2026-12-03T02:01:00Z');
      expect((await h.http().get(`/api/v1/organiser/requests/${r.body.id}`).set(w.headers('organiser'))).body.overdue).toBe(true);
      const overdue = await h.http().get('/api/v1/organiser/requests?overdue=true').set(w.headers('parentOrganiser'));
      expect(overdue.body.items.map((x: { id: number }) => x.id)).toContain(r.body.id);
      h.clock.set('2026-11-30T02:00:00Z');
    });

    it('records in-person requests and counts per organisation and channel', async () => {
      const off = await h
        .http()
        .post('/api/v1/organiser/requests')
        .set(w.headers('organiser'))
        .send({ category: 'training', text: '想参加电工培训，请问什么时候开班', organisationId: w.org.express, reporterName: '胡师傅' });
      expect(off.status).toBe(201);
      expect(off.body).toMatchObject({ channel: 'offline', reporterName: '胡师傅' });
      expect(
        (
          await h
            .http()
            .post('/api/v1/organiser/requests')
            .set(w.headers('otherOrganiser'))
            .send({ category: 'training', text: '一二三四五六', organisationId: w.org.express })
        ).status,
      ).toBe(404);
      const stats = await h.http().get(`/api/v1/organiser/requests/stats?organisationId=${w.org.shangyu}`).set(w.headers('parentOrganiser'));
      const online = stats.body.items.find((i: { channel: string }) => i.channel === 'online');
      const offline = stats.body.items.find((i: { channel: string }) => i.channel === 'offline');
      expect(online).toMatchObject({ organisationId: w.org.express, received: 3, resolved: 1, rated: 1, satisfied: 1 });
      expect(offline).toMatchObject({ received: 1, resolved: 0 });
      expect((await h.http().get('/api/v1/organiser/requests/stats').set(w.headers('worker'))).status).toBe(403);
    });
  });

  describe('membership', () => {
    it('an approved member can join a members-only event; before approval they cannot', async () => {
      const eventId = await publishedEvent(h, w, {
        kind: 'union_joining',
        title: '集中入会仪式',
        eligibility: { genders: [], minAge: null, maxAge: null, occupations: [], membersOnly: true },
      });
      const before = await h.http().post(`/api/v1/events/${eventId}/registrations`).set(w.headers('worker2'));
      expect(before.status).toBe(403);
      const apply = await h
        .http()
        .post('/api/v1/memberships')
        .set(w.headers('worker2'))
        .send({ organisationId: w.org.express, name: '朱超', phone: '13912345678', employer: '美团', occupation: 'food_delivery', ceremonyEventId: eventId });
      expect(apply.status).toBe(201);
      expect(apply.body).toMatchObject({ status: 'pending', phone: '13912345678' });
      expect(
        (
          await h
            .http()
            .post('/api/v1/memberships')
            .set(w.headers('worker2'))
            .send({ organisationId: w.org.express, name: '朱超', phone: '13912345678', employer: '美团', occupation: 'food_delivery' })
        ).status,
      ).toBe(409);
      const list = await h.http().get('/api/v1/organiser/memberships?status=pending').set(w.headers('organiser'));
      expect(list.body.items[0]).toMatchObject({ name: '朱超', phone: '139****5678' });
      expect((await h.http().post(`/api/v1/organiser/memberships/${apply.body.id}/approve`).set(w.headers('otherOrganiser'))).status).toBe(404);
      const ok = await h.http().post(`/api/v1/organiser/memberships/${apply.body.id}/approve`).set(w.headers('organiser'));
      expect(ok.body).toMatchObject({ status: 'approved', memberNo: expect.any(String) });
      expect((await h.http().post(`/api/v1/organiser/memberships/${apply.body.id}/approve`).set(w.headers('organiser'))).status).toBe(409);
      const card = await h.http().get('/api/v1/me/memberships').set(w.headers('worker2'));
      expect(card.body.items[0]).toMatchObject({ status: 'approved', organisationName: '上虞区快递行业工会联合会' });
      const after = await h.http().post(`/api/v1/events/${eventId}/registrations`).set(w.headers('worker2'));
      expect(after.body.status).toBe('confirmed');
    });

    it('a rejection carries its reason, and the person may apply again', async () => {
      const apply = await h
        .http()
        .post('/api/v1/memberships')
        .set(w.headers('worker'))
        .send({ organisationId: w.org.longyou, name: '王泽锋', phone: '13800001111', employer: '滴滴', occupation: 'ride_hailing' });
      const no = await h
        .http()
        .post(`/api/v1/organiser/memberships/${apply.body.id}/reject`)
        .set(w.headers('otherOrganiser'))
        .send({ reason: '请补充工作单位全称' });
      expect(no.body).toMatchObject({ status: 'rejected', rejectReason: '请补充工作单位全称' });
      const again = await h
        .http()
        .post('/api/v1/memberships')
        .set(w.headers('worker'))
        .send({ organisationId: w.org.longyou, name: '王泽锋', phone: '13800001111', employer: '滴滴出行科技有限公司', occupation: 'ride_hailing' });
      expect(again.status).toBe(201);
      expect(again.body.status).toBe('pending');
      expect((await h.http().post(`/api/v1/organiser/memberships/${apply.body.id}/reject`).set(w.headers('otherOrganiser')).send({})).status).toBe(400);
    });
  });

  describe('dashboard', () => {
    const matrix: Record<RoleName, number> = { anonymous: 401, worker: 403, otherOrganiser: 404, parentOrganiser: 200, organiser: 200, admin: 200 };
    it.each(Object.keys(matrix) as RoleName[])('as %s', async (role) => {
      expect((await h.http().get(`/api/v1/organiser/organisations/${w.org.express}/dashboard`).set(w.headers(role))).status).toBe(matrix[role]);
    });

    it('moves with requests, members and events', async () => {
      const d = await h.http().get(`/api/v1/organiser/organisations/${w.org.shangyu}/dashboard`).set(w.headers('parentOrganiser'));
      expect(d.status).toBe(200);
      expect(d.body.requests).toMatchObject({ received30d: 4, resolved30d: 1, open: 3 });
      expect(d.body.members).toMatchObject({ new30d: 1, pending: 0 });
      expect(d.body.events.upcoming).toBeGreaterThanOrEqual(1);
      expect(d.body.visits.perDay).toHaveLength(30);
    });

    it('counts visits on the China-time day they happened, today and at the day boundary', async () => {
      const dash = async () => (await h.http().get(`/api/v1/organiser/organisations/${w.org.shangyu}/dashboard`).set(w.headers('parentOrganiser'))).body.visits;
      const before = await dash();
      expect(before.perDay[29].date).toBe(chinaDate(h.clock.now()));
      const yesterdayStart = new Date(chinaStartOfDay(h.clock.now()).getTime() - 864e5);
      const row = (at: Date, n: number) => ({
        userId: w.userIds.worker,
        stationId: w.station.id,
        checkedInAt: at,
        receivedAt: at,
        offline: false,
        method: 'printed' as const,
        distanceMetres: null,
        clientRequestId: `dash-boundary-${n}`,
      });
      // 00:30 yesterday in China is 16:30 UTC the day before; one minute before it is the day before.
      // Written the way check-ins are (the writer keeps the per-day rollup), one of them arriving late.
      const writer = new VisitWriter(h.ds, 30, () => h.clock.now());
      for (const r of [row(new Date(yesterdayStart.getTime() + 30 * 60e3), 1), row(new Date(yesterdayStart.getTime() - 60e3), 2), row(h.clock.now(), 3)])
        expect(await writer.write(r)).not.toBeNull();
      await writer.settle();
      const after = await dash();
      expect(after.perDay[29].visits - before.perDay[29].visits).toBe(1);
      expect(after.perDay[28].visits - before.perDay[28].visits).toBe(1);
      expect(after.perDay[27].visits - before.perDay[27].visits).toBe(1);
      h.clock.advance(864e5);
      try {
        const next = await dash();
        expect(next.perDay[26].date).toBe(after.perDay[27].date);
        expect(next.perDay[26].visits).toBe(after.perDay[27].visits);
        expect(next.perDay[27].visits).toBe(after.perDay[28].visits);
        expect(next.today).toBe(0);
      } finally {
        h.clock.advance(-864e5);
      }
      expect(after.today).toBe(after.perDay[29].visits);
    });
  });

  it('erasing an account keeps request counts but not the words', async () => {
    const t = await h.signIn('注销者');
    const r = await h
      .http()
      .post('/api/v1/requests')
      .set(bearer(t))
      .send({ category: 'other', text: '我的手机号是13800009999请联系我', organisationId: w.org.express });
    await h.http().delete('/api/v1/me').set(bearer(t));
    const row = await h.ds.getRepository(RequestEntity).findOneByOrFail({ id: r.body.id });
    expect(row.text).not.toContain('13800009999');
  });

  it("erasing an account erases the worker's own replies, and organisers no longer see who it was", async () => {
    const t = await h.signIn('注销回复者');
    const r = await h.http().post('/api/v1/requests').set(bearer(t)).send({ category: 'other', text: '驿站晚上几点关门？', organisationId: w.org.express });
    await h.http().post(`/api/v1/organiser/requests/${r.body.id}/replies`).set(w.headers('organiser')).send({ text: '晚上十点，请问还有什么需要？' });
    const mine = await h.http().post(`/api/v1/me/requests/${r.body.id}/replies`).set(bearer(t)).send({ text: '我住在幸福小区3栋，电话13900001111' });
    expect(mine.status).toBeLessThan(300);
    const userId = (await h.http().get('/api/v1/me').set(bearer(t))).body.id;
    expect((await h.http().delete('/api/v1/me').set(bearer(t))).status).toBe(200);
    const seen = await h.http().get(`/api/v1/organiser/requests/${r.body.id}`).set(w.headers('organiser'));
    const text = JSON.stringify(seen.body);
    expect(text).not.toContain('13900001111');
    expect(text).not.toContain(`工友${userId}`);
    expect(text).not.toContain('注销回复者');
    expect(seen.body.replies.map((x: { text: string }) => x.text)).toEqual(['晚上十点，请问还有什么需要？']);
    expect(seen.body.reporterName).toBe('已注销');
  });
});
