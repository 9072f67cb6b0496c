import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegistrationEntity } from '../src/entities';
import { createHarness, PUBLIC_URL, type Harness } from './helpers/harness';
import { buildWorld, type World } from './helpers/world';
import { bearer, eventInput, publishedEvent, workers } from './helpers/events';

/**
 * Issue 17 (9, 10): an event page people can act on and pass on — the organiser's contact phone,
 * registration questions whose answers reach attendance and its CSV, the .ics file for the phone's
 * calendar, and the share poster whose code opens the event page.
 */
const asText = (r: import('supertest').Test) =>
  r.buffer(true).parse((res, cb) => {
    let s = '';
    res.on('data', (c: Buffer) => (s += c.toString()));
    res.on('end', () => cb(null, s));
  });

const QUESTIONS = [
  { kind: 'name', label: '真实姓名', required: true },
  { kind: 'phone', label: '联系手机', required: true },
  { kind: 'company', label: '所在单位', required: false },
  { kind: 'text', label: '想咨询的问题', required: false },
] as const;

describe('event page: questions, contact, calendar, poster', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  const register = (token: string, eventId: number, answers?: string[]) =>
    h
      .http()
      .post(`/api/v1/events/${eventId}/registrations`)
      .set(bearer(token))
      .send(answers ? { answers } : {});

  it("shows the organiser's contact phone and questions on the event, and edits them", async () => {
    const id = await publishedEvent(h, w, { contactPhone: '0575-82001234', questions: [...QUESTIONS] });
    const page = await h.http().get(`/api/v1/events/${id}`);
    expect(page.body.contactPhone).toBe('0575-82001234');
    expect(page.body.questions).toEqual(QUESTIONS);
    const edit = await h
      .http()
      .patch(`/api/v1/organiser/events/${id}`)
      .set(w.headers('organiser'))
      .send({ contactPhone: '13800001111', questions: [QUESTIONS[0]] });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ contactPhone: '13800001111', questions: [QUESTIONS[0]] });
  });

  it('refuses a bad contact phone, more than five questions and repeated questions, creating nothing', async () => {
    const bad = [
      { contactPhone: '12345' },
      { questions: Array.from({ length: 6 }, (_, i) => ({ kind: 'text' as const, label: `问题${i}`, required: false })) },
      { questions: [QUESTIONS[0], QUESTIONS[0]] },
    ];
    const before = (await h.http().get('/api/v1/organiser/events').set(w.headers('organiser'))).body.items.length;
    for (const over of bad) {
      const res = await h
        .http()
        .post('/api/v1/organiser/events')
        .set(w.headers('organiser'))
        .send(eventInput(h, w, over));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await h.http().get('/api/v1/organiser/events').set(w.headers('organiser'))).body.items.length).toBe(before);
  });

  it('registers only with every required answer, naming each one missing, and stores nothing till then', async () => {
    const id = await publishedEvent(h, w, { questions: [...QUESTIONS] });
    const [a] = await workers(h, '答题', 1);
    const none = await register(a, id);
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('VALIDATION_FAILED');
    expect(none.body.error.message).toContain('请填写“真实姓名”');
    expect(none.body.error.message).toContain('请填写“联系手机”');
    const badPhone = await register(a, id, ['王小明', '123']);
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.message).toContain('“联系手机”须为11位手机号码');
    expect(await h.ds.getRepository(RegistrationEntity).countBy({ eventId: id })).toBe(0);
    const ok = await register(a, id, ['王小明', '13812345678', '', '孩子能一起来吗']);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('confirmed');
    expect((await h.ds.getRepository(RegistrationEntity).findOneByOrFail({ id: ok.body.id })).answers).toEqual(['王小明', '13812345678', '', '孩子能一起来吗']);
  });

  it('an event without questions registers as before, with or without a body', async () => {
    const id = await publishedEvent(h, w);
    const [a, b] = await workers(h, '无题', 2);
    expect((await h.http().post(`/api/v1/events/${id}/registrations`).set(bearer(a))).status).toBe(200);
    const extra = await register(b, id, ['多余的回答']);
    expect(extra.status).toBe(400);
  });

  it('shows the answers in attendance and as CSV columns (the whole phone the worker gave for this event)', async () => {
    const id = await publishedEvent(h, w, { questions: [...QUESTIONS] });
    const [a, b] = await workers(h, '名单', 2);
    await register(a, id, ['李四', '13900001234', '顺丰速运', '=1+1']);
    await register(b, id, ['张三', '13900005678']);
    const att = await h.http().get(`/api/v1/organiser/events/${id}/attendance`).set(w.headers('organiser'));
    expect(att.status).toBe(200);
    expect(att.body.questions.map((q: { label: string }) => q.label)).toEqual(['真实姓名', '联系手机', '所在单位', '想咨询的问题']);
    expect(att.body.items.map((i: { answers: string[] }) => i.answers)).toEqual([
      ['李四', '13900001234', '顺丰速运', '=1+1'],
      ['张三', '13900005678', '', ''],
    ]);
    const csv = await asText(h.http().get(`/api/v1/organiser/events/${id}/attendance.csv`).set(w.headers('organiser')));
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('姓名,手机尾号,状态,报名时间,签到时间,真实姓名,联系手机,所在单位,想咨询的问题');
    expect(lines[1]).toMatch(/,李四,13900001234,顺丰速运,'=1\+1$/);
    expect(lines[2]).toMatch(/,张三,13900005678,,$/);
    // Another union's organiser sees none of it.
    expect((await h.http().get(`/api/v1/organiser/events/${id}/attendance`).set(w.headers('otherOrganiser'))).status).toBe(404);
  });

  it('serves a valid iCalendar file: UTC times, escaped text, the event page link', async () => {
    const id = await publishedEvent(h, w, {
      title: '安全讲座;急救,培训',
      venue: '驿站二楼, 会议室',
      description: '第一行\n第二行',
      contactPhone: '13800001111',
    });
    const res = await asText(h.http().get(`/api/v1/events/${id}/calendar.ics`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    expect(res.headers['content-disposition']).toContain('attachment');
    const ics: string = res.body;
    const unfolded = ics.replace(/\r\n /g, '');
    const event = (await h.http().get(`/api/v1/events/${id}`)).body;
    const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(unfolded).toContain(`DTSTART:${utc(event.startsAt)}\r\n`);
    expect(unfolded).toContain(`DTEND:${utc(event.endsAt)}\r\n`);
    expect(utc(event.startsAt)).toMatch(/^\d{8}T\d{6}Z$/);
    expect(unfolded).toContain('SUMMARY:安全讲座\\;急救\\,培训\r\n');
    expect(unfolded).toContain('LOCATION:驿站二楼\\, 会议室\r\n');
    expect(unfolded).toContain('第一行\\n第二行\\n联系电话：13800001111');
    expect(unfolded).toContain(`URL:${PUBLIC_URL}/#/pages/event/index?id=${id}`);
    // Every physical line is at most 75 octets.
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect((await h.http().get('/api/v1/events/999999/calendar.ics')).status).toBe(404);
  });

  it('draws a share poster whose code opens the event page; drafts and cancelled events have none', async () => {
    const id = await publishedEvent(h, w, { title: '快递小哥免费体检' });
    const res = await asText(h.http().get(`/api/v1/events/${id}/poster.svg`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.body).toContain('快递小哥免费体检');
    expect(res.body).toContain('上虞区人民医院体检中心');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-poster-'));
    try {
      fs.writeFileSync(path.join(dir, 'p.svg'), res.body);
      execFileSync('rsvg-convert', ['-w', '874', '-b', 'white', '-o', path.join(dir, 'p.png'), path.join(dir, 'p.svg')]);
      const read = execFileSync('zbarimg', ['--raw', '-q', path.join(dir, 'p.png')], { encoding: 'utf8' }).trim();
      expect(read).toBe(`${PUBLIC_URL}/#/pages/event/index?id=${id}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const draft = await h.http().post('/api/v1/organiser/events').set(w.headers('organiser')).send(eventInput(h, w));
    expect((await h.http().get(`/api/v1/events/${draft.body.id}/poster.svg`)).status).toBe(404);
    await h.http().post(`/api/v1/organiser/events/${id}/cancel`).set(w.headers('organiser')).send({ reason: '' });
    const cancelled = await h.http().get(`/api/v1/events/${id}/poster.svg`);
    expect(cancelled.status).toBe(409);
  });
});
