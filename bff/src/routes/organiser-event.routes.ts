import { z } from 'zod';
import {
  linkForPayload,
  AttendanceQuerySchema,
  AttendanceSchema,
  chinaDate,
  chinaHHmm,
  DoorCountsQuerySchema,
  DoorCountsSchema,
  DoorManualSchema,
  DoorScanResultSchema,
  DoorScanSchema,
  DoorSearchQuerySchema,
  DoorSearchSchema,
  DoorScanHistoryQuerySchema,
  DoorScanHistorySchema,
  DoorUndoSchema,
  EventInputSchema,
  EventListSchema,
  EventPatchSchema,
  EventSchema,
  IdSchema,
  IdParamSchema,
  KioskCodeSchema,
  QR_ROTATION_SECONDS,
  REGISTRATION_STATUS_LABELS,
} from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { toCsv } from '../lib/csv';
import { presentDoor, presentEvent } from '../presenters/event.presenter';
import type { AttendanceService, DoorDevice } from '../services/attendance.service';
import type { EventService } from '../services/event.service';

const CancelEventSchema = z.object({ reason: z.string().trim().max(100, { message: '原因最多100字' }).default('') }).strict();
const RegParamSchema = z.object({ id: IdSchema, registrationId: IdSchema });

const deviceOf = (b: DoorDevice): DoorDevice => ({ deviceId: b.deviceId, deviceTime: b.deviceTime });

/** A registration's answers lined up with the event's questions ('' where none was given). */
const answersOf = (r: { answers: string[] | null }, n: number) => Array.from({ length: n }, (_, i) => r.answers?.[i] ?? '');

