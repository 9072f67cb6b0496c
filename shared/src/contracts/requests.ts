import { contract } from '../contract';
import { IdParamSchema, OrgFilterQuerySchema } from '../dto/common';
import { AssignInputSchema, OfflineRequestInputSchema, RateInputSchema, ReplyInputSchema, RequestInputSchema, RequestListSchema, RequestQuerySchema, RequestSchema, RequestStatsSchema, StatusInputSchema } from '../dto/request';

export const requestContracts = {
  fileRequest: contract({ method: 'post', path: '/api/v1/requests', tag: 'requests', access: 'user', body: RequestInputSchema, response: RequestSchema, status: 201, summary: 'File a request or complaint (诉求); due in three working days', errors: ['NOT_FOUND'] }),
  myRequests: contract({ method: 'get', path: '/api/v1/me/requests', tag: 'requests', access: 'user', response: RequestListSchema, summary: 'My requests, newest first, with replies' }),
  myRequest: contract({ method: 'get', path: '/api/v1/me/requests/:id', tag: 'requests', access: 'user', params: IdParamSchema, response: RequestSchema, summary: 'One of my requests', errors: ['NOT_FOUND'] }),
  replyToMyRequest: contract({ method: 'post', path: '/api/v1/me/requests/:id/replies', tag: 'requests', access: 'user', params: IdParamSchema, body: ReplyInputSchema, response: RequestSchema, summary: 'Add to my request', errors: ['NOT_FOUND', 'CONFLICT'] }),
  rateMyRequest: contract({ method: 'post', path: '/api/v1/me/requests/:id/rate', tag: 'requests', access: 'user', params: IdParamSchema, body: RateInputSchema, response: RequestSchema, summary: 'Rate a resolved request, once', errors: ['NOT_FOUND', 'CONFLICT'] }),
  listManagedRequests: contract({ method: 'get', path: '/api/v1/organiser/requests', tag: 'organiser', access: 'organiser', query: RequestQuerySchema, response: RequestListSchema, summary: 'Requests addressed to my subtree; filter by status or overdue', errors: ['NOT_FOUND'] }),
  recordOfflineRequest: contract({ method: 'post', path: '/api/v1/organiser/requests', tag: 'organiser', access: 'organiser', body: OfflineRequestInputSchema, response: RequestSchema, status: 201, summary: 'Record a request received in person (channel offline)', errors: ['NOT_FOUND'] }),
  requestStats: contract({ method: 'get', path: '/api/v1/organiser/requests/stats', tag: 'organiser', access: 'organiser', query: OrgFilterQuerySchema, response: RequestStatsSchema, summary: 'Received, resolved, overdue and satisfaction per organisation and channel', errors: ['NOT_FOUND'] }),
  managedRequest: contract({ method: 'get', path: '/api/v1/organiser/requests/:id', tag: 'organiser', access: 'organiser', params: IdParamSchema, response: RequestSchema, summary: 'One request of my subtree', errors: ['NOT_FOUND'] }),
  assignRequest: contract({ method: 'post', path: '/api/v1/organiser/requests/:id/assign', tag: 'organiser', access: 'organiser', params: IdParamSchema, body: AssignInputSchema, response: RequestSchema, summary: 'Assign a request to someone', errors: ['NOT_FOUND'] }),
  replyToRequest: contract({ method: 'post', path: '/api/v1/organiser/requests/:id/replies', tag: 'organiser', access: 'organiser', params: IdParamSchema, body: ReplyInputSchema, response: RequestSchema, summary: 'Reply to the worker', errors: ['NOT_FOUND'] }),
  setRequestStatus: contract({ method: 'post', path: '/api/v1/organiser/requests/:id/status', tag: 'organiser', access: 'organiser', params: IdParamSchema, body: StatusInputSchema, response: RequestSchema, summary: 'Mark in progress, resolved or closed', errors: ['NOT_FOUND', 'CONFLICT'] }),
};
