import { parseQr } from '@xlx/shared';
import { WxacodeEntity } from '../src/entities';
import { publishedEvent } from './helpers/events';
import { createHarness, type Harness } from './helpers/harness';
import { STORE } from './helpers/store';
import { buildWorld, STATION_INPUT, type RoleName, type World } from './helpers/world';

jest.setTimeout(30_000);

const CODE = '/wxa/getwxacodeunlimit';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe(`mini-program codes (${STORE})`, () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  const png = (path: string, role: RoleName) =>
    h
      .http()
      .get(path)
      .set(w.headers(role))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  it("gives an organiser the station's code, with the printed payload as scene and the home page, fetched once", async () => {
    const before = h.wx.callsTo(CODE).length;
    const res = await png(`/api/v1/organiser/stations/${w.station.id}/wxacode.png`, 'organiser');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect((res.body as Buffer).subarray(0, 4)).toEqual(PNG);
    const calls = h.wx.callsTo(CODE).slice(before);
    expect(calls).toHaveLength(1);
    const scene = String(calls[0].body.scene);
    expect(scene.length).toBeLessThanOrEqual(32);
    expect(parseQr(scene)).toMatchObject({ kind: 'station', id: w.station.id });
    expect(calls[0].body).toMatchObject({ page: 'pages/index/index', check_path: true, env_version: 'release' });
    // Printed twice, by a parent-union organiser too: one WeChat call.
    const again = await png(`/api/v1/organiser/stations/${w.station.id}/wxacode.png`, 'parentOrganiser');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    expect(h.wx.callsTo(CODE).length - before).toBe(1);
  });

  it.each<[RoleName, number]>([
    ['anonymous', 401],
    ['worker', 403],
    ['otherOrganiser', 404],
  ])('refuses %s (%i) and asks WeChat nothing', async (role, status) => {
    const before = h.wx.log.length;
    const res = await h.http().get(`/api/v1/organiser/stations/${w.station.id}/wxacode.png`).set(w.headers(role));
    expect(res.status).toBe(status);
    expect(h.wx.log.length).toBe(before);
  });

  it("gives the event's current self check-in code, never from the cache of an earlier window", async () => {
    const eventId = await publishedEvent(h, w);
    const res = await png(`/api/v1/organiser/events/${eventId}/wxacode.png`, 'organiser');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const last = h.wx.callsTo(CODE).at(-1)!;
    expect(parseQr(String(last.body.scene))).toMatchObject({ kind: 'event-rotating', id: eventId });
    expect((await h.http().get(`/api/v1/organiser/events/${eventId}/wxacode.png`).set(w.headers('otherOrganiser'))).status).toBe(404);
  });

  it('explains WeChat refusals in Chinese and keeps nothing', async () => {
    const station = await h
      .http()
      .post('/api/v1/organiser/stations')
      .set(w.headers('organiser'))
      .send({ ...STATION_INPUT(w.org.express), name: '新驿站' });
    const url = `/api/v1/organiser/stations/${station.body.id}/wxacode.png`;
    h.wx.failNext(CODE, { errcode: 41030, errmsg: 'invalid page' });
    const page = await h.http().get(url).set(w.headers('organiser'));
    expect(page.status).toBe(409);
    expect(page.body.error.message).toContain('WECHAT_WXACODE_CHECK_PATH');
    h.wx.failNext(CODE, { errcode: 45009 });
    expect((await h.http().get(url).set(w.headers('organiser'))).status).toBe(429);
    h.wx.failNext(CODE, { http: 500 });
    const down = await h.http().get(url).set(w.headers('organiser'));
    expect(down.status).toBe(502);
    expect(down.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(await h.ds.getRepository(WxacodeEntity).countBy({ rotating: false })).toBe(1);
    expect((await png(url, 'organiser')).status).toBe(200);
  });

  it('prints the poster with the mini-program code when asked, and with the link QR by default', async () => {
    const before = h.wx.callsTo(CODE).length;
    const url = `/api/v1/organiser/stations/${w.station.id}/code.svg`;
    const wxa = await png(`${url}?paper=a5&code=wxacode`, 'organiser');
    expect(wxa.status).toBe(200);
    const svg = (wxa.body as Buffer).toString('utf8');
    // The mini-program code's own PNG, embedded where the QR would be; the names and the typed code stay.
    const image = await png(`/api/v1/organiser/stations/${w.station.id}/wxacode.png`, 'organiser');
    expect((image.body as Buffer).subarray(0, 4)).toEqual(PNG);
    expect(svg).toContain(`href="data:image/png;base64,${(image.body as Buffer).toString('base64')}"`);
    expect(svg).toContain(w.station.name);
    expect(svg).toContain('打开微信“扫一扫”扫码签到');
    const plain = ((await png(url, 'organiser')).body as Buffer).toString('utf8');
    expect(plain).not.toContain('data:image/png');
    expect(plain).toContain('或手机相机扫码签到');
    // The printed code's mini-program code was fetched at most once (cached per payload).
    expect(h.wx.callsTo(CODE).length - before).toBeLessThanOrEqual(1);
    const bad = await h.http().get(`${url}?code=round`).set(w.headers('organiser'));
    expect(bad.status).toBe(400);
  });
});

describe(`mini-program codes without WeChat credentials (${STORE})`, () => {
  it('answers 404 with a message saying what to use instead', async () => {
    const h = await createHarness({ wechatConfigured: false });
    try {
      const w = await buildWorld(h);
      const res = await h.http().get(`/api/v1/organiser/stations/${w.station.id}/wxacode.png`).set(w.headers('organiser'));
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain('未配置微信小程序');
      expect(h.wx.log).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});
