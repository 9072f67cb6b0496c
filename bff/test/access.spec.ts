import { createHash, randomUUID } from 'node:crypto';
import { MATCH_CONSENT_VERSION } from '@xlx/shared';
import { signQr } from '../src/adapters/qr-signer';
import { EventEntity, RegistrationEntity } from '../src/entities';
import { createHarness, type Harness } from './helpers/harness';
import { bearer, eventInput, publishedEvent } from './helpers/events';
import { JPEG, sendPhoto } from './helpers/uploads';
import { buildWorld, STATION_INPUT, type World } from './helpers/world';

/**
 * Every route of the API, called as each kind of caller, against the answer each must get.
 * A route without a row here fails the first test: adding a route means deciding who may call it.
 */
type Caller = 'anonymous' | 'worker' | 'owner' | 'otherOrganiser' | 'parentOrganiser' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'worker', 'owner', 'otherOrganiser', 'parentOrganiser', 'admin'];
type Expect = number | 'ok';
/** `file`: sent as the one file of a multipart form (uploads), instead of a JSON body. */
type Call = { path: string; body?: unknown; token?: string | null; file?: Buffer };
type Row = { expect: Record<Caller, Expect>; make: (caller: Caller) => Promise<Call> | Call };

const all = (e: Expect): Record<Caller, Expect> => ({ anonymous: e, worker: e, owner: e, otherOrganiser: e, parentOrganiser: e, admin: e });
const PUBLIC = all('ok');
const SIGNED_IN: Record<Caller, Expect> = { ...all('ok'), anonymous: 401 };
/** Objects owned by one worker: nobody else, organisers included, sees them exist. */
const OWNED: Record<Caller, Expect> = { anonymous: 401, worker: 404, owner: 'ok', otherOrganiser: 404, parentOrganiser: 404, admin: 404 };
/** Objects of the express union: its parent's organiser and the admin, not another union. */
const SCOPED: Record<Caller, Expect> = { anonymous: 401, worker: 403, owner: 403, otherOrganiser: 404, parentOrganiser: 'ok', admin: 'ok' };
const ORGANISER_LIST: Record<Caller, Expect> = { ...SCOPED, otherOrganiser: 'ok' };

