import type { OrganisationList, RequestInput, WorkerRequest } from '@xlx/shared';
import { call } from './api';

export interface RequestList {
  items: WorkerRequest[];
}

export const requestsService = {
  /** Addressed to a station (its union answers) or to a union; due in three working days. */
  submit: (input: RequestInput): Promise<WorkerRequest> => call('post /api/v1/requests', { body: input }),
  /** Newest first, with replies. */
  listMine: (): Promise<RequestList> => call('get /api/v1/me/requests', {}),
  getMine: (id: number): Promise<WorkerRequest> => call('get /api/v1/me/requests/:id', { params: { id } }),
  reply: (id: number, text: string): Promise<WorkerRequest> => call('post /api/v1/me/requests/:id/replies', { params: { id }, body: { text } }),
  /** Once resolved, once only. */
  rate: (id: number, satisfied: boolean): Promise<WorkerRequest> => call('post /api/v1/me/requests/:id/rate', { params: { id }, body: { satisfied } }),
  /** All unions (public names), for the "反映给" and membership pickers. */
  organisations: (): Promise<OrganisationList> => call('get /api/v1/organisations', {}, { auth: false }),
};
