import { contract } from '../contract';
import {
  BrowserLoginCodeSchema,
  BrowserLoginCreatedSchema,
  BrowserLoginDescriptionSchema,
  BrowserLoginWaitResultSchema,
  BrowserLoginWaitSchema,
} from '../dto/browser-login';
import { OkSchema } from '../dto/common';

/** 扫码登录: a browser signs in by a code the signed-in mini-program approves. */
export const browserLoginContracts = {
  createBrowserLogin: contract({
    method: 'post',
    path: '/api/v1/auth/browser',
    tag: 'auth',
    summary: 'A new sign-in code for this browser, and the secret it must present to collect its session',
    access: 'public',
    response: BrowserLoginCreatedSchema,
    status: 201,
  }),
  waitBrowserLogin: contract({
    method: 'post',
    path: '/api/v1/auth/browser/wait',
    tag: 'auth',
    summary: 'Long-poll (up to 25 s): answers as soon as the code is approved (with the session, once), declined or expired',
    access: 'public',
    body: BrowserLoginWaitSchema,
    response: BrowserLoginWaitResultSchema,
    errors: ['NOT_FOUND', 'CONFLICT', 'QR_EXPIRED'],
  }),
  describeBrowserLogin: contract({
    method: 'post',
    path: '/api/v1/auth/browser/describe',
    tag: 'auth',
    summary: 'What a scanned sign-in code would sign in (browser, time), for the confirmation page',
    access: 'user',
    body: BrowserLoginCodeSchema,
    response: BrowserLoginDescriptionSchema,
    errors: ['QR_INVALID', 'NOT_FOUND', 'CONFLICT', 'QR_EXPIRED'],
  }),
  approveBrowserLogin: contract({
    method: 'post',
    path: '/api/v1/auth/browser/approve',
    tag: 'auth',
    summary: 'Sign the browser that shows this code in as me (once)',
    access: 'user',
    body: BrowserLoginCodeSchema,
    response: OkSchema,
    errors: ['QR_INVALID', 'NOT_FOUND', 'CONFLICT', 'QR_EXPIRED', 'FORBIDDEN'],
  }),
  declineBrowserLogin: contract({
    method: 'post',
    path: '/api/v1/auth/browser/decline',
    tag: 'auth',
    summary: 'Refuse the sign-in of the browser that shows this code',
    access: 'user',
    body: BrowserLoginCodeSchema,
    response: OkSchema,
    errors: ['QR_INVALID', 'NOT_FOUND', 'CONFLICT', 'QR_EXPIRED'],
  }),
};
