import { createHash } from 'node:crypto';
import { RoleGrantEntity, UploadEntity, UserEntity } from '../src/entities';
import { bearer } from './helpers/events';
import { createHarness, type Harness } from './helpers/harness';
import { STORE } from './helpers/store';
import { JPEG, sendPhoto } from './helpers/uploads';
import { buildWorld, type World } from './helpers/world';

jest.setTimeout(30_000);
const PHONE = '/wxa/business/getuserphonenumber';
const MEDIA = '/wxa/media_check_async';
const PUSH_TOKEN = 'xlxPushToken2026';
const PUBLIC_URL = 'https://xlx.example.org';

/** Signs a push as WeChat does: SHA-1 of the sorted token, timestamp and nonce. */
function signed(token = PUSH_TOKEN, timestamp = '1796019000', nonce = 'n0nce42') {
  const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  return { signature, timestamp, nonce };
}

describe(`WeChat phone button (${STORE})`, () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  let n = 0;
  const wxUser = async () => {
    const res = await h
      .http()
      .post('/api/v1/auth/wechat')
      .send({ code: `good-phone${(n += 1)}` });
    return { token: res.body.token as string, id: res.body.me.id as number };
  };
  const exchange = (token: string | null, code: string) =>
    h
      .http()
      .post('/api/v1/me/phone/wechat')
      .set(token ? bearer(token) : {})
      .send({ code });
  const apply = (token: string, phone: string, organisationId = w.org.express) =>
    h.http().post('/api/v1/memberships').set(bearer(token)).send({ organisationId, name: '王泽锋', phone, employer: '顺丰', occupation: 'courier' });
  const verifiedPhoneOf = async (id: number) => (await h.ds.getRepository(UserEntity).findOneByOrFail({ id })).verifiedPhone;

  it('answers the number WeChat verified; an application sending it is marked verified, still masked to organisers', async () => {
    const u = await wxUser();
    const res = await exchange(u.token, 'phone-13912345678');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ phone: '13912345678' });
    expect(h.wx.callsTo(PHONE).at(-1)!.body).toEqual({ code: 'phone-13912345678' });

    const applied = await apply(u.token, '13912345678');
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ phone: '13912345678', phoneVerified: true });
    const listed = (await h.http().get('/api/v1/organiser/memberships').set(w.headers('organiser'))).body.items.find(
      (m: { id: number }) => m.id === applied.body.id,
    );
    expect(listed).toMatchObject({ phone: '139****5678', phoneVerified: true });
    expect(JSON.stringify(listed)).not.toContain('13912345678');
  });

  it('does not mark a typed number verified, nor one other than WeChat gave', async () => {
    const u = await wxUser();
    expect((await apply(u.token, '13700001111')).body.phoneVerified).toBe(false);
    const v = await wxUser();
    await exchange(v.token, 'phone-13912340000');
    expect((await apply(v.token, '13600002222')).body.phoneVerified).toBe(false);
  });

  it('asks to tap again or type when the code is invalid, and records nothing', async () => {
    const u = await wxUser();
    const res = await exchange(u.token, 'not-a-phone-code');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toContain('直接输入手机号');
    expect(res.body.error.details.issues[0].path).toBe('code');
    expect(await verifiedPhoneOf(u.id)).toBeNull();
  });

  it('refreshes an expired access token once and retries', async () => {
    const u = await wxUser();
    await exchange(u.token, 'phone-13911110000');
    h.wx.expireToken();
    const before = h.wx.callsTo(PHONE).length;
    const res = await exchange(u.token, 'phone-13911112222');
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe('13911112222');
    const calls = h.wx.callsTo(PHONE).slice(before);
    expect(calls).toHaveLength(2);
    expect(calls[0].query.get('access_token')).not.toBe(calls[1].query.get('access_token'));
    expect(calls[1].query.get('access_token')).toBe(h.wx.currentToken());
  });

  it('says to type it when WeChat limits the calls or is down', async () => {
    const u = await wxUser();
    h.wx.failNext(PHONE, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    const limited = await exchange(u.token, 'phone-13922223333');
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toContain('直接输入手机号');
    h.wx.failNext(PHONE, { http: 500 });
    const down = await exchange(u.token, 'phone-13922223333');
    expect(down.status).toBe(502);
    expect(down.body.error.message).toContain('直接输入手机号');
    expect(await verifiedPhoneOf(u.id)).toBeNull();
  });

  it('forgets the verified number when the account is deleted', async () => {
    const u = await wxUser();
    await exchange(u.token, 'phone-13933334444');
    expect(await verifiedPhoneOf(u.id)).toBe('13933334444');
    expect((await h.http().delete('/api/v1/me').set(bearer(u.token))).status).toBeLessThan(300);
    expect(await verifiedPhoneOf(u.id)).toBeNull();
  });

  it('refuses anonymous callers and an empty code', async () => {
    expect((await exchange(null, 'phone-13900000000')).status).toBe(401);
    const bad = await exchange(w.tokens.worker, '');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('code');
  });

  it('answers 404 saying typing works when WeChat is not configured', async () => {
    const bare = await createHarness({ wechatConfigured: false });
    try {
      const token = await bare.signIn('没有微信配置');
      const res = await bare.http().post('/api/v1/me/phone/wechat').set(bearer(token)).send({ code: 'phone-13900000000' });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain('请直接输入手机号');
      expect(bare.wx.callsTo(PHONE)).toHaveLength(0);
    } finally {
      await bare.close();
    }
  });
});

