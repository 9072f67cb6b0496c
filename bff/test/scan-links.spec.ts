import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { linkForPayload } from '@xlx/shared';
import { loadDemoDataIfEmpty } from '../src/db/demo-data';
import { CheckinEntity } from '../src/entities';
import { createHarness, PUBLIC_URL, type Harness } from './helpers/harness';

/**
 * What a person scans with their own phone: the printed poster (A4, A5), the kiosk screen and
 * the event screen hold https links under PUBLIC_URL, read back here with zbar as a phone would;
 * the link opens the H5 app; bad links are refused and record nothing.
 * Needs `zbarimg` (zbar-tools) and `rsvg-convert` (librsvg2-bin).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-scan-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** Decodes every QR code in an image file (PNG, or SVG rendered at print resolution). */
function zbar(image: Buffer, kind: 'svg' | 'png', widthPx = 1240): string[] {
  const file = path.join(tmp, `code-${++n}.${kind}`);
  fs.writeFileSync(file, image);
  let png = file;
  if (kind === 'svg') {
    png = `${file}.png`;
    // A4 at 150 dpi: 1240 px across, what a phone's camera resolves at arm's length or more.
    execFileSync('rsvg-convert', ['-w', String(widthPx), '-b', 'white', '-o', png, file]);
  }
  return execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
}

const text = (res: { body: unknown; text?: string }) => (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : (res.text ?? ''));
const binary = (r: import('supertest').Test) =>
  r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

jest.setTimeout(30_000);

