import { MATCH_CONSENT_VERSION } from '@xlx/shared';
import { MatchProfileEntity, RequestEntity } from '../src/entities';
import { bearer } from './helpers/events';
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
    const res = await h.http().post('/api/v1/auth/wechat').send({ code: `good-text${k}` });
    return { token: res.body.token as string, id: res.body.me.id as number, openid: `o-text${k}` };
  };
  const file = (token: string, text: string) => h.http().post('/api/v1/requests').set(bearer(token)).send({ category: 'other', text, organisationId: w.org.express });
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

  it('lets a request through unchecked when WeChat cannot answer, or the person has no openid (H5 only)', async () => {
    const u = await wxUser();
    h.wx.failNext(CHECK, { errcode: -1, errmsg: 'system error' });
    expect((await file(u.token, '违禁词但微信暂时不可用')).status).toBe(201);
    const before = h.wx.callsTo(CHECK).length;
    expect((await file(w.tokens.worker, '违禁词来自网页版')).status).toBe(201);
    expect(h.wx.callsTo(CHECK).length).toBe(before);
  });

  it('refuses a risky matchmaking introduction', async () => {
    const u = await wxUser();
    const res = await h.http().put('/api/v1/me/match-profile').set(bearer(u.token)).send({ consentVersion: MATCH_CONSENT_VERSION, displayName: '小周', gender: 'male', wantsToMeet: 'female', birthYear: 1997, occupation: 'courier', city: '绍兴', intro: '加我看违禁图片', photoUrl: null, contact: { kind: 'wechat', value: 'zhou_1997a' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('intro');
    expect(await h.ds.getRepository(MatchProfileEntity).countBy({ userId: u.id })).toBe(0);
    expect(h.wx.callsTo(CHECK).at(-1)!.body).toMatchObject({ scene: 1, openid: u.openid });
  });
});
