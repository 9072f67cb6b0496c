import { Writable } from 'node:stream';
import { createLogger } from '../src/lib/logger';
import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, type World } from './helpers/world';

/** A logger whose lines the test can read. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', stream), text: () => lines.join('') };
}

describe('logs keep no personal data or secrets', () => {
  let h: Harness;
  let w: World;
  const log = capture();
  beforeAll(async () => {
    h = await createHarness({ logger: log.logger });
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  it("a failed query is logged without TypeORM's parameters or the values in the driver's message", async () => {
    const phone = '13800001111';
    const at = h.ds.options.type === 'better-sqlite3' ? '2026-01-01 00:00:00.000' : new Date();
    await h.ds.query('INSERT INTO rate_counter (bucket, count, expiresAt) VALUES (?, 1, ?)', [phone, at]);
    const err = await h.ds.query('INSERT INTO rate_counter (bucket, count, expiresAt) VALUES (?, 1, ?)', [phone, at]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).toContain(phone); // what used to be logged
    log.logger.error({ err }, 'request failed');
    const text = log.text();
    expect(text).toContain('request failed');
    expect(text).toContain('INSERT INTO rate_counter');
    expect(text).not.toContain(phone);
  });

  it('the request log names the route, never the kiosk token or ticket payload in the path', async () => {
    const created = await h.http().post(`/api/v1/organiser/stations/${w.station.id}/kiosk-links`).set(w.headers('organiser'));
    const token = created.body.token as string;
    expect((await h.http().get(`/api/v1/kiosk/${token}`)).status).toBe(200);
    await h.http().get(`/api/v1/no-such-route/${token}`);
    const payload = 'T1.1.AbCdEf012_-xyzAbCdEf012';
    await h.http().get(`/api/v1/qr/${payload}.png`);
    const text = log.text();
    expect(text).toContain('/api/v1/kiosk/:token');
    expect(text).not.toContain(token);
    expect(text).not.toContain(payload);
  });
});
