import { contract } from '../contract';
import { SubscribeGrantInputSchema, SubscribeGrantResultSchema, SubscribeTemplatesSchema } from '../dto/subscribe';

/** Subscription messages (订阅消息): the template ids to ask for, and the grants people gave. */
export const subscribeContracts = {
  subscribeTemplates: contract({
    method: 'get',
    path: '/api/v1/subscribe/templates',
    tag: 'subscribe',
    access: 'public',
    response: SubscribeTemplatesSchema,
    summary: 'Template ids to pass to requestSubscribeMessage, per moment of asking (at most three each)',
  }),
  recordSubscriptions: contract({
    method: 'post',
    path: '/api/v1/me/subscriptions',
    tag: 'subscribe',
    access: 'user',
    body: SubscribeGrantInputSchema,
    response: SubscribeGrantResultSchema,
    summary: 'Record the templates accepted in requestSubscribeMessage: one one-time grant each',
  }),
};
