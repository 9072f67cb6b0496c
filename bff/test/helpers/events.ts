import type { EventInput } from '@xlx/shared';
import type { Harness } from './harness';
import type { World } from './world';

const HOUR = 3600 * 1000;

/** A published event of the express union: registration open now, starting in two days. */
export function eventInput(h: Harness, w: World, over: Partial<EventInput> = {}): EventInput {
  const now = h.clock.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    organisationId: w.org.express,
    kind: 'health',
    title: '新就业形态劳动者免费健康体检',
    description: '劳模医疗服务队义诊，免费体检',
    stationId: null,
    venue: '上虞区人民医院体检中心',
    latitude: 30.03,
    longitude: 120.87,
    startsAt: iso(now + 48 * HOUR),
    endsAt: iso(now + 51 * HOUR),
    registrationOpensAt: iso(now - HOUR),
    registrationClosesAt: iso(now + 47 * HOUR),
    capacity: 3,
    waitlist: true,
    cancellationDeadline: iso(now + 24 * HOUR),
    eligibility: { genders: [], minAge: null, maxAge: null, occupations: [], membersOnly: false },
    selfCheckin: true,
    certificateName: null,
    contactPhone: null,
    questions: [],
    ...over,
  };
}

/** Creates and publishes; returns the event id. */
export async function publishedEvent(h: Harness, w: World, over: Partial<EventInput> = {}): Promise<number> {
  const created = await h
    .http()
    .post('/api/v1/organiser/events')
    .set(w.headers('organiser'))
    .send(eventInput(h, w, over));
  if (created.status !== 201) throw new Error(`create failed ${created.status} ${JSON.stringify(created.body)}`);
  const pub = await h.http().post(`/api/v1/organiser/events/${created.body.id}/publish`).set(w.headers('organiser'));
  if (pub.status !== 200) throw new Error(`publish failed ${JSON.stringify(pub.body)}`);
  return created.body.id;
}

/** Signs in `n` fresh workers; returns their tokens. */
export async function workers(h: Harness, prefix: string, n: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) tokens.push(await h.signIn(`${prefix}${i}`));
  return tokens;
}

export const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