describe('scannable codes of a demo station', () => {
  let h: Harness;
  let organiser: string;
  let worker: string;
  let station: { id: number; name: string };
  const h5Dir = path.join(tmp, 'h5');

  beforeAll(async () => {
    fs.mkdirSync(h5Dir, { recursive: true });
    fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>心连新</title><div id="app"></div>');
    h = await createHarness({ h5Dir, wechatVerifyFile: { name: 'MP_verify_Xlx123.txt', content: 'a1b2c3d4e5' } });
    await loadDemoDataIfEmpty(h.ds);
    organiser = await h.signIn('上虞区总工会');
    worker = await h.signIn('王泽锋');
    const list = await h.http().get('/api/v1/organiser/stations').set('authorization', `Bearer ${organiser}`);
    expect(list.status).toBe(200);
    station =
      list.body.items.find(
        (s: { allowPrinted: boolean; allowRotating: boolean; radiusMetres: number | null }) => s.allowPrinted && s.allowRotating && s.radiusMetres === null,
      ) ?? list.body.items[0];
    // The demo station's screen code must be on for the kiosk part.
    await h
      .http()
      .patch(`/api/v1/organiser/stations/${station.id}`)
      .set('authorization', `Bearer ${organiser}`)
      .send({ allowRotating: true, allowPrinted: true });
  }, 120_000);
  afterAll(() => h.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const checkins = () => h.ds.getRepository(CheckinEntity).countBy({ stationId: station.id });

  it.each([
    ['a4', 1240],
    ['a5', 874],
  ] as const)('prints an %s poster whose code decodes to the https link under PUBLIC_URL, with names and the typed code', async (paper, px) => {
    const code = await h.http().get(`/api/v1/organiser/stations/${station.id}/code`).set(auth(organiser));
    expect(code.body.link).toBe(`${PUBLIC_URL}/q/${code.body.payload}`);
    const svg = await binary(h.http().get(`/api/v1/organiser/stations/${station.id}/code.svg?paper=${paper}`).set(auth(organiser)));
    expect(svg.status).toBe(200);
    const body = (svg.body as Buffer).toString('utf8');
    expect(body).toMatch(paper === 'a4' ? /width="210mm" height="297mm"/ : /width="148mm" height="210mm"/);
    expect(body).toContain(station.name);
    expect(body).toContain(code.body.organisationName);
    expect(code.body.organisationName).toBe('绍兴市上虞区总工会');
    expect(body).toContain(code.body.typedCode);
    expect(body).toContain('扫一扫');
    expect(zbar(svg.body as Buffer, 'svg', px)).toEqual([code.body.link]);
    expect(code.body.link.startsWith(`${PUBLIC_URL}/q/`)).toBe(true);
  });

  it('refuses an unknown paper size', async () => {
    const res = await h.http().get(`/api/v1/organiser/stations/${station.id}/code.svg?paper=a3`).set(auth(organiser));
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0]).toMatchObject({ path: 'paper', message: '纸张只能是 a4 或 a5' });
  });

  it('shows on the kiosk screen a code that decodes to the link of the current rotating code', async () => {
    const kiosk = await h.http().post(`/api/v1/organiser/stations/${station.id}/kiosk-links`).set(auth(organiser));
    const code = await h.http().get(`/api/v1/kiosk/${kiosk.body.token}`);
    expect(code.body.link).toBe(`${PUBLIC_URL}/q/${code.body.payload}`);
    // The kiosk page draws it through the QR image route; the SVG route gives the same link.
    const png = await binary(h.http().get(`/api/v1/qr/${encodeURIComponent(code.body.payload)}.png`));
    expect(zbar(png.body as Buffer, 'png')).toEqual([code.body.link]);
    const svg = await binary(h.http().get(`/api/v1/kiosk/${kiosk.body.token}/code.svg`));
    expect(zbar(svg.body as Buffer, 'svg', 600)).toEqual([code.body.link]);
  });

  it('builds the kiosk link from PUBLIC_URL, whatever Origin or Host the request claims', async () => {
    const res = await h
      .http()
      .post(`/api/v1/organiser/stations/${station.id}/kiosk-links`)
      .set(auth(organiser))
      .set('Origin', 'https://evil.example.com')
      .set('X-Forwarded-Host', 'evil.example.com');
    expect(res.body.url.startsWith(`${PUBLIC_URL}/#/organiser/pages/kiosk/index?token=`)).toBe(true);
  });

  it('keeps tickets bare: only the door scanner reads them', async () => {
    const png = await binary(h.http().get(`/api/v1/qr/${encodeURIComponent('T1.1.AbCdEf012_-x')}.png`));
    expect(zbar(png.body as Buffer, 'png')).toEqual(['T1.1.AbCdEf012_-x']);
  });

  it('serves the H5 app at a code link, and a 404 page for anything else under /q/', async () => {
    const code = await h.http().get(`/api/v1/organiser/stations/${station.id}/code`).set(auth(organiser));
    const before = await checkins();
    const ok = await h.http().get(`/q/${code.body.payload}`);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/text\/html/);
    expect(text(ok)).toContain('<div id="app">');
    for (const bad of ['nonsense', `S9.1.${'x'.repeat(12)}`, 'T1.1.AbCdEf012_-x', `${code.body.payload}/more`, '']) {
      const res = await h.http().get(`/q/${bad}`);
      expect([bad, res.status]).toEqual([bad, 404]);
      expect(text(res)).toContain('<div id="app">'); // the app says what is wrong
    }
    expect(await checkins()).toBe(before);
  });

  it('serves the WeChat verification file at the root and in the link folder, and nothing else by that route', async () => {
    for (const p of ['/MP_verify_Xlx123.txt', '/q/MP_verify_Xlx123.txt']) {
      const res = await h.http().get(p);
      expect([p, res.status, res.text]).toEqual([p, 200, 'a1b2c3d4e5']);
    }
    expect((await h.http().get('/q/MP_verify_Other.txt')).status).toBe(404);
  });

  it('checks in with the typed fallback code; a wrong digit records nothing', async () => {
    const code = await h.http().get(`/api/v1/organiser/stations/${station.id}/code`).set(auth(organiser));
    const typed: string = code.body.typedCode;
    expect(typed).toMatch(new RegExp(`^${station.id}-\\d{6}$`));
    const last = Number(typed.slice(-1));
    const wrong = `${typed.slice(0, -1)}${(last + 1) % 10}`;
    const before = await checkins();
    const refused = await h.http().post('/api/v1/checkins').set(auth(worker)).send({ code: wrong, clientRequestId: randomUUID() });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('QR_INVALID');
    expect(await checkins()).toBe(before);
    const ok = await h.http().post('/api/v1/checkins').set(auth(worker)).send({ code: typed, clientRequestId: randomUUID() });
    expect(ok.status).toBe(200);
    expect(ok.body.message).toBe('签到成功');
    expect(await checkins()).toBe(before + 1);
  });

  it('refuses a tampered link payload and records nothing', async () => {
    const code = await h.http().get(`/api/v1/organiser/stations/${station.id}/code`).set(auth(organiser));
    const payload: string = code.body.payload;
    const tampered = payload.slice(0, -1) + (payload.endsWith('A') ? 'B' : 'A');
    const before = await checkins();
    const res = await h.http().post('/api/v1/checkins').set(auth(worker)).send({ code: tampered, clientRequestId: randomUUID() });
    expect(res.body.error.code).toBe('QR_INVALID');
    // A link is read by the client; the API takes the payload only.
    const asLink = await h
      .http()
      .post('/api/v1/checkins')
      .set(auth(worker))
      .send({ code: linkForPayload('https://evil.example.com', payload), clientRequestId: randomUUID() });
    expect(asLink.body.error.code).toBe('QR_INVALID');
    expect(await checkins()).toBe(before);
  });
});
