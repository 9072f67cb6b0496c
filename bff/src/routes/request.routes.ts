import {
  AssignInputSchema,
  IdParamSchema,
  OfflineRequestInputSchema,
  RateInputSchema,
  ReplyInputSchema,
  RequestInputSchema,
  RequestListSchema,
  RequestQuerySchema,
  RequestSchema,
  RequestStatsSchema,
  StatusInputSchema,
  OrgFilterQuerySchema,
} from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { RequestService } from '../services/request.service';
import { presentRequest } from '../presenters/request.presenter';

export function requestRoutes(api: ApiRouter, requests: RequestService): void {
  api
    // ---- workers' requests ----
    .route(
      { method: 'post', path: '/api/v1/requests', tag: 'requests', access: 'user', rateLimit: 'request', body: RequestInputSchema, response: RequestSchema, status: 201, summary: 'File a request or complaint (诉求); due in three working days', errors: ['NOT_FOUND'] },
      async (ctx, { body }) => presentRequest(await requests.submit(ctx.state.user!.id, body)),
    )
    .route(
      { method: 'get', path: '/api/v1/me/requests', tag: 'requests', access: 'user', response: RequestListSchema, summary: 'My requests, newest first, with replies' },
      async (ctx) => ({ items: (await requests.listMine(ctx.state.user!.id)).map(presentRequest) }),
    )
    .route(
      { method: 'get', path: '/api/v1/me/requests/:id', tag: 'requests', access: 'user', params: IdParamSchema, response: RequestSchema, summary: 'One of my requests', errors: ['NOT_FOUND'] },
      async (ctx, { params }) => presentRequest(await requests.getMine(ctx.state.user!.id, params.id)),
    )
    .route(
      { method: 'post', path: '/api/v1/me/requests/:id/replies', tag: 'requests', access: 'user', params: IdParamSchema, body: ReplyInputSchema, response: RequestSchema, summary: 'Add to my request', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx, { params, body }) => presentRequest(await requests.replyAsWorker(ctx.state.user!.id, params.id, body.text)),
    )
    .route(
      { method: 'post', path: '/api/v1/me/requests/:id/rate', tag: 'requests', access: 'user', params: IdParamSchema, body: RateInputSchema, response: RequestSchema, summary: 'Rate a resolved request, once', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx, { params, body }) => presentRequest(await requests.rate(ctx.state.user!.id, params.id, body.satisfied)),
    )
    // ---- organisers' requests ----
    .route(
      { method: 'get', path: '/api/v1/organiser/requests', tag: 'organiser', access: 'organiser', audit: 'requests.list', query: RequestQuerySchema, response: RequestListSchema, summary: 'Requests addressed to my subtree; filter by status or overdue', errors: ['NOT_FOUND'] },
      async (ctx, { query }) => ({ items: (await requests.listManaged(ctx.state.user!, query)).map(presentRequest) }),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/requests', tag: 'organiser', access: 'organiser', body: OfflineRequestInputSchema, response: RequestSchema, status: 201, summary: 'Record a request received in person (channel offline)', errors: ['NOT_FOUND'] },
      async (ctx, { body }) => presentRequest(await requests.recordOffline(ctx.state.user!, body)),
    )
    .route(
      { method: 'get', path: '/api/v1/organiser/requests/stats', tag: 'organiser', access: 'organiser', query: OrgFilterQuerySchema, response: RequestStatsSchema, summary: 'Received, resolved, overdue and satisfaction per organisation and channel', errors: ['NOT_FOUND'] },
      async (ctx, { query }) => ({ items: await requests.stats(ctx.state.user!, query.organisationId) }),
    )
    .route(
      { method: 'get', path: '/api/v1/organiser/requests/:id', tag: 'organiser', access: 'organiser', audit: 'request.read', params: IdParamSchema, response: RequestSchema, summary: 'One request of my subtree', errors: ['NOT_FOUND'] },
      async (ctx, { params }) => presentRequest(await requests.viewManaged(ctx.state.user!, params.id)),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/requests/:id/assign', tag: 'organiser', access: 'organiser', params: IdParamSchema, body: AssignInputSchema, response: RequestSchema, summary: 'Assign a request to someone', errors: ['NOT_FOUND'] },
      async (ctx, { params, body }) => presentRequest(await requests.assign(ctx.state.user!, params.id, body.assigneeId)),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/requests/:id/replies', tag: 'organiser', access: 'organiser', params: IdParamSchema, body: ReplyInputSchema, response: RequestSchema, summary: 'Reply to the worker', errors: ['NOT_FOUND'] },
      async (ctx, { params, body }) => presentRequest(await requests.replyAsOrganiser(ctx.state.user!, params.id, body.text)),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/requests/:id/status', tag: 'organiser', access: 'organiser', params: IdParamSchema, body: StatusInputSchema, response: RequestSchema, summary: 'Mark in progress, resolved or closed', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx, { params, body }) => presentRequest(await requests.setStatus(ctx.state.user!, params.id, body.status)),
    );
}
