import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHarness, type Harness } from './helpers/harness';
import { LIMITS } from '@xlx/shared';

/** Taro's inline script that sizes the root font. */
const SIZING = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';

describe('operations and protocol', () => {
  let h: Harness;
  let h5Dir: string;
  beforeAll(async () => {
    h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-h5-'));
    fs.writeFileSync(path.join(h5Dir, 'index.html'), `<!doctype html><title>心连新</title><script>${SIZING}</script><script defer src="/js/app.js"></script>`);
    h = await createHarness({ h5Dir });
  });
  afterAll(() => h.close());

  it('serves the H5 page under a Content-Security-Policy: own scripts and the inline one by hash, nothing from elsewhere', async () => {
    const res = await h.http().get('/');
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    const hash = createHash('sha256').update(SIZING).digest('base64');
    expect(csp).toMatch(new RegExp(`script-src 'self'( 'report-sample')? 'sha256-${hash.replace(/[+/=]/g, (c) => `\\${c}`)}'`));
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("connect-src 'self' blob:");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("frame-ancestors 'self'");
  });

  it('/healthz answers 200', async () => {
    const res = await h.http().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 when the store answers', async () => {
    const res = await h.http().get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
  });

  it('/metrics speaks the Prometheus text format and counts requests by route pattern', async () => {
    await h.http().get('/api/v1/organisations/12345');
    const res = await h.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/# TYPE http_requests_total counter/);
    expect(res.text).toContain('route="/api/v1/organisations/:id"');
    expect(res.text).not.toContain('12345');
  });

  it('serves the OpenAPI document generated from the shared schemas', async () => {
    const res = await h.http().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const patchMe = res.body.paths['/api/v1/me'].patch;
    expect(patchMe.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/UpdateMeInput' });
    expect(res.body.components.schemas.UpdateMeInput.properties.phone).toBeDefined();
    expect(patchMe.responses['400']).toBeDefined();
    expect(patchMe.security).toEqual([{ bearer: [] }]);
    expect(res.body.paths['/api/v1/organisations/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    for (const route of h.app.routes) {
      expect(res.body.paths[route.path.replace(/:(\w+)/g, '{$1}')][route.method]).toBeDefined();
    }
  });

  it('names the shared schemas once, in components, and every reference finds its schema', async () => {
    const doc = (await h.http().get('/api/v1/openapi.json')).body;
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, unknown> }>;
    // Named in shared with .meta({ id }): one component each, for answers and (…Input) for bodies.
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Station', 'Event', 'ErrorBody', 'CheckinRequestInput', 'CheckinResult', 'Amenity']));
    expect(doc.paths['/api/v1/stations/{id}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Station' });
    expect(doc.paths['/api/v1/checkins'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CheckinRequestInput' });
    expect(doc.paths['/api/v1/checkins'].post.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    // A station list refers to Station rather than repeating it, and a station's amenities to Amenity.
    expect(JSON.stringify(doc.paths['/api/v1/stations'].get.responses['200'])).toContain('"#/components/schemas/Station"');
    expect(JSON.stringify(schemas.Station)).toContain('"#/components/schemas/Amenity"');
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(100);
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas[ref.slice('#/components/schemas/'.length)]).toBeDefined();
    }
    expect(JSON.stringify(doc)).not.toContain('$defs');
  });

  it('puts a request id on every response, and keeps a sane inbound one', async () => {
    const a = await h.http().get('/healthz');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const b = await h.http().get('/api/v1/me').set('X-Request-Id', 'client-req-12345');
    expect(b.headers['x-request-id']).toBe('client-req-12345');
    expect(b.body.error.requestId).toBe('client-req-12345');
    const c = await h.http().get('/healthz').set('X-Request-Id', 'bad id with spaces');
    expect(c.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('answers an unknown API path with 404 and the error body', async () => {
    const res = await h.http().get('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
  });

  it('answers a missing organisation with 404, a bad id with 400', async () => {
    expect((await h.http().get('/api/v1/organisations/999999')).status).toBe(404);
    const bad = await h.http().get('/api/v1/organisations/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('id');
  });

  it('refuses malformed JSON with 400 and no stack or SQL', async () => {
    const res = await h.http().post('/api/v1/auth/dev').set('Content-Type', 'application/json').send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|SELECT|INSERT|SyntaxError/);
  });

  it('refuses a non-JSON body', async () => {
    const res = await h.http().post('/api/v1/auth/dev').set('Content-Type', 'text/plain').send('name=x');
    expect(res.status).toBe(400);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await h
      .http()
      .post('/api/v1/auth/dev')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(LIMITS.bodyBytesMax) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves the H5 build at /', async () => {
    const res = await h.http().get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('心连新');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('hides internal errors behind INTERNAL with the request id', async () => {
    const spy = jest.spyOn(h.app.services.organisations, 'list').mockRejectedValueOnce(new Error('SELECT * FROM secret_table failed'));
    const res = await h.http().get('/api/v1/organisations');
    spy.mockRestore();
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(res.body)).not.toContain('secret_table');
  });

  it('answers 503 SERVICE_UNAVAILABLE when the store is unreachable', async () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    const spy = jest.spyOn(h.app.services.organisations, 'list').mockRejectedValueOnce(err);
    const res = await h.http().get('/api/v1/organisations');
    spy.mockRestore();
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('5');
  });
});

describe('QR images', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('draws a PNG of a ticket payload', async () => {
    const res = await h.http().get('/api/v1/qr/T1.5.AbCdEf012_-x.png').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect((res.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
  });

  it.each(['hello.png', 'S1.5.short.png'])('refuses %s', async (p) => {
    const res = await h.http().get(`/api/v1/qr/${p}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('QR_INVALID');
  });
});
