import { startFakeWechat, type FakeWechat } from './helpers/fake-wechat';
import { WECHAT } from './helpers/leak-guard';
import { api, sharedStoreEnv, startServer, type Running } from './helpers/server-process';
import { STORE } from './helpers/store';
import { TEMPLATES_ENV } from './helpers/templates';

jest.setTimeout(120_000);
const HOUR = 3600e3;

/** Waits until `check` holds (a deadline only turns a hang into a failure; nothing is timed). */
async function until(what: string, check: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const metric = async (s: Running, re: RegExp): Promise<number> => {
  const text = (await api(s.url, 'GET', '/metrics')).body as string;
  return [...text.matchAll(new RegExp(re.source, 'g'))].reduce((n, m) => n + Number(m[1]), 0);
};
const sentBy = (s: Running) => metric(s, /wechat_messages_total\{template="TPL-PROMOTED",outcome="sent"\} (\d+)/);
const backlog = (s: Running) => metric(s, /wechat_outbox_backlog (\d+)/);

describe(`WeChat messages with several BFF processes (${STORE})`, () => {
  let wx: FakeWechat;
  let store: Awaited<ReturnType<typeof sharedStoreEnv>>;
  const servers: Running[] = [];
  beforeEach(async () => {
    wx = await startFakeWechat(WECHAT);
    store = await sharedStoreEnv();
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) if (s.proc.exitCode === null && s.proc.signalCode === null) await s.stop();
    await wx.close();
    await store.cleanup();
  });
  const start = async (pollMs: number) => {
    const s = await startServer({
      ...store.env,
      WECHAT_APPID: WECHAT.appId,
      WECHAT_SECRET: WECHAT.secret,
      WECHAT_API_BASE: wx.baseUrl,
      WECHAT_SUBSCRIBE_TEMPLATES: TEMPLATES_ENV,
      WECHAT_OUTBOX_POLL_MS: String(pollMs),
    });
    servers.push(s);
    return s;
  };

  /** A one-seat event; a waitlisted worker who accepted the promotion message; the seat holder cancels on `on`. */
  async function promote(on: Running): Promise<{ eventId: number; title: string }> {
    const org = (await api(on.url, 'POST', '/api/v1/auth/dev', undefined, { name: '上虞区总工会' })).body;
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const title = '骑手安全骑行培训';
    const created = await api(on.url, 'POST', '/api/v1/organiser/events', org.token, {
      organisationId: org.me.grants[0].organisationId,
      kind: 'training',
      title,
      description: '交通安全与防骗',
      stationId: null,
      venue: '上虞区职工服务中心',
      latitude: 30.03,
      longitude: 120.87,
      startsAt: iso(now + 72 * HOUR),
      endsAt: iso(now + 74 * HOUR),
      registrationOpensAt: iso(now - HOUR),
      registrationClosesAt: iso(now + 48 * HOUR),
      capacity: 1,
      waitlist: true,
      cancellationDeadline: iso(now + 24 * HOUR),
      eligibility: { genders: [], minAge: null, maxAge: null, occupations: [], membersOnly: false },
      selfCheckin: false,
      certificateName: null,
    });
    expect(created.status).toBe(201);
    const eventId = created.body.id as number;
    expect((await api(on.url, 'POST', `/api/v1/organiser/events/${eventId}/publish`, org.token)).status).toBe(200);
    const holder = (await api(on.url, 'POST', '/api/v1/auth/wechat', undefined, { code: 'good-holder' })).body.token as string;
    const waiter = (await api(on.url, 'POST', '/api/v1/auth/wechat', undefined, { code: 'good-waiter' })).body.token as string;
    const seat = await api(on.url, 'POST', `/api/v1/events/${eventId}/registrations`, holder);
    expect(seat.body.status).toBe('confirmed');
    expect((await api(on.url, 'POST', `/api/v1/events/${eventId}/registrations`, waiter)).body.status).toBe('waitlisted');
    expect((await api(on.url, 'POST', '/api/v1/me/subscriptions', waiter, { accepted: ['TPL-PROMOTED'] })).body).toEqual({ recorded: 1 });
    expect((await api(on.url, 'POST', `/api/v1/me/registrations/${seat.body.id}/cancel`, holder)).status).toBe(200);
    return { eventId, title };
  }

  it('refuses to start with a template mapping WeChat would refuse, naming it', async () => {
    await expect(startServer({ ...store.env, WECHAT_SUBSCRIBE_TEMPLATES: '{"promoted":{"id":"TPL","fields":{"thing1":"reply"}}}' })).rejects.toMatchObject({
      exitCode: 2,
      output: expect.stringContaining('WECHAT_SUBSCRIBE_TEMPLATES promoted.fields.thing1 must be one of event, startsAt'),
    });
  });

  it('sends a promotion exactly once while two processes send the outbox', async () => {
    const a = await start(100);
    const b = await start(100);
    const { eventId, title } = await promote(a);
    await until('the message is sent and both backlogs are empty', async () => wx.messages.length >= 1 && (await backlog(a)) === 0 && (await backlog(b)) === 0);
    expect(wx.messages).toHaveLength(1);
    expect(wx.messages[0]).toMatchObject({
      touser: 'o-waiter',
      template_id: 'TPL-PROMOTED',
      page: `pages/event/index?id=${eventId}`,
      data: { thing1: { value: title } },
    });
    expect((await sentBy(a)) + (await sentBy(b))).toBe(1);
  });

  it('sends a message committed by a process killed before sending, once, after restart', async () => {
    // This process never gets round to sending: its first pass would come after 10 minutes.
    const a = await start(600_000);
    await promote(a);
    expect(await backlog(a)).toBe(1);
    await a.kill();
    expect(wx.messages).toHaveLength(0);
    const b = await start(100);
    await until('the restarted process sends', async () => wx.messages.length >= 1 && (await backlog(b)) === 0);
    expect(wx.messages.map((m) => m.touser)).toEqual(['o-waiter']);
    expect(await sentBy(b)).toBe(1);
  });
});
