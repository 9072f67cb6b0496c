import { ERROR_MESSAGES, REQUEST_CATEGORIES, linkForPayload } from '@xlx/shared';
import sharp from 'sharp';
import { LOCAL_API_BASE } from '../../client/config/api-base';
import { JPEG, api, closeAll, launch, organiserToken, phone, settle, startWorld, type LaunchOptions, type MiniProgram, type WeappWorld } from './helpers';

/**
 * Journeys through the built mini-program (client/dist/weapp) in the simulated WeChat runtime,
 * against the real BFF on SQLite signing in through the fake WeChat.
 */

/**
 * How a scanned station code opens the mini-program from WeChat's own scanner; the cold and hot
 * start journeys run once per entry.
 */
/** The local build (npm test's) bakes in no TARO_APP_PUBLIC_URL: its links are under its API base. */
const BUILD_PUBLIC_URL = process.env.TARO_APP_PUBLIC_URL || LOCAL_API_BASE;

const OPENINGS: Record<string, (code: string, base: string) => LaunchOptions> = {
  // A mini-program code (小程序码): the payload arrives as `scene`, URL-encoded.
  scene: (code) => ({ path: 'pages/index/index', query: { scene: encodeURIComponent(code) }, scene: 1047 }),
  // WeChat's 扫一扫 on a printed link (扫普通链接二维码打开小程序): `q` is the whole link, encoded once.
  // The link is under the PUBLIC_URL baked into the build (the API base of the local build).
  q: (code) => ({
    path: 'pages/index/index',
    query: { q: encodeURIComponent(linkForPayload(BUILD_PUBLIC_URL, code)), scancode_time: String(Math.floor(Date.now() / 1000)) },
    scene: 1011,
  }),
};

interface Visit {
  id: number;
  stationId: number;
  offline: boolean;
}

