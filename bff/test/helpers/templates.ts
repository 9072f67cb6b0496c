import type { TemplateMap } from '../../src/services/subscribe-templates';

/** Subscription templates as a deployment would configure them (ids as in WeChat's console). */
export const TEMPLATES: TemplateMap = {
  reminder: { id: 'TPL-REMIND', fields: { thing1: 'event', time2: 'startsAt', thing3: 'venue', thing4: 'note' } },
  promoted: { id: 'TPL-PROMOTED', fields: { thing1: 'event', time2: 'startsAt', phrase3: 'status', thing4: 'note' } },
  event_changed: { id: 'TPL-CHANGED', fields: { thing1: 'event', phrase2: 'status', thing3: 'reason' } },
  request_reply: { id: 'TPL-REPLY', fields: { thing1: 'request', thing2: 'reply', time3: 'repliedAt' } },
  request_resolved: { id: 'TPL-RESOLVED', fields: { thing1: 'request', phrase2: 'status', time3: 'resolvedAt' } },
  membership_decision: { id: 'TPL-MEMBER', fields: { thing1: 'organisation', phrase2: 'result', thing3: 'reason' } },
  match_revealed: { id: 'TPL-MATCH', fields: { thing1: 'event', number2: 'matches', thing3: 'note' } },
};

/** The same as WECHAT_SUBSCRIBE_TEMPLATES for a server process. */
export const TEMPLATES_ENV = JSON.stringify(TEMPLATES);
