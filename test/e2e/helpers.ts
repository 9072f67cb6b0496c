import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { assertResponseLogClean } from '../../bff/test/helpers/leak-guard';

export const ROOT = path.resolve(__dirname, '..', '..');
export const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');

export interface Bff {
  url: string;
  proc: ChildProcess;
  dataDir: string;
  stop: () => Promise<void>;
}

/** The real BFF (compiled, as `npm start` runs it) on a fresh embedded store with demo data, serving the H5 build. */
export function startBff(env: Record<string, string> = {}): Promise<Bff> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-e2e-'));
  // Every API response the journey causes is recorded and checked for secrets when it stops.
  const responses = path.join(dataDir, 'responses.jsonl');
  const proc = spawn(process.execPath, [path.join(ROOT, 'bff', 'dist', 'server.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEV_SIGNIN: 'true', RESPONSE_LOG: responses, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    // Migrations and demo data on a fresh store take a few seconds; far longer on a loaded machine.
    const timer = setTimeout(() => reject(new Error(`BFF did not start in 60 s:\n${out}`)), 60000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /running: (http:\/\/[^/\s]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          proc,
          dataDir,
          stop: async () => {
            if (proc.exitCode === null) {
              proc.kill('SIGTERM');
              await new Promise((r) => proc.once('exit', r));
            }
            try {
              if (assertResponseLogClean(responses) === 0) throw new Error('the BFF recorded no responses: is RESPONSE_LOG wired?');
            } finally {
              fs.rmSync(dataDir, { recursive: true, force: true });
            }
          },
        });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`BFF exited with ${code}:\n${out}`)));
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** A phone-sized page, as riders use it. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  await context.addInitScript(watchCsp);
  return context.newPage();
}

/** A page at 390 px (a phone, as phonePage) or 1,280 × 800 (a desk). */
export function pageAtWidth(browser: Browser, width: 390 | 1280): Promise<Page> {
  return width === 390 ? phonePage(browser) : browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
}

/**
 * Runs in the page: keeps what the Content-Security-Policy blocked, so that screenshot() can fail a
 * journey the policy broke. Libraries' guarded probes for eval (zod's) and no-op javascript:; links are left out.
 */
function watchCsp(): void {
  const w = window as unknown as { __cspBlocked: string[] };
  w.__cspBlocked = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    // Taro's tab bar links are href="javascript:;": the blocked no-op changes nothing (their click handlers run).
    if (e.blockedURI === 'eval' || e.sample === 'javascript:;') return;
    w.__cspBlocked.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const blocked = await page.evaluate(() => (window as unknown as { __cspBlocked?: string[] }).__cspBlocked ?? []).catch(() => []);
  if (blocked.length) throw new Error(`the Content-Security-Policy blocked: ${blocked.join(', ')}`);
  return file;
}

/** The session token the H5 app keeps (Taro wraps storage values as {"data": …}). */
export async function storedToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => window.localStorage.getItem('xlx.token'));
  if (!raw) throw new Error('no token stored');
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed === 'string') return parsed;
    return (parsed as { data: string }).data;
  } catch {
    return raw;
  }
}

/** Signs in through the H5 development sign-in and waits for the home page. */
export async function signInH5(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}/#/pages/login/index`);
  await page.locator('#dev-name input').fill(name);
  await page.locator('#dev-submit').click();
  await page.locator('#scan-button').waitFor({ state: 'visible' });
}

/** A JSON call to the API, as a test's own setup (not through the UI). */
export async function api<T = Record<string, unknown>>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Lets a page transition finish before a picture is taken. */
export const settle = (page: Page) => page.waitForTimeout(500);

/** A real JPEG drawn by the page's canvas (a picture of a thing and a caption), as a phone's camera would give. */
export async function drawPhoto(page: Page, caption: string, colour = '#1f1f1f'): Promise<Buffer> {
  const base64 = await page.evaluate(
    ([text, fill]) => {
      const c = document.createElement('canvas');
      c.width = 800;
      c.height = 600;
      const g = c.getContext('2d')!;
      g.fillStyle = '#dfe7ee';
      g.fillRect(0, 0, 800, 600);
      g.fillStyle = '#6b6b6b';
      g.fillRect(180, 120, 440, 300);
      g.fillStyle = fill;
      g.fillRect(220, 160, 280, 220);
      g.fillStyle = '#b3121a';
      g.font = 'bold 56px sans-serif';
      g.fillText(text, 400 - g.measureText(text).width / 2, 520);
      return c.toDataURL('image/jpeg', 0.9).split(',')[1];
    },
    [caption, colour] as const,
  );
  return Buffer.from(base64, 'base64');
}

/** Picks `photo` through the file chooser that Taro.chooseImage opens on H5, after clicking `addButton`. */
export async function choosePhoto(page: Page, addButton: string, photo: Buffer, name = 'photo.jpg'): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(addButton).click()]);
  await chooser.setFiles({ name, mimeType: 'image/jpeg', buffer: photo });
}
