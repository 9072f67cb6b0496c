import type { Event, Registration } from '@xlx/shared';
import type { EventView } from '../services/event.service';
import type { RegistrationView } from '../services/registration.service';
import type { DoorResult } from '../services/attendance.service';
import { iso } from './iso';

export function presentEvent(v: EventView): Event {
  const e = v.event;
  return {
    id: e.id,
    organisationId: e.organisationId,
    organisationName: v.organisationName,
    kind: e.kind,
    title: e.title,
    description: e.description,
    stationId: e.stationId,
    venue: e.venue,
    latitude: e.latitude === null ? null : Number(e.latitude),
    distanceMetres: v.distanceMetres ?? null,
    longitude: e.longitude === null ? null : Number(e.longitude),
    startsAt: iso(e.startsAt)!,
    endsAt: iso(e.endsAt)!,
    registrationOpensAt: iso(e.registrationOpensAt)!,
    registrationClosesAt: iso(e.registrationClosesAt)!,
    capacity: e.capacity,
    seatsLeft: Math.max(0, e.capacity - e.confirmedCount),
    waitlist: Boolean(e.waitlist),
    waitlistCount: v.waitlistCount,
    cancellationDeadline: iso(e.cancellationDeadline),
    eligibility: {
      genders: e.eligibleGenders ?? [],
      minAge: e.minAge,
      maxAge: e.maxAge,
      occupations: e.eligibleOccupations ?? [],
      membersOnly: Boolean(e.membersOnly),
    },
    selfCheckin: Boolean(e.selfCheckin),
    certificateName: e.certificateName,
    contactPhone: e.contactPhone ?? null,
    questions: e.questions ?? [],
    cover: v.cover,
    status: e.status,
    me: v.me
      ? {
          eligible: v.me.reasons.length === 0,
          reasons: v.me.reasons,
          registration: v.me.registration ? { id: v.me.registration.id, status: v.me.registration.status } : null,
        }
      : null,
  };
}

export function presentRegistration(v: RegistrationView): Registration {
  const r = v.registration;
  return {
    id: r.id,
    eventId: r.eventId,
    status: r.status,
    waitlistPosition: v.waitlistPosition,
    registeredAt: iso(r.queuedAt)!,
    cancelledAt: iso(r.cancelledAt),
    checkedInAt: iso(r.checkedInAt),
    completed: Boolean(r.completed),
    ticket: v.ticket,
    event: {
      id: v.event.id,
      title: v.event.title,
      kind: v.event.kind,
      startsAt: iso(v.event.startsAt)!,
      endsAt: iso(v.event.endsAt)!,
      venue: v.event.venue,
      status: v.event.status,
      certificateName: v.event.certificateName,
      cancellationDeadline: iso(v.event.cancellationDeadline),
    },
  };
}

/** A door or self check-in result: the attendee's name and when, never their contact. */
export function presentDoor(r: DoorResult) {
  return {
    result: r.result,
    registrationId: r.registration.id,
    attendeeName: r.attendeeName,
    checkedInAt: r.registration.checkedInAt!.toISOString(),
    checkedInBy: r.checkedInByName,
    message: r.message,
    override: r.override,
  };
}
