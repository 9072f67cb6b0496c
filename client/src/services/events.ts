import type { DoorScanResult, Event, EventKind, EventList, OrganisationList, Registration } from '@xlx/shared';
import { api } from './request';

export interface EventFilters {
  kind?: EventKind | null;
  eligibleOnly?: boolean;
  organisationId?: number | null;
  /** Where I am: nearest first. */
  here?: { latitude: number; longitude: number } | null;
  limit?: number;
}

export const eventsService = {
  list(f: EventFilters = {}): Promise<EventList> {
    const query: Record<string, unknown> = { limit: f.limit ?? 50 };
    if (f.kind) query.kind = f.kind;
    if (f.eligibleOnly) query.eligibleOnly = 'true';
    if (f.organisationId) query.organisationId = f.organisationId;
    if (f.here) {
      query.lat = f.here.latitude.toFixed(5);
      query.lng = f.here.longitude.toFixed(5);
    }
    return api.get<EventList>('/events', query);
  },
  /** Cities and districts, for the area filter. */
  areas: async () => (await api.get<OrganisationList>('/organisations', undefined, { auth: false })).items.filter((o) => o.level === 'city' || o.level === 'district'),
  get: (id: number) => api.get<Event>(`/events/${id}`),
  /** Confirmed while seats last, then waitlisted; repeating it returns the same registration. */
  register: (id: number, answers?: string[]) => api.post<Registration>(`/events/${id}/registrations`, answers ? { answers } : undefined),
  /** Scanning the event's rotating code at the venue. */
  selfCheckin: (code: string) => api.post<DoorScanResult>('/events/self-checkin', { code }),
};