export function organiserEventRoutes(api: ApiRouter, events: EventService, attendance: AttendanceService, publicUrl: () => string): void {
  const full = async (eventId: number) => presentEvent((await events.viewsById(eventId))[0]);

  api
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/events',
        tag: 'organiser',
        access: 'organiser',
        response: EventListSchema,
        summary: 'Events of my organisations, drafts and cancelled included',
      },
      async (ctx) => ({ items: (await events.listManaged(ctx.state.user!)).map(presentEvent) }),
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/organiser/events',
        tag: 'organiser',
        access: 'organiser',
        body: EventInputSchema,
        response: EventSchema,
        status: 201,
        summary: 'Create an event (as a draft)',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { body }) => full((await events.create(ctx.state.user!, body)).id),
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/events/:id',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: EventSchema,
        summary: 'One of my events',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => full((await events.getManaged(ctx.state.user!, params.id)).id),
    )
    .route(
      {
        method: 'patch',
        path: '/api/v1/organiser/events/:id',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        body: EventPatchSchema,
        response: EventSchema,
        summary: 'Edit an event; raising the capacity admits the waitlist',
        errors: ['NOT_FOUND', 'CONFLICT'],
      },
      async (ctx, { params, body }) => full((await events.update(ctx.state.user!, params.id, body)).id),
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/organiser/events/:id/publish',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: EventSchema,
        summary: 'Publish a draft',
        errors: ['NOT_FOUND', 'CONFLICT'],
      },
      async (ctx, { params }) => full((await events.publish(ctx.state.user!, params.id)).id),
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/organiser/events/:id/cancel',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        body: CancelEventSchema,
        response: EventSchema,
        summary: 'Cancel an event and tell its registrants, once',
        errors: ['NOT_FOUND', 'CONFLICT'],
      },
      async (ctx, { params, body }) => full((await events.cancel(ctx.state.user!, params.id, body.reason)).id),
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/organiser/events/:id/scan',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        body: DoorScanSchema,
        response: DoorScanResultSchema,
        summary:
          'Check in an attendee by their ticket at the door, from DOOR_OPENS_MINUTES_BEFORE the start to the end; `override` admits outside it (audited)',
        errors: ['NOT_FOUND', 'TICKET_INVALID', 'TICKET_WRONG_EVENT', 'TICKET_NOT_CONFIRMED', 'DOOR_NOT_OPEN'],
      },
      async (ctx, { params, body }) => {
        return presentDoor(await attendance.scanTicket(ctx.state.user!, params.id, body.code, body.override === true, deviceOf(body)));
      },
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/organiser/events/:id/registrations/:registrationId/checkin',
        tag: 'organiser',
        access: 'organiser',
        params: RegParamSchema,
        body: DoorManualSchema,
        response: DoorScanResultSchema,
        summary: 'Check in an attendee found by name or phone at the door (manual), under the same hours and override rules as a scan',
        errors: ['NOT_FOUND', 'TICKET_NOT_CONFIRMED', 'DOOR_NOT_OPEN'],
      },
      async (ctx, { params, body }) => {
        const p = params;
        return presentDoor(await attendance.manualCheckIn(ctx.state.user!, p.id, p.registrationId, body.override === true, deviceOf(body)));
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/events/:id/attendees',
        tag: 'organiser',
        access: 'organiser',
        audit: 'attendance.search',
        params: IdParamSchema,
        query: DoorSearchQuerySchema,
        response: DoorSearchSchema,
        summary: "The door's search: part of a name or the last 4+ digits of a phone; at most 20 rows, who has yet to come in first",
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params, query }) => {
        const found = await attendance.searchAttendees(ctx.state.user!, params.id, query.q);
        return {
          total: found.total,
          items: found.rows.map((r) => ({
            registrationId: r.registration.id,
            name: r.name,
            phoneLast4: r.phoneLast4,
            status: r.registration.status,
            checkedInAt: r.registration.checkedInAt ? r.registration.checkedInAt.toISOString() : null,
            checkinMethod: r.registration.checkinMethod ?? null,
          })),
        };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/events/:id/door-counts',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        query: DoorCountsQuerySchema,
        response: DoorCountsSchema,
        summary: 'In and expected, polled by every door device; with `since` equal to the current version the answer leaves the counts out',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params, query }) => {
        const c = await attendance.doorCounts(ctx.state.user!, params.id);
        if (query.since === c.version) return { version: c.version, changed: false };
        return { version: c.version, changed: true, checkedIn: c.checkedIn, expected: c.expected };
      },
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/organiser/events/:id/registrations/:registrationId/undo-checkin',
        tag: 'organiser',
        access: 'organiser',
        params: RegParamSchema,
        body: DoorUndoSchema,
        response: z.object({ ok: z.literal(true) }),
        summary: 'Undo a check-in made by mistake: an undo in the history after the entry, which stays',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params, body }) => {
        const p = params;
        await attendance.undo(ctx.state.user!, p.id, p.registrationId, deviceOf(body ?? {}));
        return { ok: true as const };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/events/:id/scans',
        tag: 'organiser',
        access: 'organiser',
        audit: 'attendance.history',
        params: IdParamSchema,
        query: DoorScanHistoryQuerySchema,
        response: DoorScanHistorySchema,
        summary:
          "The door's history, newest first (at most 500): entries, undos and refused scans with the reason, device, device time, received time, who scanned and how",
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params, query }) => {
        const rows = await attendance.history(ctx.state.user!, params.id, query.registrationId);
        return {
          items: rows.map(({ row: r, attendeeName, scannedBy }) => ({
            id: r.id,
            kind: r.kind,
            reason: r.reason,
            method: r.method,
            override: Boolean(r.override),
            registrationId: r.registrationId,
            attendeeName,
            scannedBy,
            deviceId: r.deviceId,
            deviceTime: r.deviceTime ? new Date(r.deviceTime).toISOString() : null,
            receivedAt: new Date(r.receivedAt).toISOString(),
          })),
        };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/events/:id/rotating-code',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: KioskCodeSchema,
        summary: "The event's rotating self check-in code",
        errors: ['NOT_FOUND', 'CONFLICT'],
      },
      async (ctx, { params }) => {
        const c = await attendance.rotatingCode(ctx.state.user!, params.id);
        return {
          stationName: c.event.title,
          payload: c.payload,
          link: linkForPayload(publicUrl(), c.payload),
          refreshAt: c.refreshAt.toISOString(),
          rotationSeconds: QR_ROTATION_SECONDS,
        };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/events/:id/attendance',
        tag: 'organiser',
        access: 'organiser',
        audit: 'attendance.read',
        params: IdParamSchema,
        query: AttendanceQuerySchema,
        response: AttendanceSchema,
        summary: 'Live attendance; search by name or the last four digits of a phone',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params, query }) => {
        const a = await attendance.attendance(ctx.state.user!, params.id, query);
        const questions = a.event.questions ?? [];
        return {
          counts: a.counts,
          questions,
          items: a.rows.map((r) => ({
            registrationId: r.registration.id,
            name: r.name,
            phoneLast4: r.phoneLast4,
            status: r.registration.status,
            registeredAt: r.registration.queuedAt.toISOString(),
            checkedInAt: r.registration.checkedInAt ? r.registration.checkedInAt.toISOString() : null,
            completed: Boolean(r.registration.completed),
            answers: answersOf(r.registration, questions.length),
          })),
        };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/events/:id/attendance.csv',
        tag: 'organiser',
        access: 'organiser',
        audit: 'attendance.export',
        params: IdParamSchema,
        response: z.string(),
        produces: 'text/csv',
        summary: 'Attendance as CSV (UTF-8 with BOM)',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => {
        const a = await attendance.attendance(ctx.state.user!, params.id, {});
        ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${a.event.title}-签到表.csv`)}`);
        const training = a.event.kind === 'training';
        const questions = a.event.questions ?? [];
        return toCsv(
          ['姓名', '手机尾号', '状态', '报名时间', '签到时间', ...(training ? ['结业'] : []), ...questions.map((q) => q.label)],
          a.rows.map((r) => [
            r.name,
            r.phoneLast4,
            r.registration.checkedInAt ? '已签到' : REGISTRATION_STATUS_LABELS[r.registration.status],
            `${chinaDate(r.registration.queuedAt)} ${chinaHHmm(r.registration.queuedAt)}`,
            r.registration.checkedInAt ? `${chinaDate(r.registration.checkedInAt)} ${chinaHHmm(r.registration.checkedInAt)}` : '',
            ...(training ? [r.registration.completed ? `已结业${a.event.certificateName ? `（${a.event.certificateName}）` : ''}` : ''] : []),
            ...answersOf(r.registration, questions.length),
          ]),
        );
      },
    );
}
