import { MATCH_CONSENT_VERSION } from '@xlx/shared';
import { MatchParticipantEntity, MatchPickEntity, MatchProfileEntity, RegistrationEntity } from '../src/entities';
import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, type RoleName, type World } from './helpers/world';
import { bearer, publishedEvent, workers } from './helpers/events';

const HOUR = 3600e3;

describe('matchmaking', () => {
  let h: Harness;
  let w: World;
  let eventId: number;
  /** 小周, 小梁, 小陈, 小林 (the fourth never checks in), 小何 (registered late). */
  let people: Record<'zhou' | 'liang' | 'chen' | 'lin', { token: string; id: number }>;
  const wechatIds = { zhou: 'zhouwen_88', liang: 'liangdan_97', chen: 'chenxy_01', lin: 'linhai_02' };

  const profile = (name: string, gender: 'male' | 'female', contact: string) => ({
    consentVersion: MATCH_CONSENT_VERSION,
    displayName: name,
    gender,
    wantsToMeet: 'any',
    birthYear: 1997,
    occupation: 'food_delivery',
    city: '绍兴',
    intro: '喜欢爬山',
    photoUrl: null,
    contact: { kind: 'wechat', value: contact },
  });
  const board = (who: keyof typeof people) => h.http().get(`/api/v1/events/${eventId}/match/board`).set(bearer(people[who].token));
  const cardOf = async (viewer: keyof typeof people, name: string) =>
    (await board(viewer)).body.cards.find((c: { displayName: string }) => c.displayName === name)?.id as string;
  const pick = (who: keyof typeof people, cardId: string) =>
    h.http().post(`/api/v1/events/${eventId}/match/picks`).set(bearer(people[who].token)).send({ cardId });
  const matches = (who: keyof typeof people) => h.http().get(`/api/v1/events/${eventId}/match/matches`).set(bearer(people[who].token));

  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
    const now = h.clock.now().getTime();
    eventId = await publishedEvent(h, w, {
      kind: 'matchmaking',
      title: '“缘聚新业·爱满未来”青年交友活动',
      capacity: 42,
      startsAt: new Date(now + HOUR).toISOString(),
      endsAt: new Date(now + 5 * HOUR).toISOString(),
      registrationClosesAt: new Date(now + 30 * 60e3).toISOString(),
      cancellationDeadline: null,
    });
    const set = await h
      .http()
      .put(`/api/v1/organiser/events/${eventId}/match-settings`)
      .set(w.headers('organiser'))
      .send({
        picksPerPerson: 2,
        pickOpensAt: new Date(now + 2 * HOUR).toISOString(),
        pickClosesAt: new Date(now + 4 * HOUR).toISOString(),
        revealAtOnce: false,
      });
    expect(set.status).toBe(200);
    const tokens = await workers(h, '交友', 4);
    const names = ['zhou', 'liang', 'chen', 'lin'] as const;
    const genders = { zhou: 'male', liang: 'female', chen: 'female', lin: 'male' } as const;
    const display = { zhou: '小周', liang: '小梁', chen: '小陈', lin: '小林' };
    people = {} as typeof people;
    for (const [i, n] of names.entries()) {
      const t = tokens[i];
      // Registering for a social needs a profile first.
      const early = await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(t));
      expect(early.status).toBe(403);
      expect(early.body.error.message).toContain('交友资料');
      const p = await h
        .http()
        .put('/api/v1/me/match-profile')
        .set(bearer(t))
        .send(profile(display[n], genders[n], wechatIds[n]));
      expect(p.status).toBe(200);
      const reg = await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(t));
      expect(reg.body.status).toBe('confirmed');
      const me = await h.http().get('/api/v1/me').set(bearer(t));
      people[n] = { token: t, id: me.body.id };
      if (n !== 'lin') {
        const scan = await h.http().post(`/api/v1/organiser/events/${eventId}/scan`).set(w.headers('organiser')).send({ code: reg.body.ticket });
        expect(scan.body.result).toBe('ok');
      }
    }
    h.clock.set(new Date(now + 2 * HOUR + 60e3)); // the picking window is open
  });
  afterAll(() => h.close());

  describe('profiles and consent', () => {
    it('refuses a profile without the current consent version or with a bad contact, naming the fields', async () => {
      const [t] = await workers(h, '同意', 1);
      const res = await h
        .http()
        .put('/api/v1/me/match-profile')
        .set(bearer(t))
        .send({ ...profile('甲', 'male', 'x'), consentVersion: 'old', birthYear: 2015 });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['birthYear', 'consentVersion', 'contact.value']);
      expect((await h.http().get('/api/v1/me/match-profile').set(bearer(t))).status).toBe(404);
    });

    it('stores the contact sealed and records the consent', async () => {
      const row = await h.ds.getRepository(MatchProfileEntity).findOneByOrFail({ userId: people.zhou.id });
      expect(row.contactSealed).not.toContain(wechatIds.zhou);
      expect(row.consentVersion).toBe(MATCH_CONSENT_VERSION);
      const mine = await h.http().get('/api/v1/me/match-profile').set(bearer(people.zhou.token));
      expect(mine.body.contact).toEqual({ kind: 'wechat', value: wechatIds.zhou });
    });

    it('publishes the consent text that says what is shared with whom', async () => {
      const res = await h.http().get('/api/v1/matchmaking/consent');
      expect(res.body.version).toBe(MATCH_CONSENT_VERSION);
      expect(res.body.text).toContain('联系方式');
      expect(res.body.text).toContain('组织者');
    });
  });

  describe('the board and picks', () => {
    it('shows checked-in attendees only, as cards without contacts or account ids', async () => {
      const res = await board('zhou');
      expect(res.status).toBe(200);
      expect(res.body.cards.map((c: { displayName: string }) => c.displayName).sort()).toEqual(['小梁', '小陈']);
      const raw = JSON.stringify(res.body);
      for (const id of Object.values(wechatIds)) expect(raw).not.toContain(id);
      for (const card of res.body.cards) expect(card.id).not.toBe(String(people.liang.id));
    });

    it('refuses the board to someone who did not check in', async () => {
      const res = await board('lin');
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('PICK_REFUSED');
      expect(res.body.error.message).toContain('签到');
    });

    it('refuses picking oneself, an absent attendee and an unknown card', async () => {
      // Cards are per-viewer-agnostic pseudonyms; find zhou's own card through another viewer.
      const selfCard = await cardOf('liang', '小周');
      expect((await pick('zhou', selfCard)).body.error.code).toBe('PICK_REFUSED');
      expect((await pick('zhou', 'AAAAAAAAAAAAAAAA')).body.error.code).toBe('PICK_REFUSED');
      expect((await pick('zhou', 'bad')).status).toBe(400);
    });

    it("two who pick each other match and see each other's contact after the close; the third sees nothing", async () => {
      expect((await pick('zhou', await cardOf('zhou', '小梁'))).status).toBe(200);
      expect((await pick('liang', await cardOf('liang', '小周'))).status).toBe(200);
      const liangCard = await cardOf('chen', '小梁');
      const chenPicks = await pick('chen', await cardOf('chen', '小周'));
      expect(chenPicks.body.cards.find((c: { displayName: string }) => c.displayName === '小周').pickedByMe).toBe(true);
      // Nobody learns who picked them: zhou's board does not say chen picked him.
      const zb = await board('zhou');
      expect(zb.body.cards.find((c: { displayName: string }) => c.displayName === '小陈').pickedByMe).toBe(false);
      expect(JSON.stringify(zb.body)).not.toMatch(/picked(?!ByMe)|pickedBy[^M]/);
      // Not revealed before the window closes.
      const before = await matches('zhou');
      expect(before.body).toMatchObject({ revealed: false, items: [], picking: { closed: false } });
      // The page can say when the results come: picking closes at the settings' close.
      expect(before.body.picking.closesAt).toBe(before.body.revealAt);
      h.clock.advance(2 * HOUR);
      const z = await matches('zhou');
      expect(z.body.revealed).toBe(true);
      expect(z.body.picking.closed).toBe(true);
      expect(z.body.items).toHaveLength(1);
      expect(z.body.items[0]).toMatchObject({ card: { displayName: '小梁' }, contact: { kind: 'wechat', value: wechatIds.liang } });
      const l = await matches('liang');
      expect(l.body.items[0].contact.value).toBe(wechatIds.zhou);
      const c = await matches('chen');
      expect(c.body.items).toEqual([]);
      expect(JSON.stringify(c.body)).not.toContain(wechatIds.zhou);
      // The window closed: no more picks, and the board is empty.
      expect((await pick('chen', liangCard)).body.error.message).toMatch(/结束/);
      expect((await board('chen')).body.cards).toEqual([]);
      h.clock.advance(-2 * HOUR);
    });

    it('holds the pick limit, also under concurrent requests', async () => {
      const extra = await workers(h, '限额', 4);
      const regs = [];
      for (const [i, t] of extra.entries()) {
        await h
          .http()
          .put('/api/v1/me/match-profile')
          .set(bearer(t))
          .send(profile(`限额${i}`, 'female', `limit_user${i}`));
        h.clock.advance(-2 * HOUR); // registration is open before the event starts
        regs.push((await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(t))).body);
        h.clock.advance(2 * HOUR);
      }
      for (const r of regs) await h.http().post(`/api/v1/organiser/events/${eventId}/scan`).set(w.headers('organiser')).send({ code: r.ticket });
      const before = (await board('zhou')).body;
      const cards = before.cards.filter((c: { pickedByMe: boolean }) => !c.pickedByMe).map((c: { id: string }) => c.id);
      expect(cards.length).toBeGreaterThanOrEqual(5);
      // 5 simultaneous picks of different people must leave exactly the limit (2) used.
      const replies = await Promise.all(cards.slice(0, 5).map((id: string) => pick('zhou', id)));
      expect(replies.filter((r) => r.status === 200)).toHaveLength(2 - before.picksUsed);
      expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.message.includes('最多选择2位'))).toBe(true);
      expect(await h.ds.getRepository(MatchPickEntity).countBy({ eventId, pickerId: people.zhou.id })).toBe(2);
      expect((await h.ds.getRepository(MatchParticipantEntity).findOneByOrFail({ eventId, userId: people.zhou.id })).picks).toBe(2);
      // Taking one back frees a pick.
      const taken = (await board('zhou')).body.cards.find((c: { pickedByMe: boolean; displayName: string }) => c.pickedByMe && c.displayName !== '小梁');
      const un = await h.http().delete(`/api/v1/events/${eventId}/match/picks/${taken.id}`).set(bearer(people.zhou.token));
      expect(un.body.picksUsed).toBe(1);
    });
  });

  describe('block and report', () => {
    it("a blocked person disappears from the blocker's board and from the blocked person's", async () => {
      const chenCard = await cardOf('liang', '小陈');
      expect((await h.http().post(`/api/v1/events/${eventId}/match/blocks`).set(bearer(people.liang.token)).send({ cardId: chenCard })).status).toBe(200);
      expect(await cardOf('liang', '小陈')).toBeUndefined();
      expect(await cardOf('chen', '小梁')).toBeUndefined();
    });

    it('a report goes to the organisers, who see counts and reports but never picks', async () => {
      const zhouCard = await cardOf('chen', '小周');
      const rep = await h.http().post(`/api/v1/events/${eventId}/match/reports`).set(bearer(people.chen.token)).send({ cardId: zhouCard, reason: '言语不当' });
      expect(rep.status).toBe(200);
      const stats = await h.http().get(`/api/v1/organiser/events/${eventId}/match-stats`).set(w.headers('organiser'));
      expect(stats.status).toBe(200);
      expect(stats.body).toMatchObject({ participants: { male: 1, female: 6 }, reportsOpen: 1 });
      expect(stats.body.picks).toBeGreaterThan(0);
      const reports = await h.http().get(`/api/v1/organiser/events/${eventId}/match-reports`).set(w.headers('organiser'));
      expect(reports.body.items[0]).toMatchObject({ reason: '言语不当', reportedName: '小周', handled: false });
      expect(JSON.stringify(reports.body)).not.toContain('小陈');
    });
  });

  describe('privacy across roles', () => {
    const roles: RoleName[] = ['anonymous', 'worker', 'otherOrganiser', 'parentOrganiser', 'organiser', 'admin'];
    it.each(roles)('as %s, no route reveals picks or a contact that is not a match', async (role) => {
      const headers = w.headers(role);
      const urls = [
        `/api/v1/events/${eventId}/match/board`,
        `/api/v1/events/${eventId}/match/matches`,
        `/api/v1/organiser/events/${eventId}/match-stats`,
        `/api/v1/organiser/events/${eventId}/match-reports`,
        `/api/v1/organiser/events/${eventId}/attendance`,
        `/api/v1/organiser/events/${eventId}`,
        `/api/v1/events/${eventId}`,
        '/api/v1/me/match-profile',
      ];
      for (const url of urls) {
        const res = await h.http().get(url).set(headers);
        const raw = JSON.stringify(res.body);
        for (const id of Object.values(wechatIds)) expect(raw).not.toContain(id);
        expect(raw).not.toMatch(/pickerId|pickedId|contactSealed/);
      }
      const csv = await h.http().get(`/api/v1/organiser/events/${eventId}/attendance.csv`).set(headers);
      for (const id of Object.values(wechatIds)) expect(csv.text ?? '').not.toContain(id);
    });

    it('the organiser routes refuse workers and other organisations', async () => {
      expect((await h.http().get(`/api/v1/organiser/events/${eventId}/match-stats`).set(w.headers('worker'))).status).toBe(403);
      expect((await h.http().get(`/api/v1/organiser/events/${eventId}/match-stats`).set(w.headers('otherOrganiser'))).status).toBe(404);
      expect((await h.http().get(`/api/v1/organiser/events/${eventId}/match-reports`)).status).toBe(401);
    });
  });

  describe('withdrawing consent', () => {
    it('leaves nothing behind: profile, picks both ways, matches', async () => {
      h.clock.advance(2 * HOUR);
      expect((await matches('liang')).body.items).toHaveLength(1);
      const out = await h.http().delete('/api/v1/me/match-profile').set(bearer(people.zhou.token));
      expect(out.status).toBe(200);
      expect(await h.ds.getRepository(MatchProfileEntity).countBy({ userId: people.zhou.id })).toBe(0);
      expect(await h.ds.getRepository(MatchPickEntity).countBy({ pickerId: people.zhou.id })).toBe(0);
      expect(await h.ds.getRepository(MatchPickEntity).countBy({ pickedId: people.zhou.id })).toBe(0);
      expect(await h.ds.getRepository(MatchParticipantEntity).countBy({ userId: people.zhou.id })).toBe(0);
      const l = await matches('liang');
      expect(l.body.items).toEqual([]);
      expect(JSON.stringify(l.body)).not.toContain(wechatIds.zhou);
      expect((await h.http().get('/api/v1/me/match-profile').set(bearer(people.zhou.token))).status).toBe(404);
      // The registration itself stays (attendance counts), with nothing of the profile.
      expect(await h.ds.getRepository(RegistrationEntity).countBy({ eventId, userId: people.zhou.id })).toBe(1);
      h.clock.advance(-2 * HOUR);
    });
  });

  describe('whom the board shows (想认识)', () => {
    it('shows the genders each person wants to meet; a profile from before the question sees the other gender, never its own', async () => {
      const now = h.clock.now().getTime();
      const social = await publishedEvent(h, w, {
        kind: 'matchmaking',
        capacity: 20,
        startsAt: new Date(now + HOUR).toISOString(),
        endsAt: new Date(now + 5 * HOUR).toISOString(),
        registrationClosesAt: new Date(now + 30 * 60e3).toISOString(),
        cancellationDeadline: null,
      });
      await h
        .http()
        .put(`/api/v1/organiser/events/${social}/match-settings`)
        .set(w.headers('organiser'))
        .send({ picksPerPerson: 3, pickOpensAt: new Date(now).toISOString(), pickClosesAt: new Date(now + 4 * HOUR).toISOString(), revealAtOnce: false });
      const [legacy, gay, straightF, open] = await workers(h, '想认识', 4);
      const setups: Array<[string, string, 'male' | 'female', 'male' | 'female' | 'any', string]> = [
        [legacy, '老资料男', 'male', 'female', 'legacy_m1'],
        [gay, '想认识男', 'male', 'male', 'gay_m2'],
        [straightF, '想认识男女', 'female', 'male', 'str_f1'],
        [open, '都可以女', 'female', 'any', 'open_f2'],
      ];
      for (const [t, name, gender, wants, wx] of setups) {
        expect(
          (
            await h
              .http()
              .put('/api/v1/me/match-profile')
              .set(bearer(t))
              .send({ ...profile(name, gender, wx), wantsToMeet: wants })
          ).status,
        ).toBe(200);
        const reg = await h.http().post(`/api/v1/events/${social}/registrations`).set(bearer(t));
        expect((await h.http().post(`/api/v1/organiser/events/${social}/scan`).set(w.headers('organiser')).send({ code: reg.body.ticket })).body.result).toBe(
          'ok',
        );
      }
      // A profile made before the question has no answer.
      const legacyId = (await h.http().get('/api/v1/me').set(bearer(legacy))).body.id;
      await h.ds.getRepository(MatchProfileEntity).update({ userId: legacyId }, { wantsToMeet: null });
      expect((await h.http().get('/api/v1/me/match-profile').set(bearer(legacy))).body.wantsToMeet).toBeNull();
      const names = async (t: string) =>
        ((await h.http().get(`/api/v1/events/${social}/match/board`).set(bearer(t))).body.cards as Array<{ displayName: string }>)
          .map((c) => c.displayName)
          .sort();
      expect(await names(legacy)).toEqual(['想认识男女', '都可以女'].sort());
      expect(await names(gay)).toEqual(['老资料男']);
      expect(await names(straightF)).toEqual(['想认识男', '老资料男'].sort());
      expect(await names(open)).toEqual(['想认识男', '想认识男女', '老资料男'].sort());
      // Picking someone off one's board is refused like an unknown card.
      const femaleCard = (
        (await h.http().get(`/api/v1/events/${social}/match/board`).set(bearer(open))).body.cards as Array<{ id: string; displayName: string }>
      ).find((c) => c.displayName === '想认识男女')!.id;
      expect((await h.http().post(`/api/v1/events/${social}/match/picks`).set(bearer(legacy)).send({ cardId: femaleCard })).status).toBe(200);
      expect((await h.http().post(`/api/v1/events/${social}/match/picks`).set(bearer(gay)).send({ cardId: femaleCard })).body.error.code).toBe('PICK_REFUSED');
    });

    it('asks a new profile whom they want to meet, naming the field', async () => {
      const [t] = await workers(h, '未选', 1);
      const { wantsToMeet: _omitted, ...rest } = profile('未选', 'male', 'nochoice_1') as ReturnType<typeof profile> & { wantsToMeet?: string };
      const res = await h.http().put('/api/v1/me/match-profile').set(bearer(t)).send(rest);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues).toEqual([expect.objectContaining({ path: 'wantsToMeet', message: '请选择想认识的人（男、女或都可以）' })]);
    });
  });
});
