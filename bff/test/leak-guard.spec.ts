import { createHarness, assertNoSecretsLeft } from './helpers/harness';
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
});