describe('journeys (the built mini-program in the simulated WeChat runtime)', () => {
  let world: WeappWorld;
  let orgToken: string;
  let stationId: number;
  let code: string;

  beforeAll(async () => {
    world = await startWorld();
    orgToken = await organiserToken(world);
    const stations = await api<{ items: Array<{ id: number; name: string }> }>(world.bff.url, 'GET', '/organiser/stations', orgToken);
    stationId = stations.items.find((s) => s.name === '恒利工会驿站')!.id;
    code = (await api<{ payload: string }>(world.bff.url, 'GET', `/organiser/stations/${stationId}/code`, orgToken)).payload;
  });
  afterEach(() => closeAll());
  afterAll(async () => {
    await world?.stop();
  });

  /** The session the mini-program keeps in WeChat storage after wx.login. */
  const tokenOf = (mp: MiniProgram): string => JSON.parse(mp.device.storage.get('xlx.token') ?? 'null') as string;
  const visitsOf = async (token: string) => (await api<{ items: Visit[] }>(world.bff.url, 'GET', '/me/visits', token)).items;
  const checkinPosts = (mp: MiniProgram) => mp.device.requests.filter((r) => r.method === 'POST' && r.url === '/api/v1/checkins');
  const resultPagesOpened = (mp: MiniProgram) =>
    mp.device.calls.filter(
      (c) => /^(navigateTo|redirectTo|reLaunch)$/.test(c.api) && String((c.args as { url: string }).url).startsWith('/pages/checkin-result/index'),
    );

  it.each(Object.keys(OPENINGS))('cold start from a scanned station code (%s): signs in through wx.login and shows 签到成功 once', async (via) => {
    const device = phone(`cold-${via}`);
    const before = world.wechatCalls.length;
    const mp = await launch(world, device, OPENINGS[via](code, world.bff.url));

    await mp.waitForRoute('pages/checkin-result/index');
    await mp.waitForText('恒利工会驿站');
    expect(mp.find('checkin-result-title')).not.toBeNull();
    expect(mp.text(mp.find('checkin-result-title')!)).toBe('签到成功');
    // The launch's silent sign-in and the scene's check-in share one wx.login and one code2Session.
    expect(world.wechatCalls.length - before).toBe(1);
    expect(mp.device.calls.filter((c) => c.api === 'login')).toHaveLength(1);
    expect(mp.routes()).toEqual(['pages/index/index', 'pages/checkin-result/index']);

    // The app's onShow and the page's onLoad both see the code: one check-in, one result page.
    await settle();
    expect(resultPagesOpened(mp)).toHaveLength(1);
    expect(checkinPosts(mp)).toHaveLength(1);
    const visits = await visitsOf(tokenOf(mp));
    expect(visits.map((v) => v.stationId)).toEqual([stationId]);
  });

  it.each(Object.keys(OPENINGS))(
    'hot start from a scanned station code (%s) while on another tab: WeChat reopens the home page, 签到成功 once',
    async (via) => {
      const device = phone(`hot-${via}`);
      const mp = await launch(world, device);
      await mp.waitForElement('scan-button');
      await mp.waitFor(() => device.storage.get('xlx.token'), 'the silent sign-in');
      mp.tapTabBar('pages/stations/index');
      await mp.waitForRoute('pages/stations/index');

      // Out of the app, the worker scans the station's code with WeChat: the app is still alive.
      mp.hotStart(OPENINGS[via](code, world.bff.url));
      await mp.waitForRoute('pages/checkin-result/index');
      await mp.waitForText('恒利工会驿站');
      expect(mp.text(mp.find('checkin-result-title')!)).toBe('签到成功');
      // App.onShow passes the scene to the home page and the reopened home page loads with it too.
      await settle();
      expect(resultPagesOpened(mp)).toHaveLength(1);
      expect(checkinPosts(mp)).toHaveLength(1);
      expect(mp.device.calls.filter((c) => c.api === 'login')).toHaveLength(1);
    },
  );

  it('scans a station code in the app, a repeat says 已于 HH:mm 签到, and a refused code says why', async () => {
    const device = phone('in-app');
    const mp = await launch(world, device);
    await mp.waitForElement('scan-button');
    await mp.waitFor(() => mp.device.storage.get('xlx.token'), 'the silent sign-in');

    device.scans.push({ result: code });
    mp.tap('scan-button');
    await mp.waitForRoute('pages/checkin-result/index');
    await mp.waitForText('恒利工会驿站');
    expect(mp.text(mp.find('checkin-result-title')!)).toBe('签到成功');

    // Home again (返回首页) and the same code: the same visit, with its time.
    mp.tap(mp.findByText('返回首页')!);
    await mp.waitForRoute('pages/index/index');
    device.scans.push({ result: code });
    mp.tap('scan-button');
    await mp.waitForRoute('pages/checkin-result/index');
    await mp.waitForText('已于');
    const title = mp.text(mp.find('checkin-result-title')!);
    expect(title).toMatch(/^已于 \d{2}:\d{2} 签到$/);
    expect(mp.routes()).toEqual(['pages/index/index', 'pages/checkin-result/index']);
    expect(await visitsOf(tokenOf(mp))).toHaveLength(1);

    // A code with a forged signature: the server refuses it, the page says so, no visit is made.
    const forged = code.slice(0, -2) + (code.endsWith('AA') ? 'BB' : 'AA');
    mp.tap(mp.findByText('返回首页')!);
    await mp.waitForRoute('pages/index/index');
    device.scans.push({ result: forged });
    mp.tap('scan-button');
    await mp.waitForRoute('pages/checkin-result/index');
    await mp.waitForElement('checkin-scan-again');
    expect(mp.text(mp.find('checkin-result-title')!)).toBe('签到未成功');
    // The server's own message, decoded from the page's query as WeChat hands it over.
    expect(mp.text(mp.find('checkin-result-message')!)).toBe(ERROR_MESSAGES.QR_INVALID);
    expect(await visitsOf(tokenOf(mp))).toHaveLength(1);

    // Cancelling the camera does nothing.
    mp.tap('checkin-scan-again');
    await settle();
    expect(mp.route).toBe('pages/checkin-result/index');
  });

  it('offline: the scan is kept in storage and sent exactly once when the network returns', async () => {
    const device = phone('offline');
    const mp = await launch(world, device);
    await mp.waitForElement('scan-button');
    await mp.waitFor(() => device.storage.get('xlx.token'), 'the silent sign-in');

    device.setOnline(false);
    device.scans.push({ result: code });
    mp.tap('scan-button');
    await mp.waitForRoute('pages/checkin-result/index');
    await mp.waitForText('联网后');
    const queued = JSON.parse(device.storage.get('xlx.offline-checkins') ?? '[]') as Array<{ code: string; clientRequestId: string }>;
    expect(queued).toHaveLength(1);
    expect(queued[0].code).toBe(code);
    expect(checkinPosts(mp).filter((r) => r.status < 300)).toHaveLength(0);

    // Back home, the banner counts it.
    mp.tapTabBar('pages/index/index');
    await mp.waitForText('有 1 条签到待补交');

    // The network returns: WeChat tells the app, the queue goes out once.
    device.setOnline(true);
    await mp.waitFor(() => !device.storage.has('xlx.offline-checkins'), 'the queue to empty');
    await mp.waitFor(() => !mp.text().includes('待补交'), 'the banner to go');
    expect(device.toasts).toContain('已补交 1 条离线签到');

    // Later flushes (another network change, the app shown again) send nothing more.
    device.setOnline(true);
    mp.hotStart({});
    await settle();
    expect(checkinPosts(mp).filter((r) => r.status < 300)).toHaveLength(1);
    const visits = await visitsOf(tokenOf(mp));
    expect(visits.map((v) => v.stationId)).toEqual([stationId]);
  });

  it('registers for an event and opens the ticket; the organiser scans it at the door with scanCode', async () => {
    const events = await api<{ items: Array<{ id: number; title: string }> }>(world.bff.url, 'GET', '/events?limit=50');
    const health = events.items.find((e) => e.title === '新就业形态劳动者免费健康体检')!;

    const device = phone('attendee');
    const worker = await launch(world, device, { path: 'pages/event/index', query: { id: String(health.id) } });
    await worker.waitFor(() => device.storage.get('xlx.token'), 'the silent sign-in');
    // The worker has filled in the profile (the event asks for an occupation).
    await api(world.bff.url, 'PATCH', '/me', tokenOf(worker), { nickname: '小程序骑手', occupation: 'food_delivery' });
    worker.hotStart({});
    await worker.waitForElement('register-button');
    await worker.waitFor(() => !worker.attr(worker.find('register-button')!, 'disabled'), 'the register button to be enabled');
    worker.tap('register-button');
    await worker.waitFor(() => worker.find('registration-status') && worker.text(worker.find('registration-status')!).includes('已报名'), '已报名');
    expect(device.toasts).toContain('报名成功');

    worker.tap('ticket-link');
    await worker.waitForRoute('pages/ticket/index');
    const ticket = (await worker.waitFor(
      () => worker.find('ticket-code-text') && worker.text(worker.find('ticket-code-text')!).trim(),
      'the ticket code',
    )) as string;
    expect(ticket).toMatch(/^T1\./);
    expect(worker.find('ticket-qr')).not.toBeNull();

    // The organiser, signed in on their own phone, opens the door page of the event.
    const door = phone('organiser');
    door.storage.set('xlx.token', JSON.stringify(orgToken));
    const organiser = await launch(world, door, { path: 'organiser/pages/door/index', query: { eventId: String(health.id) } });
    await organiser.waitForElement('door-scan');
    door.scans.push({ result: ticket, scanType: 'QR_CODE' });
    organiser.tap('door-scan');
    await organiser.waitForElement('door-result');
    await organiser.waitFor(() => organiser.text(organiser.find('door-result')!).includes('小程序骑手'), 'the attendee on the door result');
    expect(organiser.find('door-result')!.cl).toContain('door-ok');

    // The same ticket again: amber, with who and when.
    door.scans.push({ result: ticket, scanType: 'QR_CODE' });
    await organiser.waitFor(() => !organiser.attr(organiser.find('door-scan')!, 'disabled'), 'the scan button to be free');
    organiser.tap('door-scan');
    await organiser.waitFor(() => String(organiser.find('door-result')!.cl).includes('door-already'), 'the repeat scan');

    // The worker's ticket page flips to 已签到.
    await worker.waitFor(() => worker.text().includes('已签到'), '已签到 on the ticket');
  });

  it('an organiser places a station with chooseLocation; a worker finds it on the map and taps its marker', async () => {
    const stations = await api<{ items: Array<{ id: number; name: string }> }>(world.bff.url, 'GET', '/organiser/stations', orgToken);
    const target = stations.items.find((s) => s.name === '舜江路工会驿站')!;
    const place = { name: '舜江路工会驿站新址', address: '绍兴市上虞区百官街道舜江路 88 号', latitude: 30.031234, longitude: 120.871234 };

    const desk = phone('organiser-desk');
    desk.storage.set('xlx.token', JSON.stringify(orgToken));
    desk.chosenLocation = place;
    const organiser = await launch(world, desk, { path: 'organiser/pages/station/index', query: { id: String(target.id) } });
    await organiser.waitForElement('station-edit');
    organiser.tap('station-edit');
    await organiser.waitForRoute('organiser/pages/station-edit/index');
    await organiser.waitForElement('station-choose-location');
    await organiser.waitFor(() => organiser.attr(organiser.find('station-lat')!, 'value'), 'the form to load');
    organiser.tap('station-choose-location');
    await organiser.waitFor(() => organiser.attr(organiser.find('station-lat')!, 'value') === '30.031234', 'the chosen place in the form');
    // The picked place's name is added to its address, so workers find the door.
    expect(organiser.attr(organiser.find('station-address')!, 'value')).toBe(`${place.address} ${place.name}`);
    organiser.tap('station-save');
    await organiser.waitFor(() => desk.toasts.includes('已保存'), '已保存');
    await organiser.waitForRoute('organiser/pages/station/index');
    // wx.request has no PATCH: the weapp build tunnels it through POST.
    expect(desk.requests).toContainEqual({ method: 'PATCH', url: `/api/v1/organiser/stations/${target.id}`, status: 200 });

    const device = phone('map-user');
    device.location = { latitude: 30.0315, longitude: 120.8715 };
    const worker = await launch(world, device);
    await worker.waitForElement('scan-button');
    worker.tapTabBar('pages/stations/index');
    await worker.waitForElement('stations-map-toggle');
    worker.tap('stations-map-toggle');
    const map = await worker.waitForElement('stations-map');
    const markers = worker.attr(map, 'markers') as Array<{ id: number; latitude: number; longitude: number; title: string }>;
    expect(markers[0]).toMatchObject({ id: target.id, latitude: place.latitude, longitude: place.longitude });
    worker.fire(map, 'markertap', { markerId: target.id });
    await worker.waitForRoute('pages/station/index');
    await worker.waitForText(place.address);
  });

  it('sends a request with a photo chosen with chooseMedia and sent with uploadFile', async () => {
    const device = phone('requester');
    device.photos.push(JPEG);
    // Standing at the station the request is about.
    const station = await api<{ latitude: number; longitude: number }>(world.bff.url, 'GET', `/stations/${stationId}`);
    device.location = { latitude: station.latitude, longitude: station.longitude };
    const mp = await launch(world, device, { path: 'pages/requests/index' });
    await mp.waitForElement('request-new');
    mp.tap('request-new');
    await mp.waitForElement('request-form');
    mp.tap(`request-category-${REQUEST_CATEGORIES[2]}`);
    mp.input('request-text', '驿站的饮水机坏了，夏天送餐没水喝，希望尽快修好。');
    mp.tap('request-target-station');
    await mp.waitForElement(`request-station-${stationId}`);
    mp.tap(`request-station-${stationId}`);

    mp.tap('request-photo-add');
    await mp.waitForElement('request-photo-0');
    await mp.waitFor(() => !mp.find('request-photo-status-0'), 'the photo upload');
    const uploads = device.requests.filter((r) => r.method === 'UPLOAD');
    expect(uploads).toEqual([{ method: 'UPLOAD', url: '/api/v1/uploads', status: 201 }]);

    mp.tap('request-submit');
    await mp.waitForRoute('pages/request/index');
    const photo = await mp.waitForElement('request-photo-view');
    const src = String(mp.attr(photo, 'src'));
    expect(mp.text()).toContain('驿站的饮水机坏了');
    // The photo shown is the one sent (re-encoded by the BFF, same size), served at its signed link.
    const res = await fetch(new URL(new URL(src).pathname + new URL(src).search, world.bff.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const served = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect({ format: served.format, width: served.width, height: served.height }).toEqual({ format: 'jpeg', width: 48, height: 32 });
  });
});
