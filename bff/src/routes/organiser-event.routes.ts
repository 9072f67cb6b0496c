import { organiserEventContracts as C, QR_ROTATION_SECONDS, REGISTRATION_STATUS_LABELS, chinaDate, chinaHHmm, linkForPayload } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { toCsv } from '../lib/csv';
import { presentDoor, presentEvent } from '../presenters/event.presenter';
import type { AttendanceService, DoorDevice } from '../services/attendance.service';
import type { EventService } from '../services/event.service';

const deviceOf = (b: DoorDevice): DoorDevice => ({ deviceId: b.deviceId, deviceTime: b.deviceTime });

/** A registration's answers lined up with the event's questions ('' where none was given). */
const answersOf = (r: { answers: string[] | null }, n: number) => Array.from({ length: n }, (_, i) => r.answers?.[i] ?? '');

export function organiserEventRoutes(api: ApiRouter, events: EventService, attendance: AttendanceService, publicUrl: () => string): void {
  const full = async (eventId: number) => presentEvent((await events.viewsById(eventId))[0]);

  api
    .route(C.listManagedEvents, async (ctx) => ({ items: (await events.listManaged(ctx.state.user!)).map(presentEvent) }))
    .route(C.createEvent, async (ctx, { body }) => full((await events.create(ctx.state.user!, body)).id))
    .route(C.getManagedEvent, async (ctx, { params }) => full((await events.getManaged(ctx.state.user!, params.id)).id))
    .route(C.updateEvent, async (ctx, { params, body }) => full((await events.update(ctx.state.user!, params.id, body)).id))
    .route(C.publishEvent, async (ctx, { params }) => full((await events.publish(ctx.state.user!, params.id)).id))
    .route(C.cancelEvent, async (ctx, { params, body }) => full((await events.cancel(ctx.state.user!, params.id, body.reason)).id))
    .route(C.scanTicket, async (ctx, { params, body }) => {
      return presentDoor(await attendance.scanTicket(ctx.state.user!, params.id, body.code, body.override === true, deviceOf(body)));
    })
    .route(C.manualCheckIn, async (ctx, { params, body }) => {
      const p = params;
      return presentDoor(await attendance.manualCheckIn(ctx.state.user!, p.id, p.registrationId, body.override === true, deviceOf(body)));
    })
    .route(C.searchAttendees, { audit: 'attendance.search' }, async (ctx, { params, query }) => {
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
    })
    .route(C.doorCounts, async (ctx, { params, query }) => {
      const c = await attendance.doorCounts(ctx.state.user!, params.id);
      if (query.since === c.version) return { version: c.version, changed: false };
      return { version: c.version, changed: true, checkedIn: c.checkedIn, expected: c.expected };
    })
    .route(C.undoCheckIn, async (ctx, { params, body }) => {
      const p = params;
      await attendance.undo(ctx.state.user!, p.id, p.registrationId, deviceOf(body ?? {}));
      return { ok: true as const };
    })
    .route(C.scanHistory, { audit: 'attendance.history' }, async (ctx, { params, query }) => {
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
    })
    .route(C.eventRotatingCode, async (ctx, { params }) => {
      const c = await attendance.rotatingCode(ctx.state.user!, params.id);
      return {
        stationName: c.event.title,
        payload: c.payload,
        link: linkForPayload(publicUrl(), c.payload),
        refreshAt: c.refreshAt.toISOString(),
        rotationSeconds: QR_ROTATION_SECONDS,
      };
    })
    .route(C.attendance, { audit: 'attendance.read' }, async (ctx, { params, query }) => {
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
    })
    .route(C.attendanceCsv, { audit: 'attendance.export' }, async (ctx, { params }) => {
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
    });
}
