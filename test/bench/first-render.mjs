#!/usr/bin/env node
// The H5 app as a phone on a slow network gets it, in Chromium (never downloaded: /usr/bin/chromium
// or CHROMIUM_PATH) against the real BFF serving client/dist/h5 (`npm run build` first):
// - over the wire: the bytes of everything the first page loads (encodedDataLength, i.e. what
//   travelled compressed), html + js + css, cold cache, no throttling;
// - first render on a slow phone (CPU 4× slower, 1.6 Mbps down, 150 ms round trip, CDP throttling):
//   milliseconds from navigation until a usable page shows: the sign-in QR code for a new visitor,
//   the 扫码签到 button of the home page for a signed-in one. Median of FIRST_RENDER_RUNS (3).
// `node test/bench/first-render.mjs` runs it alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from './lib.mjs';

export const SLOW_PHONE = { cpuSlowdown: 4, downKbps: 1600, upKbps: 750, rttMs: 150 };
const RUNS = Number(process.env.FIRST_RENDER_RUNS ?? 3);
/** What a person can use: the sign-in page's QR code, the home page's scan button. */
const USABLE = { signIn: '#browser-login-image', home: '#scan-button' };

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** In the page, from its first script on: the time the selector's element is laid out and visible. */
function watchUsable(selector) {
  const check = () => {
    const el = document.querySelector(selector);
    if (el) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && Number(style.opacity) > 0) {
        window.__usableAt = performance.now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

async function signInToken(base) {
  const res = await fetch(new URL('/api/v1/auth/dev', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: '王泽锋' }),
  });
  if (!res.ok) throw new Error(`dev sign-in failed: ${res.status}`);
  return (await res.json()).token;
}

/**
 * One cold visit in a fresh context: returns { usableMs, fcpMs, bytes: { document, script, stylesheet, other }, requests }.
 * `token`: a stored session (home page); `throttle`: the slow phone profile, or none.
 */
async function visit(browser, base, { token, throttle, selector }) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  try {
    if (token) await context.addInitScript((t) => window.localStorage.setItem('xlx.token', JSON.stringify({ data: t })), token);
    await context.addInitScript(watchUsable, selector);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttle) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: throttle.rttMs,
        downloadThroughput: (throttle.downKbps * 1000) / 8,
        uploadThroughput: (throttle.upKbps * 1000) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle.cpuSlowdown });
    }
    const types = new Map();
    const bytes = { document: 0, script: 0, stylesheet: 0, other: 0 };
    const files = [];
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, { type: e.type, url: e.response.url }));
    cdp.on('Network.loadingFinished', (e) => {
      const t = types.get(e.requestId);
      // data: URLs travel inside the script that holds them.
      if (!t || t.url.startsWith('data:')) return;
      const kind = { Document: 'document', Script: 'script', Stylesheet: 'stylesheet' }[t.type] ?? 'other';
      bytes[kind] += e.encodedDataLength;
      files.push({ kind, url: t.url.replace(base, ''), bytes: e.encodedDataLength });
    });
    await page.goto(base, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__usableAt !== undefined, null, { timeout: 60_000, polling: 100 });
    // What the page still fetches for this view (the lazily loaded page, its styles) has arrived.
    await page.waitForLoadState('networkidle').catch(() => {});
    const { usableMs, fcpMs } = await page.evaluate(() => ({
      usableMs: window.__usableAt,
      fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    }));
    return { usableMs, fcpMs, bytes, files };
  } finally {
    await context.close();
  }
}

/** Starts the BFF on a scratch embedded store and Chromium; measures both views. */
export async function benchFirstRender({ runs = RUNS } = {}) {
  if (!fs.existsSync(path.join(ROOT, 'client', 'dist', 'h5', 'index.html'))) throw new Error('no H5 build: run `npm run build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-first-render-'));
  const server = await startServer(path.join(ROOT, 'bff', 'dist', 'server.js'), { DATA_DIR: dataDir, DEV_SIGNIN: 'true', RATE_LIMIT_SCALE: '1000' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const token = await signInToken(server.url);
    // Over the wire: a new visitor's sign-in page and a member's home page, unthrottled.
    const wire = {};
    for (const [view, opts] of [
      ['signIn', {}],
      ['home', { token }],
    ]) {
      const v = await visit(browser, server.url, { ...opts, selector: USABLE[view] });
      wire[view] = { ...v.bytes, firstPage: v.bytes.document + v.bytes.script + v.bytes.stylesheet, files: v.files };
    }
    const slow = { signIn: [], home: [] };
    for (let i = 0; i < runs; i++) {
      for (const [view, opts] of [
        ['signIn', {}],
        ['home', { token }],
      ]) {
        const v = await visit(browser, server.url, { ...opts, throttle: SLOW_PHONE, selector: USABLE[view] });
        slow[view].push(v);
      }
    }
    const summary = (vs) => ({
      usableMs: median(vs.map((v) => v.usableMs)),
      fcpMs: median(vs.map((v) => v.fcpMs ?? NaN)),
      all: vs.map((v) => Math.round(v.usableMs)),
    });
    return { wire, slow: { signIn: summary(slow.signIn), home: summary(slow.home) }, profile: SLOW_PHONE };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchFirstRender();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  for (const [view, w] of Object.entries(r.wire)) {
    console.log(
      `${view}: first page over the wire ${kb(w.firstPage)} (html ${kb(w.document)}, js ${kb(w.script)}, css ${kb(w.stylesheet)}; other ${kb(w.other)})`,
    );
    if (process.env.VERBOSE) for (const f of w.files) console.log(`  ${f.kind.padEnd(10)} ${kb(f.bytes).padStart(9)} ${f.url}`);
  }
  for (const [view, s] of Object.entries(r.slow))
    console.log(`${view}: usable after ${s.usableMs.toFixed(0)} ms (runs ${s.all.join(', ')} ms), first paint ${s.fcpMs.toFixed(0)} ms`);
}
