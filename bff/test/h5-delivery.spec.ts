import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chooseEncoding, IMMUTABLE } from '../src/middlewares/h5-static';
import { createHarness, type Harness } from './helpers/harness';

/**
 * How the BFF serves the H5 build: the brotli or gzip copy made at build time by what the browser
 * accepts (br before gzip before none), `Vary: Accept-Encoding`; content-hashed files cached for a
 * year as immutable; index.html revalidated each time and answered 304 while unchanged.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-h5-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const INDEX = `<!doctype html><html lang="zh-CN"><head><title>心连新</title><script defer src="/js/app.1a2b3c4d.js"></script></head><body><div id="app"></div>${'<!-- padding -->'.repeat(50)}</body></html>`;
const APP_JS = `console.log(${JSON.stringify('心连新 '.repeat(2000))});`;
const CSS = `.page{color:red}${'.a{margin:0}'.repeat(200)}`;

/** The build's compressed copies, as scripts/compress-h5.mjs writes them. */
function writeWithCopies(file: string, content: string, copies: Array<'br' | 'gz'> = ['br', 'gz']): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  if (copies.includes('br')) fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(Buffer.from(content)));
  if (copies.includes('gz')) fs.writeFileSync(`${file}.gz`, zlib.gzipSync(Buffer.from(content)));
}

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
let server: http.Server;
/** The bytes as sent (supertest would decode them). */
function raw(method: string, url: string, headers: Record<string, string> = {}): Promise<Raw> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(body: Buffer, encoding: string | undefined): string {
  if (encoding === 'br') return zlib.brotliDecompressSync(body).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(body).toString('utf8');
  return body.toString('utf8');
}

describe('H5 delivery', () => {
  let h: Harness;
  const h5Dir = path.join(tmp, 'h5');

  beforeAll(async () => {
    writeWithCopies(path.join(h5Dir, 'index.html'), INDEX);
    writeWithCopies(path.join(h5Dir, 'js', 'app.1a2b3c4d.js'), APP_JS);
    writeWithCopies(path.join(h5Dir, 'css', 'app.5e6f7a8b.css'), CSS, ['gz']);
    fs.mkdirSync(path.join(h5Dir, 'static', 'images'), { recursive: true });
    fs.writeFileSync(path.join(h5Dir, 'static', 'images', 'scan.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    h = await createHarness({ h5Dir });
    server = http.createServer(h.app.koa.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  it.each([
    ['br, gzip, deflate', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip;q=1, br;q=0.5', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['identity', undefined],
    ['', undefined],
  ])('Accept-Encoding "%s" gets %s, and the bytes decode to the file', async (accept, expected) => {
    const res = await raw('GET', '/js/app.1a2b3c4d.js', { 'Accept-Encoding': accept });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(expected);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['content-type']).toMatch(/javascript/);
    const body = res.body;
    expect(Number(res.headers['content-length'])).toBe(body.length);
    expect(decode(body, expected)).toBe(APP_JS);
    if (expected) expect(body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 5);
  });

  it('falls back to gzip, then to the file, when the build made no brotli copy', async () => {
    const gz = await raw('GET', '/css/app.5e6f7a8b.css', { 'Accept-Encoding': 'br, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz.body, 'gzip')).toBe(CSS);
    const plain = await raw('GET', '/css/app.5e6f7a8b.css', { 'Accept-Encoding': 'br' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(CSS);
  });

  it('caches content-hashed files for a year as immutable, and revalidates the rest', async () => {
    const js = await h.http().get('/js/app.1a2b3c4d.js').set('Accept-Encoding', 'br');
    expect(js.headers['cache-control']).toBe(IMMUTABLE);
    const css = await h.http().get('/css/app.5e6f7a8b.css');
    expect(css.headers['cache-control']).toBe(IMMUTABLE);
    for (const url of ['/', '/index.html', '/static/images/scan.png']) {
      const res = await h.http().get(url).set('Accept-Encoding', 'gzip');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.etag).toBeTruthy();
      expect(res.headers['last-modified']).toBeTruthy();
    }
  });

  it('answers index.html with 304 while its ETag or date holds, per encoding', async () => {
    const first = await raw('GET', '/', { 'Accept-Encoding': 'br' });
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    expect(decode(first.body, 'br')).toBe(INDEX);
    const etag = first.headers.etag as string;

    const again = await raw('GET', '/', { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('no-cache');

    const byDate = await h
      .http()
      .get('/index.html')
      .set('Accept-Encoding', 'br')
      .set('If-Modified-Since', first.headers['last-modified'] as string);
    expect(byDate.status).toBe(304);

    // The gzip copy is another representation: the brotli tag does not validate it.
    const gzip = await raw('GET', '/', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(gzip.status).toBe(200);
    expect(gzip.headers.etag).not.toBe(etag);
    expect(decode(gzip.body, 'gzip')).toBe(INDEX);

    // A new build changes the page: the old tag no longer matches.
    const later = new Date(Date.now() + 5000);
    writeWithCopies(path.join(h5Dir, 'index.html'), INDEX.replace('app.1a2b3c4d', 'app.9f9f9f9f'));
    for (const f of ['index.html', 'index.html.br', 'index.html.gz']) fs.utimesSync(path.join(h5Dir, f), later, later);
    const changed = await raw('GET', '/', { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(decode(changed.body, 'br')).toContain('app.9f9f9f9f');
  });

  it('serves HEAD without a body, and never the compressed copies, the API or paths outside the build', async () => {
    const head = await h.http().head('/js/app.1a2b3c4d.js').set('Accept-Encoding', 'gzip');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(Number(head.headers['content-length'])).toBe(fs.statSync(path.join(h5Dir, 'js', 'app.1a2b3c4d.js.gz')).size);
    expect((await h.http().get('/js/app.1a2b3c4d.js.br')).status).toBe(404);
    expect((await h.http().get('/js/missing.00000000.js')).status).toBe(404);
    expect((await h.http().get('/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await h.http().get('/api/v1/nothing-here')).status).toBe(404);
    expect((await h.http().post('/index.html')).status).not.toBe(200);
  });
});

describe('chooseEncoding', () => {
  it('prefers the smaller copy whatever the order, and honours refusals', () => {
    expect(chooseEncoding('gzip, br', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('gzip, br', ['gzip'])).toBe('gzip');
    expect(chooseEncoding('br;q=0', ['br', 'gzip'])).toBe('identity');
    expect(chooseEncoding('*;q=0, gzip', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('GZIP; Q=0.8', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding(undefined, ['br', 'gzip'])).toBe('identity');
  });
});
