// The early start of the H5 app's first page (services/first-page.h5.ts) and services/auth.ts taking
// the sign-in code it asked for. auth.ts talks to the BFF through call(): a stand-in counts the calls.
const mockCall = jest.fn();
jest.mock('../src/services/api', () => ({ call: (...args: unknown[]) => mockCall(...args) }));

import { QR_LINK_PATH } from '@xlx/shared';
import { browserLoginService } from '../src/services/auth';
import { firstPage, type EarlyBrowserLogin } from '../src/services/first-page.h5';

// services/session.ts's HOME_PAGE and LOGIN_PAGE (it needs the Taro runtime to load).
const HOME_PAGE = '/pages/index/index';
const LOGIN_PAGE = '/pages/login/index';

describe('firstPage: the page the H5 app is about to show, as app.tsx decides it', () => {
  it('opened at the start address: the home page for a member, the sign-in page for a visitor', () => {
    for (const hash of ['', '#', '#/', `#${HOME_PAGE}`]) {
      expect(firstPage('/', hash, true)).toBe('home');
      expect(firstPage('/', hash, false)).toBe('login');
    }
  });

  it('opened at the home or sign-in page with a query: that page', () => {
    expect(firstPage('/', `#${HOME_PAGE}?q=x`, false)).toBe('home');
    expect(firstPage('/', `#${LOGIN_PAGE}`, true)).toBe('login');
    expect(firstPage('/', `#${LOGIN_PAGE}?from=x`, false)).toBe('login');
  });

  it('a scanned link goes through the home page; any other page is left to the router', () => {
    expect(firstPage(`${QR_LINK_PATH}L1.1.abc`, '', false)).toBe('home');
    expect(firstPage('/', '#/pages/events/index', true)).toBeNull();
    expect(firstPage('/', '#/pages/index/indexes', true)).toBeNull();
    expect(firstPage('/', '#/organiser/pages/index/index', true)).toBeNull();
  });
});

describe('browserLoginService.create on H5: the sign-in code asked for early is used once', () => {
  const created = { id: 7, secret: 's', code: 'L1.1.early', expiresAt: '2026-12-03T20:00:00Z' };
  const again = { ...created, id: 8, code: 'L1.1.again' };
  const slot = globalThis as unknown as { window?: unknown; __xlxEarlyBrowserLogin?: EarlyBrowserLogin };
  const env = process.env.TARO_ENV;
  const early = (response: Promise<Response>, age = 0): void => {
    slot.__xlxEarlyBrowserLogin = { at: Date.now() - age, response };
  };

  beforeEach(() => {
    process.env.TARO_ENV = 'h5';
    slot.window = globalThis;
    mockCall.mockReset().mockResolvedValue(again);
  });
  afterEach(() => {
    process.env.TARO_ENV = env;
    delete slot.window;
    delete slot.__xlxEarlyBrowserLogin;
  });

  it('takes the early answer instead of asking, then asks as usual', async () => {
    early(Promise.resolve(new Response(JSON.stringify(created), { status: 201 })));
    await expect(browserLoginService.create()).resolves.toEqual(created);
    expect(mockCall).not.toHaveBeenCalled();
    await expect(browserLoginService.create()).resolves.toEqual(again);
    expect(mockCall).toHaveBeenCalledTimes(1);
  });

  it('asks again when the early request failed, was refused or is too old', async () => {
    early(Promise.reject(new TypeError('Failed to fetch')));
    await expect(browserLoginService.create()).resolves.toEqual(again);
    early(Promise.resolve(new Response('{"error":{"code":"RATE_LIMITED"}}', { status: 429 })));
    await expect(browserLoginService.create()).resolves.toEqual(again);
    early(Promise.resolve(new Response(JSON.stringify(created), { status: 201 })), 60_000);
    await expect(browserLoginService.create()).resolves.toEqual(again);
    expect(mockCall).toHaveBeenCalledTimes(3);
    expect(mockCall).toHaveBeenCalledWith('post /api/v1/auth/browser', {}, { auth: false });
  });

  it('the mini-program never looks for one', async () => {
    process.env.TARO_ENV = 'weapp';
    early(Promise.resolve(new Response(JSON.stringify(created), { status: 201 })));
    await expect(browserLoginService.create()).resolves.toEqual(again);
    expect(slot.__xlxEarlyBrowserLogin).toBeDefined();
  });
});
