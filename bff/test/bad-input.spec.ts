import type { Test } from 'supertest';
import { z } from 'zod';
import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, type World } from './helpers/world';
import { ErrorBodySchema, LIMITS } from '@xlx/shared';

/**
 * A sweep driven by the shared schemas: every route that takes a body or a query gets wrong
 * types, missing and extra fields, over-long and empty strings, unusual Unicode, numbers out of
 * range, malformed JSON and oversized bodies. Every answer is a 4xx with the error body, never a
 * 500, and the store holds exactly what it held before.
 */
describe('bad input on every route', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  const PARAMS: Record<string, string> = {
    id: '1',
    registrationId: '1',
    reportId: '1',
    cardId: 'AAAAAAAAAAAAAAAA',
    token: 'x'.repeat(43),
    payload: 'T1.1.AbCdEf012_-x',
  };
  const fill = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => PARAMS[name]);

  type Json = {
    type?: string | string[];
    properties?: Record<string, Json>;
    required?: string[];
    maxLength?: number;
    minimum?: number;
    maximum?: number;
    anyOf?: Json[];
    oneOf?: Json[];
  };
  const schemaOf = (s: z.core.$ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;

  /** Bodies no schema may accept. */
  function badBodies(schema: Json): unknown[] {
    const out: unknown[] = [[], 'text', 42, null, { ['unexpected_' + 'field']: 1 }];
    if (schema.required?.length) out.push({});
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      const types = ([] as string[]).concat(prop.type ?? (prop.anyOf ?? prop.oneOf ?? []).flatMap((p) => ([] as string[]).concat(p.type ?? [])));
      if (!types.includes('object') && !types.includes('array')) out.push({ [name]: { nested: true } });
      if (!types.includes('string')) out.push({ [name]: 'not-a-number' });
      if (types.includes('string')) {
        out.push({ [name]: 12345 });
        out.push({ [name]: 'x\uD800y' });
        if (prop.maxLength !== undefined) out.push({ [name]: '长'.repeat(prop.maxLength + 1) });
      }
      if (types.includes('number') || types.includes('integer')) {
        if (prop.minimum !== undefined) out.push({ [name]: prop.minimum - 1 });
        if (prop.maximum !== undefined) out.push({ [name]: prop.maximum + 1 });
        out.push({ [name]: 1.5e300 });
      }
    }
    return out;
  }

  const counts = async () =>
    Object.fromEntries(await Promise.all(h.ds.entityMetadatas.map(async (m) => [m.name, await h.ds.getRepository(m.target).count()] as const)));

  /** A query that passes, for routes whose body is a file: the sweep aims at the body there. */
  const UPLOAD_QUERY: Record<string, string> = { 'POST /api/v1/uploads': '?purpose=request' };
  /** Multipart bodies no upload route may accept. */
  const badForms = (): Array<[string, (req: Test) => Test]> => [
    ['no file', (req) => req.field('note', 'x')],
    ['empty file', (req) => req.attach('photo', Buffer.alloc(0), 'a.jpg')],
    ['text claiming to be a photo', (req) => req.attach('photo', Buffer.from('<svg onload="alert(1)"/>'), { filename: 'a.jpg', contentType: 'image/jpeg' })],
    ['two files', (req) => req.attach('a', Buffer.from([0xff, 0xd8, 0xff, 1]), 'a.jpg').attach('b', Buffer.from([0xff, 0xd8, 0xff, 2]), 'b.jpg')],
    [
      'cut-off form',
      (req) =>
        req
          .set('Content-Type', 'multipart/form-data; boundary=zz')
          .send('--zz\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n\xff\xd8'),
    ],
    ['no boundary', (req) => req.set('Content-Type', 'multipart/form-data').send('photo')],
    ['oversized', (req) => req.attach('photo', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(LIMITS.uploadBytesMax)]), 'a.jpg')],
  ];

  it('answers every bad body and query with a 4xx error body and changes nothing', async () => {
    const before = await counts();
    const problems: string[] = [];
    const check = (what: string, res: { status: number; body: unknown }) => {
      if (res.status < 400 || res.status >= 500) problems.push(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      else if (!ErrorBodySchema.safeParse(res.body).success) problems.push(`${what}: no error body`);
    };
    const auth = w.headers('admin');
    for (const spec of h.app.routes) {
      const path = fill(spec.path);
      const label = `${spec.method.toUpperCase()} ${spec.path}`;
      if (spec.body) {
        for (const body of badBodies(schemaOf(spec.body))) {
          const res = await h.http()[spec.method](path).set(auth).set('Content-Type', 'application/json').send(JSON.stringify(body));
          // An answer is a refusal unless the body happened to satisfy the route (then it must not be a 500).
          if (res.status >= 500) problems.push(`${label} ${JSON.stringify(body).slice(0, 60)}: ${res.status}`);
          else if (res.status < 400 && JSON.stringify(body) !== '{}') problems.push(`${label} accepted ${JSON.stringify(body).slice(0, 60)}`);
        }
        check(`${label} malformed JSON`, await h.http()[spec.method](path).set(auth).set('Content-Type', 'application/json').send('{"a": '));
        check(
          `${label} oversized`,
          await h
            .http()
            [spec.method](path)
            .set(auth)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify({ x: 'x'.repeat(LIMITS.bodyBytesMax + 10) })),
        );
      }
      if (spec.consumes === 'multipart/form-data') {
        const url = path + (UPLOAD_QUERY[label] ?? '');
        if (!UPLOAD_QUERY[label]) problems.push(`${label}: add a passing query to UPLOAD_QUERY`);
        for (const [what, build] of badForms()) check(`${label} ${what}`, await build(h.http()[spec.method](url).set(auth)));
        for (const body of ['{"photo":"x"}', '[]', 'null'])
          check(`${label} JSON ${body}`, await h.http()[spec.method](url).set(auth).set('Content-Type', 'application/json').send(body));
      }
      if (spec.query) {
        check(
          `${label} unknown query`,
          await h
            .http()
            [spec.method](path + '?unknownParam=1')
            .set(auth),
        );
        check(
          `${label} query out of range`,
          await h
            .http()
            [spec.method](path + '?limit=100000&organisationId=-5&lat=999&from=yesterday')
            .set(auth),
        );
      }
      if (spec.params && /:id\b/.test(spec.path)) {
        check(
          `${label} bad id`,
          await h
            .http()
            [spec.method](spec.path.replace(/:id\b/, 'abc').replace(/:(\w+)/g, (_, n: string) => PARAMS[n]))
            .set(auth),
        );
        check(
          `${label} huge id`,
          await h
            .http()
            [spec.method](spec.path.replace(/:id\b/, '99999999999999999999').replace(/:(\w+)/g, (_, n: string) => PARAMS[n]))
            .set(auth),
        );
      }
    }
    expect(problems).toEqual([]);
    expect(await counts()).toEqual(before);
  }, 120000);
});