describe(`WeChat media check of photos others see (${STORE})`, () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness({ wechatPushToken: PUSH_TOKEN, publicUrl: PUBLIC_URL });
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  let n = 0;
  const wxUser = async () => {
    const k = (n += 1);
    const res = await h
      .http()
      .post('/api/v1/auth/wechat')
      .send({ code: `good-media${k}` });
    return { token: res.body.token as string, id: res.body.me.id as number, openid: `o-media${k}` };
  };
  const push = (body: unknown, q = signed()) =>
    h.http().post('/api/v1/wechat/push').query(q).set('content-type', 'application/json').send(JSON.stringify(body));
  const verdict = (trace: string, suggest: string) => ({
    ToUserName: 'gh_x',
    FromUserName: 'o-x',
    CreateTime: 1796019000,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'wx-test-app',
    trace_id: trace,
    version: 2,
    result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
    detail: [],
  });
  const uploadRow = (id: string) =>
    h.ds.getRepository(UploadEntity).findOneOrFail({ where: { id }, select: { id: true, checkStatus: true, checkTraceId: true } });
  const fileWithPhoto = async (token: string) => {
    const photoId = (await sendPhoto(h, bearer(token), JPEG)).body.id!;
    const res = await h
      .http()
      .post('/api/v1/requests')
      .set(bearer(token))
      .send({ category: 'other', text: '驿站门口积水', organisationId: w.org.express, photoId });
    expect(res.status).toBe(201);
    return { requestId: res.body.id as number, photoId };
  };
  const asWorker = async (token: string, id: number) => (await h.http().get(`/api/v1/me/requests/${id}`).set(bearer(token))).body;
  const asOrganiser = async (id: number) => (await h.http().get(`/api/v1/organiser/requests/${id}`).set(w.headers('organiser'))).body;
  const image = (url: string) => h.http().get(url);

  it("echoes WeChat's URL check only with a right signature", async () => {
    const ok = await h
      .http()
      .get('/api/v1/wechat/push')
      .query({ ...signed(), echostr: 'echo-123' });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('echo-123');
    const forged = await h
      .http()
      .get('/api/v1/wechat/push')
      .query({ ...signed('someoneElse'), echostr: 'echo-123' });
    expect(forged.status).toBe(403);
    expect(forged.text).not.toContain('echo-123');
  });

  it('refuses a signed push that is not JSON, and ignores verdicts for traces it never asked for', async () => {
    const bad = await h.http().post('/api/v1/wechat/push').query(signed()).set('content-type', 'text/plain').send('<xml>not json</xml>');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('JSON');
    const unknown = await push(verdict('never-asked', 'risky'));
    expect(unknown.status).toBe(200);
    expect(await h.ds.getRepository(UploadEntity).countBy({ checkStatus: 'risky' })).toBe(0);
  });

  it('hides a request photo from organisers until WeChat passes it; the worker sees it marked 审核中', async () => {
    const u = await wxUser();
    const { requestId, photoId } = await fileWithPhoto(u.token);
    const call = h.wx.callsTo(MEDIA).at(-1)!;
    expect(call.body).toMatchObject({ media_type: 2, version: 2, scene: 2, openid: u.openid });
    const mediaUrl = String(call.body.media_url);
    expect(mediaUrl.startsWith(`${PUBLIC_URL}/api/v1/uploads/${photoId}?exp=`)).toBe(true);
    // WeChat can fetch the photo through the link it was given.
    expect((await image(mediaUrl.slice(PUBLIC_URL.length))).status).toBe(200);

    const row = await uploadRow(photoId);
    expect(row.checkStatus).toBe('checking');
    expect(row.checkTraceId).toBeTruthy();
    const mine = await asWorker(u.token, requestId);
    expect(mine.photoCheck).toBe('checking');
    expect(mine.photoUrl).toContain(photoId);
    const theirs = await asOrganiser(requestId);
    expect(theirs).toMatchObject({ photoUrl: null, photoCheck: 'checking' });
    const list = (await h.http().get('/api/v1/organiser/requests').set(w.headers('organiser'))).body.items.find((r: { id: number }) => r.id === requestId);
    expect(list.photoUrl).toBeNull();

    // A forged push changes nothing.
    const forged = await push(verdict(row.checkTraceId!, 'pass'), { ...signed(), signature: 'f'.repeat(40) });
    expect(forged.status).toBe(403);
    expect((await uploadRow(photoId)).checkStatus).toBe('checking');
    expect((await asOrganiser(requestId)).photoUrl).toBeNull();

    const pushed = await push(verdict(row.checkTraceId!, 'pass'));
    expect(pushed.status).toBe(200);
    expect(pushed.text).toBe('success');
    expect((await uploadRow(photoId)).checkStatus).toBe('pass');
    const now = await asOrganiser(requestId);
    expect(now.photoCheck).toBeNull();
    expect((await image(now.photoUrl)).status).toBe(200);
  });

  it('hides a risky photo from everyone and stops serving it, telling the worker', async () => {
    const u = await wxUser();
    const { requestId, photoId } = await fileWithPhoto(u.token);
    const earlierLink = (await asWorker(u.token, requestId)).photoUrl as string;
    expect((await push(verdict((await uploadRow(photoId)).checkTraceId!, 'risky'))).status).toBe(200);
    expect(await asWorker(u.token, requestId)).toMatchObject({ photoUrl: null, photoCheck: 'risky' });
    expect(await asOrganiser(requestId)).toMatchObject({ photoUrl: null, photoCheck: 'risky' });
    const served = await image(earlierLink);
    expect(served.status).toBe(403);
    expect(served.body.error.message).toContain('未通过微信内容安全检查');
  });

  it('keeps a photo hidden when WeChat limits the check call, and asks again later', async () => {
    const u = await wxUser();
    h.wx.failNext(MEDIA, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    const { requestId, photoId } = await fileWithPhoto(u.token);
    expect(await uploadRow(photoId)).toMatchObject({ checkStatus: 'checking', checkTraceId: null });
    expect((await asOrganiser(requestId)).photoUrl).toBeNull();
    // Not yet: the re-check job waits ten minutes after a failure.
    const before = h.wx.callsTo(MEDIA).length;
    await h.app.services.mediaChecks.resendDue();
    expect(h.wx.callsTo(MEDIA).length).toBe(before);
    h.clock.advance(11 * 60 * 1000);
    expect(await h.app.services.mediaChecks.resendDue()).toBeGreaterThanOrEqual(1);
    const trace = (await uploadRow(photoId)).checkTraceId;
    expect(trace).toBeTruthy();
    await push(verdict(trace!, 'pass'));
    expect((await asOrganiser(requestId)).photoUrl).toContain(photoId);
  });

  it('asks again when the push carries an error instead of a verdict, or never comes', async () => {
    const u = await wxUser();
    const { photoId } = await fileWithPhoto(u.token);
    const trace = (await uploadRow(photoId)).checkTraceId!;
    await push({ Event: 'wxa_media_check', trace_id: trace, version: 2, detail: [], errcode: 43104, errmsg: 'this appid does not have permission' });
    expect(await uploadRow(photoId)).toMatchObject({ checkStatus: 'checking', checkTraceId: null });
    h.clock.advance(11 * 60 * 1000);
    await h.app.services.mediaChecks.resendDue();
    const second = (await uploadRow(photoId)).checkTraceId!;
    expect(second).toBeTruthy();
    // No push for a day: asked once more; the photo stays hidden meanwhile.
    h.clock.advance(25 * 3600 * 1000);
    await h.app.services.mediaChecks.resendDue();
    const third = await uploadRow(photoId);
    expect(third.checkStatus).toBe('checking');
    expect(third.checkTraceId).not.toBe(second);
    // A late verdict for an older trace changes nothing.
    await push(verdict(second, 'pass'));
    expect((await uploadRow(photoId)).checkStatus).toBe('checking');
  });

  it('refreshes an expired access token for the check call', async () => {
    const u = await wxUser();
    // WeChat calls the token expired on the check call itself (the text check before it went fine).
    h.wx.failNext(MEDIA, { errcode: 42001, errmsg: 'access_token expired' });
    const before = h.wx.callsTo(MEDIA).length;
    const { photoId } = await fileWithPhoto(u.token);
    const calls = h.wx.callsTo(MEDIA).slice(before);
    expect(calls.length).toBe(2);
    expect((await uploadRow(photoId)).checkTraceId).toBeTruthy();
  });

  it('shows a station photo to workers only once it passes; the organiser sees it marked meanwhile', async () => {
    const o = await wxUser();
    await h.ds.getRepository(RoleGrantEntity).insert({ userId: o.id, organisationId: w.org.express, role: 'organiser' });
    const photoId = (await sendPhoto(h, bearer(o.token), JPEG, { purpose: 'station' })).body.id!;
    const res = await h
      .http()
      .patch(`/api/v1/organiser/stations/${w.station.id}`)
      .set(bearer(o.token))
      .send({ photos: [photoId] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ photoIds: [photoId], photoStates: ['checking'], riskyPhotos: 0 });
    expect(h.wx.callsTo(MEDIA).at(-1)!.body).toMatchObject({ scene: 1, openid: o.openid });
    const pub = async () => (await h.http().get(`/api/v1/stations/${w.station.id}`)).body;
    expect((await pub()).photoIds).toEqual([]);
    const listed = (await h.http().get('/api/v1/stations')).body.items.find((s: { id: number }) => s.id === w.station.id);
    expect(listed.photoIds).toEqual([]);
    await push(verdict((await uploadRow(photoId)).checkTraceId!, 'pass'));
    expect(await pub()).toMatchObject({ photoIds: [photoId], photoStates: ['shown'] });

    // A second photo found risky: gone from workers, counted for the organiser.
    const risky = (await sendPhoto(h, bearer(o.token), JPEG, { purpose: 'station' })).body.id!;
    await h
      .http()
      .patch(`/api/v1/organiser/stations/${w.station.id}`)
      .set(bearer(o.token))
      .send({ photos: [photoId, risky] });
    await push(verdict((await uploadRow(risky)).checkTraceId!, 'risky'));
    expect((await pub()).photoIds).toEqual([photoId]);
    const managed = (await h.http().get(`/api/v1/organiser/stations/${w.station.id}`).set(bearer(o.token))).body;
    expect(managed).toMatchObject({ photoIds: [photoId], riskyPhotos: 1 });
  });

  it('does not check photos of people WeChat cannot check (no openid): shown as before', async () => {
    const before = h.wx.callsTo(MEDIA).length;
    const photoId = (await sendPhoto(h, w.headers('worker'), JPEG)).body.id!;
    const res = await h
      .http()
      .post('/api/v1/requests')
      .set(w.headers('worker'))
      .send({ category: 'other', text: '网页版提交', organisationId: w.org.express, photoId });
    expect(h.wx.callsTo(MEDIA).length).toBe(before);
    expect((await asOrganiser(res.body.id)).photoUrl).toContain(photoId);
  });
});

describe(`without WECHAT_PUSH_TOKEN photos are not checked (${STORE})`, () => {
  it("shows a WeChat user's request photo to organisers at once, and the push endpoint is absent", async () => {
    const h = await createHarness({ publicUrl: PUBLIC_URL });
    try {
      const w = await buildWorld(h);
      const token = (await h.http().post('/api/v1/auth/wechat').send({ code: 'good-nocheck' })).body.token as string;
      const photoId = (await sendPhoto(h, bearer(token), JPEG)).body.id!;
      const res = await h
        .http()
        .post('/api/v1/requests')
        .set(bearer(token))
        .send({ category: 'other', text: '驿站门口积水', organisationId: w.org.express, photoId });
      expect(h.wx.callsTo(MEDIA)).toHaveLength(0);
      const seen = (await h.http().get(`/api/v1/organiser/requests/${res.body.id}`).set(w.headers('organiser'))).body;
      expect(seen).toMatchObject({ photoCheck: null });
      expect(seen.photoUrl).toContain(photoId);
      expect(
        (
          await h
            .http()
            .get('/api/v1/wechat/push')
            .query({ ...signed(), echostr: 'x' })
        ).status,
      ).toBe(404);
    } finally {
      await h.close();
    }
  });
});
