import { z } from 'zod';
import {
  DoorScanResultSchema,
  EventListSchema,
  EventQuerySchema,
  EventSchema,
  IdParamSchema,
  NotificationListSchema,
  OkSchema,
  RegistrationListSchema,
  RegistrationSchema,
  RegisterSchema,
  type EventQuery,
  type RegisterInput,
} from '@xlx/shared';
import { chinaDate, chinaHHmm, chinaMonthDayTime } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { AppError } from '../lib/app-error';
import { icsCalendar } from '../lib/ics';
import { eventPosterSvg } from '../lib/qr-image';
import { presentDoor, presentEvent, presentRegistration } from '../presenters/event.presenter';
import type { AttendanceService } from '../services/attendance.service';
import type { EventService } from '../services/event.service';
import type { NotificationService } from '../services/notification.service';
import type { RegistrationService } from '../services/registration.service';

const CodeSchema = z.object({ code: z.string().trim().min(1, { message: '请扫描或输入签到码' }).max(200) }).strict();

/** Events as workers use them: browse, register, cancel, tickets, self check-in, notices. */
/** The event page's link, which opens the H5 app (and, in WeChat, can be routed to the mini-program). */
export function eventPageLink(publicUrl: string, eventId: number): string {
  return `${publicUrl.replace(/\/+$/, '')}/#/pages/event/index?id=${eventId}`;
}

export function eventRoutes(api: ApiRouter, events: EventService, regs: RegistrationService, attendance: AttendanceService, notes: NotificationService, publicUrl: () => string = () => ''): void {
  const id = (ctx: { state: { params?: unknown } }) => (ctx.state.params as { id: number }).id;
  api
    .route(
      { method: 'get', path: '/api/v1/events/:id/calendar.ics', tag: 'events', access: 'public', params: IdParamSchema, response: z.string(), produces: 'text/calendar', summary: 'The event as an iCalendar file for the phone\'s calendar (times in UTC)', errors: ['NOT_FOUND'] },
      async (ctx) => {
        const { event: e } = await events.getForWorkers(id(ctx));
        ctx.set('Content-Disposition', `attachment; filename="event-${e.id}.ics"; filename*=UTF-8''${encodeURIComponent(`${e.title}.ics`)}`);
        const link = publicUrl() ? eventPageLink(publicUrl(), e.id) : undefined;
        return icsCalendar({
          uid: `event-${e.id}@xinlianxin`,
          start: e.startsAt,
          end: e.endsAt,
          stamp: e.updatedAt,
          summary: e.title,
          location: e.venue,
          description: [e.description, e.contactPhone ? `联系电话：${e.contactPhone}` : '', link ?? ''].filter(Boolean).join('\n'),
          url: link,
          cancelled: e.status === 'cancelled',
        });
      },
    )
    .route(
      { method: 'get', path: '/api/v1/events/:id/poster.svg', tag: 'events', access: 'public', params: IdParamSchema, response: z.string(), produces: 'image/svg+xml', summary: "The event's share poster (A5): its cover when it has one, title, time, venue and the code of the event page's link", errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx) => {
        const v = await events.getForWorkers(id(ctx));
        const e = v.event;
        if (e.status !== 'published') throw new AppError('CONFLICT', '活动已取消，不能再分享海报');
        const sameDay = chinaDate(e.startsAt) === chinaDate(e.endsAt);
        const time = `${chinaMonthDayTime(e.startsAt)}–${sameDay ? chinaHHmm(e.endsAt) : chinaMonthDayTime(e.endsAt)}`;
        return eventPosterSvg(eventPageLink(publicUrl(), e.id), { unionName: v.organisationName, title: e.title, time, venue: e.venue }, await events.posterCover(v));
      },
    )
    .route(
      { method: 'get', path: '/api/v1/events', tag: 'events', access: 'public', query: EventQuerySchema, response: EventListSchema, summary: 'Upcoming published events; with a sign-in, my eligibility and registration', errors: ['NOT_FOUND'] },
      async (ctx) => ({ items: (await events.listForWorkers(ctx.state.query as EventQuery, ctx.state.user?.id)).map(presentEvent) }),
    )
    .route(
      { method: 'get', path: '/api/v1/events/:id', tag: 'events', access: 'public', params: IdParamSchema, response: EventSchema, summary: 'One event, seats left, and why I am not eligible when I am not', errors: ['NOT_FOUND'] },
      async (ctx) => presentEvent(await events.getForWorkers(id(ctx), ctx.state.user?.id)),
    )
    .route(
      {
        method: 'post', path: '/api/v1/events/:id/registrations', tag: 'events', access: 'user', rateLimit: 'registration', params: IdParamSchema, body: RegisterSchema, response: RegistrationSchema, status: 200,
        summary: "Register with the answers to the event's questions: confirmed while seats last, then waitlisted; repeating it returns the same registration",
        errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'REGISTRATION_CLOSED', 'EVENT_FULL', 'VALIDATION_FAILED'],
      },
      async (ctx) => presentRegistration(await regs.register(ctx.state.user!.id, id(ctx), (ctx.state.body as RegisterInput | undefined)?.answers ?? [])),
    )
    .route(
      { method: 'get', path: '/api/v1/me/registrations', tag: 'events', access: 'user', response: RegistrationListSchema, summary: 'My registrations: upcoming first, then past' },
      async (ctx) => ({ items: (await regs.listMine(ctx.state.user!.id)).map(presentRegistration) }),
    )
    .route(
      { method: 'get', path: '/api/v1/me/registrations/:id', tag: 'events', access: 'user', params: IdParamSchema, response: RegistrationSchema, summary: 'One of my registrations, with its signed ticket when confirmed', errors: ['NOT_FOUND'] },
      async (ctx) => presentRegistration(await regs.getMine(ctx.state.user!.id, id(ctx))),
    )
    .route(
      { method: 'post', path: '/api/v1/me/registrations/:id/cancel', tag: 'events', access: 'user', params: IdParamSchema, response: RegistrationSchema, summary: 'Cancel before the deadline; the seat goes to the first on the waitlist', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx) => presentRegistration(await regs.cancel(ctx.state.user!.id, id(ctx))),
    )
    .route(
      {
        method: 'post', path: '/api/v1/events/self-checkin', tag: 'events', access: 'user', rateLimit: 'checkin', body: CodeSchema, response: DoorScanResultSchema,
        summary: "Check myself in by scanning the event's rotating code (confirmed registrations, during the event)",
        errors: ['QR_INVALID', 'QR_EXPIRED', 'CONFLICT', 'NOT_FOUND', 'TICKET_NOT_CONFIRMED'],
      },
      async (ctx) => presentDoor(await attendance.selfCheckIn(ctx.state.user!.id, (ctx.state.body as { code: string }).code)),
    )
    .route(
      { method: 'get', path: '/api/v1/me/notifications', tag: 'me', access: 'user', response: NotificationListSchema, summary: 'My in-app notices (cancelled events, waitlist promotions)' },
      async (ctx) => {
        const { items, unread } = await notes.list(ctx.state.user!.id);
        return { unread, items: items.map((n) => ({ id: n.id, title: n.title, body: n.body, eventId: n.eventId, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })) };
      },
    )
    .route(
      { method: 'post', path: '/api/v1/me/notifications/read', tag: 'me', access: 'user', response: OkSchema, summary: 'Mark all my notices read' },
      async (ctx) => {
        await notes.markAllRead(ctx.state.user!.id);
        return { ok: true as const };
      },
    );
}
