import { randomUUID } from 'node:crypto';
import { signQr } from '../src/adapters/qr-signer';
import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, STATION_INPUT, type RoleName, type World } from './helpers/world';

describe('organiser station routes', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness({ publicUrl: 'https://xlx.example.org' });
    w = await buildWorld(h);
    // Visits to report on: two workers at the express union's station, one at 龙游.
    for (const [role, station] of [
      ['worker', w.station],
      ['worker2', w.station],
      ['worker', w.otherStation],
    ] as const) {
      const res = await h
        .http()
        .post('/api/v1/checkins')
        .set(w.headers(role))
        .send({ code: signQr(station.qrSecret, { kind: 'station', id: station.id }), clientRequestId: randomUUID() });
      expect(res.status).toBe(200);
    }
  });
  afterAll(() => h.close());

  /** Expected status for each role on a route about the express union's station. */
  const matrix: Record<RoleName, number> = { anonymous: 401, worker: 403, otherOrganiser: 404, parentOrganiser: 200, organiser: 200, admin: 200 };
  const roles = Object.keys(matrix) as RoleName[];

  const routes: Array<[string, (role: RoleName) => Promise<{ status: number; body: unknown; text?: string }>]> = [
    ['GET station', (r) => h.http().get(`/api/v1/organiser/stations/${w.station.id}`).set(w.headers(r))],
    [
      'PATCH station',
      (r) =>
        h
          .http()
          .patch(`/api/v1/organiser/stations/${w.station.id}`)
          .set(w.headers(r))
          .send({ description: `edited by ${r}` }),
    ],
    ['GET printed code', (r) => h.http().get(`/api/v1/organiser/stations/${w.station.id}/code`).set(w.headers(r))],
    ['GET printable svg', (r) => h.http().get(`/api/v1/organiser/stations/${w.station.id}/code.svg`).set(w.headers(r))],
    ['GET rotating code', (r) => h.http().get(`/api/v1/organiser/stations/${w.station.id}/rotating-code`).set(w.headers(r))],
    ['GET kiosk links', (r) => h.http().get(`/api/v1/organiser/stations/${w.station.id}/kiosk-links`).set(w.headers(r))],
    ['GET station stats', (r) => h.http().get(`/api/v1/organiser/stations/${w.station.id}/stats`).set(w.headers(r))],
    ['GET station CSV', (r) => h.http().get(`/api/v1/organiser/stations/${w.station.id}/visits.csv`).set(w.headers(r))],
    ['GET org stats', (r) => h.http().get(`/api/v1/organiser/organisations/${w.org.express}/visit-stats`).set(w.headers(r))],
    ['GET org CSV', (r) => h.http().get(`/api/v1/organiser/organisations/${w.org.express}/visits.csv`).set(w.headers(r))],
  ];

  describe.each(routes)('%s', (_name, call) => {
    it.each(roles)('as %s', async (role) => {
      const res = await call(role);
      expect(res.status).toBe(matrix[role]);
      if (res.status === 404) {
        // Another organisation's station looks exactly like one that does not exist.
        expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
        expect(JSON.stringify(res.body)).not.toContain('恒利');
      }
    });
  });

  describe('create', () => {
    it.each(roles)('in the express union as %s', async (role) => {
      const res = await h
        .http()
        .post('/api/v1/organiser/stations')
        .set(w.headers(role))
        .send(STATION_INPUT(w.org.express, { name: `新驿站-${role}` }));
      expect(res.status).toBe(matrix[role] === 200 ? 201 : matrix[role]);
    });

    it('names every failing field', async () => {
      const res = await h
        .http()
        .post('/api/v1/organiser/stations')
        .set(w.headers('organiser'))
        .send({ ...STATION_INPUT(w.org.express), name: '', latitude: 200, amenities: ['spa'], open24h: false, opensAt: '25:00', closesAt: null });
      expect(res.status).toBe(400);
      const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['name', 'latitude', 'amenities.0', 'opensAt']));
    });

    it('refuses a station with no way to sign in', async () => {
      const res = await h
        .http()
        .post('/api/v1/organiser/stations')
        .set(w.headers('organiser'))
        .send(STATION_INPUT(w.org.express, { signInPolicy: { printed: false, rotating: false, radiusMetres: null } }));
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe('signInPolicy');
    });
  });

  it('lists only the stations of my subtree, inactive included', async () => {
    await h.http().patch(`/api/v1/organiser/stations/${w.station.id}`).set(w.headers('organiser')).send({ active: false });
    const mine = await h.http().get('/api/v1/organiser/stations').set(w.headers('organiser'));
    expect(mine.body.items.map((s: { id: number }) => s.id)).toContain(w.station.id);
    expect(mine.body.items.map((s: { id: number }) => s.id)).not.toContain(w.otherStation.id);
    const admin = await h.http().get('/api/v1/organiser/stations').set(w.headers('admin'));
    expect(admin.body.items.map((s: { id: number }) => s.id)).toEqual(expect.arrayContaining([w.station.id, w.otherStation.id]));
    const filtered = await h.http().get(`/api/v1/organiser/stations?organisationId=${w.org.longyou}`).set(w.headers('organiser'));
    expect(filtered.status).toBe(404);
    // Workers no longer find the paused station.
    const publicList = await h.http().get('/api/v1/stations');
    expect(publicList.body.items.map((s: { id: number }) => s.id)).not.toContain(w.station.id);
    await h.http().patch(`/api/v1/organiser/stations/${w.station.id}`).set(w.headers('organiser')).send({ active: true });
  });

  it('counts visits and distinct workers for the station and the subtree', async () => {
    const station = await h.http().get(`/api/v1/organiser/stations/${w.station.id}/stats`).set(w.headers('organiser'));
    expect(station.body.today).toEqual({ visits: 2, workers: 2 });
    expect(station.body.month.visits).toBeGreaterThanOrEqual(2);
    expect(station.body.perDay).toHaveLength(30);
    expect(station.body.perDay[29]).toMatchObject({ visits: 2, workers: 2 });
    expect(station.body.perHour.reduce((n: number, x: { visits: number }) => n + x.visits, 0)).toBe(2);
    expect(station.body.occupations).toEqual(
      expect.arrayContaining([
        { occupation: 'ride_hailing', workers: 1 },
        { occupation: 'unknown', workers: 1 },
      ]),
    );
    const province = await h.http().get(`/api/v1/organiser/organisations/${w.org.zj}/visit-stats`).set(w.headers('admin'));
    expect(province.body.today).toEqual({ visits: 3, workers: 2 });
    const parent = await h.http().get(`/api/v1/organiser/organisations/${w.org.shangyu}/visit-stats`).set(w.headers('parentOrganiser'));
    expect(parent.body.today.visits).toBe(2);
  });

  it('exports visits as CSV with a BOM and no names or contacts', async () => {
    const res = await h
      .http()
      .get(`/api/v1/organiser/stations/${w.station.id}/visits.csv`)
      .set(w.headers('organiser'))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
      });
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const text = res.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('日期,时间,驿站,工友编号,职业,签到方式,离线补签,距离(米)');
    expect(lines).toHaveLength(3);
    expect(text).toContain('网约车司机');
    expect(text).not.toMatch(/王泽锋|朱超/);
  });

  it('refuses a bad date range', async () => {
    const res = await h.http().get(`/api/v1/organiser/stations/${w.station.id}/visits.csv?from=yesterday`).set(w.headers('organiser'));
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('from');
  });

  it('renders a printable SVG with the station name', async () => {
    const res = await h
      .http()
      .get(`/api/v1/organiser/stations/${w.station.id}/code.svg`)
      .set(w.headers('organiser'))
      .buffer(true)
      .parse((r, cb) => {
        let s = '';
        r.on('data', (c: Buffer) => (s += c.toString()));
        r.on('end', () => cb(null, s));
      });
    expect(res.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('恒利工会驿站');
  });

  describe('kiosk links', () => {
    it('are built from PUBLIC_URL, never from the Origin header', async () => {
      const evil = await h
        .http()
        .post(`/api/v1/organiser/stations/${w.station.id}/kiosk-links`)
        .set(w.headers('organiser'))
        .set('Origin', 'https://evil.example');
      expect(evil.body.url).toMatch(/^https:\/\/xlx\.example\.org\/#\/organiser\/pages\/kiosk\/index\?token=/);
      // The mini-program sends no usable Origin ("null").
      const weapp = await h.http().post(`/api/v1/organiser/stations/${w.station.id}/kiosk-links`).set(w.headers('organiser')).set('Origin', 'null');
      expect(weapp.body.url.startsWith('https://xlx.example.org/#/')).toBe(true);
    });

    it('show the rotating code until revoked, and the code signs in', async () => {
      const created = await h.http().post(`/api/v1/organiser/stations/${w.station.id}/kiosk-links`).set(w.headers('organiser'));
      expect(created.status).toBe(201);
      expect(created.body.url).toContain(created.body.token);
      h.clock.advance(31 * 60 * 1000);
      const code = await h.http().get(`/api/v1/kiosk/${created.body.token}`);
      expect(code.status).toBe(200);
      expect(code.body).toMatchObject({ stationName: '恒利工会驿站', rotationSeconds: 30, payload: expect.stringMatching(/^R1\./) });
      const scan = await h.http().post('/api/v1/checkins').set(w.headers('worker')).send({ code: code.body.payload, clientRequestId: randomUUID() });
      expect(scan.status).toBe(200);

      const list = await h.http().get(`/api/v1/organiser/stations/${w.station.id}/kiosk-links`).set(w.headers('organiser'));
      const linkId = list.body.items[0].id;
      expect(JSON.stringify(list.body)).not.toContain(created.body.token);
      expect((await h.http().delete(`/api/v1/organiser/kiosk-links/${linkId}`).set(w.headers('otherOrganiser'))).status).toBe(404);
      expect((await h.http().delete(`/api/v1/organiser/kiosk-links/${linkId}`).set(w.headers('worker'))).status).toBe(403);
      expect((await h.http().delete(`/api/v1/organiser/kiosk-links/${linkId}`).set(w.headers('organiser'))).status).toBe(200);
      const after = await h.http().get(`/api/v1/kiosk/${created.body.token}`);
      expect(after.status).toBe(404);
      expect(after.body.error.message).toContain('收回');
    });

    it('an unknown token is 404', async () => {
      expect((await h.http().get(`/api/v1/kiosk/${'x'.repeat(43)}`)).status).toBe(404);
    });
  });

  it('renewing the secret voids the old printed code', async () => {
    const old = (await h.http().get(`/api/v1/organiser/stations/${w.station.id}/code`).set(w.headers('organiser'))).body.payload;
    expect((await h.http().post(`/api/v1/organiser/stations/${w.station.id}/code/renew`).set(w.headers('organiser'))).status).toBe(200);
    h.clock.advance(31 * 60 * 1000);
    const res = await h.http().post('/api/v1/checkins').set(w.headers('worker')).send({ code: old, clientRequestId: randomUUID() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('QR_INVALID');
  });
});

describe('kiosk links without PUBLIC_URL (development)', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness({ publicUrl: '' });
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  it.each(['https://evil.example', 'null'])('never take the Origin header (%s) as their base', async (origin) => {
    const res = await h.http().post(`/api/v1/organiser/stations/${w.station.id}/kiosk-links`).set(w.headers('organiser')).set('Origin', origin);
    expect(res.status).toBe(201);
    expect(res.body.url).not.toContain('evil.example');
    expect(res.body.url.startsWith('null')).toBe(false);
    expect(res.body.url).toMatch(/^\/#\/organiser\/pages\/kiosk\/index\?token=/);
  });
});
