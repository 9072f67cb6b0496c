import { api, closeAll, launch, organiserToken, phone, startWorld, type WeappWorld } from './helpers';

describe('smoke', () => {
  let world: WeappWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    closeAll();
    await world?.stop();
  });
  it('cold start with scene', async () => {
    const token = await organiserToken(world);
    const stations = await api<{ items: Array<{ id: number; name: string }> }>(world.bff.url, 'GET', '/organiser/stations', token);
    const id = stations.items.find((s) => s.name === '恒利工会驿站')!.id;
    const code = (await api<{ payload: string }>(world.bff.url, 'GET', `/organiser/stations/${id}/code`, token)).payload;
    console.log(code);
    const mp = await launch(world, phone('rider1'), { path: 'pages/index/index', query: { scene: encodeURIComponent(code) }, scene: 1047 });
    await mp.waitForRoute('pages/index/index');
    console.log(mp.text());
    await mp.waitForRoute('pages/checkin-result/index');
    console.log(mp.routes(), mp.text());
  });
});
