import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { encodeQr, parseQr, rotationWindow } from '@xlx/shared';
import { signQr } from '../src/adapters/qr-signer';
import { CheckinEntity, StationPresenceEntity } from '../src/entities';
import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, type World } from './helpers/world';

describe('POST /api/v1/checkins', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  const printed = () => signQr(w.station.qrSecret, { kind: 'station', id: w.station.id });
  const rotating = (at = h.clock.now()) => signQr(w.station.qrSecret, { kind: 'station-rotating', id: w.station.id, window: rotationWindow(at) });
  const scan = (body: Record<string, unknown>, role: 'worker' | 'worker2' | 'anonymous' = 'worker') =>
    h
      .http()
      .post('/api/v1/checkins')
      .set(w.headers(role))
      .send({ clientRequestId: randomUUID(), ...body });
  const rows = () => h.ds.getRepository(CheckinEntity).count();
  /** Moves past the dedupe window so that the next scan counts again. */
  const nextVisit = () => h.clock.advance(31 * 60 * 1000);

  it('signs in with the printed code and shows the station', async () => {
    nextVisit();
    const before = await rows();
    const res = await scan({ code: printed() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      duplicate: false,
      message: '签到成功',
      station: { id: w.station.id, name: '恒利工会驿站', amenities: expect.arrayContaining(['water', 'wifi']) },
    });
    expect(JSON.stringify(res.body)).not.toContain(w.station.qrSecret);
    expect(await rows()).toBe(before + 1);
    const visits = await h.http().get('/api/v1/me/visits').set(w.headers('worker'));
    expect(visits.body.items[0]).toMatchObject({ id: res.body.id, stationId: w.station.id, stationName: '恒利工会驿站', offline: false });
  });

  it('answers a repeat scan within the window with the first check-in and its time', async () => {
    nextVisit();
    const first = await scan({ code: printed() });
    h.clock.advance(10 * 60 * 1000);
    const before = await rows();
    const again = await scan({ code: printed() });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, duplicate: true, checkedInAt: first.body.checkedInAt });
    expect(again.body.message).toMatch(/^已于 \d\d:\d\d 签到$/);
    expect(await rows()).toBe(before);
    h.clock.advance(21 * 60 * 1000);
    const later = await scan({ code: printed() });
    expect(later.body.duplicate).toBe(false);
    expect(later.body.id).not.toBe(first.body.id);
  });

  it('returns the same check-in for a retry with the same request id', async () => {
    nextVisit();
    const id = randomUUID();
    const a = await scan({ code: printed(), clientRequestId: id });
    const b = await scan({ code: printed(), clientRequestId: id });
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ id: a.body.id, duplicate: false, message: '签到成功' });
  });

  it('refuses a request id reused at another station with a clear error, and the worker is not blocked there', async () => {
    nextVisit();
    const id = randomUUID();
    const other = () => signQr(w.otherStation.qrSecret, { kind: 'station', id: w.otherStation.id });
    expect((await scan({ code: printed(), clientRequestId: id })).status).toBe(200);
    const before = await rows();
    const reused = await scan({ code: other(), clientRequestId: id });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('请求编号已用于另一驿站') });
    expect(await rows()).toBe(before);
    // A fresh scan there signs in at once: the reuse left no claim behind.
    const fresh = await scan({ code: other() });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ duplicate: false, station: { id: w.otherStation.id } });
    // The retry at the first station still answers with its visit.
    expect((await scan({ code: printed(), clientRequestId: id })).status).toBe(200);
  });

  it('makes one row from 50 simultaneous identical scans (same request id)', async () => {
    nextVisit();
    const before = await rows();
    const body = { code: printed(), clientRequestId: randomUUID() };
    const replies = await Promise.all(Array.from({ length: 50 }, () => h.http().post('/api/v1/checkins').set(w.headers('worker2')).send(body)));
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(await rows()).toBe(before + 1);
  });

  it('makes one row from 50 simultaneous scans with different request ids', async () => {
    nextVisit();
    const before = await rows();
    const code = printed();
    const replies = await Promise.all(Array.from({ length: 50 }, () => scan({ code }, 'worker2')));
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(replies.filter((r) => !r.body.duplicate)).toHaveLength(1);
    expect(await rows()).toBe(before + 1);
    expect(await h.ds.getRepository(StationPresenceEntity).countBy({ userId: w.userIds.worker2, stationId: w.station.id })).toBe(1);
  });

  describe('a claim whose row was never written (the process died between claim and insert)', () => {
    const presence = () => h.ds.getRepository(StationPresenceEntity);
    const key = () => ({ userId: w.userIds.worker, stationId: w.station.id });
    /** What a scan leaves behind when it claims the visit and dies before writing its row. */
    const deadClaim = async (requestId: string, ageMs: number) => {
      nextVisit();
      await scan({ code: printed() }); // makes sure the presence row exists
      nextVisit();
      const at = new Date(h.clock.now().getTime() - ageMs);
      await presence().update(key(), { lastAt: at, lastRequestId: requestId, claimedAt: at });
    };

    it("the claiming scan's retry writes its visit once", async () => {
      const id = randomUUID();
      await deadClaim(id, 0);
      const before = await rows();
      const retry = await scan({ code: printed(), clientRequestId: id });
      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({ duplicate: false, message: '签到成功' });
      const again = await scan({ code: printed(), clientRequestId: id });
      expect(again.body.id).toBe(retry.body.id);
      expect(await rows()).toBe(before + 1);
    });

    it('another scan waits for a fresh claim and records nothing', async () => {
      await deadClaim(randomUUID(), 0);
      const before = await rows();
      const res = await scan({ code: printed() });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain('请稍后');
      expect(await rows()).toBe(before);
    });

    it('another scan takes over a claim left for more than 10 seconds; the lost scan then gets that visit', async () => {
      const lost = randomUUID();
      await deadClaim(lost, 11_000);
      const before = await rows();
      const res = await scan({ code: printed() });
      expect(res.status).toBe(200);
      expect(res.body.duplicate).toBe(false);
      expect((await presence().findOneByOrFail(key())).lastRequestId).not.toBe(lost);
      const late = await scan({ code: printed(), clientRequestId: lost });
      expect(late.body).toMatchObject({ id: res.body.id, duplicate: true });
      expect(await rows()).toBe(before + 1);
    });
  });

  it('a late retry of a recorded offline scan does not move the presence back', async () => {
    nextVisit();
    const id = randomUUID();
    const clientTime = h.clock.now().toISOString();
    const first = await scan({ code: printed(), clientRequestId: id, clientTime });
    h.clock.advance(31 * 60 * 1000);
    const second = await scan({ code: printed() });
    expect(second.body.duplicate).toBe(false);
    const retry = await scan({ code: printed(), clientRequestId: id, clientTime });
    expect(retry.body).toMatchObject({ id: first.body.id, duplicate: false });
    // Still the second visit's window: a scan now is a repeat of it, not a new visit.
    h.clock.advance(60 * 1000);
    const repeat = await scan({ code: printed() });
    expect(repeat.body).toMatchObject({ id: second.body.id, duplicate: true });
  });

  it('takes many first visits at once without a refusal (no deadlock between different people)', async () => {
    nextVisit();
    const riders = await Promise.all(Array.from({ length: 30 }, (_, i) => h.signIn(`首访${i}`)));
    const codes = [w.station, w.otherStation].map((s) => signQr(s.qrSecret, { kind: 'station', id: s.id }));
    const replies = await Promise.all(
      riders.flatMap((t) =>
        codes.map((code) =>
          h
            .http()
            .post('/api/v1/checkins')
            .set({ Authorization: `Bearer ${t}` })
            .send({ code, clientRequestId: randomUUID() }),
        ),
      ),
    );
    expect(replies.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    // Scans arriving together are written together: each still gets its own row, read back whole.
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(60);
    const stored = await h.ds.getRepository(CheckinEntity).findBy({ id: In(replies.map((r) => r.body.id)) });
    expect(stored).toHaveLength(60);
    const byId = new Map(stored.map((c) => [c.id, c]));
    for (const r of replies) {
      const row = byId.get(r.body.id)!;
      expect(r.body).toMatchObject({ duplicate: false, checkedInAt: row.checkedInAt.toISOString(), station: { id: row.stationId } });
    }
  });

  it('accepts the current and the previous rotating code, refuses an older one', async () => {
    nextVisit();
    expect((await scan({ code: rotating() })).body.message).toBe('签到成功');
    nextVisit();
    expect((await scan({ code: rotating(new Date(h.clock.now().getTime() - 30_000)) })).status).toBe(200);
    nextVisit();
    const before = await rows();
    const old = await scan({ code: rotating(new Date(h.clock.now().getTime() - 90_000)) });
    expect(old.status).toBe(410);
    expect(old.body.error.code).toBe('QR_EXPIRED');
    expect(await rows()).toBe(before);
  });

  it('refuses a rotating code two windows old even when the scan claims a time inside its window (a screenshot)', async () => {
    nextVisit();
    const shown = new Date(h.clock.now().getTime() - 2 * 3600 * 1000);
    const before = await rows();
    const replay = await scan({ code: rotating(shown), clientTime: new Date(shown.getTime() + 5_000).toISOString() });
    expect(replay.status).toBe(410);
    expect(replay.body.error.code).toBe('QR_EXPIRED');
    expect(replay.body.error.message).toContain('10分钟');
    expect(await rows()).toBe(before);
  });

  it('accepts a rotating code scanned offline and sent within minutes, dated when it was scanned', async () => {
    nextVisit();
    const shown = new Date(h.clock.now().getTime() - 5 * 60 * 1000);
    const res = await scan({ code: rotating(shown), clientTime: new Date(shown.getTime() + 5_000).toISOString() });
    expect(res.status).toBe(200);
    expect(res.body.checkedInAt).toBe(new Date(shown.getTime() + 5_000).toISOString());
  });

  describe('refusals record nothing', () => {
    const expectRefused = async (res: { status: number; body: { error: { code: string; message: string } } }, status: number, code: string) => {
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    };
    let before: number;
    beforeEach(async () => {
      nextVisit();
      before = await rows();
    });
    afterEach(async () => {
      expect(await rows()).toBe(before);
    });

    it.each([
      ['garbage', 'hello world'],
      ['a URL', 'https://example.org/'],
      ['empty-looking code', 'S1..'],
    ])('unknown code: %s', async (_n, code) => {
      await expectRefused(await scan({ code }), 400, 'QR_INVALID');
    });

    it('forged signature', async () => {
      const p = parseQr(printed())!;
      const forged = encodeQr({ ...p, sig: p.sig.startsWith('A') ? `B${p.sig.slice(1)}` : `A${p.sig.slice(1)}` });
      await expectRefused(await scan({ code: forged }), 400, 'QR_INVALID');
    });

    it('another station id with this station signature', async () => {
      const p = parseQr(printed())!;
      await expectRefused(await scan({ code: encodeQr({ ...p, id: w.otherStation.id }) }), 400, 'QR_INVALID');
    });

    it('a station that does not exist', async () => {
      await expectRefused(await scan({ code: signQr(w.station.qrSecret, { kind: 'station', id: 999999 }) }), 400, 'QR_INVALID');
    });

    it('an event ticket scanned at a station', async () => {
      const res = await scan({ code: signQr('x', { kind: 'ticket', id: 5 }) });
      await expectRefused(res, 400, 'QR_INVALID');
      expect(res.body.error.message).toContain('活动');
    });

    it('not signed in', async () => {
      await expectRefused(await scan({ code: printed() }, 'anonymous'), 401, 'UNAUTHENTICATED');
    });

    it('a missing request id and code, each named', async () => {
      const res = await h.http().post('/api/v1/checkins').set(w.headers('worker')).send({});
      await expectRefused(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['clientRequestId', 'code']);
    });

    it('a client time beyond the offline limit', async () => {
      const res = await scan({ code: printed(), clientTime: new Date(h.clock.now().getTime() - 25 * 3600 * 1000).toISOString() });
      await expectRefused(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details.issues[0].path).toBe('clientTime');
    });

    it('a client time in the future', async () => {
      await expectRefused(await scan({ code: printed(), clientTime: new Date(h.clock.now().getTime() + 3600 * 1000).toISOString() }), 400, 'VALIDATION_FAILED');
    });

    describe('station policies', () => {
      const patch = (body: Record<string, unknown>) => h.http().patch(`/api/v1/organiser/stations/${w.station.id}`).set(w.headers('organiser')).send(body);
      afterEach(async () => {
        const reset = await patch({ active: true, signInPolicy: { printed: true, rotating: true, radiusMetres: null } });
        expect(reset.status).toBe(200);
      });

      it('station paused', async () => {
        await patch({ active: false });
        await expectRefused(await scan({ code: printed() }), 409, 'STATION_INACTIVE');
      });

      it('printed code no longer accepted', async () => {
        await patch({ signInPolicy: { printed: false, rotating: true, radiusMetres: null } });
        await expectRefused(await scan({ code: printed() }), 410, 'QR_EXPIRED');
      });

      it('rotating code not enabled', async () => {
        await patch({ signInPolicy: { printed: true, rotating: false, radiusMetres: null } });
        await expectRefused(await scan({ code: rotating() }), 400, 'QR_INVALID');
      });

      it('location required but not sent', async () => {
        await patch({ signInPolicy: { printed: true, rotating: true, radiusMetres: 200 } });
        await expectRefused(await scan({ code: printed() }), 400, 'LOCATION_REQUIRED');
      });

      it('too far away, with the distance', async () => {
        await patch({ signInPolicy: { printed: true, rotating: true, radiusMetres: 200 } });
        const res = await scan({ code: printed(), location: { latitude: 30.0425, longitude: 120.8689, accuracy: 20 } });
        await expectRefused(res, 403, 'TOO_FAR');
        expect(res.body.error.details).toMatchObject({ radiusMetres: 200, distanceMetres: expect.any(Number) });
        expect(res.body.error.details.distanceMetres).toBeGreaterThan(1000);
        expect(res.body.error.message).toContain('公里');
      });
    });
  });

  it('accepts a scan within the radius', async () => {
    nextVisit();
    await h
      .http()
      .patch(`/api/v1/organiser/stations/${w.station.id}`)
      .set(w.headers('organiser'))
      .send({ signInPolicy: { printed: true, rotating: true, radiusMetres: 200 } });
    const res = await scan({ code: printed(), location: { latitude: 30.033, longitude: 120.869 } });
    await h
      .http()
      .patch(`/api/v1/organiser/stations/${w.station.id}`)
      .set(w.headers('organiser'))
      .send({ signInPolicy: { printed: true, rotating: true, radiusMetres: null } });
    expect(res.status).toBe(200);
    const row = await h.ds.getRepository(CheckinEntity).findOneByOrFail({ id: res.body.id });
    expect(row.distanceMetres).toBeLessThan(200);
  });

  it('keeps the device time of a check-in queued offline, and records both times', async () => {
    nextVisit();
    nextVisit();
    const scannedAt = new Date(h.clock.now().getTime() - 20 * 60 * 1000);
    const res = await scan({ code: printed(), clientTime: scannedAt.toISOString() });
    expect(res.status).toBe(200);
    expect(res.body.checkedInAt).toBe(scannedAt.toISOString());
    const row = await h.ds.getRepository(CheckinEntity).findOneByOrFail({ id: res.body.id });
    expect(row.offline).toBe(true);
    expect(new Date(row.receivedAt).getTime()).toBe(h.clock.now().getTime());
  });

  it('lists my visits newest first with a cursor, and nobody else sees them', async () => {
    const page1 = await h.http().get('/api/v1/me/visits?limit=2').set(w.headers('worker'));
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0].id).toBeGreaterThan(page1.body.items[1].id);
    const page2 = await h.http().get(`/api/v1/me/visits?limit=2&before=${page1.body.nextCursor}`).set(w.headers('worker'));
    expect(page2.body.items[0].id).toBeLessThan(page1.body.items[1].id);
    const other = await h.http().get('/api/v1/me/visits').set(w.headers('organiser'));
    expect(other.body.items).toEqual([]);
    expect((await h.http().get('/api/v1/me/visits')).status).toBe(401);
  });
});
