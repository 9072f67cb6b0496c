import { chinaDate, chinaHHmm, chinaMonthDayTime, eventContracts as C } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { AppError } from '../lib/app-error';
import { icsCalendar } from '../lib/ics';
import { eventPosterSvg } from '../lib/qr-image';
import { presentDoor, presentEvent, presentRegistration } from '../presenters/event.presenter';
import type { AttendanceService } from '../services/attendance.service';
import type { EventService } from '../services/event.service';
import type { NotificationService } from '../services/notification.service';
import type { RegistrationService } from '../services/registration.service';

/** Events as workers use them: browse, register, cancel, tickets, self check-in, notices. */
/** The event page's link, which opens the H5 app (and, in WeChat, can be routed to the mini-program). */
export function eventPageLink(publicUrl: string, eventId: number): string {
  return `${publicUrl.replace(/\/+$/, '')}/#/pages/event/index?id=${eventId}`;
}

export function eventRoutes(
  api: ApiRouter,
  events: EventService,
  regs: RegistrationService,
  attendance: AttendanceService,
  notes: NotificationService,
  publicUrl: () => string = () => '',
): void {
  api
    .route(C.eventCalendar, async (ctx, { params }) => {
      const { event: e } = await events.getForWorkers(params.id);
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
    })
    .route(C.eventPoster, async (_ctx, { params }) => {
      const v = await events.getForWorkers(params.id);
      const e = v.event;
      if (e.status !== 'published') throw new AppError('CONFLICT', '活动已取消，不能再分享海报');
      const sameDay = chinaDate(e.startsAt) === chinaDate(e.endsAt);
      const time = `${chinaMonthDayTime(e.startsAt)}–${sameDay ? chinaHHmm(e.endsAt) : chinaMonthDayTime(e.endsAt)}`;
      return eventPosterSvg(
        eventPageLink(publicUrl(), e.id),
        { unionName: v.organisationName, title: e.title, time, venue: e.venue },
        await events.posterCover(v),
      );
    })
    .route(C.listEvents, async (ctx, { query }) => ({ items: (await events.listForWorkers(query, ctx.state.user?.id)).map(presentEvent) }))
    .route(C.getEvent, async (ctx, { params }) => presentEvent(await events.getForWorkers(params.id, ctx.state.user?.id)))
    .route(C.register, { rateLimit: 'registration' }, async (ctx, { params, body }) =>
      presentRegistration(await regs.register(ctx.state.user!.id, params.id, body?.answers ?? [])),
    )
    .route(C.myRegistrations, async (ctx) => ({ items: (await regs.listMine(ctx.state.user!.id)).map(presentRegistration) }))
    .route(C.myRegistration, async (ctx, { params }) => presentRegistration(await regs.getMine(ctx.state.user!.id, params.id)))
    .route(C.cancelRegistration, async (ctx, { params }) => presentRegistration(await regs.cancel(ctx.state.user!.id, params.id)))
    .route(C.selfCheckIn, { rateLimit: 'checkin' }, async (ctx, { body }) => presentDoor(await attendance.selfCheckIn(ctx.state.user!.id, body.code)))
    .route(C.myNotifications, async (ctx) => {
      const { items, unread } = await notes.list(ctx.state.user!.id);
      return {
        unread,
        items: items.map((n) => ({
          id: n.id,
          title: n.title,
          body: n.body,
          eventId: n.eventId,
          createdAt: n.createdAt.toISOString(),
          read: n.readAt !== null,
        })),
      };
    })
    .route(C.markNotificationsRead, async (ctx) => {
      await notes.markAllRead(ctx.state.user!.id);
      return { ok: true as const };
    });
}
