import type { OrganisationList, RequestInput, WorkerRequest } from '@xlx/shared';
import { api } from './request';

export interface RequestList {
  items: WorkerRequest[];
}

export const requestsService = {
  /** Addressed to a station (its union answers) or to a union; due in three working days. */
  submit: (input: RequestInput) => api.post<WorkerRequest>('/requests', input),
  /** Newest first, with replies. */
  listMine: () => api.get<RequestList>('/me/requests'),
  getMine: (id: number) => api.get<WorkerRequest>(`/me/requests/${id}`),
  reply: (id: number, text: string) => api.post<WorkerRequest>(`/me/requests/${id}/replies`, { text }),
  /** Once resolved, once only. */
  rate: (id: number, satisfied: boolean) => api.post<WorkerRequest>(`/me/requests/${id}/rate`, { satisfied }),
  /** All unions (public names), for the "反映给" and membership pickers. */
  organisations: () => api.get<OrganisationList>('/organisations', undefined, { auth: false }),
};
