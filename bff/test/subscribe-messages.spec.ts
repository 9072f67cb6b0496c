import { Like } from 'typeorm';
import { MATCH_CONSENT_VERSION } from '@xlx/shared';
import { OutboxEntity, SubscribeGrantEntity } from '../src/entities';
import { MessageSender } from '../src/services/message-sender';
import { ReminderService } from '../src/services/reminder.service';
import { bearer, publishedEvent } from './helpers/events';
import { createHarness, type Harness } from './helpers/harness';
import { STORE } from './helpers/store';
import { TEMPLATES } from './helpers/templates';
import { buildWorld, type World } from './helpers/world';

jest.setTimeout(30_000);

const SEND = '/cgi-bin/message/subscribe/send';
const HOUR = 3600e3;

describe(`subscription messages (${STORE})`, () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness({ subscribeTemplates: TEMPLATES });
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  let serial = 0;
  /** A mini-program user (signed in through code2Session, so WeChat knows their openid). */
  async function wxUser(): Promise<{ token: string; id: number; openid: string }> {
    const n = (serial += 1);
    const res = await h
      .http()
      .post('/api/v1/auth/wechat')
      .send({ code: `good-sub${n}` });
    return { token: res.body.token, id: res.body.me.id, openid: `o-sub${n}` };
  }
  const grant = (token: string, accepted: string[]) => h.http().post('/api/v1/me/subscriptions').set(bearer(token)).send({ accepted });
  const outbox = () => h.ds.getRepository(OutboxEntity);
  const grantsOf = async (userId: number, templateId: string) => (await h.ds.getRepository(SubscribeGrantEntity).findOneBy({ userId, templateId }))?.count ?? 0;

  /** A one-seat event: `first` holds the seat, `second` waits; first cancels, which promotes second. */
  async function promotion(second: { token: string }, title = '快递小哥免费健康体检') {
    const first = await wxUser();
    const eventId = await publishedEvent(h, w, { capacity: 1, title });
    const a = await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(first.token));
    expect(a.body.status).toBe('confirmed');
    const b = await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(second.token));
    expect(b.body.status).toBe('waitlisted');
    expect((await h.http().post(`/api/v1/me/registrations/${a.body.id}/cancel`).set(bearer(first.token))).status).toBe(200);
    return eventId;
  }

  describe('templates and grants', () => {
    it('tells the client which templates to ask for at each moment, at most three', async () => {
      const res = await h.http().get('/api/v1/subscribe/templates');
      expect(res.status).toBe(200);
      expect(res.body.asks).toEqual({
        register: ['TPL-REMIND', 'TPL-PROMOTED', 'TPL-CHANGED'],
        request: ['TPL-REPLY', 'TPL-RESOLVED'],
        membership: ['TPL-MEMBER'],
        social: ['TPL-MATCH'],
      });
    });

    it('counts one grant per accept, ignores ids that are not ours, and refuses bad input', async () => {
      const u = await wxUser();
      expect((await grant(u.token, ['TPL-PROMOTED', 'TPL-REMIND'])).body).toEqual({ recorded: 2 });
      expect((await grant(u.token, ['TPL-PROMOTED', 'somebody-elses'])).body).toEqual({ recorded: 1 });
      expect(await grantsOf(u.id, 'TPL-PROMOTED')).toBe(2);
      expect(await grantsOf(u.id, 'somebody-elses')).toBe(0);
      const tooMany = await grant(u.token, ['TPL-REMIND', 'TPL-PROMOTED', 'TPL-CHANGED', 'TPL-REPLY']);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.details.issues[0].message).toBe('一次最多订阅 3 条消息');
      expect(
        (
          await h
            .http()
            .post('/api/v1/me/subscriptions')
            .send({ accepted: ['TPL-REMIND'] })
        ).status,
      ).toBe(401);
      expect(await grantsOf(u.id, 'TPL-REMIND')).toBe(1);
    });
  });

  describe('sending', () => {
    it("sends a promotion once, with the event's name and the event page, using one grant", async () => {
      const u = await wxUser();
      await grant(u.token, ['TPL-PROMOTED']);
      const eventId = await promotion(u, '新就业形态劳动者免费健康体检暨安全生产知识讲座');
      // Written with the promotion, beside the in-app notice.
      const rows = await outbox().findBy({ userId: u.id });
      expect(rows.map((r) => [r.kind, r.status])).toEqual([['promoted', 'pending']]);
      const notices = await h.http().get('/api/v1/me/notifications').set(bearer(u.token));
      expect(notices.body.items[0].title).toBe('候补成功');

      const before = h.wx.messages.length;
      await h.app.services.messages.drain();
      await h.app.services.messages.drain();
      const sent = h.wx.messages.slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        touser: u.openid,
        template_id: 'TPL-PROMOTED',
        page: `pages/event/index?id=${eventId}`,
        lang: 'zh_CN',
        miniprogram_state: 'formal',
      });
      // thing: 20 characters at most; phrase: 5 Chinese characters; time in China time.
      expect(sent[0].data.thing1.value).toBe('新就业形态劳动者免费健康体检暨安全生产…');
      expect(Array.from(sent[0].data.thing1.value)).toHaveLength(20);
      expect(sent[0].data.phrase3.value).toBe('候补成功');
      expect(sent[0].data.time2.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/);
      expect(await grantsOf(u.id, 'TPL-PROMOTED')).toBe(0);
      expect((await outbox().findOneByOrFail({ userId: u.id })).status).toBe('sent');
    });

    it('sends nothing to a person who gave no grant, and still promotes them', async () => {
      const u = await wxUser();
      const eventId = await promotion(u);
      const before = h.wx.messages.length;
      await h.app.services.messages.drain();
      expect(h.wx.messages.length).toBe(before);
      expect((await outbox().findOneByOrFail({ userId: u.id })).status).toBe('dropped');
      const mine = await h.http().get('/api/v1/me/registrations').set(bearer(u.token));
      expect(mine.body.items.find((r: { eventId: number }) => r.eventId === eventId).status).toBe('confirmed');
    });

    it('drops a row WeChat says has no grant (43101) without retrying', async () => {
      const u = await wxUser();
      await grant(u.token, ['TPL-PROMOTED']);
      await promotion(u);
      h.wx.failNext(SEND, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
      const calls = h.wx.callsTo(SEND).length;
      await h.app.services.messages.drain();
      h.clock.advance(HOUR);
      await h.app.services.messages.drain();
      expect(h.wx.callsTo(SEND).length - calls).toBe(1);
      expect(await outbox().findOneByOrFail({ userId: u.id })).toMatchObject({ status: 'dropped', lastError: expect.stringContaining('43101') });
    });

    it('refreshes an expired access token and sends', async () => {
      const u = await wxUser();
      await grant(u.token, ['TPL-PROMOTED']);
      await h.app.services.messages.drain(); // a token exists
      await promotion(u);
      h.wx.expireToken();
      const before = h.wx.messages.length;
      await h.app.services.messages.drain();
      expect(h.wx.messages.length - before).toBe(1);
      expect((await outbox().findOneByOrFail({ userId: u.id })).status).toBe('sent');
    });

    it('retries a rate-limited send later with the same grant, and gives up after repeated failures', async () => {
      const u = await wxUser();
      await grant(u.token, ['TPL-PROMOTED']);
      await promotion(u);
      h.wx.failNext(SEND, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
      await h.app.services.messages.drain();
      const row = await outbox().findOneByOrFail({ userId: u.id });
      expect(row).toMatchObject({ status: 'pending', attempts: 1, grantUsed: true });
      // Not again before its backoff; then sent, without using a second grant.
      await h.app.services.messages.drain();
      expect((await outbox().findOneByOrFail({ userId: u.id })).attempts).toBe(1);
      h.clock.advance(15_000);
      const before = h.wx.messages.length;
      await h.app.services.messages.drain();
      expect(h.wx.messages.length - before).toBe(1);
      expect((await outbox().findOneByOrFail({ userId: u.id })).status).toBe('sent');

      const v = await wxUser();
      await grant(v.token, ['TPL-PROMOTED']);
      await promotion(v);
      h.wx.failNext(SEND, { http: 503 }, 5);
      for (let i = 0; i < 5; i++) {
        await h.app.services.messages.drain();
        h.clock.advance(HOUR);
      }
      expect(await outbox().findOneByOrFail({ userId: v.id })).toMatchObject({ status: 'dead', attempts: 5 });
      const metrics = (await h.http().get('/metrics')).text;
      expect(metrics).toMatch(/wechat_messages_total\{template="TPL-PROMOTED",outcome="sent"\} \d+/);
      expect(metrics).toMatch(/wechat_messages_total\{template="TPL-PROMOTED",outcome="failed"\} [1-9]/);
      expect(metrics).toMatch(/wechat_messages_total\{template="TPL-PROMOTED",outcome="refused"\} [1-9]/);
      expect(metrics).toMatch(/wechat_outbox_backlog 0/);
    });

    it('two senders never send one row twice', async () => {
      const users = await Promise.all([wxUser(), wxUser(), wxUser()]);
      for (const u of users) {
        await grant(u.token, ['TPL-PROMOTED']);
        await promotion(u);
      }
      const other = new MessageSender(h.ds, (h.app.services.messages as unknown as { wechat: never }).wechat, TEMPLATES, h.clock, {
        miniprogramState: 'formal',
      });
      const before = h.wx.messages.length;
      await Promise.all([h.app.services.messages.drain(), other.drain(), h.app.services.messages.drain(), other.drain()]);
      const got = h.wx.messages
        .slice(before)
        .map((m) => m.touser)
        .sort();
      expect(got).toEqual(users.map((u) => u.openid).sort());
    });

    it('writes a message for an organiser reply, a resolved request, a membership decision and a cancelled event', async () => {
      const u = await wxUser();
      await grant(u.token, ['TPL-REPLY', 'TPL-RESOLVED']);
      await grant(u.token, ['TPL-MEMBER']);
      await grant(u.token, ['TPL-CHANGED']);
      const req = await h
        .http()
        .post('/api/v1/requests')
        .set(bearer(u.token))
        .send({ category: 'other', text: '驿站饮水机坏了，夏天送件没水喝', organisationId: w.org.express });
      expect(req.status).toBe(201);
      await h.http().post(`/api/v1/organiser/requests/${req.body.id}/replies`).set(w.headers('organiser')).send({ text: '已联系维修，明天修好' });
      await h.http().post(`/api/v1/organiser/requests/${req.body.id}/status`).set(w.headers('organiser')).send({ status: 'resolved' });
      const m = await h
        .http()
        .post('/api/v1/memberships')
        .set(bearer(u.token))
        .send({ organisationId: w.org.express, name: '王泽锋', phone: '13800138000', employer: '顺丰', occupation: 'courier' });
      expect((await h.http().post(`/api/v1/organiser/memberships/${m.body.id}/approve`).set(w.headers('organiser'))).status).toBe(200);
      const eventId = await publishedEvent(h, w);
      await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(u.token));
      await h.http().post(`/api/v1/organiser/events/${eventId}/cancel`).set(w.headers('organiser')).send({ reason: '台风预警' });
      const before = h.wx.messages.length;
      await h.app.services.messages.drain();
      const sent = h.wx.messages.slice(before).filter((x) => x.touser === u.openid);
      expect(sent.map((x) => [x.template_id, x.page])).toEqual([
        ['TPL-REPLY', `pages/request/index?id=${req.body.id}`],
        ['TPL-RESOLVED', `pages/request/index?id=${req.body.id}`],
        ['TPL-MEMBER', `pages/membership/index?organisationId=${w.org.express}`],
        ['TPL-CHANGED', `pages/event/index?id=${eventId}`],
      ]);
      expect(sent[1].data.phrase2.value).toBe('已解决');
      expect(sent[2].data.phrase2.value).toBe('已通过');
      expect(sent[3].data.thing3.value).toBe('台风预警');
    });

    it('tells the people registered when an event moves, in the app and by one message each; other edits and drafts tell nobody', async () => {
      const confirmed = await wxUser();
      const waiting = await wxUser();
      await grant(confirmed.token, ['TPL-CHANGED']);
      await grant(waiting.token, ['TPL-CHANGED']);
      const eventId = await publishedEvent(h, w, { capacity: 1, title: '电动车安全骑行讲座' });
      await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(confirmed.token));
      expect((await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(waiting.token))).body.status).toBe('waitlisted');
      const kept = await outbox().count();
      // A new description changes nothing they need to know.
      expect((await h.http().patch(`/api/v1/organiser/events/${eventId}`).set(w.headers('organiser')).send({ description: '请带上身份证' })).status).toBe(200);
      expect(await outbox().count()).toBe(kept);
      const ev = (await h.http().get(`/api/v1/events/${eventId}`).set(bearer(confirmed.token))).body;
      const startsAt = new Date(new Date(ev.startsAt).getTime() + 2 * HOUR).toISOString();
      const endsAt = new Date(new Date(ev.endsAt).getTime() + 2 * HOUR).toISOString();
      const moved = await h.http().patch(`/api/v1/organiser/events/${eventId}`).set(w.headers('organiser')).send({ startsAt, endsAt });
      expect(moved.status).toBe(200);
      const before = h.wx.messages.length;
      await h.app.services.messages.drain();
      const sent = h.wx.messages.slice(before).filter((x) => x.template_id === 'TPL-CHANGED');
      expect(sent.map((x) => x.touser).sort()).toEqual([confirmed.openid, waiting.openid].sort());
      expect(sent.every((x) => x.page === `pages/event/index?id=${eventId}`)).toBe(true);
      const notices = (await h.http().get('/api/v1/me/notifications').set(bearer(waiting.token))).body;
      expect(JSON.stringify(notices)).toContain('活动时间有变');
      // Sent once: draining again sends nothing more.
      const after = h.wx.messages.length;
      await h.app.services.messages.drain();
      expect(h.wx.messages.length).toBe(after);
    });
  });

  describe('matches revealed', () => {
    async function social(revealAtOnce: boolean) {
      const now = h.clock.now().getTime();
      const eventId = await publishedEvent(h, w, {
        kind: 'matchmaking',
        title: '青年职工交友联谊会',
        capacity: 20,
        startsAt: new Date(now + HOUR).toISOString(),
        endsAt: new Date(now + 5 * HOUR).toISOString(),
        registrationClosesAt: new Date(now + 30 * 60e3).toISOString(),
        cancellationDeadline: null,
      });
      await h
        .http()
        .put(`/api/v1/organiser/events/${eventId}/match-settings`)
        .set(w.headers('organiser'))
        .send({ picksPerPerson: 2, pickOpensAt: new Date(now + 2 * HOUR).toISOString(), pickClosesAt: new Date(now + 4 * HOUR).toISOString(), revealAtOnce });
      const pair = [];
      for (const [gender, name] of [
        ['male', '小周'],
        ['female', '小梁'],
      ] as const) {
        const u = await wxUser();
        await grant(u.token, ['TPL-MATCH']);
        await h
          .http()
          .put('/api/v1/me/match-profile')
          .set(bearer(u.token))
          .send({
            consentVersion: MATCH_CONSENT_VERSION,
            displayName: name,
            gender,
            wantsToMeet: 'any',
            birthYear: 1997,
            occupation: 'food_delivery',
            city: '绍兴',
            intro: '喜欢爬山',
            photoUrl: null,
            contact: { kind: 'wechat', value: `wx_${u.id}_abc` },
          });
        const reg = await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(u.token));
        expect((await h.http().post(`/api/v1/organiser/events/${eventId}/scan`).set(w.headers('organiser')).send({ code: reg.body.ticket })).body.result).toBe(
          'ok',
        );
        pair.push(u);
      }
      h.clock.set(new Date(now + 2 * HOUR + 60e3));
      const card = async (viewer: string) => (await h.http().get(`/api/v1/events/${eventId}/match/board`).set(bearer(viewer))).body.cards[0].id as string;
      const pick = async (who: { token: string }) =>
        h
          .http()
          .post(`/api/v1/events/${eventId}/match/picks`)
          .set(bearer(who.token))
          .send({ cardId: await card(who.token) });
      return { eventId, pair, pick, closes: new Date(now + 4 * HOUR) };
    }
    const matchRows = (eventId: number) => outbox().find({ where: { kind: 'match_revealed', dedupeKey: Like(`match:${eventId}:%`) } });

    it('tells both people when picking closes, once each however often the job runs', async () => {
      const s = await social(false);
      await s.pick(s.pair[0]);
      await s.pick(s.pair[1]);
      expect(await matchRows(s.eventId)).toHaveLength(0);
      await h.app.services.matchmaking.enqueueRevealMessages();
      expect(await matchRows(s.eventId)).toHaveLength(0);
      h.clock.set(new Date(s.closes.getTime() + 60e3));
      await Promise.all([h.app.services.matchmaking.enqueueRevealMessages(), h.app.services.matchmaking.enqueueRevealMessages()]);
      await h.app.services.matchmaking.enqueueRevealMessages();
      expect(await matchRows(s.eventId)).toHaveLength(2);
      const before = h.wx.messages.length;
      await h.app.services.messages.drain();
      const sent = h.wx.messages.slice(before);
      expect(sent.map((m) => m.touser).sort()).toEqual(s.pair.map((u) => u.openid).sort());
      expect(sent[0]).toMatchObject({
        template_id: 'TPL-MATCH',
        page: `pages/match/index?eventId=${s.eventId}`,
        data: { thing1: { value: '青年职工交友联谊会' } },
      });
    });

    it('tells both at once when matches are shown at once', async () => {
      const s = await social(true);
      await s.pick(s.pair[0]);
      expect(await matchRows(s.eventId)).toHaveLength(0);
      await s.pick(s.pair[1]);
      expect((await matchRows(s.eventId)).map((r) => r.userId).sort()).toEqual(s.pair.map((u) => u.id).sort());
    });
  });

  describe('reminders', () => {
    it('reminds the evening before at 18:00 China time and two hours before, once each, across midnight and a restart', async () => {
      // The event starts at 09:00 China time (01:00 UTC) on a day after tomorrow.
      const day = new Date(h.clock.now().getTime() + 3 * 24 * HOUR);
      const startsAt = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 1, 0));
      h.clock.set(new Date(startsAt.getTime() - 40 * HOUR));
      const eventId = await publishedEvent(h, w, {
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(),
        registrationClosesAt: new Date(startsAt.getTime() - HOUR).toISOString(),
        cancellationDeadline: null,
        capacity: 10,
      });
      const granted = await wxUser();
      const declined = await wxUser();
      // Two taps, two one-time grants: one per reminder.
      await grant(granted.token, ['TPL-REMIND']);
      await grant(granted.token, ['TPL-REMIND']);
      for (const u of [granted, declined])
        expect((await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(u.token))).body.status).toBe('confirmed');
      const reminders = () => outbox().find({ where: { kind: 'reminder' }, order: { id: 'ASC' } });
      const tick = async (svc = h.app.services.reminders) => {
        await svc.enqueueDue();
        await h.app.services.messages.drain();
      };
      const eve = new Date(startsAt.getTime() - 15 * HOUR); // 18:00 China time the day before
      h.clock.set(new Date(eve.getTime() - 60_000)); // 17:59
      await tick();
      expect(await reminders()).toHaveLength(0);
      h.clock.set(eve);
      const before = h.wx.messages.length;
      await Promise.all([tick(), tick(new ReminderService(h.ds, h.clock, 'TPL-REMIND'))]);
      expect((await reminders()).map((r) => [r.userId, r.dedupeKey])).toEqual([[granted.id, expect.stringMatching(/^rem-eve:/)]]);
      // After midnight, and after a restart (a new service), nothing new until two hours before.
      h.clock.set(new Date(eve.getTime() + 6.5 * HOUR));
      await tick(new ReminderService(h.ds, h.clock, 'TPL-REMIND'));
      expect(await reminders()).toHaveLength(1);
      h.clock.set(new Date(startsAt.getTime() - 2 * HOUR));
      await tick(new ReminderService(h.ds, h.clock, 'TPL-REMIND'));
      await tick();
      expect((await reminders()).map((r) => r.dedupeKey)).toEqual([expect.stringMatching(/^rem-eve:/), expect.stringMatching(/^rem-2h:/)]);
      const sent = h.wx.messages.slice(before).filter((m) => m.template_id === 'TPL-REMIND');
      expect(sent.map((m) => m.touser)).toEqual([granted.openid, granted.openid]);
      expect(sent[0].page).toMatch(/^pages\/ticket\/index\?id=\d+$/);
      expect(sent[1].data.thing4.value).toBe('两小时后开始，请带好电子票');
      expect(await grantsOf(granted.id, 'TPL-REMIND')).toBe(0);
    });

    it('does not remind someone who cancelled after the reminder was written', async () => {
      const day = new Date(h.clock.now().getTime() + 3 * 24 * HOUR);
      const startsAt = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 1, 0));
      h.clock.set(new Date(startsAt.getTime() - 40 * HOUR));
      const eventId = await publishedEvent(h, w, {
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(),
        registrationClosesAt: new Date(startsAt.getTime() - HOUR).toISOString(),
        cancellationDeadline: null,
        capacity: 10,
      });
      const u = await wxUser();
      await grant(u.token, ['TPL-REMIND']);
      const reg = await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(u.token));
      h.clock.set(new Date(startsAt.getTime() - 15 * HOUR));
      await h.app.services.reminders.enqueueDue();
      expect((await h.http().post(`/api/v1/me/registrations/${reg.body.id}/cancel`).set(bearer(u.token))).status).toBe(200);
      const before = h.wx.messages.length;
      await h.app.services.messages.drain();
      expect(h.wx.messages.length).toBe(before);
      expect(await outbox().findOneByOrFail({ dedupeKey: `rem-eve:${reg.body.id}` })).toMatchObject({
        status: 'dropped',
        lastError: 'registration no longer confirmed',
      });
      expect(await grantsOf(u.id, 'TPL-REMIND')).toBe(1);
    });
  });
});
