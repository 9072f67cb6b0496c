import type { DoorScanResult, Event, EventKind, EventList, Registration } from '@xlx/shared';
import { call } from './api';

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
    return call('get /api/v1/events', {
      query: {
        limit: f.limit ?? 50,
        ...(f.kind ? { kind: f.kind } : {}),
        ...(f.eligibleOnly ? { eligibleOnly: 'true' as const } : {}),
        ...(f.organisationId ? { organisationId: f.organisationId } : {}),
        ...(f.here ? { lat: f.here.latitude.toFixed(5), lng: f.here.longitude.toFixed(5) } : {}),
      },
    });
  },
  /** Cities and districts, for the area filter. */
  areas: async () => (await call('get /api/v1/organisations', {}, { auth: false })).items.filter((o) => o.level === 'city' || o.level === 'district'),
  get: (id: number): Promise<Event> => call('get /api/v1/events/:id', { params: { id } }),
  /** Confirmed while seats last, then waitlisted; repeating it returns the same registration. */
  register: (id: number, answers?: string[]): Promise<Registration> =>
    call('post /api/v1/events/:id/registrations', { params: { id }, body: answers ? { answers } : {} }),
  /** Scanning the event's rotating code at the venue. */
  selfCheckin: (code: string): Promise<DoorScanResult> => call('post /api/v1/events/self-checkin', { body: { code } }),
};
