import { createHarness, type Harness, WECHAT } from './helpers/harness';
import { SessionEntity, UserEntity } from '../src/entities';
import { hashToken } from '../src/adapters/crypto';
import { SESSION_CACHE_MS } from '../src/services/auth.service';
import { createApp } from '../src/app';
import { HttpWechatClient } from '../src/adapters/wechat';

describe('auth routes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  describe('POST /api/v1/auth/wechat', () => {
    it('signs in with a valid code and never returns the session_key', async () => {
      const res = await h.http().post('/api/v1/auth/wechat').send({ code: 'good-rider1' });
      expect(res.status).toBe(200);
      expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(res.body.me.id).toEqual(expect.any(Number));
      const raw = JSON.stringify(res.body);
      expect(raw).not.toContain('SK-rider1');
      expect(raw).not.toContain('o-rider1');
      expect(raw).not.toContain(WECHAT.secret);
      // The key is kept server-side, on the session, next to the hashed token.
      const session = await h.ds.getRepository(SessionEntity).findOneByOrFail({ tokenHash: hashToken(res.body.token) });
      expect(session.wechatSessionKey).toBe('SK-rider1-secret==');
    });

    it('returns the same account for the same openid', async () => {
      const a = await h.http().post('/api/v1/auth/wechat').send({ code: 'good-same' });
      const b = await h.http().post('/api/v1/auth/wechat').send({ code: 'good-same' });
      expect(a.body.me.id).toBe(b.body.me.id);
      expect(a.body.token).not.toBe(b.body.token);
    });

    it('makes one account when the first sign-in arrives twice at once', async () => {
      const replies = await Promise.all(Array.from({ length: 8 }, () => h.http().post('/api/v1/auth/wechat').send({ code: 'good-race' })));
      expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
      expect(new Set(replies.map((r) => r.body.me.id)).size).toBe(1);
      expect(await h.ds.getRepository(UserEntity).countBy({ openid: 'o-race' })).toBe(1);
    });

    it.each([
      ['invalid', 'WECHAT_CODE_INVALID', 401],
      ['used-code', 'WECHAT_CODE_INVALID', 401],
      ['busy', 'UPSTREAM_UNAVAILABLE', 502],
      ['http-500', 'UPSTREAM_UNAVAILABLE', 502],
      ['too-many', 'RATE_LIMITED', 429],
    ])('maps WeChat answer for %s to %s', async (code, errorCode, status) => {
      const before = await h.ds.getRepository(SessionEntity).count();
      const res = await h.http().post('/api/v1/auth/wechat').send({ code });
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(errorCode);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await h.ds.getRepository(SessionEntity).count()).toBe(before);
    });

    it('answers 502 when WeChat cannot be reached', async () => {
      const pino = (await import('pino')).default;
      const request = (await import('supertest')).default;
      const app = createApp({
        config: { devSignIn: false, sessionTtlMs: 1000, h5Dir: '/none' },
        dataSource: h.ds,
        logger: pino({ level: 'silent' }),
        wechat: new HttpWechatClient({ ...WECHAT, apiBase: 'http://127.0.0.1:9', timeoutMs: 500 }),
        clock: h.clock,
      });
      const res = await request(app.koa.callback()).post('/api/v1/auth/wechat').send({ code: 'good-x' });
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
    });

    it('refuses a missing code with the field named', async () => {
      const res = await h.http().post('/api/v1/auth/wechat').send({});
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['code']);
    });
  });

  describe('POST /api/v1/auth/dev', () => {
    it('signs in by name and creates the account once', async () => {
      const a = await h.http().post('/api/v1/auth/dev').send({ name: '朱超' });
      const b = await h.http().post('/api/v1/auth/dev').send({ name: '朱超' });
      expect(a.status).toBe(200);
      expect(a.body.me.nickname).toBe('朱超');
      expect(b.body.me.id).toBe(a.body.me.id);
    });

    it.each([
      ['NUL', 'a\u0000b'],
      ['a line break', '管理\n员'],
      ['escape', '\u001b[31m'],
      ['C1 control', 'x\u0085y'],
    ])('refuses a name with %s, naming the field, and makes no account', async (_, name) => {
      const before = await h.ds.getRepository(UserEntity).count();
      const res = await h.http().post('/api/v1/auth/dev').send({ name });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0]).toMatchObject({ path: 'name', message: expect.stringContaining('控制字符') });
      expect(await h.ds.getRepository(UserEntity).count()).toBe(before);
    });

    it('takes a literal backslash followed by "ud800" (ordinary text), and refuses a real lone surrogate', async () => {
      const res = await h
        .http()
        .post('/api/v1/auth/dev')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ name: '反斜杠\\ud800' }));
      expect(res.status).toBe(200);
      expect(res.body.me.nickname ?? res.body.me.name ?? JSON.stringify(res.body.me)).toContain('\\ud800');
      const lone = await h.http().post('/api/v1/auth/dev').set('Content-Type', 'application/json').send('{"name":"x\\ud800y"}');
      expect(lone.status).toBe(400);
    });

    it('answers 404 when the dev sign-in is off', async () => {
      const off = await createHarness({ devSignIn: false });
      try {
        const res = await off.http().post('/api/v1/auth/dev').send({ name: '朱超' });
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
        expect(await off.ds.getRepository(UserEntity).count()).toBe(0);
        const opts = await off.http().get('/api/v1/auth/options');
        expect(opts.body).toEqual({ devSignIn: false, wechat: true });
      } finally {
        await off.close();
      }
    });
  });

  describe('tokens', () => {
    it('stores only the hash of the token', async () => {
      const token = await h.signIn('陆军');
      const rows = await h.ds.getRepository(SessionEntity).find();
      expect(rows.some((r) => r.tokenHash === hashToken(token))).toBe(true);
      expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    });

    it('logout revokes the token', async () => {
      const token = await h.signIn('胡兆良');
      expect((await h.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
      const out = await h.http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`);
      expect(out.status).toBe(200);
      expect(out.body).toEqual({ ok: true });
      const after = await h.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('a session revoked through another replica stops working within the session cache time', async () => {
      const token = await h.signIn('陈立');
      const me = () => h.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
      expect((await me()).status).toBe(200);
      // Another BFF process revokes it: only the store knows.
      await h.ds.getRepository(SessionEntity).update({ tokenHash: hashToken(token) }, { revokedAt: h.clock.now() });
      h.clock.advance(SESSION_CACHE_MS + 1);
      try {
        expect((await me()).status).toBe(401);
      } finally {
        h.clock.advance(-(SESSION_CACHE_MS + 1));
      }
    });

    it('deleting the account ends its sessions at once', async () => {
      const token = await h.signIn('韩梅');
      const auth = { Authorization: `Bearer ${token}` };
      expect((await h.http().get('/api/v1/me').set(auth)).status).toBe(200);
      expect((await h.http().delete('/api/v1/me').set(auth)).status).toBe(200);
      expect((await h.http().get('/api/v1/me').set(auth)).status).toBe(401);
    });

    it('logout without a token is 401', async () => {
      const res = await h.http().post('/api/v1/auth/logout');
      expect(res.status).toBe(401);
    });

    it('an expired token is refused, even one this process has just seen', async () => {
      const token = await h.signIn('周文');
      expect((await h.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
      h.clock.advance(31 * 24 * 3600 * 1000);
      try {
        const res = await h.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
        expect(res.status).toBe(401);
      } finally {
        h.clock.advance(-31 * 24 * 3600 * 1000);
      }
    });

    it.each(['Bearer nonsense', 'Bearer ', 'Basic abc', `Bearer ${'x'.repeat(500)}`])('a bad Authorization header (%#) is unauthenticated', async (header) => {
      const res = await h.http().get('/api/v1/me').set('Authorization', header);
      expect(res.status).toBe(401);
      expect(res.body.error.requestId).toEqual(expect.any(String));
    });
  });
});
