import { MATCH_CONSENT_VERSION } from '@xlx/shared';
import { MatchProfileEntity, RequestEntity, RoleGrantEntity } from '../src/entities';
import { bearer, eventInput } from './helpers/events';
import { createHarness, type Harness } from './helpers/harness';
import { STORE } from './helpers/store';
import { buildWorld, type World } from './helpers/world';

jest.setTimeout(30_000);
const CHECK = '/wxa/msg_sec_check';

describe(`text checked with WeChat before others read it (${STORE})`, () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  let n = 0;
  const wxUser = async () => {
    const k = (n += 1);
    const res = await h
      .http()
      .post('/api/v1/auth/wechat')
      .send({ code: `good-text${k}` });
    return { token: res.body.token as string, id: res.body.me.id as number, openid: `o-text${k}` };
  };
  const file = (token: string, text: string) =>
    h.http().post('/api/v1/requests').set(bearer(token)).send({ category: 'other', text, organisationId: w.org.express });
  const requestsOf = (userId: number) => h.ds.getRepository(RequestEntity).countBy({ userId });

  it('refuses a request WeChat calls risky, naming the field, and records nothing', async () => {
    const u = await wxUser();
    const res = await file(u.token, '这里有违禁内容的诉求文字');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '内容可能含有违规信息，请修改后再提交' });
    expect(res.body.error.details.issues[0]).toMatchObject({ path: 'text', code: 'content_risky' });
    expect(await requestsOf(u.id)).toBe(0);
    const call = h.wx.callsTo(CHECK).at(-1)!;
    expect(call.body).toMatchObject({ version: 2, scene: 3, openid: u.openid, content: '这里有违禁内容的诉求文字' });
  });

  it('accepts text that passes or that WeChat sends to review', async () => {
    const u = await wxUser();
    expect((await file(u.token, '驿站饮水机坏了，请尽快修理')).status).toBe(201);
    expect((await file(u.token, '这条内容待审但不违规')).status).toBe(201);
    expect(await requestsOf(u.id)).toBe(2);
  });

  it('stores nothing and lets nothing through while WeChat cannot answer; the same text goes in once it can', async () => {
    const u = await wxUser();
    h.wx.failNext(CHECK, { errcode: -1, errmsg: 'system error' });
    const down = await file(u.token, '驿站充电桩坏了三天了');
    expect(down.status).toBe(502);
    expect(down.body.error).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: '内容安全检查暂时不可用，您填写的内容没有提交，也没有丢失，请稍后再点一次提交',
    });
    h.wx.failNext(CHECK, { http: 500 });
    expect((await file(u.token, '驿站充电桩坏了三天了')).status).toBe(502);
    expect(await requestsOf(u.id)).toBe(0);
    expect((await file(u.token, '驿站充电桩坏了三天了')).status).toBe(201);
    expect(await requestsOf(u.id)).toBe(1);
  });

  it('accepts unchecked the text of someone WeChat cannot check: no openid (development sign-in) or not a recent mini-program user (61010)', async () => {
    const before = h.wx.callsTo(CHECK).length;
    expect((await file(w.tokens.worker, '来自开发登录的诉求')).status).toBe(201);
    expect(h.wx.callsTo(CHECK).length).toBe(before);
    const u = await wxUser();
    h.wx.failNext(CHECK, { errcode: 61010, errmsg: 'user access expired' });
    expect((await file(u.token, '很久没打开小程序的工友的诉求')).status).toBe(201);
  });

  it('checks replies on both sides and the title and description of events', async () => {
    const u = await wxUser();
    const req = await file(u.token, '驿站微波炉坏了');
    expect(req.status).toBe(201);
    const mine = await h.http().post(`/api/v1/me/requests/${req.body.id}/replies`).set(bearer(u.token)).send({ text: '补充：违禁内容' });
    expect(mine.status).toBe(400);
    expect(mine.body.error.details.issues[0]).toMatchObject({ path: 'text', code: 'content_risky' });
    expect(h.wx.callsTo(CHECK).at(-1)!.body).toMatchObject({ scene: 2, openid: u.openid });
    // An organiser signed in through WeChat: the reply is checked with their own openid.
    const org = await wxUser();
    await h.ds.getRepository(RoleGrantEntity).insert({ userId: org.id, organisationId: w.org.express, role: 'organiser' });
    const reply = await h.http().post(`/api/v1/organiser/requests/${req.body.id}/replies`).set(bearer(org.token)).send({ text: '违禁的回复' });
    expect(reply.status).toBe(400);
    expect((await h.http().get(`/api/v1/me/requests/${req.body.id}`).set(bearer(u.token))).body.replies).toHaveLength(0);
    const event = await h
      .http()
      .post('/api/v1/organiser/events')
      .set(bearer(org.token))
      .send({ ...eventInput(h, w), title: '违禁活动名称' });
    expect(event.status).toBe(400);
    expect(event.body.error.details.issues[0].path).toBe('title');
  });

  it('refuses a risky matchmaking introduction', async () => {
    const u = await wxUser();
    const res = await h
      .http()
      .put('/api/v1/me/match-profile')
      .set(bearer(u.token))
      .send({
        consentVersion: MATCH_CONSENT_VERSION,
        displayName: '小周',
        gender: 'male',
        wantsToMeet: 'female',
        birthYear: 1997,
        occupation: 'courier',
        city: '绍兴',
        intro: '加我看违禁图片',
        photoUrl: null,
        contact: { kind: 'wechat', value: 'zhou_1997a' },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('intro');
    expect(await h.ds.getRepository(MatchProfileEntity).countBy({ userId: u.id })).toBe(0);
    expect(h.wx.callsTo(CHECK).at(-1)!.body).toMatchObject({ scene: 1, openid: u.openid });
  });
});
