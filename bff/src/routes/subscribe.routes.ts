import { SubscribeGrantInputSchema, SubscribeGrantResultSchema, SubscribeTemplatesSchema } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { SubscribeService } from '../services/subscribe.service';

/** Subscription messages (订阅消息): the template ids to ask for, and the grants people gave. */
export function subscribeRoutes(api: ApiRouter, subscriptions: SubscribeService): void {
  api
    .route(
      {
        method: 'get',
        path: '/api/v1/subscribe/templates',
        tag: 'subscribe',
        access: 'public',
        response: SubscribeTemplatesSchema,
        summary: 'Template ids to pass to requestSubscribeMessage, per moment of asking (at most three each)',
      },
      async () => subscriptions.asks(),
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/me/subscriptions',
        tag: 'subscribe',
        access: 'user',
        body: SubscribeGrantInputSchema,
        response: SubscribeGrantResultSchema,
        summary: 'Record the templates accepted in requestSubscribeMessage: one one-time grant each',
      },
      async (ctx, { body }) => ({ recorded: await subscriptions.recordAccepted(ctx.state.user!.id, body.accepted) }),
    );
}
