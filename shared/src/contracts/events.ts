import { z } from 'zod';
import { contract } from '../contract';
import { IdParamSchema, OkSchema } from '../dto/common';
import { DoorScanResultSchema, EventListSchema, EventQuerySchema, EventSchema, NotificationListSchema, RegisterSchema, RegistrationListSchema, RegistrationSchema } from '../dto/event';

/** A scanned or typed event code (self check-in at the venue). */
export const EventCodeInputSchema = z.object({ code: z.string().trim().min(1, { message: '请扫描或输入签到码' }).max(200) }).strict();

export const eventContracts = {
  eventCalendar: contract({ method: 'get', path: '/api/v1/events/:id/calendar.ics', tag: 'events', access: 'public', params: IdParamSchema, response: z.string(), produces: 'text/calendar', summary: 'The event as an iCalendar file for the phone\'s calendar (times in UTC)', errors: ['NOT_FOUND'] }),
  eventPoster: contract({ method: 'get', path: '/api/v1/events/:id/poster.svg', tag: 'events', access: 'public', params: IdParamSchema, response: z.string(), produces: 'image/svg+xml', summary: "The event's share poster (A5): its cover when it has one, title, time, venue and the code of the event page's link", errors: ['NOT_FOUND', 'CONFLICT'] }),
  listEvents: contract({ method: 'get', path: '/api/v1/events', tag: 'events', access: 'public', query: EventQuerySchema, response: EventListSchema, summary: 'Upcoming published events; with a sign-in, my eligibility and registration', errors: ['NOT_FOUND'] }),
  getEvent: contract({ method: 'get', path: '/api/v1/events/:id', tag: 'events', access: 'public', params: IdParamSchema, response: EventSchema, summary: 'One event, seats left, and why I am not eligible when I am not', errors: ['NOT_FOUND'] }),
  register: contract({
      method: 'post', path: '/api/v1/events/:id/registrations', tag: 'events', access: 'user', params: IdParamSchema, body: RegisterSchema, response: RegistrationSchema, status: 200,
      summary: "Register with the answers to the event's questions: confirmed while seats last, then waitlisted; repeating it returns the same registration",
      errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'REGISTRATION_CLOSED', 'EVENT_FULL', 'VALIDATION_FAILED'],
    }),
  myRegistrations: contract({ method: 'get', path: '/api/v1/me/registrations', tag: 'events', access: 'user', response: RegistrationListSchema, summary: 'My registrations: upcoming first, then past' }),
  myRegistration: contract({ method: 'get', path: '/api/v1/me/registrations/:id', tag: 'events', access: 'user', params: IdParamSchema, response: RegistrationSchema, summary: 'One of my registrations, with its signed ticket when confirmed', errors: ['NOT_FOUND'] }),
  cancelRegistration: contract({ method: 'post', path: '/api/v1/me/registrations/:id/cancel', tag: 'events', access: 'user', params: IdParamSchema, response: RegistrationSchema, summary: 'Cancel before the deadline; the seat goes to the first on the waitlist', errors: ['NOT_FOUND', 'CONFLICT'] }),
  selfCheckIn: contract({
      method: 'post', path: '/api/v1/events/self-checkin', tag: 'events', access: 'user', body: EventCodeInputSchema, response: DoorScanResultSchema,
      summary: "Check myself in by scanning the event's rotating code (confirmed registrations, during the event)",
      errors: ['QR_INVALID', 'QR_EXPIRED', 'CONFLICT', 'NOT_FOUND', 'TICKET_NOT_CONFIRMED'],
    }),
  myNotifications: contract({ method: 'get', path: '/api/v1/me/notifications', tag: 'me', access: 'user', response: NotificationListSchema, summary: 'My in-app notices (cancelled events, waitlist promotions)' }),
  markNotificationsRead: contract({ method: 'post', path: '/api/v1/me/notifications/read', tag: 'me', access: 'user', response: OkSchema, summary: 'Mark all my notices read' }),
};
