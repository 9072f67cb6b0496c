import { In, type DataSource, type Repository } from 'typeorm';
import { chinaHHmm, chinaMonthDayTime, LIMITS, parseQr, rotationWindow, QR_ROTATION_SECONDS, type CheckinMethod, type DoorScanReason } from '@xlx/shared';
import { EventScanEntity, RegistrationEntity, type AuditLogEntity, type EventEntity, type UserEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import { signQr, verifyQr } from '../adapters/qr-signer';
import type { AuthUser } from '../context';
import { AppError, notFound } from '../lib/app-error';
import { isUniqueViolation } from '../lib/db-errors';
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

/** Which door device sent a scan, and its clock then (both optional). */
export interface DoorDevice {
  deviceId?: string;
  deviceTime?: string;
}

/** Who is in now, from the history: the entry not followed by an undo, per registration. */
export interface Inside {
  at: Date;
  by: number | null;
  method: CheckinMethod | 'migrated';
  override: boolean;
}

/** Rows the door's search answers with at most: enough to pick from, not a list to copy. */
export const DOOR_SEARCH_LIMIT = 20;

const displayName = (u: Pick<UserEntity, 'id' | 'nickname'> | null | undefined) => u?.nickname ?? (u ? `工友${u.id}` : '工友');

/** Checking in at the door (organiser scans a ticket), self check-in, and the attendance list. */
export class AttendanceService {
  constructor(
    private readonly ds: DataSource,
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
  async scanTicket(user: AuthUser, eventId: number, code: string, override = false, device: DoorDevice = {}): Promise<DoorResult> {
    const event = await this.eventService.getManaged(user, eventId);
    const refuse = (reason: DoorScanReason, registrationId: number | null, error: AppError) =>
      this.refused({ event, registrationId, reason, method: 'scan', userId: user.id, device }, error);
    const payload = parseQr(code);
    if (!payload || payload.kind !== 'ticket') return refuse('forged', null, new AppError('TICKET_INVALID'));
    const reg = await this.registrations.findOneBy({ id: payload.id });
    const ticketEvent = reg ? (reg.eventId === event.id ? event : await this.events.findOneBy({ id: reg.eventId })) : null;
    if (!reg || !ticketEvent || !verifyQr(ticketEvent.qrSecret, payload))
      return refuse('forged', null, new AppError('TICKET_INVALID', '这张票是伪造的或无法识别，请让参加者打开小程序里的电子票'));
    if (reg.eventId !== event.id) return refuse('wrong_event', reg.id, new AppError('TICKET_WRONG_EVENT', `这张票是“${ticketEvent.title}”的，不是本场活动的`));
    return this.admit(user, event, reg, override, 'scan', device);
  }

  /** Keeps a refused scan in the history, then refuses. */
  private async refused(
    r: { event: EventEntity; registrationId: number | null; reason: DoorScanReason; method: CheckinMethod; userId: number | null; device: DoorDevice },
    error: AppError,
  ): Promise<never> {
    await this.ds
      .getRepository(EventScanEntity)
      .insert(this.scanRow(r.event.id, r.registrationId, 'refused', r.method, r.userId, r.device, { reason: r.reason }));
    throw error;
  }

  private scanRow(
    eventId: number,
    registrationId: number | null,
    kind: EventScanEntity['kind'],
    method: CheckinMethod,
    userId: number | null,
    device: DoorDevice,
    extra: Partial<EventScanEntity> = {},
  ): Omit<EventScanEntity, 'id'> {
    return {
      eventId,
      registrationId,
      kind,
      method,
      userId,
      reason: null,
      override: false,
      slot: null,
      deviceId: device.deviceId ?? null,
      deviceTime: device.deviceTime ? new Date(device.deviceTime) : null,
      receivedAt: this.clock.now(),
      ...extra,
    };
  }

  /** Entries and undos so far of one registration: it is in when entries outnumber undos. */
  private async tally(registrationId: number): Promise<{ entries: number; undos: number }> {
    const rows = await this.ds
      .getRepository(EventScanEntity)
      .find({ where: { registrationId, kind: In(['entry', 'undo']) }, select: { id: true, kind: true } });
    return { entries: rows.filter((r) => r.kind === 'entry').length, undos: rows.filter((r) => r.kind === 'undo').length };
  }

  /** Who is in at `eventId`, derived from its history (each registration's last entry not undone). */
  async inside(eventId: number): Promise<Map<number, Inside>> {
    const rows = await this.ds.getRepository(EventScanEntity).find({ where: { eventId, kind: In(['entry', 'undo']) }, order: { id: 'ASC' } });
    const inside = new Map<number, Inside>();
    for (const r of rows) {
      if (r.registrationId === null) continue;
      if (r.kind === 'entry') inside.set(r.registrationId, { at: r.receivedAt, by: r.userId, method: r.method, override: Boolean(r.override) });
      else inside.delete(r.registrationId);
    }
    return inside;
  }

  /**
   * The organiser found the attendee by name or phone at the door and checks them in by hand:
   * the same hours, override and once-only rules as a scan, recorded as `manual`.
   */
  async manualCheckIn(user: AuthUser, eventId: number, registrationId: number, override = false, device: DoorDevice = {}): Promise<DoorResult> {
    const event = await this.eventService.getManaged(user, eventId);
    const reg = await this.registrations.findOneBy({ id: registrationId, eventId: event.id });
    if (!reg) throw notFound('报名记录');
    return this.admit(user, event, reg, override, 'manual', device);
  }

  private async admit(
    user: AuthUser,
    event: EventEntity,
    reg: RegistrationEntity,
    override: boolean,
    method: CheckinMethod,
    device: DoorDevice,
  ): Promise<DoorResult> {
    const t = await this.tally(reg.id);
    const refusal = t.entries > t.undos ? null : this.doorRefusal(event);
    if (refusal && !override) return this.refused({ event, registrationId: reg.id, reason: refusal.reason, method, userId: user.id, device }, refusal.error);
    const result = await this.checkIn(event, reg, user.id, Boolean(refusal), method, device);
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
    const regs = await this.registrations.find({
      where: { eventId: event.id, status: In(['confirmed', 'waitlisted']) },
      order: { queuedAt: 'ASC', id: 'ASC' },
    });
    const people = regs.length
      ? await this.users.find({ where: { id: In([...new Set(regs.map((r) => r.userId))]) }, select: { id: true, nickname: true, phone: true } })
      : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    const matched: AttendeeRow[] = [];
    for (const registration of regs) {
      const p = byId.get(registration.userId);
      const name = displayName(p);
      const hit = digits ? Boolean(p?.phone && p.phone.endsWith(digits)) : name.includes(q);
      if (hit) matched.push({ registration, name, phoneLast4: p?.phone ? p.phone.slice(-4) : null });
    }
    const inside = await this.inside(event.id);
    for (const r of matched) r.registration.checkedInAt = inside.get(r.registration.id)?.at ?? null;
    // Who has yet to come in first: that is whom the door is looking for.
    matched.sort((a, b) => Number(a.registration.checkedInAt !== null) - Number(b.registration.checkedInAt !== null));
    return { rows: matched.slice(0, DOOR_SEARCH_LIMIT), total: matched.length };
  }

  /** In and expected, cheap enough for every door device to ask every few seconds. */
  async doorCounts(user: AuthUser, eventId: number): Promise<{ checkedIn: number; expected: number; version: string }> {
    const event = await this.eventService.getManaged(user, eventId);
    // In: confirmed registrations whose entries outnumber their undos, counted in the database.
    const inQuery = this.ds
      .createQueryBuilder()
      .select('s.registrationId', 'registrationId')
      .from(EventScanEntity, 's')
      .innerJoin(RegistrationEntity, 'r', 'r.id = s.registrationId AND r.status = :confirmed', { confirmed: 'confirmed' })
      .where('s.eventId = :eventId AND s.kind IN (:...kinds)', { eventId: event.id, kinds: ['entry', 'undo'] })
      .groupBy('s.registrationId')
      .having("SUM(CASE WHEN s.kind = 'entry' THEN 1 ELSE 0 END) > SUM(CASE WHEN s.kind = 'undo' THEN 1 ELSE 0 END)");
    const [expected, checkedIn] = await Promise.all([
      this.registrations.countBy({ eventId: event.id, status: 'confirmed' }),
      inQuery.getRawMany().then((rows) => rows.length),
    ]);
    return { checkedIn, expected, version: `${checkedIn}-${expected}` };
  }

  /** Why the door is shut for `event` now, or null when it admits. */
  private doorRefusal(event: EventEntity): { error: AppError; reason: DoorScanReason } | null {
    const now = this.clock.now();
    const opens = new Date(event.startsAt.getTime() - this.options.doorOpensMinutesBefore * 60 * 1000);
    const details = { opensAt: opens.toISOString(), endsAt: event.endsAt.toISOString() };
    if (now < opens) return { reason: 'too_early', error: new AppError('DOOR_NOT_OPEN', `活动尚未开始，${chinaMonthDayTime(opens)} 起可入场`, details) };
    if (now >= event.endsAt)
      return { reason: 'ended', error: new AppError('DOOR_NOT_OPEN', `活动已于 ${chinaMonthDayTime(event.endsAt)} 结束，不能再入场`, details) };
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
    if (now.getTime() < opens || now >= event.endsAt)
      throw new AppError('CONFLICT', `不在签到时间内：活动开始前${LIMITS.selfCheckinEarlyMinutes}分钟至结束前可以签到`);
    const reg = await this.registrations.findOneBy({ eventId: event.id, userId });
    if (!reg) throw new AppError('NOT_FOUND', '您没有报名这场活动，请先在活动页面报名');
    return this.checkIn(event, reg, null, false, 'self', {});
  }

  /** The current rotating self check-in code of an event, for its screen. */
  async rotatingCode(user: AuthUser, eventId: number): Promise<{ event: EventEntity; payload: string; refreshAt: Date }> {
    const event = await this.eventService.getManaged(user, eventId);
    if (!event.selfCheckin) throw new AppError('CONFLICT', '本活动未开启自助签到，请在活动设置中开启');
    const window = rotationWindow(this.clock.now());
    return {
      event,
      payload: signQr(event.qrSecret, { kind: 'event-rotating', id: event.id, window }),
      refreshAt: new Date((window + 1) * QR_ROTATION_SECONDS * 1000),
    };
  }

  /**
   * Undoes a check-in made by mistake: an 'undo' row after the entry, which stays. Undoing someone
   * not in changes nothing; two devices undoing at once give one undo (the slot's unique key).
   */
  async undo(user: AuthUser, eventId: number, registrationId: number, device: DoorDevice = {}): Promise<RegistrationEntity> {
    const event = await this.eventService.getManaged(user, eventId);
    const reg = await this.registrations.findOneBy({ id: registrationId, eventId: event.id });
    if (!reg) throw notFound('报名记录');
    const t = await this.tally(reg.id);
    if (t.entries > t.undos) {
      try {
        await this.ds.transaction(async (tx) => {
          await tx.getRepository(EventScanEntity).insert(this.scanRow(event.id, reg.id, 'undo', 'manual', user.id, device, { slot: `u:${reg.id}:${t.undos}` }));
          await tx
            .getRepository(RegistrationEntity)
            .update({ id: reg.id }, { checkedInAt: null, checkedInBy: null, checkinMethod: null, checkinOverride: false, completed: false });
        });
      } catch (err) {
        if (!isSlotTaken(err)) throw err;
      }
    }
    return this.registrations.findOneByOrFail({ id: reg.id });
  }

  /** The door's history of one event, newest first (at most 500 rows; one attendee's when asked). */
  async history(user: AuthUser, eventId: number, registrationId?: number) {
    const event = await this.eventService.getManaged(user, eventId);
    const rows = await this.ds.getRepository(EventScanEntity).find({
      where: registrationId ? { eventId: event.id, registrationId } : { eventId: event.id },
      order: { id: 'DESC' },
      take: 500,
    });
    const regs = await this.registrations.find({
      where: { id: In([...new Set(rows.map((r) => r.registrationId).filter((x): x is number => x !== null))]) },
      select: { id: true, userId: true },
    });
    const userIds = [...new Set([...regs.map((r) => r.userId), ...rows.map((r) => r.userId).filter((x): x is number => x !== null)])];
    const people = userIds.length ? await this.users.find({ where: { id: In(userIds) }, select: { id: true, nickname: true } }) : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    const attendeeOf = new Map(regs.map((r) => [r.id, r.userId]));
    return rows.map((r) => ({
      row: r,
      attendeeName: r.registrationId !== null && attendeeOf.has(r.registrationId) ? displayName(byId.get(attendeeOf.get(r.registrationId)!)) : null,
      scannedBy: r.userId !== null ? displayName(byId.get(r.userId)) : null,
    }));
  }

  async attendance(user: AuthUser, eventId: number, q: { q?: string; status?: string }) {
    const event = await this.eventService.getManaged(user, eventId);
    const regs = await this.registrations.find({ where: { eventId: event.id }, order: { queuedAt: 'ASC', id: 'ASC' } });
    const people = regs.length
      ? await this.users.find({ where: { id: In([...new Set(regs.map((r) => r.userId))]) }, select: { id: true, nickname: true, phone: true } })
      : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    // Who is in comes from the door's history, not from the registration's copy.
    const inside = await this.inside(event.id);
    for (const r of regs) r.checkedInAt = inside.get(r.id)?.at ?? null;
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

  /**
   * One entry in the history and the registration's copy, in one transaction. The entry's slot
   * (`e:<registration>:<undos so far>`) is unique: of two devices scanning one ticket at once, one
   * inserts and the other gets "already in" — on SQLite, MariaDB and a Galera cluster alike.
   */
  private async checkIn(
    event: EventEntity,
    reg: RegistrationEntity,
    byUserId: number | null,
    override: boolean,
    method: CheckinMethod,
    device: DoorDevice,
  ): Promise<DoorResult> {
    const attendee = await this.users.findOne({ where: { id: reg.userId }, select: { id: true, nickname: true } });
    const current = await this.registrations.findOneByOrFail({ id: reg.id });
    const refuseStatus = (status: RegistrationEntity['status']) =>
      this.refused(
        { event, registrationId: reg.id, reason: status === 'cancelled' ? 'cancelled' : 'waitlisted', method, userId: byUserId, device },
        new AppError('TICKET_NOT_CONFIRMED', status === 'cancelled' ? '这张票的报名已取消，不能入场' : '这张票仍在候补中，没有正式名额，不能入场'),
      );
    if (current.status !== 'confirmed') return refuseStatus(current.status);
    const t = await this.tally(reg.id);
    let entered = false;
    if (t.entries <= t.undos) {
      try {
        entered = await this.ds.transaction(async (tx) => {
          await tx
            .getRepository(EventScanEntity)
            .insert(this.scanRow(event.id, reg.id, 'entry', method, byUserId, device, { override, slot: `e:${reg.id}:${t.undos}` }));
          const done = await tx
            .getRepository(RegistrationEntity)
            .update(
              { id: reg.id, status: 'confirmed' },
              { checkedInAt: this.clock.now(), checkedInBy: byUserId, checkinMethod: method, checkinOverride: override, completed: event.kind === 'training' },
            );
          if (!done.affected) throw new NotConfirmed();
          return true;
        });
      } catch (err) {
        if (err instanceof NotConfirmed) return refuseStatus((await this.registrations.findOneByOrFail({ id: reg.id })).status);
        if (!isSlotTaken(err)) throw err;
      }
    }
    const fresh = await this.registrations.findOneByOrFail({ id: reg.id });
    if (!entered) {
      // Already in: the entry that let them in says when and by whom; the repeat is kept as refused.
      const first = (await this.inside(event.id)).get(reg.id);
      await this.ds.getRepository(EventScanEntity).insert(this.scanRow(event.id, reg.id, 'refused', method, byUserId, device, { reason: 'already_in' }));
      const at = first?.at ?? fresh.checkedInAt ?? this.clock.now();
      const byId = first ? first.by : fresh.checkedInBy;
      const by = byId ? await this.users.findOne({ where: { id: byId }, select: { id: true, nickname: true } }) : null;
      const byName = byId ? displayName(by) : '本人自助';
      fresh.checkedInAt = at;
      return {
        result: 'already',
        registration: fresh,
        attendeeName: displayName(attendee),
        checkedInByName: byName,
        message: `已于 ${chinaHHmm(at)} 由 ${byName} 签到`,
        override: Boolean(first?.override ?? fresh.checkinOverride),
      };
    }
    return {
      result: 'ok',
      registration: fresh,
      attendeeName: displayName(attendee),
      checkedInByName: null,
      message: override ? `${displayName(attendee)} 已破例放行（不在入场时间内，已记录）` : `${displayName(attendee)} 签到成功`,
      override,
    };
  }
}

class NotConfirmed extends Error {}

/** Another device took the same slot first (a duplicate key; on Galera, a failed certification). */
function isSlotTaken(err: unknown): boolean {
  if (isUniqueViolation(err)) return true;
  const code = (err as { driverError?: { code?: unknown }; code?: unknown })?.driverError?.code ?? (err as { code?: unknown })?.code;
  return code === 'ER_LOCK_DEADLOCK';
}
