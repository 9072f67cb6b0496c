import Taro from '@tarojs/taro';
import type { SubscribeAsk, SubscribeTemplates } from '@xlx/shared';
import { call } from './api';
import { getToken } from './token';

/** H5 has no requestSubscribeMessage: tests (and demos) may set an answer per template id; the default declines. */
type Stub = (tmplIds: string[]) => Record<string, 'accept' | 'reject'>;
declare global {
  interface Window {
    __xlxSubscribeStub?: Stub;
  }
}

let templates: SubscribeTemplates['asks'] | null = null;
let loading: Promise<void> | null = null;

/** Loads the template ids once, before any tap: WeChat shows the sheet only when asked straight from a tap. */
export function prefetchSubscribeTemplates(): Promise<void> {
  loading ??= call('get /api/v1/subscribe/templates', {}, { auth: false })
    .then((t) => {
      templates = t.asks;
    })
    .catch(() => {
      loading = null;
    });
  return loading;
}

function ask(tmplIds: string[]): Promise<Record<string, string>> {
  if (process.env.TARO_ENV === 'weapp') {
    return Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option).then(
      (r) => r as unknown as Record<string, string>,
    );
  }
  const stub = typeof window !== 'undefined' ? window.__xlxSubscribeStub : undefined;
  return Promise.resolve(stub ? stub(tmplIds) : Object.fromEntries(tmplIds.map((id) => [id, 'reject'])));
}

/**
 * Call first thing in a tap (register, file a request, apply for membership, join a social):
 * asks for at most three subscription messages and records the ones accepted. Never throws and
 * never holds the action up: declining, or a failure, changes nothing about what the person did.
 */
export function askSubscribe(moment: SubscribeAsk): Promise<void> {
  const ids = (templates?.[moment] ?? []).slice(0, 3);
  if (ids.length === 0) {
    void prefetchSubscribeTemplates();
    return Promise.resolve();
  }
  return ask(ids)
    .then(async (answer) => {
      const accepted = ids.filter((id) => answer[id] === 'accept');
      if (accepted.length && getToken()) await call('post /api/v1/me/subscriptions', { body: { accepted } });
    })
    .catch(() => undefined);
}
