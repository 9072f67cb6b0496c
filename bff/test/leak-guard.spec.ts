import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHarness, assertNoSecretsLeft } from './helpers/harness';
import { assertResponseLogClean } from './helpers/leak-guard';
import pino from 'pino';
import { createApp } from '../src/app';
import { HttpWechatClient } from '../src/adapters/wechat';
import { StationEntity } from '../src/entities';
import { buildWorld } from './helpers/world';

describe('the secret-leak guard every route test runs on close', () => {
  it.each([
    ['a station secret', `{"qr":"${'ab'.repeat(32)}"}`],
    ['a WeChat session key', '{"k":"SK-abc-secret=="}'],
    ['a session key next to other text', 'x SK-rider1-secret== y'],
    ['the app secret', 'wx-test-secret-do-not-leak'],
  ])('fails on %s', (_n, body) => {
    expect(() => assertNoSecretsLeft([body])).toThrow(/leaked a secret/);
  });

  it('passes ordinary bodies, including request ids, tickets and tokens that happen to contain "SK-"', () => {
    expect(() => assertNoSecretsLeft(['{"requestId":"0b6f5c1e-2f4a-4c1e-9d53-0f8e1f2c3a4b","ticket":"T1.5.AbCdEf012_-x"}'])).not.toThrow();
    expect(() => assertNoSecretsLeft(['{"token":"fBGRqgUvzpyi4bEoXuWhjwd5Ovk82ZOVQZWcSK-Io3U"}'])).not.toThrow();
  });

  it('sees every response of the app, so a leaking route would be caught', async () => {
    const h = await createHarness();
    try {
      const w = await buildWorld(h);
      const before = h.responses.length;
      await h.http().get(`/api/v1/organiser/stations/${w.station.id}`).set(w.headers('organiser'));
      expect(h.responses.length).toBeGreaterThan(before);
      const secret = (await h.ds.getRepository(StationEntity).findOneByOrFail({ id: w.station.id })).qrSecret;
      expect(h.responses.join('\n')).not.toContain(secret);
    } finally {
      await h.close();
    }
  });

  it('checks the responses a server process records (RESPONSE_LOG), headers included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-leak-'));
    try {
      const clean = path.join(dir, 'clean.jsonl');
      fs.writeFileSync(
        clean,
        `${JSON.stringify({ method: 'GET', path: '/api/v1/me', status: 200, headers: { 'x-request-id': 'abc' }, body: '{"ok":true}' })}\n`,
      );
      expect(assertResponseLogClean(clean)).toBe(1);
      const leaky = path.join(dir, 'leaky.jsonl');
      fs.writeFileSync(leaky, `${JSON.stringify({ method: 'GET', path: '/api/v1/x', status: 200, headers: { 'x-debug': 'cd'.repeat(32) }, body: '{}' })}\n`);
      expect(() => assertResponseLogClean(leaky)).toThrow(/leaked a secret/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the app writes every API response to RESPONSE_LOG, errors included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-leak-'));
    const file = path.join(dir, 'responses.jsonl');
    const h = await createHarness();
    try {
      const app = createApp({
        config: { devSignIn: true, sessionTtlMs: 3600_000, h5Dir: '/nonexistent', rateLimitScale: 0, responseLog: file },
        dataSource: h.ds,
        logger: pino({ level: 'silent' }),
        wechat: new HttpWechatClient({ appId: undefined, secret: undefined, apiBase: 'http://127.0.0.1:9' }),
        clock: h.clock,
      });
      const request = (await import('supertest')).default;
      await request(app.koa.callback()).get('/api/v1/me');
      await request(app.koa.callback()).get('/api/v1/stations');
      const lines = fs
        .readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.path, l.status])).toEqual([
        ['/api/v1/me', 401],
        ['/api/v1/stations', 200],
      ]);
      expect(lines[0].body).toContain('UNAUTHENTICATED');
      expect(assertResponseLogClean(file)).toBe(2);
    } finally {
      await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
