import { requestContracts as C } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { RequestService } from '../services/request.service';
import { presentRequest } from '../presenters/request.presenter';

export function requestRoutes(api: ApiRouter, requests: RequestService): void {
  api
    // ---- workers' requests ----
    .route(C.fileRequest, { rateLimit: 'request' }, async (ctx, { body }) => presentRequest(await requests.submit(ctx.state.user!.id, body)))
    .route(C.myRequests, async (ctx) => ({ items: (await requests.listMine(ctx.state.user!.id)).map(presentRequest) }))
    .route(C.myRequest, async (ctx, { params }) => presentRequest(await requests.getMine(ctx.state.user!.id, params.id)))
    .route(C.replyToMyRequest, async (ctx, { params, body }) => presentRequest(await requests.replyAsWorker(ctx.state.user!.id, params.id, body.text)))
    .route(C.rateMyRequest, async (ctx, { params, body }) => presentRequest(await requests.rate(ctx.state.user!.id, params.id, body.satisfied)))
    // ---- organisers' requests ----
    .route(C.listManagedRequests, { audit: 'requests.list' }, async (ctx, { query }) => ({
      items: (await requests.listManaged(ctx.state.user!, query)).map(presentRequest),
    }))
    .route(C.recordOfflineRequest, async (ctx, { body }) => presentRequest(await requests.recordOffline(ctx.state.user!, body)))
    .route(C.requestStats, async (ctx, { query }) => ({ items: await requests.stats(ctx.state.user!, query.organisationId) }))
    .route(C.managedRequest, { audit: 'request.read' }, async (ctx, { params }) => presentRequest(await requests.viewManaged(ctx.state.user!, params.id)))
    .route(C.assignRequest, async (ctx, { params, body }) => presentRequest(await requests.assign(ctx.state.user!, params.id, body.assigneeId)))
    .route(C.replyToRequest, async (ctx, { params, body }) => presentRequest(await requests.replyAsOrganiser(ctx.state.user!, params.id, body.text)))
    .route(C.setRequestStatus, async (ctx, { params, body }) => presentRequest(await requests.setStatus(ctx.state.user!, params.id, body.status)));
}
