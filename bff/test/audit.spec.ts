import { AuditLogEntity } from '../src/entities';
import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, type World } from './helpers/world';
import { publishedEvent } from './helpers/events';

/** Every organiser read of people's words or reports leaves an audit entry (who, what, when). */
describe('audit of organiser reads', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  const entries = (action: string) => h.ds.getRepository(AuditLogEntity).find({ where: { action, actorId: w.userIds.organiser } });

  it('records reading the list of requests (texts and names)', async () => {
    await h
      .http()
      .post('/api/v1/requests')
      .set(w.headers('worker'))
      .send({ category: 'other', text: '驿站晚上能不能多开一会儿', organisationId: w.org.express });
    expect(await entries('requests.list')).toHaveLength(0);
    const res = await h.http().get('/api/v1/organiser/requests').set(w.headers('organiser'));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(await entries('requests.list')).toHaveLength(1);
  });

  it('records reading the reports of a social', async () => {
    const eventId = await publishedEvent(h, w, { kind: 'matchmaking', title: '青年交友联谊会' });
    const res = await h.http().get(`/api/v1/organiser/events/${eventId}/match-reports`).set(w.headers('organiser'));
    expect(res.status).toBe(200);
    expect((await entries('match-reports.read')).map((e) => e.target)).toEqual([`event:${eventId}`]);
  });
});
