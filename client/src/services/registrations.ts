import type { Registration } from '@xlx/shared';
import { call } from './api';

export interface RegistrationList {
  items: Registration[];
}

export const registrationsService = {
  /** Upcoming first (soonest), then past (most recent). */
  listMine: (): Promise<RegistrationList> => call('get /api/v1/me/registrations', {}),
  getMine: (id: number): Promise<Registration> => call('get /api/v1/me/registrations/:id', { params: { id } }),
  /** Before the deadline; a confirmed seat goes to the first on the waitlist. */
  cancel: (id: number): Promise<Registration> => call('post /api/v1/me/registrations/:id/cancel', { params: { id } }),
};

/** The event is over (its end has passed). */
export function isPast(r: Registration, now = Date.now()): boolean {
  return Date.parse(r.event.endsAt) < now;
}

/** When cancelling stops being possible: the deadline, or the start when there is none. */
export function cancelDeadline(r: { event: { startsAt: string; cancellationDeadline: string | null } }): string {
  return r.event.cancellationDeadline ?? r.event.startsAt;
}
