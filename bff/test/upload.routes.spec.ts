import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import sharp from 'sharp';
import type { AddressInfo } from 'node:net';
import { ErrorBodySchema, LIMITS } from '@xlx/shared';
import { RequestEntity, RoleGrantEntity, StationEntity, UploadEntity } from '../src/entities';
import { qrPng } from '../src/lib/qr-image';
import { RATE_RULES } from '../src/middlewares/rate-limit';
import { createHarness, type Harness } from './helpers/harness';
import { bearer } from './helpers/events';
import { APP1, exifSegment, exifTiff, jpegExif, segment, XMP_LOCATION, xmpPacket } from './helpers/images';
import { JPEG, sendPhoto, WEBP, type Sent } from './helpers/uploads';
import { buildWorld, STATION_INPUT, type RoleName, type World } from './helpers/world';

type Who = RoleName | 'worker2';

describe('photo uploads', () => {
  let h: Harness;
  let w: World;
  let PNG: Buffer;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
    PNG = await qrPng('心连新 照片测试');
  }, 30_000);
  afterAll(() => h.close());

  /** As one of the world's people, or with a token of someone signed in just now. */
  const upload = (who: Who | string, bytes: Buffer, opts: { purpose?: string; filename?: string; contentType?: string } = {}) =>
    sendPhoto(h, who.length > 20 ? bearer(who) : w.headers(who as Who), bytes, opts);
  /** GET an image link: the bytes, or the error body. */
  const image = async (url: string) => {
    const res = await h
      .http()
      .get(url)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const bytes = res.body as Buffer;
    return { status: res.status, headers: res.headers as Record<string, string>, bytes, error: res.status >= 400 ? JSON.parse(bytes.toString('utf8')) : null };
  };
  const uploadCount = () => h.ds.getRepository(UploadEntity).count();
  const file = (who: Who, body: Record<string, unknown>) =>
    h
      .http()
      .post('/api/v1/requests')
      .set(w.headers(who))
      .send({ category: 'station_facilities', text: '驿站的饮水机漏水，地上很滑', organisationId: w.org.express, ...body });

  describe('POST /uploads', () => {
    it.each(['worker', 'organiser', 'admin'] as const)('takes a photo from %s and answers a link that serves it', async (who) => {
      const res = await upload(who, JPEG);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
        url: expect.stringMatching(/^\/api\/v1\/uploads\/[A-Za-z0-9_-]{22}\?exp=\d+&sig=[A-Za-z0-9_-]{22}$/),
        mime: 'image/jpeg',
        size: expect.any(Number),
      });
      const got = await image(res.body.url!);
      expect(got.status).toBe(200);
      expect(got.bytes.length).toBe(res.body.size);
      expect(await sharp(got.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 16, height: 12 });
      expect(got.headers['content-type']).toBe('image/jpeg');
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
      expect(Number(/max-age=(\d+)/.exec(got.headers['cache-control'])![1])).toBeLessThanOrEqual(3600);
    });

    /** The 16×12 test photo with these segments after its start (SOI). */
    const withSegments = (...segments: Buffer[]) => Buffer.concat([JPEG.subarray(0, 2), ...segments, JPEG.subarray(2)]);

    it.each([
      // Orientation 6 (turn 90°) is applied to the pixels: the 16×12 photo is stored 12×16.
      ['Exif GPS and XMP', () => withSegments(exifSegment(exifTiff('MM')), segment(APP1, xmpPacket())), { width: 12, height: 16 }],
      [
        'a second JPEG with GPS appended after the first image (motion and multi-picture photos)',
        () => Buffer.concat([JPEG, withSegments(exifSegment(exifTiff('II')))]),
        { width: 16, height: 12 },
      ],
    ])('keeps no location (%s): only the pixels are stored, encoded again and turned upright', async (_, make, size) => {
      const sent = make();
      const block = exifTiff('MM');
      const blockLe = exifTiff('II');
      const res = await upload('worker', sent);
      expect(res.status).toBe(201);
      const got = await image(res.body.url!);
      expect(got.status).toBe(200);
      for (const location of [block.latitude, block.longitude, blockLe.latitude, blockLe.longitude, Buffer.from(XMP_LOCATION)]) {
        expect(got.bytes.includes(location)).toBe(false);
      }
      expect(sent.includes(block.latitude) || sent.includes(blockLe.latitude)).toBe(true);
      // No Exif at all: no GPS pointer in IFD0, the Exif sub-IFD or IFD1; no XMP; one image.
      expect(jpegExif(got.bytes)).toBeNull();
      expect(got.bytes.includes(Buffer.from('http://ns.adobe.com/xap/'))).toBe(false);
      expect(got.bytes.indexOf(Buffer.from([0xff, 0xd8]), 2)).toBe(-1);
      const meta = await sharp(got.bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta).toMatchObject(size);
      // What the answer and the row say is of the bytes kept.
      expect(res.body.size).toBe(got.bytes.length);
      const row = await h.ds.getRepository(UploadEntity).findOneOrFail({ where: { id: res.body.id }, select: { id: true, size: true, sha256: true } });
      expect(row).toMatchObject({ size: got.bytes.length, sha256: createHash('sha256').update(got.bytes).digest('hex') });
    });

    it('caps the long side at 2048 pixels', async () => {
      const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 10, g: 20, b: 30 } } })
        .jpeg()
        .toBuffer();
      const res = await upload('worker', big);
      expect(res.status).toBe(201);
      expect(await sharp((await image(res.body.url!)).bytes).metadata()).toMatchObject({ width: 2048, height: 1536 });
    });

    it('refuses bytes that only look like a photo', async () => {
      const fake = Buffer.concat([JPEG.subarray(0, 20), Buffer.alloc(4000, 7)]);
      const res = await upload('worker', fake);
      expect(res.status).toBe(415);
      expect(res.body.error!.message).toContain('照片无法读取');
    });

    it('decides the type by the first bytes, not by the name or declared type', async () => {
      const png = await upload('worker', PNG, { filename: 'photo.jpg', contentType: 'image/jpeg' });
      expect(png.body.mime).toBe('image/png');
      expect((await image(png.body.url!)).headers['content-type']).toBe('image/png');
      const webp = await upload('worker', WEBP, { filename: 'a.png', contentType: 'image/png' });
      expect(webp.body.mime).toBe('image/webp');

      const before = await uploadCount();
      const lies = [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        Buffer.from('<html><body>not a photo</body></html>'),
        Buffer.concat([Buffer.from('GIF89a'), randomBytes(100)]),
        randomBytes(2000),
      ];
      for (const bytes of lies) {
        const res = await upload('worker', bytes, { filename: 'photo.jpg', contentType: 'image/jpeg' });
        expect(res.status).toBe(415);
        expect(ErrorBodySchema.parse(res.body).error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('JPG、PNG 或 WebP') });
      }
      expect(await uploadCount()).toBe(before);
    });

    it('refuses what is not one photo of at most 3 MB, saying what to do, and keeps nothing', async () => {
      const before = await uploadCount();
      const tooBig = await upload('worker', Buffer.concat([JPEG, Buffer.alloc(LIMITS.uploadBytesMax - JPEG.length + 1)]));
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/超过 3 MB.*请换一张/) });
      const exactly = await upload('worker', Buffer.concat([JPEG, Buffer.alloc(LIMITS.uploadBytesMax - JPEG.length)]));
      expect(exactly.status).toBe(201);
      await h.ds.getRepository(UploadEntity).delete({ id: exactly.body.id });

      const noFile = await h.http().post('/api/v1/uploads?purpose=request').set(w.headers('worker')).field('note', '没有照片');
      expect(noFile.status).toBe(400);
      expect(noFile.body.error.message).toContain('没有收到照片');
      const empty = await upload('worker', Buffer.alloc(0));
      expect(empty.status).toBe(400);
      const json = await h.http().post('/api/v1/uploads?purpose=request').set(w.headers('worker')).send({ photo: 'data:image/jpeg;base64,/9j/' });
      expect(json.status).toBe(400);
      expect(json.body.error.message).toContain('multipart/form-data');
      const two = await h.http().post('/api/v1/uploads?purpose=request').set(w.headers('worker')).attach('a', JPEG, 'a.jpg').attach('b', PNG, 'b.png');
      expect(two.status).toBe(400);
      expect(two.body.error.message).toContain('一次只能上传一张');
      const broken = await h
        .http()
        .post('/api/v1/uploads?purpose=request')
        .set(w.headers('worker'))
        .set('Content-Type', 'multipart/form-data; boundary=xyz')
        .send('--xyz\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n\xff\xd8\xff');
      expect(broken.status).toBe(400);

      expect((await upload('anonymous', JPEG)).status).toBe(401);
      expect((await upload('worker', JPEG, { purpose: 'avatar' })).status).toBe(400);
      const station = await upload('worker', JPEG, { purpose: 'station' });
      expect(station.status).toBe(403);
      expect(station.body.error!.message).toContain('工会组织者');
      expect(await uploadCount()).toBe(before);
    });

    it('refuses a body declared far over the limit before reading it, and closes the connection', async () => {
      const server = http.createServer(h.app.koa.callback());
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const answer = await new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
          const req = http.request(
            {
              host: '127.0.0.1',
              port: (server.address() as AddressInfo).port,
              method: 'POST',
              path: '/api/v1/uploads?purpose=request',
              headers: { ...w.headers('worker'), 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(LIMITS.uploadBytesMax * 4) },
            },
            (res) => {
              let body = '';
              res.on('data', (c: Buffer) => (body += c.toString()));
              res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
            },
          );
          req.on('error', reject);
          // Only the start of the body is ever sent: the answer must not wait for the rest.
          req.write('--x\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n');
        });
        expect(answer.status).toBe(413);
        expect(answer.connection).toBe('close');
        expect(JSON.parse(answer.body).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('3 MB') });
      } finally {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    });
  });

  describe('a request with a photo', () => {
    let photo: Sent['body'];
    let requestId: number;
    beforeAll(async () => {
      photo = (await upload('worker', JPEG)).body;
      const res = await file('worker', { photoId: photo.id });
      expect(res.status).toBe(201);
      requestId = res.body.id;
    });

    it('hands the worker a link to the photo', async () => {
      const mine = await h.http().get(`/api/v1/me/requests/${requestId}`).set(w.headers('worker'));
      expect(mine.body.photoUrl).toMatch(new RegExp(`^/api/v1/uploads/${photo.id}\\?exp=\\d+&sig=`));
      expect((await image(mine.body.photoUrl)).bytes.length).toBe(photo.size);
      const list = await h.http().get('/api/v1/me/requests').set(w.headers('worker'));
      expect(list.body.items.find((r: { id: number }) => r.id === requestId).photoUrl).toBe(mine.body.photoUrl);
    });

    const who: Record<RoleName, 'link' | number> = {
      anonymous: 401,
      worker: 403,
      otherOrganiser: 404,
      parentOrganiser: 'link',
      organiser: 'link',
      admin: 'link',
    };
    it.each(Object.keys(who) as RoleName[])('as %s: a link only for organisers whose scope covers it', async (role) => {
      const res = await h
        .http()
        .get(`/api/v1/organiser/requests/${requestId}`)
        .set(w.headers(role === 'worker' ? 'worker2' : role));
      if (who[role] === 'link') {
        expect(res.status).toBe(200);
        expect((await image(res.body.photoUrl)).status).toBe(200);
      } else {
        expect(res.status).toBe(who[role]);
        expect(JSON.stringify(res.body)).not.toContain(photo.id!);
      }
      if (role === 'otherOrganiser') {
        const list = await h.http().get('/api/v1/organiser/requests').set(w.headers(role));
        expect(JSON.stringify(list.body)).not.toContain(photo.id!);
      }
    });

    it('refuses another person’s photo, a photo used twice, a station photo or a made-up id, and files nothing', async () => {
      const requests = () => h.ds.getRepository(RequestEntity).count();
      const before = await requests();
      const others = await file('worker2', { photoId: photo.id });
      expect(others.status).toBe(400);
      expect(others.body.error.details.issues[0]).toMatchObject({ path: 'photoId', message: expect.stringContaining('重新添加照片') });
      const twice = await file('worker', { photoId: photo.id });
      expect(twice.status).toBe(409);
      expect(twice.body.error.message).toContain('已经用过');
      const stationPhoto = (await upload('organiser', JPEG, { purpose: 'station' })).body.id;
      const wrongPurpose = await file('organiser', { photoId: stationPhoto });
      expect(wrongPurpose.status).toBe(400);
      expect(wrongPurpose.body.error.details.issues[0].message).toContain('不是为这里上传的');
      expect((await file('worker', { photoId: 'A'.repeat(22) })).status).toBe(400);
      expect((await file('worker', { photoId: 'not an id' })).status).toBe(400);
      // A refused request does not use up the photo: it can still be filed once.
      const fresh = (await upload('worker2', PNG)).body.id;
      expect((await file('worker2', { photoId: fresh, stationId: 999999, organisationId: null })).status).toBe(400);
      expect(await requests()).toBe(before);
      expect((await file('worker2', { photoId: fresh })).status).toBe(201);
    });

    it('still takes the null photoUrl older app versions send, but not a link', async () => {
      expect((await file('worker', { photoUrl: null })).status).toBe(201);
      const link = await file('worker', { photoUrl: 'https://example.com/tracker.png' });
      expect(link.status).toBe(400);
      expect(link.body.error.details.issues[0]).toMatchObject({ path: 'photoUrl', message: expect.stringContaining('添加照片') });
    });
  });

  describe('image links', () => {
    let url: string;
    beforeAll(async () => {
      url = (await upload('worker', JPEG)).body.url!;
    });
    const parts = () => {
      const m = /^\/api\/v1\/uploads\/([^?]+)\?exp=(\d+)&sig=(.+)$/.exec(url)!;
      return { id: m[1], exp: Number(m[2]), sig: m[3] };
    };

    it('refuses a forged link with 403 and the error body', async () => {
      const { id, exp, sig } = parts();
      const forged = [
        `/api/v1/uploads/${id}?exp=${exp}&sig=${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`,
        `/api/v1/uploads/${id}?exp=${exp + 86400}&sig=${sig}`,
        `/api/v1/uploads/${'B'.repeat(22)}?exp=${exp}&sig=${sig}`,
      ];
      for (const link of forged) {
        const res = await image(link);
        expect(res.status).toBe(403);
        expect(ErrorBodySchema.parse(res.error).error.message).toContain('链接无效');
      }
      expect((await image(`/api/v1/uploads/${id}`)).status).toBe(400);
      expect((await image(`/api/v1/uploads/${id}?exp=${exp}&sig=${sig}&extra=1`)).status).toBe(400);
    });

    it('stops serving once the link expires', async () => {
      const { exp } = parts();
      const saved = h.clock.now();
      try {
        h.clock.set(new Date(exp * 1000 - 1000));
        expect((await image(url)).status).toBe(200);
        h.clock.set(new Date(exp * 1000 + 1000));
        const res = await image(url);
        expect(res.status).toBe(403);
        expect(res.error.error.message).toContain('已过期');
      } finally {
        h.clock.set(saved);
      }
    });

    it('answers 404 for a deleted photo behind a valid link', async () => {
      await h.ds.getRepository(UploadEntity).delete({ id: parts().id });
      expect((await image(url)).status).toBe(404);
    });
  });

  describe('station photos', () => {
    const patch = (who: Who, body: Record<string, unknown>, id = w.station.id) =>
      h.http().patch(`/api/v1/organiser/stations/${id}`).set(w.headers(who)).send(body);
    const stationPhoto = async (who: Who = 'organiser') => (await upload(who, PNG, { purpose: 'station' })).body.id!;

    it('an organiser adds photos; everyone sees them through long-lived links, in order', async () => {
      const [a, b] = [await stationPhoto(), await stationPhoto()];
      const res = await patch('organiser', { photos: [b, a] });
      expect(res.status).toBe(200);
      expect(res.body.photoIds).toEqual([b, a]);
      expect(res.body.photos).toHaveLength(2);
      const pub = await h.http().get(`/api/v1/stations/${w.station.id}`);
      expect(pub.body.photoIds).toEqual([b, a]);
      const got = await image(pub.body.photos[0]);
      expect(got.status).toBe(200);
      expect(got.headers['content-type']).toBe('image/png');
      const exp = Number(/exp=(\d+)/.exec(pub.body.photos[0])![1]);
      expect(exp * 1000 - h.clock.now().getTime()).toBeGreaterThan(7 * 24 * 3600 * 1000);
      const list = await h.http().get('/api/v1/stations');
      expect(list.body.items.find((s: { id: number }) => s.id === w.station.id).photoIds).toEqual([b, a]);
    });

    it('keeps the photos an edit sends back, deletes the ones it drops', async () => {
      const current = (await h.http().get(`/api/v1/organiser/stations/${w.station.id}`).set(w.headers('organiser'))).body as {
        photoIds: string[];
        photos: string[];
      };
      const [keep, drop] = current.photoIds;
      const added = await stationPhoto('parentOrganiser');
      const res = await patch('parentOrganiser', { photos: [keep, added] });
      expect(res.status).toBe(200);
      expect(res.body.photoIds).toEqual([keep, added]);
      expect(await h.ds.getRepository(UploadEntity).existsBy({ id: drop })).toBe(false);
      expect((await image(current.photos[1])).status).toBe(404);
      // Edits without photos leave them alone.
      expect((await patch('organiser', { description: '新装了空调' })).body.photoIds).toEqual([keep, added]);
    });

    it('refuses photos of another person, of a request, already on a station, too many or twice, and changes nothing', async () => {
      const before = (await h.ds.getRepository(StationEntity).findOneByOrFail({ id: w.station.id })).photos;
      const uploadsBefore = await uploadCount();
      const others = await stationPhoto('admin');
      const requestPhoto = (await upload('organiser', JPEG)).body.id!;
      const onOther = await stationPhoto('otherOrganiser');
      expect((await patch('otherOrganiser', { photos: [onOther] }, w.otherStation.id)).status).toBe(200);
      const cases: Array<[unknown, number]> = [
        [[others], 400],
        [[requestPhoto], 400],
        [[onOther], 400],
        [Array.from({ length: LIMITS.stationPhotosMax + 1 }, () => 'C'.repeat(22)), 400],
        [[before[0], before[0]], 400],
        [['https://example.com/a.jpg'], 400],
      ];
      for (const [photos, status] of cases) {
        const res = await patch('organiser', { photos, description: '不应保存' });
        expect([JSON.stringify(photos).slice(0, 40), res.status]).toEqual([JSON.stringify(photos).slice(0, 40), status]);
        expect(ErrorBodySchema.safeParse(res.body).success).toBe(true);
      }
      const after = await h.ds.getRepository(StationEntity).findOneByOrFail({ id: w.station.id });
      expect(after.photos).toEqual(before);
      expect(after.description).not.toBe('不应保存');
      expect(await uploadCount()).toBe(uploadsBefore + 3);
      expect((await h.ds.getRepository(UploadEntity).findOneByOrFail({ id: others })).attachedAt).toBeNull();
      // Another union's organiser cannot touch this station at all.
      expect((await patch('otherOrganiser', { photos: [] })).status).toBe(404);
    });

    it('creates a station with photos, or none when one is refused', async () => {
      const stations = () => h.ds.getRepository(StationEntity).count();
      const before = await stations();
      const used = (await h.ds.getRepository(StationEntity).findOneByOrFail({ id: w.station.id })).photos[0];
      const refused = await h
        .http()
        .post('/api/v1/organiser/stations')
        .set(w.headers('organiser'))
        .send(STATION_INPUT(w.org.express, { name: '新站', photos: [await stationPhoto(), used] }));
      expect(refused.status).toBe(409);
      expect(await stations()).toBe(before);
      const p = await stationPhoto();
      const created = await h
        .http()
        .post('/api/v1/organiser/stations')
        .set(w.headers('organiser'))
        .send(STATION_INPUT(w.org.express, { name: '带照片的驿站', photos: [p] }));
      expect(created.status).toBe(201);
      expect(created.body.photoIds).toEqual([p]);
    });
  });

  describe('personal data', () => {
    it('deleting the account deletes the person’s photos, the request photo with the words', async () => {
      const t = await h.signIn('会注销的工友');
      const attached = (await upload(t, JPEG)).body;
      const loose = (await upload(t, PNG)).body;
      const r = await h
        .http()
        .post('/api/v1/requests')
        .set(bearer(t))
        .send({ category: 'safety', text: '这个路口的井盖松了', organisationId: w.org.express, photoId: attached.id });
      expect(r.status).toBe(201);
      expect((await h.http().delete('/api/v1/me').set(bearer(t))).status).toBe(200);
      const repo = h.ds.getRepository(UploadEntity);
      expect(await repo.existsBy({ id: attached.id })).toBe(false);
      expect(await repo.existsBy({ id: loose.id })).toBe(false);
      expect((await h.ds.getRepository(RequestEntity).findOneByOrFail({ id: r.body.id })).photoId).toBeNull();
      expect((await image(attached.url!)).status).toBe(404);
      const seen = await h.http().get(`/api/v1/organiser/requests/${r.body.id}`).set(w.headers('organiser'));
      expect(seen.body.photoUrl).toBeNull();
    });

    it('a station keeps the photos a departed organiser added, no longer linked to them', async () => {
      const first = await h.signIn('临时组织者');
      const me = (await h.http().get('/api/v1/me').set(bearer(first))).body.id as number;
      await h.ds.getRepository(RoleGrantEntity).insert({ userId: me, organisationId: w.org.longyou, role: 'organiser' });
      const t = await h.signIn('临时组织者');
      const shown = (await upload(t, PNG, { purpose: 'station' })).body.id!;
      const pending = (await upload(t, PNG, { purpose: 'station' })).body.id!;
      const current = (await h.http().get(`/api/v1/organiser/stations/${w.otherStation.id}`).set(bearer(t))).body.photoIds as string[];
      expect(
        (
          await h
            .http()
            .patch(`/api/v1/organiser/stations/${w.otherStation.id}`)
            .set(bearer(t))
            .send({ photos: [...current, shown] })
        ).status,
      ).toBe(200);
      expect((await h.http().delete('/api/v1/me').set(bearer(t))).status).toBe(200);
      const repo = h.ds.getRepository(UploadEntity);
      expect(await repo.findOne({ where: { id: shown }, select: { id: true, userId: true } })).toEqual({ id: shown, userId: null });
      expect(await repo.existsBy({ id: pending })).toBe(false);
      const pub = await h.http().get(`/api/v1/stations/${w.otherStation.id}`);
      expect(pub.body.photoIds).toContain(shown);
    });

    it('sweeps photos never attached after a day, and only those', async () => {
      const saved = h.clock.now();
      try {
        const loose = (await upload('worker2', PNG)).body.id!;
        const kept = (await upload('worker2', JPEG)).body.id!;
        expect((await file('worker2', { photoId: kept })).status).toBe(201);
        const repo = h.ds.getRepository(UploadEntity);
        h.clock.advance((LIMITS.uploadOrphanHours - 1) * 3600 * 1000);
        await h.app.services.uploads.sweepOrphans();
        expect(await repo.existsBy({ id: loose })).toBe(true);
        h.clock.advance(2 * 3600 * 1000);
        expect(await h.app.services.uploads.sweepOrphans()).toBeGreaterThanOrEqual(1);
        expect(await repo.existsBy({ id: loose })).toBe(false);
        expect(await repo.existsBy({ id: kept })).toBe(true);
        const late = await file('worker2', { photoId: loose });
        expect(late.status).toBe(400);
        expect(late.body.error.details.issues[0].message).toContain('超过一天');
      } finally {
        h.clock.set(saved);
      }
    });
  });
});

describe('photo upload rate limit', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness({ rateLimitScale: 1 });
    w = await buildWorld(h);
  }, 30_000);
  afterAll(() => h.close());

  it('limits uploads per person with 429 and the error body', async () => {
    const limit = RATE_RULES.upload.perUser;
    const send = (role: 'worker' | 'worker2') => sendPhoto(h, w.headers(role), JPEG);
    const statuses: number[] = [];
    for (let i = 0; i < limit; i++) statuses.push((await send('worker')).status);
    expect(statuses.every((s) => s === 201)).toBe(true);
    const refused = await send('worker');
    expect(refused.status).toBe(429);
    expect(refused.body.error!.code).toBe('RATE_LIMITED');
    expect((await send('worker2')).status).toBe(201);
  });
});