describe('who may call what', () => {
  let h: Harness;
  let w: World;
  let f: {
    eventId: number;
    regId: number;
    ticket: string;
    requestId: number;
    membershipId: number;
    kioskToken: string;
    socialId: number;
    reportId: number;
    photoUrl: string;
  };
  const rows = new Map<string, Row>();
  const row = (key: string, expect: Record<Caller, Expect>, make: Row['make']) => rows.set(key, { expect, make });
  const owner = () => w.tokens.worker;
  /** `worker` is a second worker, never the owner of the fixtures. */
  const tokenOf = (c: Caller): string | null => (c === 'anonymous' ? null : c === 'owner' ? owner() : w.tokens[c === 'worker' ? 'worker2' : c]);
  const fresh = async (name: string) => h.signIn(`${name}${randomUUID().slice(0, 8)}`);
  const browserCode = async () => (await h.http().post('/api/v1/auth/browser')).body as { id: number; code: string; secret: string };
  const asOrganiser = (method: 'post' | 'put' | 'get', path: string, body?: unknown) =>
    h
      .http()
      [method](path)
      .set(w.headers('organiser'))
      .send(body as object);

  beforeAll(async () => {
    h = await createHarness({ wechatPushToken: 'accessPushToken', publicUrl: 'https://xlx.example.org' });
    w = await buildWorld(h);
    const eventId = await publishedEvent(h, w, { capacity: 50, selfCheckin: true });
    const reg = (await h.http().post(`/api/v1/events/${eventId}/registrations`).set(bearer(owner()))).body;
    const requestId = (
      await h.http().post('/api/v1/requests').set(bearer(owner())).send({ category: 'other', text: '驿站饮水机坏了', organisationId: w.org.express })
    ).body.id;
    const membershipId = (
      await h
        .http()
        .post('/api/v1/memberships')
        .set(bearer(owner()))
        .send({ organisationId: w.org.express, name: '王泽锋', phone: '13800138000', employer: '滴滴', occupation: 'ride_hailing' })
    ).body.id;
    const kioskToken = (await asOrganiser('post', `/api/v1/organiser/stations/${w.station.id}/kiosk-links`)).body.token;
    const now = h.clock.now().getTime();
    const socialId = await publishedEvent(h, w, {
      kind: 'matchmaking',
      startsAt: new Date(now + 60e3).toISOString(),
      registrationClosesAt: new Date(now + 30e3).toISOString(),
      cancellationDeadline: null,
    });
    await h
      .http()
      .put(`/api/v1/organiser/events/${socialId}/match-settings`)
      .set(w.headers('organiser'))
      .send({ picksPerPerson: 3, pickOpensAt: new Date(now - 60e3).toISOString(), pickClosesAt: new Date(now + 3600e3).toISOString(), revealAtOnce: true });
    const profile = (name: string, wx: string) => ({
      consentVersion: MATCH_CONSENT_VERSION,
      displayName: name,
      gender: 'female',
      wantsToMeet: 'any',
      birthYear: 1995,
      occupation: 'courier',
      city: '绍兴',
      contact: { kind: 'wechat', value: wx },
    });
    for (const [t, n, wx] of [
      [owner(), '甲', 'owner_wx1'],
      [w.tokens.worker2, '乙', 'other_wx2'],
    ] as const) {
      await h.http().put('/api/v1/me/match-profile').set(bearer(t)).send(profile(n, wx));
      const r = await h.http().post(`/api/v1/events/${socialId}/registrations`).set(bearer(t));
      await asOrganiser('post', `/api/v1/organiser/events/${socialId}/scan`, { code: r.body.ticket });
    }
    const card = (await h.http().get(`/api/v1/events/${socialId}/match/board`).set(bearer(owner()))).body.cards[0].id;
    await h.http().post(`/api/v1/events/${socialId}/match/reports`).set(bearer(owner())).send({ cardId: card, reason: '测试举报' });
    const reportId = (await asOrganiser('get', `/api/v1/organiser/events/${socialId}/match-reports`)).body.items[0].id;
    const photoId = (await sendPhoto(h, bearer(owner()), JPEG)).body.id;
    const photoUrl = (
      await h
        .http()
        .post('/api/v1/requests')
        .set(bearer(owner()))
        .send({ category: 'other', text: '驿站门口的台阶坏了', organisationId: w.org.express, photoId })
    ).body.photoUrl;
    f = { eventId, regId: reg.id, ticket: reg.ticket, requestId, membershipId, kioskToken, socialId, reportId, photoUrl };

    const station = () => w.station.id;
    const cardFor = async (viewer: string) =>
      (await h.http().get(`/api/v1/events/${f.socialId}/match/board`).set(bearer(viewer))).body.cards?.[0]?.id ?? 'AAAAAAAAAAAAAAAA';

    // ---- public ----
    row('GET /api/v1/auth/options', PUBLIC, () => ({ path: '/api/v1/auth/options' }));
    row('POST /api/v1/auth/dev', PUBLIC, () => ({ path: '/api/v1/auth/dev', body: { name: '路人' } }));
    row('POST /api/v1/auth/wechat', PUBLIC, () => ({ path: '/api/v1/auth/wechat', body: { code: 'good-access' } }));
    row('POST /api/v1/auth/browser', PUBLIC, () => ({ path: '/api/v1/auth/browser' }));
    // The browser's secret is the permission: a wait with it answers whoever sends it (here: still pending).
    row('POST /api/v1/auth/browser/wait', PUBLIC, async () => {
      const c = await browserCode();
      await h.http().post('/api/v1/auth/browser/decline').set(bearer(owner())).send({ code: c.code });
      return { path: '/api/v1/auth/browser/wait', body: { id: c.id, secret: c.secret } };
    });
    row('GET /api/v1/organisations', PUBLIC, () => ({ path: '/api/v1/organisations' }));
    row('GET /api/v1/organisations/:id', PUBLIC, () => ({ path: `/api/v1/organisations/${w.org.express}` }));
    row('GET /api/v1/stations', PUBLIC, () => ({ path: '/api/v1/stations' }));
    row('GET /api/v1/stations/:id', PUBLIC, () => ({ path: `/api/v1/stations/${station()}` }));
    row('GET /api/v1/events', PUBLIC, () => ({ path: '/api/v1/events' }));
    row('GET /api/v1/events/:id', PUBLIC, () => ({ path: `/api/v1/events/${f.eventId}` }));
    row('GET /api/v1/events/:id/calendar.ics', PUBLIC, () => ({ path: `/api/v1/events/${f.eventId}/calendar.ics` }));
    row('GET /api/v1/events/:id/poster.svg', PUBLIC, () => ({ path: `/api/v1/events/${f.eventId}/poster.svg` }));
    row('GET /api/v1/matchmaking/consent', PUBLIC, () => ({ path: '/api/v1/matchmaking/consent' }));
    row('GET /api/v1/kiosk/:token', PUBLIC, () => ({ path: `/api/v1/kiosk/${f.kioskToken}` }));
    row('GET /api/v1/kiosk/:token/code.svg', PUBLIC, () => ({ path: `/api/v1/kiosk/${f.kioskToken}/code.svg` }));
    row('GET /api/v1/subscribe/templates', PUBLIC, () => ({ path: '/api/v1/subscribe/templates' }));
    row('GET /api/v1/qr/:payload.png', PUBLIC, () => ({ path: `/api/v1/qr/${f.ticket}.png` }));
    // The signed link is the permission: whoever was handed it may load the image, signed in or not.
    row('GET /api/v1/uploads/:id', PUBLIC, () => ({ path: f.photoUrl }));
    // WeChat's message push: anyone may call it, the signature is the permission (forged ones: wechat-phone-media.spec).
    const pushQuery = () => {
      const [timestamp, nonce] = ['1796019000', randomUUID().slice(0, 8)];
      const signature = createHash('sha1').update(['accessPushToken', timestamp, nonce].sort().join('')).digest('hex');
      return `signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
    };
    row('GET /api/v1/wechat/push', PUBLIC, () => ({ path: `/api/v1/wechat/push?${pushQuery()}&echostr=hello` }));
    row('POST /api/v1/wechat/push', PUBLIC, () => ({
      path: `/api/v1/wechat/push?${pushQuery()}`,
      body: { Event: 'wxa_media_check', trace_id: 'unknown-trace', result: { suggest: 'pass' } },
    }));

    // ---- any signed-in person, about themselves ----
    row('GET /api/v1/me', SIGNED_IN, () => ({ path: '/api/v1/me' }));
    row('POST /api/v1/me/subscriptions', SIGNED_IN, () => ({ path: '/api/v1/me/subscriptions', body: { accepted: [] } }));
    row('PATCH /api/v1/me', SIGNED_IN, () => ({ path: '/api/v1/me', body: {} }));
    row('DELETE /api/v1/me', SIGNED_IN, async (c) => ({ path: '/api/v1/me', token: c === 'anonymous' ? null : await fresh('注销') }));
    row('POST /api/v1/auth/logout', SIGNED_IN, async (c) => ({ path: '/api/v1/auth/logout', token: c === 'anonymous' ? null : await fresh('退出') }));
    row('POST /api/v1/checkins', SIGNED_IN, () => ({
      path: '/api/v1/checkins',
      body: { code: signQr(w.station.qrSecret, { kind: 'station', id: station() }), clientRequestId: randomUUID() },
    }));
    row('POST /api/v1/auth/browser/describe', SIGNED_IN, async () => ({ path: '/api/v1/auth/browser/describe', body: { code: (await browserCode()).code } }));
    row('POST /api/v1/auth/browser/approve', SIGNED_IN, async () => ({ path: '/api/v1/auth/browser/approve', body: { code: (await browserCode()).code } }));
    row('POST /api/v1/auth/browser/decline', SIGNED_IN, async () => ({ path: '/api/v1/auth/browser/decline', body: { code: (await browserCode()).code } }));
    row('GET /api/v1/me/sessions', SIGNED_IN, () => ({ path: '/api/v1/me/sessions' }));
    // Each caller ends a session of its own (a fresh one); another person's session is never found (browser-login.routes.spec).
    row('DELETE /api/v1/me/sessions/:id', SIGNED_IN, async (c) => {
      if (c === 'anonymous') return { path: '/api/v1/me/sessions/1', token: null };
      const token = await fresh('设备');
      const id = (await h.http().get('/api/v1/me/sessions').set(bearer(token))).body.items[0].id;
      return { path: `/api/v1/me/sessions/${id}`, token };
    });
    row('GET /api/v1/me/visits', SIGNED_IN, () => ({ path: '/api/v1/me/visits' }));
    row('POST /api/v1/events/:id/registrations', SIGNED_IN, () => ({ path: `/api/v1/events/${f.eventId}/registrations` }));
    row('GET /api/v1/me/registrations', SIGNED_IN, () => ({ path: '/api/v1/me/registrations' }));
    row('GET /api/v1/me/notifications', SIGNED_IN, () => ({ path: '/api/v1/me/notifications' }));
    row('POST /api/v1/me/notifications/read', SIGNED_IN, () => ({ path: '/api/v1/me/notifications/read' }));
    row('GET /api/v1/me/requests', SIGNED_IN, () => ({ path: '/api/v1/me/requests' }));
    row('POST /api/v1/requests', SIGNED_IN, () => ({
      path: '/api/v1/requests',
      body: { category: 'safety', text: '路口缺少减速带', organisationId: w.org.express },
    }));
    row('POST /api/v1/uploads', SIGNED_IN, () => ({ path: '/api/v1/uploads?purpose=request', file: JPEG }));
    row('POST /api/v1/me/phone/wechat', SIGNED_IN, () => ({ path: '/api/v1/me/phone/wechat', body: { code: 'phone-13800138000' } }));
    row('GET /api/v1/me/memberships', SIGNED_IN, () => ({ path: '/api/v1/me/memberships' }));
    row('POST /api/v1/memberships', SIGNED_IN, async (c) => ({
      path: '/api/v1/memberships',
      token: c === 'anonymous' ? null : await fresh('入会'),
      body: { organisationId: w.org.longyou, name: '申请人', phone: '13700000000', employer: '顺丰', occupation: 'courier' },
    }));
    row('PUT /api/v1/me/match-profile', SIGNED_IN, () => ({
      path: '/api/v1/me/match-profile',
      body: {
        consentVersion: MATCH_CONSENT_VERSION,
        displayName: '某人',
        gender: 'male',
        wantsToMeet: 'any',
        birthYear: 1990,
        occupation: 'other',
        city: '杭州',
        contact: { kind: 'phone', value: '13600000000' },
      },
    }));
    row('DELETE /api/v1/me/match-profile', SIGNED_IN, async (c) => ({
      path: '/api/v1/me/match-profile',
      token: c === 'anonymous' ? null : await fresh('撤回'),
    }));
    // The owner and worker2 made matchmaking profiles above; the organisers did not.
    row('GET /api/v1/me/match-profile', { ...all(404), anonymous: 401, owner: 'ok', worker: 'ok' }, () => ({ path: '/api/v1/me/match-profile' }));
    row('POST /api/v1/events/self-checkin', SIGNED_IN, async (c) => {
      if (c !== 'anonymous')
        await h
          .http()
          .post(`/api/v1/events/${f.eventId}/registrations`)
          .set(bearer(tokenOf(c)!));
      h.clock.set(new Date(Date.parse(eventStart) - 60e3));
      return { path: '/api/v1/events/self-checkin', body: { code: selfCode() } };
    });

    // ---- owned by one worker ----
    row('GET /api/v1/me/registrations/:id', OWNED, () => ({ path: `/api/v1/me/registrations/${f.regId}` }));
    row('POST /api/v1/me/registrations/:id/cancel', OWNED, async () => {
      const r = (
        await h
          .http()
          .post(`/api/v1/events/${await publishedEvent(h, w)}/registrations`)
          .set(bearer(owner()))
      ).body;
      return { path: `/api/v1/me/registrations/${r.id}/cancel` };
    });
    row('GET /api/v1/me/requests/:id', OWNED, () => ({ path: `/api/v1/me/requests/${f.requestId}` }));
    row('POST /api/v1/me/requests/:id/replies', OWNED, () => ({ path: `/api/v1/me/requests/${f.requestId}/replies`, body: { text: '补充一下' } }));
    row('POST /api/v1/me/requests/:id/rate', OWNED, async () => {
      const id = (
        await h.http().post('/api/v1/requests').set(bearer(owner())).send({ category: 'other', text: '需要评价的诉求', organisationId: w.org.express })
      ).body.id;
      await asOrganiser('post', `/api/v1/organiser/requests/${id}/status`, { status: 'resolved' });
      return { path: `/api/v1/me/requests/${id}/rate`, body: { satisfied: true } };
    });

    // ---- matchmaking attendees (owner and worker2 checked in; the rest are not attendees) ----
    const ATTENDEE: Record<Caller, Expect> = { anonymous: 401, worker: 'ok', owner: 'ok', otherOrganiser: 409, parentOrganiser: 409, admin: 409 };
    row('GET /api/v1/events/:id/match/board', ATTENDEE, () => ({ path: `/api/v1/events/${f.socialId}/match/board` }));
    row('GET /api/v1/events/:id/match/matches', ATTENDEE, () => ({ path: `/api/v1/events/${f.socialId}/match/matches` }));
    row('POST /api/v1/events/:id/match/picks', ATTENDEE, async (c) => ({
      path: `/api/v1/events/${f.socialId}/match/picks`,
      body: { cardId: await cardFor(c === 'worker' ? w.tokens.worker2 : owner()) },
    }));
    row('DELETE /api/v1/events/:id/match/picks/:cardId', ATTENDEE, async (c) => ({
      path: `/api/v1/events/${f.socialId}/match/picks/${await cardFor(c === 'worker' ? w.tokens.worker2 : owner())}`,
    }));
    row('POST /api/v1/events/:id/match/matches/:cardId/remove', { ...ATTENDEE, worker: 404, owner: 404 }, () => ({
      path: `/api/v1/events/${f.socialId}/match/matches/AAAAAAAAAAAAAAAA/remove`,
    }));
    row('POST /api/v1/events/:id/match/blocks', { ...ATTENDEE, worker: 404, owner: 404 }, () => ({
      path: `/api/v1/events/${f.socialId}/match/blocks`,
      body: { cardId: 'AAAAAAAAAAAAAAAA' },
    }));
    row('POST /api/v1/events/:id/match/reports', { ...ATTENDEE, worker: 404, owner: 404 }, () => ({
      path: `/api/v1/events/${f.socialId}/match/reports`,
      body: { cardId: 'AAAAAAAAAAAAAAAA', reason: '无效举报' },
    }));

    // ---- admins ----
    row('GET /api/v1/admin/audit-log', { anonymous: 401, worker: 403, owner: 403, otherOrganiser: 403, parentOrganiser: 403, admin: 'ok' }, () => ({
      path: '/api/v1/admin/audit-log',
    }));

    // ---- organisers, scoped to the express union ----
    row('GET /api/v1/organiser/stations', ORGANISER_LIST, () => ({ path: '/api/v1/organiser/stations' }));
    row('POST /api/v1/organiser/stations', { ...SCOPED, parentOrganiser: 'ok' }, () => ({
      path: '/api/v1/organiser/stations',
      body: STATION_INPUT(w.org.express, { name: '新驿站' }),
    }));
    row('GET /api/v1/organiser/stations/:id', SCOPED, () => ({ path: `/api/v1/organiser/stations/${station()}` }));
    row('PATCH /api/v1/organiser/stations/:id', SCOPED, () => ({ path: `/api/v1/organiser/stations/${station()}`, body: { description: '更新' } }));
    row('GET /api/v1/organiser/stations/:id/code', SCOPED, () => ({ path: `/api/v1/organiser/stations/${station()}/code` }));
    row('GET /api/v1/organiser/stations/:id/code.svg', SCOPED, () => ({ path: `/api/v1/organiser/stations/${station()}/code.svg` }));
    row('GET /api/v1/organiser/stations/:id/wxacode.png', SCOPED, () => ({ path: `/api/v1/organiser/stations/${station()}/wxacode.png` }));
    row('POST /api/v1/organiser/stations/:id/code/renew', SCOPED, () => ({ path: `/api/v1/organiser/stations/${station()}/code/renew` }));
    row('GET /api/v1/organiser/stations/:id/rotating-code', SCOPED, () => ({ path: `/api/v1/organiser/stations/${station()}/rotating-code` }));
    row('POST /api/v1/organiser/stations/:id/kiosk-links', SCOPED, () => ({ path: `/api/v1/organiser/stations/${station()}/kiosk-links` }));
    row('GET /api/v1/organiser/stations/:id/kiosk-links', SCOPED, () => ({ path: `/api/v1/organiser/stations/${station()}/kiosk-links` }));
    row('DELETE /api/v1/organiser/kiosk-links/:id', SCOPED, async () => {
      await asOrganiser('post', `/api/v1/organiser/stations/${station()}/kiosk-links`);
      const list = (await asOrganiser('get', `/api/v1/organiser/stations/${station()}/kiosk-links`)).body.items;
      return { path: `/api/v1/organiser/kiosk-links/${list[0].id}` };
    });
    row('GET /api/v1/organiser/stations/:id/stats', SCOPED, () => ({ path: `/api/v1/organiser/stations/${station()}/stats` }));
    row('GET /api/v1/organiser/stations/:id/visits.csv', SCOPED, () => ({ path: `/api/v1/organiser/stations/${station()}/visits.csv` }));
    row('GET /api/v1/organiser/organisations/:id/visit-stats', SCOPED, () => ({ path: `/api/v1/organiser/organisations/${w.org.express}/visit-stats` }));
    row('GET /api/v1/organiser/organisations/:id/visits.csv', SCOPED, () => ({ path: `/api/v1/organiser/organisations/${w.org.express}/visits.csv` }));
    row('GET /api/v1/organiser/organisations/:id/dashboard', SCOPED, () => ({ path: `/api/v1/organiser/organisations/${w.org.express}/dashboard` }));
    row('GET /api/v1/organiser/events', ORGANISER_LIST, () => ({ path: '/api/v1/organiser/events' }));
    row('POST /api/v1/organiser/events', SCOPED, () => ({ path: '/api/v1/organiser/events', body: eventInput(h, w) }));
    row('GET /api/v1/organiser/events/:id', SCOPED, () => ({ path: `/api/v1/organiser/events/${f.eventId}` }));
    row('PATCH /api/v1/organiser/events/:id', SCOPED, () => ({ path: `/api/v1/organiser/events/${f.eventId}`, body: { description: '更新' } }));
    row('POST /api/v1/organiser/events/:id/publish', SCOPED, async () => ({
      path: `/api/v1/organiser/events/${(await asOrganiser('post', '/api/v1/organiser/events', eventInput(h, w))).body.id}/publish`,
    }));
    row('POST /api/v1/organiser/events/:id/cancel', SCOPED, async () => ({
      path: `/api/v1/organiser/events/${await publishedEvent(h, w)}/cancel`,
      body: { reason: '测试' },
    }));
    row('POST /api/v1/organiser/events/:id/scan', SCOPED, () => ({
      path: `/api/v1/organiser/events/${f.eventId}/scan`,
      body: { code: f.ticket, override: true },
    }));
    row('POST /api/v1/organiser/events/:id/registrations/:registrationId/undo-checkin', SCOPED, () => ({
      path: `/api/v1/organiser/events/${f.eventId}/registrations/${f.regId}/undo-checkin`,
    }));
    row('POST /api/v1/organiser/events/:id/registrations/:registrationId/checkin', SCOPED, () => ({
      path: `/api/v1/organiser/events/${f.eventId}/registrations/${f.regId}/checkin`,
      body: { override: true },
    }));
    row('GET /api/v1/organiser/events/:id/attendees', SCOPED, () => ({ path: `/api/v1/organiser/events/${f.eventId}/attendees?q=1` }));
    row('GET /api/v1/organiser/events/:id/door-counts', SCOPED, () => ({ path: `/api/v1/organiser/events/${f.eventId}/door-counts` }));
    row('GET /api/v1/organiser/events/:id/scans', SCOPED, () => ({ path: `/api/v1/organiser/events/${f.eventId}/scans` }));
    row('GET /api/v1/organiser/events/:id/rotating-code', SCOPED, () => ({ path: `/api/v1/organiser/events/${f.eventId}/rotating-code` }));
    row('GET /api/v1/organiser/events/:id/wxacode.png', SCOPED, () => ({ path: `/api/v1/organiser/events/${f.eventId}/wxacode.png` }));
    row('GET /api/v1/organiser/events/:id/attendance', SCOPED, () => ({ path: `/api/v1/organiser/events/${f.eventId}/attendance` }));
    row('GET /api/v1/organiser/events/:id/attendance.csv', SCOPED, () => ({ path: `/api/v1/organiser/events/${f.eventId}/attendance.csv` }));
    row('PUT /api/v1/organiser/events/:id/match-settings', SCOPED, () => ({
      path: `/api/v1/organiser/events/${f.socialId}/match-settings`,
      body: {
        picksPerPerson: 3,
        pickOpensAt: new Date(Date.now() - 60e3).toISOString(),
        pickClosesAt: new Date(Date.now() + 3600e3).toISOString(),
        revealAtOnce: true,
      },
    }));
    row('GET /api/v1/organiser/events/:id/match-settings', SCOPED, () => ({ path: `/api/v1/organiser/events/${f.socialId}/match-settings` }));
    row('GET /api/v1/organiser/events/:id/match-stats', SCOPED, () => ({ path: `/api/v1/organiser/events/${f.socialId}/match-stats` }));
    row('GET /api/v1/organiser/events/:id/match-reports', SCOPED, () => ({ path: `/api/v1/organiser/events/${f.socialId}/match-reports` }));
    row('POST /api/v1/organiser/events/:id/match-reports/:reportId/handle', SCOPED, () => ({
      path: `/api/v1/organiser/events/${f.socialId}/match-reports/${f.reportId}/handle`,
    }));
    row('GET /api/v1/organiser/requests', ORGANISER_LIST, () => ({ path: '/api/v1/organiser/requests' }));
    row('POST /api/v1/organiser/requests', SCOPED, () => ({
      path: '/api/v1/organiser/requests',
      body: { category: 'other', text: '现场反映的诉求', organisationId: w.org.express },
    }));
    row('GET /api/v1/organiser/requests/stats', ORGANISER_LIST, () => ({ path: '/api/v1/organiser/requests/stats' }));
    row('GET /api/v1/organiser/requests/:id', SCOPED, () => ({ path: `/api/v1/organiser/requests/${f.requestId}` }));
    row('POST /api/v1/organiser/requests/:id/assign', SCOPED, () => ({
      path: `/api/v1/organiser/requests/${f.requestId}/assign`,
      body: { assigneeId: w.userIds.organiser },
    }));
    row('POST /api/v1/organiser/requests/:id/replies', SCOPED, () => ({ path: `/api/v1/organiser/requests/${f.requestId}/replies`, body: { text: '收到' } }));
    row('POST /api/v1/organiser/requests/:id/status', SCOPED, () => ({
      path: `/api/v1/organiser/requests/${f.requestId}/status`,
      body: { status: 'in_progress' },
    }));
    row('GET /api/v1/organiser/memberships', ORGANISER_LIST, () => ({ path: '/api/v1/organiser/memberships' }));
    const application = async () =>
      (
        await h
          .http()
          .post('/api/v1/memberships')
          .set(bearer(await fresh('申请')))
          .send({ organisationId: w.org.express, name: '申请人', phone: '13700000001', employer: '美团', occupation: 'food_delivery' })
      ).body.id;
    row('POST /api/v1/organiser/memberships/:id/approve', SCOPED, async () => ({ path: `/api/v1/organiser/memberships/${await application()}/approve` }));
    row('POST /api/v1/organiser/memberships/:id/reject', SCOPED, async () => ({
      path: `/api/v1/organiser/memberships/${await application()}/reject`,
      body: { reason: '材料不全' },
    }));
    const approved = async () => {
      const member = await fresh('会员');
      const mid = (
        await h
          .http()
          .post('/api/v1/memberships')
          .set(bearer(member))
          .send({ organisationId: w.org.express, name: '会员甲', phone: '13700000002', employer: '美团', occupation: 'food_delivery' })
      ).body.id as number;
      await asOrganiser('post', `/api/v1/organiser/memberships/${mid}/approve`);
      const card = (await h.http().get('/api/v1/me/memberships').set(bearer(member))).body.items[0].cardCode as string;
      return { mid, card };
    };
    row('POST /api/v1/organiser/memberships/:id/revoke', SCOPED, async () => ({ path: `/api/v1/organiser/memberships/${(await approved()).mid}/revoke` }));
    row('POST /api/v1/organiser/member-cards/verify', SCOPED, async () => ({
      path: '/api/v1/organiser/member-cards/verify',
      body: { code: (await approved()).card },
    }));
    // Many fixtures, and on MySQL a store migrated from scratch: more than the default 5 s on a busy machine.
  }, 60_000);
  afterAll(() => h.close());

  let eventStart = '';
  const selfCode = () => {
    const e = eventRowCache!;
    return signQr(e.qrSecret, { kind: 'event-rotating', id: e.id, window: Math.floor(h.clock.now().getTime() / 30000) });
  };
  let eventRowCache: EventEntity | null = null;

  it('has a row for every route, and no row for a route that does not exist', () => {
    const routes = h.app.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    expect(routes.filter((r) => !rows.has(r))).toEqual([]);
    expect([...rows.keys()].filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('answers every caller of every route as the table says', async () => {
    const event = await h.ds.getRepository(EventEntity).findOneByOrFail({ id: f.eventId });
    eventRowCache = event;
    eventStart = event.startsAt.toISOString();
    const failures: string[] = [];
    for (const spec of h.app.routes) {
      const key = `${spec.method.toUpperCase()} ${spec.path}`;
      const r = rows.get(key)!;
      for (const caller of CALLERS) {
        const saved = h.clock.now();
        const call = await r.make(caller);
        const token = call.token !== undefined ? call.token : tokenOf(caller);
        let req = h.http()[spec.method](call.path);
        if (token) req = req.set(bearer(token));
        const res = call.file ? await req.attach('photo', call.file, 'photo.jpg') : call.body !== undefined ? await req.send(call.body as object) : await req;
        h.clock.set(saved);
        const want = r.expect[caller];
        const ok = want === 'ok' ? res.status >= 200 && res.status < 300 : res.status === want;
        if (!ok) failures.push(`${key} as ${caller}: ${res.status} (wanted ${want}) ${JSON.stringify(res.body).slice(0, 160)}`);
        // Undo a door check-in so the next caller's scan is a first one.
        if (key.endsWith('/scan') || key.endsWith('self-checkin'))
          await h.ds.getRepository(RegistrationEntity).update({ eventId: f.eventId }, { checkedInAt: null });
      }
    }
    expect(failures).toEqual([]);
  }, 120000);
});
