import sharp from 'sharp';
import { EventEntity, UploadEntity } from '../src/entities';
import { createHarness, type Harness } from './helpers/harness';
import { publishedEvent } from './helpers/events';
import { JPEG, sendPhoto } from './helpers/uploads';
import { buildWorld, type RoleName, type World } from './helpers/world';

/** Issue 17 (10): an event's cover image, uploaded through /uploads?purpose=event and set by the event's own organisation. */
describe('event cover image', () => {
  let h: Harness;
  let w: World;
  let eventId: number;
  let cover: Buffer;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
    eventId = await publishedEvent(h, w);
    cover = await sharp({ create: { width: 320, height: 180, channels: 3, background: '#b3121a' } })
      .png()
      .toBuffer();
  }, 30_000);
  afterAll(() => h.close());

  const upload = (who: RoleName, bytes: Buffer, opts: { contentType?: string; filename?: string } = {}) =>
    sendPhoto(h, w.headers(who), bytes, { purpose: 'event', ...opts });
  const setCover = (who: RoleName, coverId: string | null) => h.http().patch(`/api/v1/organiser/events/${eventId}`).set(w.headers(who)).send({ coverId });
  const stored = () => h.ds.getRepository(EventEntity).findOneByOrFail({ id: eventId });
  const imageBytes = async (url: string) => {
    const res = await h
      .http()
      .get(url)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return { status: res.status, bytes: res.body as Buffer };
  };

  it('the organiser uploads a cover (re-encoded), sets it, and workers see it on the event and its poster', async () => {
    const up = await upload('organiser', cover, { contentType: 'image/png', filename: 'cover.png' });
    expect(up.status).toBe(201);
    const row = await h.ds.getRepository(UploadEntity).findOneByOrFail({ id: up.body.id! });
    expect(row.purpose).toBe('event');
    expect(row.attachedAt).toBeNull();
    const set = await setCover('organiser', up.body.id!);
    expect(set.status).toBe(200);
    expect(set.body.cover).toEqual({ id: up.body.id, url: expect.stringMatching(/^\/api\/v1\/uploads\//), state: 'shown' });
    expect((await h.ds.getRepository(UploadEntity).findOneByOrFail({ id: up.body.id! })).attachedAt).not.toBeNull();

    const seen = await h.http().get(`/api/v1/events/${eventId}`);
    expect(seen.body.cover).toMatchObject({ id: up.body.id, state: 'shown' });
    const img = await imageBytes(seen.body.cover.url);
    expect(img.status).toBe(200);
    expect(await sharp(img.bytes).metadata()).toMatchObject({ format: 'png', width: 320, height: 180 });

    const poster = await h.http().get(`/api/v1/events/${eventId}/poster.svg`).buffer(true);
    expect(poster.status).toBe(200);
    expect(String(poster.text ?? poster.body)).toContain('href="data:image/jpeg;base64,');
  });

  it('a worker cannot upload for an event; another organisation cannot set, replace or remove the cover', async () => {
    const byWorker = await upload('worker', JPEG);
    expect(byWorker.status).toBe(403);
    expect(byWorker.body.error!.message).toBe('只有工会组织者可以上传活动封面');

    const before = (await stored()).coverId;
    expect(before).toBeTruthy();
    const theirs = await upload('otherOrganiser', JPEG);
    expect(theirs.status).toBe(201);
    for (const coverId of [theirs.body.id!, null]) {
      const res = await setCover('otherOrganiser', coverId);
      expect(res.status).toBe(404);
    }
    expect((await stored()).coverId).toBe(before);
    // Nor can the organiser take another person's upload as the cover.
    const taken = await setCover('organiser', theirs.body.id!);
    expect(taken.status).toBe(400);
    expect(taken.body.error.details.issues[0]).toMatchObject({ path: 'coverId' });
    expect((await stored()).coverId).toBe(before);
  });

  it('a file that is not an image, or too large, is refused in Chinese and the cover stays', async () => {
    const before = (await stored()).coverId;
    const text = await upload('organiser', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), { contentType: 'image/svg+xml', filename: 'x.svg' });
    expect(text.status).toBe(415);
    expect(text.body.error!.message).toMatch(/[\u4e00-\u9fff]/);
    const broken = await upload('organiser', Buffer.concat([JPEG.subarray(0, 40), Buffer.alloc(200, 7)]));
    expect(broken.status).toBe(415);
    expect(broken.body.error!.message).toContain('照片无法读取');
    const huge = await upload('organiser', Buffer.concat([JPEG, Buffer.alloc(4 * 1024 * 1024, 1)]));
    expect(huge.status).toBe(413);
    expect(huge.body.error!.message).toContain('MB');
    // A request photo is not a cover.
    const requestPhoto = await sendPhoto(h, w.headers('organiser'), JPEG, { purpose: 'request' });
    const wrong = await setCover('organiser', requestPhoto.body.id!);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('这张照片不是为这里上传的，请重新添加照片');
    expect((await stored()).coverId).toBe(before);
  });

  it('replacing the cover deletes the old upload; removing it leaves the event without one', async () => {
    const old = (await stored()).coverId!;
    const next = await upload('organiser', JPEG);
    const replaced = await setCover('organiser', next.body.id!);
    expect(replaced.status).toBe(200);
    expect(replaced.body.cover.id).toBe(next.body.id);
    expect(await h.ds.getRepository(UploadEntity).findOneBy({ id: old })).toBeNull();

    const removed = await setCover('organiser', null);
    expect(removed.status).toBe(200);
    expect(removed.body.cover).toBeNull();
    expect(await h.ds.getRepository(UploadEntity).findOneBy({ id: next.body.id! })).toBeNull();
    expect((await h.http().get(`/api/v1/events/${eventId}`)).body.cover).toBeNull();
    const poster = await h.http().get(`/api/v1/events/${eventId}/poster.svg`).buffer(true);
    expect(String(poster.text ?? poster.body)).not.toContain('<image');
  });
});
