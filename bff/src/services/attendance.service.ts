import { In, IsNull, Not, type Repository } from 'typeorm';
import { chinaHHmm, chinaMonthDayTime, LIMITS, parseQr, rotationWindow, QR_ROTATION_SECONDS, type CheckinMethod } from '@xlx/shared';
import type { AuditLogEntity, EventEntity, RegistrationEntity, UserEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import { signQr, verifyQr } from '../adapters/qr-signer';
import type { AuthUser } from '../context';
import { AppError, notFound } from '../lib/app-error';
import type { EventService } from './event.service';

export interface DoorResult {
  result: 'ok' | 'already';
  registration: RegistrationEntity;
  attendeeName: string;
  checkedInByName: string | null;
  message: string;
  /** Admitted outside the door's hours on the organiser's say-so. */
  override: boolean;
}

export interface AttendeeRow {
  registration: RegistrationEntity;
  name: string;
  phoneLast4: string | null;
}

/** Rows the door's search answers with at most: enough to pick from, not a list to copy. */
export const DOOR_SEARCH_LIMIT = 20;

const displayName = (u: Pick<UserEntity, 'id' | 'nickname'> | null | undefined) => u?.nickname ?? (u ? `工友${u.id}` : '工友');

/** Checking in at the door (organiser scans a ticket), self check-in, and the attendance list. */
export class AttendanceService {
  constructor(
    private readonly events: Repository<EventEntity>,
    private readonly registrations: Repository<RegistrationEntity>,
    private readonly users: Repository<UserEntity>,
    private readonly eventService: EventService,
    private readonly clock: Clock,
    private readonly audit: Repository<AuditLogEntity>,
    private readonly options: { doorOpensMinutesBefore: number } = { doorOpensMinutesBefore: 120 },
  ) {}

  /**
   * The organiser scans an attendee's ticket at the door of `eventId`. The door admits from
   * `doorOpensMinutesBefore` the start until the end; outside that only a deliberate `override`,
   * which is kept on the registration and in the audit log.
   */
  async scanTicket(user: AuthUser, eventId: number, code: string, override = false): Promise<DoorResult> {
    const event = await this.eventService.getManaged(user, eventId);
    const payload = parseQr(code);
    if (!payload || payload.kind !== 'ticket') throw new AppError('TICKET_INVALID');
    const reg = await this.registrations.findOneBy({ id: payload.id });
    const ticketEvent = reg ? (reg.eventId === event.id ? event : await this.events.findOneBy({ id: reg.eventId })) : null;
    if (!reg || !ticketEvent || !verifyQr(ticketEvent.qrSecret, payload)) throw new AppError('TICKET_INVALID', '这张票是伪造的或无法识别，请让参加者打开小程序里的电子票');
    if (reg.eventId !== event.id) throw new AppError('TICKET_WRONG_EVENT', `这张票是“${ticketEvent.title}”的，不是本场活动的`);
    return this.admit(user, event, reg, override, 'scan');
  }

  /**
   * The organiser found the attendee by name or phone at the door and checks them in by hand:
   * the same hours, override and once-only rules as a scan, recorded as `manual`.
   */
  async manualCheckIn(user: AuthUser, eventId: number, registrationId: number, override = false): Promise<DoorResult> {
    const event = await this.eventService.getManaged(user, eventId);
    const reg = await this.registrations.findOneBy({ id: registrationId, eventId: event.id });
    if (!reg) throw notFound('报名记录');
    return this.admit(user, event, reg, override, 'manual');
  }

  private async admit(user: AuthUser, event: EventEntity, reg: RegistrationEntity, override: boolean, method: CheckinMethod): Promise<DoorResult> {
    const refusal = reg.checkedInAt ? null : this.doorRefusal(event);
    if (refusal && !override) throw refusal;
    const result = await this.checkIn(event, reg, user.id, Boolean(refusal), method);
    if (refusal && result.result === 'ok') await this.audit.insert({ actorId: user.id, action: 'checkin.override', target: `registration:${reg.id}` });
    return result;
  }

  /**
   * The door's search over an event's registrations: part of a name, or the last 4 or more digits
   * of a phone (fewer digits would match too many people). At most `DOOR_SEARCH_LIMIT` rows.
   */
  async searchAttendees(user: AuthUser, eventId: number, term: string): Promise<{ rows: AttendeeRow[]; total: number }> {
    const event = await this.eventService.getManaged(user, eventId);
    const q = term.trim();
    const digits = /^\d{4,11}$/.test(q) ? q : null;
    const regs = await this.registrations.find({ where: { eventId: event.id, status: In(['confirmed', 'waitlisted']) }, order: { queuedAt: 'ASC', id: 'ASC' } });
    const people = regs.length ? await this.users.find({ where: { id: In([...new Set(regs.map((r) => r.userId))]) }, select: { id: true, nickname: true, phone: true } }) : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    const matched: AttendeeRow[] = [];
    for (const registration of regs) {
      const p = byId.get(registration.userId);
      const name = displayName(p);
      const hit = digits ? Boolean(p?.phone && p.phone.endsWith(digits)) : name.includes(q);
      if (hit) matched.push({ registration, name, phoneLast4: p?.phone ? p.phone.slice(-4) : null });
    }
    // Who has yet to come in first: that is whom the door is looking for.
    matched.sort((a, b) => Number(a.registration.checkedInAt !== null) - Number(b.registration.checkedInAt !== null));
    return { rows: matched.slice(0, DOOR_SEARCH_LIMIT), total: matched.length };
  }

  /** In and expected, cheap enough for every door device to ask every few seconds. */
  async doorCounts(user: AuthUser, eventId: number): Promise<{ checkedIn: number; expected: number; version: string }> {
    const event = await this.eventService.getManaged(user, eventId);
    const [expected, checkedIn] = await Promise.all([
      this.registrations.countBy({ eventId: event.id, status: 'confirmed' }),
      this.registrations.countBy({ eventId: event.id, status: 'confirmed', checkedInAt: Not(IsNull()) }),
    ]);
    return { checkedIn, expected, version: `${checkedIn}-${expected}` };
  }

  /** Why the door is shut for `event` now, or null when it admits. */
  private doorRefusal(event: EventEntity): AppError | null {
    const now = this.clock.now();
    const opens = new Date(event.startsAt.getTime() - this.options.doorOpensMinutesBefore * 60 * 1000);
    const details = { opensAt: opens.toISOString(), endsAt: event.endsAt.toISOString() };
    if (now < opens) return new AppError('DOOR_NOT_OPEN', `活动尚未开始，${chinaMonthDayTime(opens)} 起可入场`, details);
    if (now >= event.endsAt) return new AppError('DOOR_NOT_OPEN', `活动已于 ${chinaMonthDayTime(event.endsAt)} 结束，不能再入场`, details);
    return null;
  }

  /** The attendee scans the event's rotating code on the screen at the venue. */
  async selfCheckIn(userId: number, code: string): Promise<DoorResult> {
    const payload = parseQr(code);
    if (!payload || payload.kind !== 'event-rotating') throw new AppError('QR_INVALID');
    const event = await this.events.findOneBy({ id: payload.id });
    if (!event || !verifyQr(event.qrSecret, payload)) throw new AppError('QR_INVALID');
    const now = this.clock.now();
    const current = rotationWindow(now);
    if (payload.window !== current && payload.window !== current - 1) throw new AppError('QR_EXPIRED');
    if (!event.selfCheckin) throw new AppError('CONFLICT', '本活动不支持自助签到，请向工作人员出示电子票');
    const opens = event.startsAt.getTime() - LIMITS.selfCheckinEarlyMinutes * 60 * 1000;
    if (now.getTime() < opens || now >= event.endsAt) throw new AppError('CONFLICT', `不在签到时间内：活动开始前${LIMITS.selfCheckinEarlyMinutes}分钟至结束前可以签到`);
    const reg = await this.registrations.findOneBy({ eventId: event.id, userId });
    if (!reg) throw new AppError('NOT_FOUND', '您没有报名这场活动，请先在活动页面报名');
    return this.checkIn(event, reg, null, false, 'self');
  }

  /** The current rotating self check-in code of an event, for its screen. */
  async rotatingCode(user: AuthUser, eventId: number): Promise<{ event: EventEntity; payload: string; refreshAt: Date }> {
    const event = await this.eventService.getManaged(user, eventId);
    if (!event.selfCheckin) throw new AppError('CONFLICT', '本活动未开启自助签到，请在活动设置中开启');
    const window = rotationWindow(this.clock.now());
    return { event, payload: signQr(event.qrSecret, { kind: 'event-rotating', id: event.id, window }), refreshAt: new Date((window + 1) * QR_ROTATION_SECONDS * 1000) };
  }

  /** Undoes a check-in made by mistake. */
  async undo(user: AuthUser, eventId: number, registrationId: number): Promise<RegistrationEntity> {
    const event = await this.eventService.getManaged(user, eventId);
    const reg = await this.registrations.findOneBy({ id: registrationId, eventId: event.id });
    if (!reg) throw notFound('报名记录');
    await this.registrations.update({ id: reg.id }, { checkedInAt: null, checkedInBy: null, checkinMethod: null, checkinOverride: false, completed: false });
    return this.registrations.findOneByOrFail({ id: reg.id });
  }

  async attendance(user: AuthUser, eventId: number, q: { q?: string; status?: string }) {
    const event = await this.eventService.getManaged(user, eventId);
    const regs = await this.registrations.find({ where: { eventId: event.id }, order: { queuedAt: 'ASC', id: 'ASC' } });
    const people = regs.length ? await this.users.find({ where: { id: In([...new Set(regs.map((r) => r.userId))]) }, select: { id: true, nickname: true, phone: true } }) : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    const ended = this.clock.now() >= event.endsAt;
    const confirmed = regs.filter((r) => r.status === 'confirmed');
    const counts = {
      capacity: event.capacity,
      confirmed: confirmed.length,
      waitlisted: regs.filter((r) => r.status === 'waitlisted').length,
      cancelled: regs.filter((r) => r.status === 'cancelled').length,
      checkedIn: confirmed.filter((r) => r.checkedInAt).length,
      notArrived: confirmed.filter((r) => !r.checkedInAt).length,
      noShows: ended ? confirmed.filter((r) => !r.checkedInAt).length : null,
    };
    let rows: AttendeeRow[] = regs.map((registration) => {
      const p = byId.get(registration.userId);
      return { registration, name: displayName(p), phoneLast4: p?.phone ? p.phone.slice(-4) : null };
    });
    const term = q.q?.trim();
    if (term) rows = rows.filter((r) => r.name.includes(term) || (/^\d{1,4}$/.test(term) && r.phoneLast4 !== null && r.phoneLast4.endsWith(term)));
    const filters: Record<string, (r: AttendeeRow) => boolean> = {
      confirmed: (r) => r.registration.status === 'confirmed',
      waitlisted: (r) => r.registration.status === 'waitlisted',
      cancelled: (r) => r.registration.status === 'cancelled',
      checked_in: (r) => r.registration.status === 'confirmed' && r.registration.checkedInAt !== null,
      not_arrived: (r) => r.registration.status === 'confirmed' && r.registration.checkedInAt === null,
      no_show: (r) => ended && r.registration.status === 'confirmed' && r.registration.checkedInAt === null,
    };
    if (q.status) rows = rows.filter(filters[q.status]);
    return { event, counts, rows };
  }

  private async checkIn(event: EventEntity, reg: RegistrationEntity, byUserId: number | null, override: boolean, method: CheckinMethod): Promise<DoorResult> {
    const attendee = await this.users.findOne({ where: { id: reg.userId }, select: { id: true, nickname: true } });
    const done = await this.registrations.update(
      { id: reg.id, status: 'confirmed', checkedInAt: IsNull() },
      { checkedInAt: this.clock.now(), checkedInBy: byUserId, checkinMethod: method, checkinOverride: override, completed: event.kind === 'training' },
    );
    const fresh = await this.registrations.findOneByOrFail({ id: reg.id });
    if (!done.affected) {
      if (fresh.status !== 'confirmed') {
        throw new AppError('TICKET_NOT_CONFIRMED', fresh.status === 'cancelled' ? '这张票的报名已取消，不能入场' : '这张票仍在候补中，没有正式名额，不能入场');
      }
      const by = fresh.checkedInBy ? await this.users.findOne({ where: { id: fresh.checkedInBy }, select: { id: true, nickname: true } }) : null;
      const byName = fresh.checkedInBy ? displayName(by) : '本人自助';
      return { result: 'already', registration: fresh, attendeeName: displayName(attendee), checkedInByName: byName, message: `已于 ${chinaHHmm(fresh.checkedInAt!)} 由 ${byName} 签到`, override: Boolean(fresh.checkinOverride) };
    }
    return { result: 'ok', registration: fresh, attendeeName: displayName(attendee), checkedInByName: null, message: override ? `${displayName(attendee)} 已破例放行（不在入场时间内，已记录）` : `${displayName(attendee)} 签到成功`, override };
  }
}
