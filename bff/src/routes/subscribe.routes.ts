import { subscribeContracts as C } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { SubscribeService } from '../services/subscribe.service';

/** Subscription messages (订阅消息): the template ids to ask for, and the grants people gave. */
export function subscribeRoutes(api: ApiRouter, subscriptions: SubscribeService): void {
  api
    .route(C.subscribeTemplates, async () => subscriptions.asks())
    .route(C.recordSubscriptions, async (ctx, { body }) => ({ recorded: await subscriptions.recordAccepted(ctx.state.user!.id, body.accepted) }));
}
