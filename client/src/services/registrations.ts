import type { Registration } from '@xlx/shared';
import { api } from './request';

export interface RegistrationList {
  items: Registration[];
}

export const registrationsService = {
  /** Upcoming first (soonest), then past (most recent). */
  listMine: () => api.get<RegistrationList>('/me/registrations'),
  getMine: (id: number) => api.get<Registration>(`/me/registrations/${id}`),
  /** Before the deadline; a confirmed seat goes to the first on the waitlist. */
  cancel: (id: number) => api.post<Registration>(`/me/registrations/${id}/cancel`),
};

/** The event is over (its end has passed). */
export function isPast(r: Registration, now = Date.now()): boolean {
  return Date.parse(r.event.endsAt) < now;
}

/** When cancelling stops being possible: the deadline, or the start when there is none. */
export function cancelDeadline(r: { event: { startsAt: string; cancellationDeadline: string | null } }): string {
  return r.event.cancellationDeadline ?? r.event.startsAt;
}
