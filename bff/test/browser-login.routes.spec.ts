import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BrowserLoginEntity, SessionEntity } from '../src/entities';
import { hashToken } from '../src/adapters/crypto';
import { BrowserLoginService } from '../src/services/browser-login.service';
import { createHarness, type Harness } from './helpers/harness';

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

/** 扫码登录 on the store under test: a browser asks, a signed-in person approves, the browser collects once. */
describe('browser sign-in by a scanned code', () => {
  let h: Harness;
  let phone: string;
  let phoneUserId: number;
  const sessions = () => h.ds.getRepository(SessionEntity).count();
  const tickets = () => h.ds.getRepository(BrowserLoginEntity);

  beforeAll(async () => {
    // Waits are held long enough that a wait answering "signed_in" was woken by the approval.
    h = await createHarness({ browserLoginWait: { waitMs: 20_000, recheckMs: 1000 } });
    phone = await h.signIn('扫码人');
    phoneUserId = (await h.http().get('/api/v1/me').set(bearer(phone))).body.id;
  });
  afterAll(() => h.close());

  const newCode = async () => {
    const res = await h.http().post('/api/v1/auth/browser').set('User-Agent', CHROME_WINDOWS);
    expect(res.status).toBe(201);
    return res.body as { id: number; code: string; secret: string; expiresAt: string };
  };
  const wait = (id: number, secret: string) => h.http().post('/api/v1/auth/browser/wait').send({ id, secret });
  const approve = (code: string, token = phone) => h.http().post('/api/v1/auth/browser/approve').set(bearer(token)).send({ code });

  describe('POST /api/v1/auth/browser', () => {
    it('hands out a short code, a secret kept only as its hash, and a two-minute expiry', async () => {
      const c = await newCode();
      expect(c.code).toMatch(/^L1\.[0-9a-z]+\.[A-Za-z0-9_-]{12}$/);
      expect(c.code.length).toBeLessThanOrEqual(32);
      expect(c.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const lifetime = new Date(c.expiresAt).getTime() - h.clock.now().getTime();
      expect(lifetime).toBeGreaterThan(119_000);
      expect(lifetime).toBeLessThanOrEqual(120_000);
      const row = await tickets().findOneByOrFail({ id: c.id });
      expect(row).toMatchObject({ status: 'pending', secretHash: hashToken(c.secret), browser: 'Chrome · Windows' });
      expect(JSON.stringify(row)).not.toContain(c.secret);
      expect(c.code).not.toContain(c.secret);
    });
  });

  describe('the whole journey', () => {
    it('wakes the waiting browser when the phone approves, and signs it in as the approver', async () => {
      const c = await newCode();
      const described = await h.http().post('/api/v1/auth/browser/describe').set(bearer(phone)).send({ code: c.code });
      expect(described.status).toBe(200);
      expect(described.body).toEqual({
        browser: 'Chrome · Windows',
        createdAt: new Date(Date.parse(c.expiresAt) - 120_000).toISOString(),
        expiresAt: c.expiresAt,
      });

      const waiting = wait(c.id, c.secret).then((r) => r);
      const before = await sessions();
      expect((await approve(c.code)).status).toBe(200);
      const res = await waiting;
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('signed_in');
      expect(res.body.session.me.id).toBe(phoneUserId);
      expect(await sessions()).toBe(before + 1);
      const me = await h.http().get('/api/v1/me').set(bearer(res.body.session.token));
      expect(me.body.id).toBe(phoneUserId);
      const row = await tickets().findOneByOrFail({ id: c.id });
      expect(row).toMatchObject({ status: 'collected', userId: phoneUserId });
      const created = await h.ds.getRepository(SessionEntity).findOneByOrFail({ id: row.sessionId! });
      expect(created).toMatchObject({ kind: 'browser', label: 'Chrome · Windows', userId: phoneUserId });

      // Replayed: the same ticket and secret collect nothing more.
      const again = await wait(c.id, c.secret);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/已经用过/);
      expect(await sessions()).toBe(before + 1);
    });

    it('does not give the session to anyone without the secret, even with the code in hand', async () => {
      const c = await newCode();
      const other = await newCode();
      expect((await approve(c.code)).status).toBe(200);
      const before = await sessions();
      const wrong = await wait(c.id, other.secret);
      expect(wrong.status).toBe(404);
      expect(wrong.body.error.message).toMatch(/刷新页面/);
      expect(await sessions()).toBe(before);
      expect((await tickets().findOneByOrFail({ id: c.id })).status).toBe('approved');
      // The browser that asked still gets it.
      expect((await wait(c.id, c.secret)).body.status).toBe('signed_in');
    });

    it('gives one session when the same browser collects twice at once', async () => {
      const c = await newCode();
      await approve(c.code);
      const before = await sessions();
      const replies = await Promise.all([wait(c.id, c.secret), wait(c.id, c.secret), wait(c.id, c.secret)]);
      expect(replies.filter((r) => r.status === 200 && r.body.status === 'signed_in')).toHaveLength(1);
      expect(replies.filter((r) => r.status === 409)).toHaveLength(2);
      expect(await sessions()).toBe(before + 1);
    });
  });

  describe('refusals', () => {
    it('approves a code once when it is approved many times at once', async () => {
      const c = await newCode();
      const replies = await Promise.all(Array.from({ length: 6 }, () => approve(c.code)));
      expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
      for (const r of replies.filter((x) => x.status !== 200)) {
        expect(r.status).toBe(409);
        expect(r.body.error.message).toBe('这个登录码已经确认过了，无需重复确认');
      }
    });

    it('tells the browser it was declined, and refuses approving it afterwards', async () => {
      const c = await newCode();
      const waiting = wait(c.id, c.secret).then((r) => r);
      const declined = await h.http().post('/api/v1/auth/browser/decline').set(bearer(phone)).send({ code: c.code });
      expect(declined.status).toBe(200);
      expect((await waiting).body).toEqual({ status: 'declined' });
      const before = await sessions();
      const late = await approve(c.code);
      expect(late.status).toBe(409);
      expect(late.body.error.message).toMatch(/已取消/);
      expect((await wait(c.id, c.secret)).body).toEqual({ status: 'declined' });
      expect(await sessions()).toBe(before);
    });

    it('refuses an expired code everywhere and creates nothing', async () => {
      const c = await newCode();
      h.clock.advance(121_000);
      const before = await sessions();
      const a = await approve(c.code);
      expect(a.status).toBe(410);
      expect(a.body.error).toMatchObject({ code: 'QR_EXPIRED', message: '登录码已过期，请在电脑上刷新页面后重新扫码' });
      expect((await h.http().post('/api/v1/auth/browser/describe').set(bearer(phone)).send({ code: c.code })).status).toBe(410);
      expect((await wait(c.id, c.secret)).body).toEqual({ status: 'expired' });
      expect((await tickets().findOneByOrFail({ id: c.id })).status).toBe('expired');
      expect(await sessions()).toBe(before);
    });

    it.each([
      ['a station code', 'S1.1.AbCdEf012_-x', 400, 'QR_INVALID'],
      ['text', '你好', 400, 'QR_INVALID'],
      ['a made-up signature', 'L1.1.AbCdEf012_-x', 404, 'NOT_FOUND'],
    ])('refuses %s with a message that says what to scan', async (_n, code, status, errorCode) => {
      const res = await approve(code);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(errorCode);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('needs a signed-in person to describe, approve or decline', async () => {
      const c = await newCode();
      for (const path of ['describe', 'approve', 'decline']) {
        const res = await h.http().post(`/api/v1/auth/browser/${path}`).send({ code: c.code });
        expect(res.status).toBe(401);
      }
      expect((await tickets().findOneByOrFail({ id: c.id })).status).toBe('pending');
    });

    it('does not let a signed-in browser approve another browser', async () => {
      const first = await newCode();
      await approve(first.code);
      const browserToken = (await wait(first.id, first.secret)).body.session.token as string;
      const second = await newCode();
      const res = await approve(second.code, browserToken);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/微信小程序/);
      expect((await tickets().findOneByOrFail({ id: second.id })).status).toBe('pending');
    });

    it('refuses a malformed secret with the field named', async () => {
      const res = await h.http().post('/api/v1/auth/browser/wait').send({ id: 1, secret: 'short' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['secret']);
    });
  });

  describe('waiting', () => {
    const service = (waitMs: number) =>
      new BrowserLoginService(h.ds.getRepository(BrowserLoginEntity), h.app.services.auth, h.clock, { waitMs, recheckMs: 20 });

    it('answers "pending" when nobody decides within the wait', async () => {
      const c = await newCode();
      expect(await service(50).wait(c.id, c.secret)).toEqual({ status: 'pending' });
    });

    it('sees an approval made by another process (another BFF on the same store)', async () => {
      const c = await newCode();
      const here = service(20_000);
      const waiting = here.wait(c.id, c.secret);
      // The app's own service is "the other process": it does not wake `here`, only the store tells it.
      await approve(c.code);
      const r = await waiting;
      expect(r.status).toBe('signed_in');
    });

    it('stops waiting for a browser that went away', async () => {
      const c = await newCode();
      const server = http.createServer(h.app.koa.callback());
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const spy = jest.spyOn(h.app.services.browserLogins, 'wait');
      try {
        const { port } = server.address() as AddressInfo;
        const body = JSON.stringify({ id: c.id, secret: c.secret });
        const req = http.request({
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/api/v1/auth/browser/wait',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        });
        req.on('error', () => undefined);
        req.end(body);
        while (spy.mock.results.length === 0) await new Promise((r) => setTimeout(r, 20));
        req.destroy();
        // Held for 20 s otherwise: it ends at the next re-read instead, without an answer to send.
        await expect(spy.mock.results[0].value).resolves.toEqual({ status: 'pending' });
      } finally {
        spy.mockRestore();
        await new Promise((r) => server.close(r));
      }
    });

    it('lets an open wait go at shutdown', async () => {
      const c = await newCode();
      const s = service(20_000);
      const waiting = s.wait(c.id, c.secret);
      s.stop();
      expect(await waiting).toEqual({ status: 'pending' });
    });
  });

  describe('/api/v1/me/sessions', () => {
    const browserSession = async (token: string) => {
      const c = await newCode();
      await approve(c.code, token);
      return (await wait(c.id, c.secret)).body.session.token as string;
    };

    it('lists my phone and my browsers, marks this one, and shows nobody else’s', async () => {
      const mine = await h.signIn('会话甲');
      const browser = await browserSession(mine);
      const someoneElse = await h.signIn('会话乙');
      await browserSession(someoneElse);
      const res = await h.http().get('/api/v1/me/sessions').set(bearer(mine));
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({ kind: 'browser', label: 'Chrome · Windows', current: false }),
        expect.objectContaining({ kind: 'dev', label: '演示登录', current: true }),
      ]);
      const fromBrowser = await h.http().get('/api/v1/me/sessions').set(bearer(browser));
      expect(fromBrowser.body.items.map((s: { current: boolean }) => s.current)).toEqual([true, false]);
      expect(JSON.stringify(res.body)).not.toMatch(/tokenHash|wechatSessionKey/);
    });

    it('ends a browser from the phone: the browser is signed out at once', async () => {
      const mine = await h.signIn('会话丙');
      const browser = await browserSession(mine);
      const list = (await h.http().get('/api/v1/me/sessions').set(bearer(mine))).body.items;
      const target = list.find((s: { kind: string }) => s.kind === 'browser');
      const res = await h.http().delete(`/api/v1/me/sessions/${target.id}`).set(bearer(mine));
      expect(res.status).toBe(200);
      expect((await h.http().get('/api/v1/me').set(bearer(browser))).status).toBe(401);
      expect((await h.http().get('/api/v1/me').set(bearer(mine))).status).toBe(200);
      const again = await h.http().delete(`/api/v1/me/sessions/${target.id}`).set(bearer(mine));
      expect(again.status).toBe(404);
      expect(again.body.error.message).toMatch(/已退出/);
    });

    it('refuses to end someone else’s session', async () => {
      const mine = await h.signIn('会话丁');
      const theirs = await h.signIn('会话戊');
      const theirId = (await h.http().get('/api/v1/me/sessions').set(bearer(theirs))).body.items[0].id;
      const res = await h.http().delete(`/api/v1/me/sessions/${theirId}`).set(bearer(mine));
      expect(res.status).toBe(404);
      expect((await h.http().get('/api/v1/me').set(bearer(theirs))).status).toBe(200);
    });

    it('ending the current session is signing out', async () => {
      const mine = await h.signIn('会话己');
      const id = (await h.http().get('/api/v1/me/sessions').set(bearer(mine))).body.items[0].id;
      expect((await h.http().delete(`/api/v1/me/sessions/${id}`).set(bearer(mine))).status).toBe(200);
      expect((await h.http().get('/api/v1/me/sessions').set(bearer(mine))).status).toBe(401);
    });
  });
});
