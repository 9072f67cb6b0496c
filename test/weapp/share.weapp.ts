import { api, closeAll, launch, organiserToken, phone, startWorld, type WeappWorld } from './helpers';

/**
 * Issue 17 (9, 10) in the built mini-program: the event, station and social pages forward as
 * WeChat cards back to themselves; the event page calls the organiser and adds to the calendar.
 */
describe('sharing and acting on an event (the built mini-program)', () => {
  let world: WeappWorld;
  let orgToken: string;
  let event: { id: number; title: string };
  let station: { id: number; name: string };

  beforeAll(async () => {
    world = await startWorld();
    orgToken = await organiserToken(world);
    const events = await api<{ items: Array<{ id: number; title: string }> }>(world.bff.url, 'GET', '/events?limit=50');
    event = events.items.find((e) => e.title === '新就业形态劳动者免费健康体检')!;
    await api(world.bff.url, 'PATCH', `/organiser/events/${event.id}`, orgToken, { contactPhone: '0575-82001234' });
    const stations = await api<{ items: Array<{ id: number; name: string }> }>(world.bff.url, 'GET', '/stations');
    station = stations.items.find((s) => s.name === '恒利工会驿站')!;
  });
  afterEach(() => closeAll());
  afterAll(async () => {
    await world?.stop();
  });

  type Card = { title: string; path?: string; query?: string; imageUrl: string };
  const share = (mp: { top(): Record<string, unknown> }, hook: 'onShareAppMessage' | 'onShareTimeline') =>
    (mp.top()[hook] as (o: object) => Card)({ from: 'menu' });

  it('the event page forwards as a card with its title and day, back to the event, with the bundled image when it has no cover', async () => {
    const mp = await launch(world, phone('share-event'), { path: 'pages/event/index', query: { id: String(event.id) } });
    await mp.waitForText(event.title);
    const card = share(mp, 'onShareAppMessage');
    expect(card.title).toMatch(new RegExp(`^${event.title}（\\d+月\\d+日 周.）$`));
    expect(card.path).toBe(`/pages/event/index?id=${event.id}`);
    expect(card.imageUrl).toMatch(/\.png$/);
    const moments = share(mp, 'onShareTimeline');
    expect(moments).toMatchObject({ title: card.title, query: `id=${event.id}`, imageUrl: card.imageUrl });
  });

  it('an event with a cover forwards with its cover as the card image, to chats and moments', async () => {
    const events = await api<{ items: Array<{ id: number; title: string; cover: { url: string } | null }> }>(world.bff.url, 'GET', '/events?limit=50');
    const covered = events.items.find((e) => e.title === '专业母婴护理公益培训班')!;
    expect(covered.cover).not.toBeNull();
    const mp = await launch(world, phone('share-cover'), { path: 'pages/event/index', query: { id: String(covered.id) } });
    await mp.waitForText(covered.title);
    await mp.waitForElement('event-cover');
    const card = share(mp, 'onShareAppMessage');
    // The signed link of the cover, on the BFF's address (the signature's expiry differs per answer).
    expect(card.imageUrl).toContain(covered.cover!.url.split('?')[0]);
    expect(card.imageUrl).toMatch(/^https?:\/\/[^/]+\/api\/v1\/uploads\/[A-Za-z0-9_-]{22}\?exp=\d+&sig=/);
    expect(card.imageUrl).not.toMatch(/\.png$/);
    expect(share(mp, 'onShareTimeline')).toMatchObject({ title: card.title, query: `id=${covered.id}`, imageUrl: card.imageUrl });
    // The card's image is served to WeChat without a sign-in (the build's API base is mapped onto this world's BFF).
    const img = await fetch(`${world.bff.url}${new URL(card.imageUrl).pathname}${new URL(card.imageUrl).search}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
  });

  it('the event page calls the organiser, opens navigation and, without a phone calendar, copies the time', async () => {
    const device = phone('act-event');
    const mp = await launch(world, device, { path: 'pages/event/index', query: { id: String(event.id) } });
    await mp.waitForElement('event-call');
    expect(mp.text(mp.find('event-contact')!)).toBe('0575-82001234');
    mp.tap('event-call');
    await mp.waitFor(() => device.calls.find((c) => c.api === 'makePhoneCall'), 'makePhoneCall');
    expect(device.calls.find((c) => c.api === 'makePhoneCall')!.args).toMatchObject({ phoneNumber: '057582001234' });
    mp.tap('event-navigate');
    await mp.waitFor(() => device.calls.find((c) => c.api === 'openLocation'), 'openLocation');
    expect(device.calls.find((c) => c.api === 'openLocation')!.args).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number) });
    mp.tap('event-calendar');
    await mp.waitFor(() => device.calls.find((c) => c.api === 'setClipboardData'), 'the time copied');
    expect(String((device.calls.find((c) => c.api === 'setClipboardData')!.args as { data: string }).data)).toContain(event.title);
  });

  it('the station page forwards as "<name> · 工会驿站" back to the station', async () => {
    const mp = await launch(world, phone('share-station'), { path: 'pages/station/index', query: { id: String(station.id) } });
    await mp.waitForText(station.name);
    const card = share(mp, 'onShareAppMessage');
    expect(card.title).toBe(`${station.name} · 工会驿站`);
    expect(card.path).toBe(`/pages/station/index?id=${station.id}`);
    expect(card.imageUrl).toBeTruthy();
    expect(share(mp, 'onShareTimeline')).toMatchObject({ title: card.title, query: `id=${station.id}` });
  });

  it("the social page forwards the social's event page, never the private board", async () => {
    const events = await api<{ items: Array<{ id: number; title: string; kind: string }> }>(world.bff.url, 'GET', '/events?limit=50');
    const social = events.items.find((e) => e.kind === 'matchmaking')!;
    const mp = await launch(world, phone('share-social'), { path: 'pages/match/index', query: { eventId: String(social.id) } });
    // Signed out the page asks to sign in; it has rendered (and registered its share hook) by then.
    await mp.waitForRoute('pages/match/index');
    const card = share(mp, 'onShareAppMessage');
    expect(card.path).toBe(`/pages/event/index?id=${social.id}`);
    expect(card.title).toContain('交友');
    expect(mp.top().onShareTimeline).toBeUndefined();
  });
});
