import { In, MoreThan, type Repository } from 'typeorm';
import { chinaMonthDayTime, distanceMetres, eligibilityReasons, type EventCover, type EventInput, type EventPatch, type EventQuery } from '@xlx/shared';
import { enqueueMessages } from './outbox';
import { EventEntity, NotificationEntity, RegistrationEntity, type OrganisationEntity, type StationEntity, type UserEntity } from '../entities';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../adapters/clock';
import { newQrSecret } from '../adapters/qr-signer';
import type { AuthUser } from '../context';
import { AppError, notFound } from '../lib/app-error';
import { posterJpeg } from '../lib/image-encode';
import type { TextChecker } from './content-check.service';
import type { OrganisationService } from './organisation.service';
import type { UploadService } from './upload.service';
import { promoteNext } from './waitlist';

/** Facts about a person that events' rules read, owned by other features. */
export interface MembershipLookup {
  /** Union member of the organisation (or an ancestor) where the event asks for members only. */
  isMember(userId: number, organisationId: number): Promise<boolean>;
  /** Has a matchmaking profile (with its consent): required to register for a social. */
  hasMatchProfile(userId: number): Promise<boolean>;
}

/** Rules that come from the person's standing rather than the event's eligibility fields. */
export async function standingReasons(lookup: MembershipLookup, userId: number, e: EventEntity): Promise<string[]> {
  if (e.kind === 'matchmaking' && !(await lookup.hasMatchProfile(userId))) return ['报名交友活动需要先创建交友资料，请在活动页面点“创建交友资料”'];
  return [];
}

export interface EventView {
  event: EventEntity;
  organisationName: string;
  waitlistCount: number;
  me: { reasons: string[]; registration: RegistrationEntity | null } | null;
  /** From the worker's location, when the list was asked with one. */
  distanceMetres?: number | null;
  /** The cover as this reader may see it (a signed link), or null. */
  cover: EventCover | null;
}

/** The column holds 120 characters; a station's name (40) and address (120) together may not fit. */
const VENUE_MAX = 120;
function stationVenue(station: Pick<StationEntity, 'name' | 'address'>): string {
  const full = `${station.name}（${station.address}）`;
  if ([...full].length <= VENUE_MAX) return full;
  const room = VENUE_MAX - [...station.name].length - 3;
  return `${station.name}（${[...station.address].slice(0, room).join('')}…）`;
}

export class EventService {
  constructor(
    private readonly ds: DataSource,
    private readonly events: Repository<EventEntity>,
    private readonly registrations: Repository<RegistrationEntity>,
    private readonly users: Repository<UserEntity>,
    private readonly stations: Repository<StationEntity>,
    private readonly orgRepo: Repository<OrganisationEntity>,
    private readonly orgs: OrganisationService,
    private readonly membership: MembershipLookup,
    private readonly clock: Clock,
    private readonly texts?: TextChecker,
    /** Cover images: attached, replaced and removed with the event's edit, served by signed links. */
    private readonly uploads?: UploadService,
  ) {}

  /** The title and description attendees will read pass WeChat's text check first. */
  private async checkTexts(userId: number, t: { title?: string; description?: string }): Promise<void> {
    if (t.title) await this.texts?.check(userId, t.title, 3, 'title');
    if (t.description) await this.texts?.check(userId, t.description, 3, 'description');
  }

  /** Published events that have not ended, soonest first; with my standing when signed in. */
  async listForWorkers(q: EventQuery, userId?: number): Promise<EventView[]> {
    const where: Record<string, unknown> = { status: 'published', endsAt: MoreThan(this.clock.now()) };
    if (q.kind) where.kind = q.kind;
    if (q.organisationId !== undefined) {
      where.organisationId = In(await this.orgs.subtreeIds(await this.orgs.get(q.organisationId)));
    }
    const here = q.lat !== undefined && q.lng !== undefined ? { latitude: q.lat, longitude: q.lng } : null;
    // Sorting by distance needs every candidate, not the soonest `limit`.
    const rows = await this.events.find({ where, order: { startsAt: 'ASC', id: 'ASC' }, take: q.eligibleOnly || here ? 500 : q.limit });
    let views = await this.views(rows, userId, false);
    if (q.eligibleOnly && userId)
      views = views.filter((v) => v.me && v.me.reasons.length === 0 && (!v.me.registration || v.me.registration.status === 'cancelled'));
    if (here) {
      for (const v of views) {
        const e = v.event;
        v.distanceMetres =
          e.latitude === null || e.longitude === null
            ? null
            : Math.round(distanceMetres(here, { latitude: Number(e.latitude), longitude: Number(e.longitude) }));
      }
      // Nearest first; the sort is stable, so equal distances (and placeless events, last) stay soonest first.
      views.sort((a, b) => (a.distanceMetres === null ? 1 : 0) - (b.distanceMetres === null ? 1 : 0) || (a.distanceMetres ?? 0) - (b.distanceMetres ?? 0));
    }
    return views.slice(0, q.limit);
  }

  /** One event for workers: drafts do not exist for them. */
  async getForWorkers(id: number, userId?: number): Promise<EventView> {
    const event = await this.events.findOneBy({ id });
    if (!event || event.status === 'draft') throw notFound('活动');
    return (await this.views([event], userId, false))[0];
  }

  /** The cover's bytes as a JPEG for the share poster, when the event has one workers may see. */
  async posterCover(v: EventView): Promise<Buffer | null> {
    if (!v.cover || v.cover.state !== 'shown' || !this.uploads) return null;
    const bytes = await this.uploads.bytesOf(v.cover.id);
    return bytes ? posterJpeg(bytes) : null;
  }

  /** Any event by id with its counts, for organiser answers (after the scope check). */
  async viewsById(id: number): Promise<EventView[]> {
    return this.views([await this.events.findOneByOrFail({ id })], undefined, true);
  }

  // ---- organiser ----

  async getManaged(user: AuthUser, id: number): Promise<EventEntity> {
    const event = await this.events.findOneBy({ id });
    if (!event) throw notFound('活动');
    const org = await this.orgRepo.findOneBy({ id: event.organisationId });
    if (!org || !(await this.orgs.canManage(user, org))) throw notFound('活动');
    return event;
  }

  async listManaged(user: AuthUser): Promise<EventView[]> {
    const ids = await this.orgs.managedIds(user);
    if (ids.length === 0) return [];
    const rows = await this.events.find({ where: { organisationId: In(ids) }, order: { startsAt: 'DESC' }, take: 200 });
    return this.views(rows, undefined, true);
  }

  async create(user: AuthUser, input: EventInput): Promise<EventEntity> {
    await this.orgs.getManaged(user, input.organisationId);
    await this.checkTexts(user.id, input);
    const venue = await this.venue(input.stationId, input, user);
    const { identifiers } = await this.events.insert({
      organisationId: input.organisationId,
      kind: input.kind,
      title: input.title,
      description: input.description,
      ...venue,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      registrationOpensAt: new Date(input.registrationOpensAt),
      registrationClosesAt: new Date(input.registrationClosesAt),
      capacity: input.capacity,
      confirmedCount: 0,
      waitlist: input.waitlist,
      cancellationDeadline: input.cancellationDeadline ? new Date(input.cancellationDeadline) : null,
      eligibleGenders: input.eligibility.genders,
      minAge: input.eligibility.minAge,
      maxAge: input.eligibility.maxAge,
      eligibleOccupations: input.eligibility.occupations,
      membersOnly: input.eligibility.membersOnly,
      selfCheckin: input.selfCheckin,
      certificateName: input.certificateName,
      contactPhone: input.contactPhone,
      questions: input.questions.length ? input.questions : null,
      status: 'draft',
      qrSecret: newQrSecret(),
    });
    return this.events.findOneByOrFail({ id: identifiers[0].id as number });
  }

  async update(user: AuthUser, id: number, patch: EventPatch): Promise<EventEntity> {
    const event = await this.getManaged(user, id);
    if (event.status === 'cancelled') throw new AppError('CONFLICT', '活动已取消，不能再修改');
    await this.checkTexts(user.id, { title: patch.title, description: patch.description });
    const changes: Partial<EventEntity> = {};
    for (const key of ['title', 'description', 'capacity', 'waitlist', 'selfCheckin', 'certificateName', 'contactPhone'] as const) {
      if (patch[key] !== undefined) (changes as Record<string, unknown>)[key] = patch[key];
    }
    if (patch.questions !== undefined) changes.questions = patch.questions.length ? patch.questions : null;
    for (const key of ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'] as const) {
      if (patch[key] !== undefined) changes[key] = new Date(patch[key]!);
    }
    if (patch.cancellationDeadline !== undefined) changes.cancellationDeadline = patch.cancellationDeadline ? new Date(patch.cancellationDeadline) : null;
    if (patch.eligibility) {
      Object.assign(changes, {
        eligibleGenders: patch.eligibility.genders,
        minAge: patch.eligibility.minAge,
        maxAge: patch.eligibility.maxAge,
        eligibleOccupations: patch.eligibility.occupations,
        membersOnly: patch.eligibility.membersOnly,
      });
    }
    if (patch.stationId !== undefined || patch.venue !== undefined || patch.latitude !== undefined || patch.longitude !== undefined) {
      Object.assign(
        changes,
        await this.venue(
          patch.stationId === undefined ? event.stationId : patch.stationId,
          { venue: patch.venue ?? event.venue, latitude: patch.latitude ?? event.latitude, longitude: patch.longitude ?? event.longitude },
          patch.stationId !== undefined && patch.stationId !== event.stationId ? user : undefined,
        ),
      );
    }
    const merged = { ...event, ...changes };
    const issues: Array<{ path: string; message: string; code: string }> = [];
    if (merged.endsAt <= merged.startsAt) issues.push({ path: 'endsAt', message: '结束时间须晚于开始时间', code: 'custom' });
    if (merged.registrationClosesAt <= merged.registrationOpensAt)
      issues.push({ path: 'registrationClosesAt', message: '报名截止时间须晚于报名开始时间', code: 'custom' });
    if (changes.capacity !== undefined && changes.capacity < event.confirmedCount) {
      issues.push({ path: 'capacity', message: `已有${event.confirmedCount}人报名，名额不能少于此数`, code: 'custom' });
    }
    if (issues.length) throw new AppError('VALIDATION_FAILED', issues[0].message, { issues });
    // People holding a seat or a waitlist place hear of a new time or place, in the same
    // transaction as the edit (the outbox row commits with it, or neither does).
    const moved =
      event.status === 'published' &&
      ((changes.startsAt !== undefined && changes.startsAt.getTime() !== event.startsAt.getTime()) ||
        (changes.endsAt !== undefined && changes.endsAt.getTime() !== event.endsAt.getTime()) ||
        (changes.venue !== undefined && changes.venue !== event.venue));
    const write = async (tx: EntityManager) => {
      const events = tx.getRepository(EventEntity);
      if (changes.capacity !== undefined) {
        // The count read above may be stale by now: the new capacity is written only if it still holds
        // everyone confirmed, in the same row lock that seats take (confirmedCount < capacity).
        const r = await events
          .createQueryBuilder()
          .update(EventEntity)
          .set(changes)
          .where('id = :id AND confirmedCount <= :capacity', { id, capacity: changes.capacity })
          .execute();
        if (!r.affected) {
          const now = await events.findOneByOrFail({ id });
          const message = `已有${now.confirmedCount}人报名，名额不能少于此数`;
          throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'capacity', message, code: 'custom' }] });
        }
      } else if (Object.keys(changes).length) await events.update({ id }, changes);
      if (moved) await this.noticeOfChange(tx, event, merged);
    };
    if (patch.coverId !== undefined && patch.coverId !== event.coverId) {
      // A new cover must be this organiser's fresh upload for an event; the old one is deleted. A
      // refused upload rolls the whole edit back. Only the event's own organisation gets here (getManaged).
      if (!this.uploads) throw new AppError('CONFLICT', '暂不支持活动封面');
      changes.coverId = patch.coverId;
      const cover = { purpose: 'event' as const, field: 'coverId', claim: patch.coverId ? [patch.coverId] : [], release: event.coverId ? [event.coverId] : [] };
      await this.uploads.attaching(user.id, cover, write);
    } else {
      await this.ds.transaction(write);
    }
    // Raising the capacity lets the waitlist in at once.
    if (changes.capacity !== undefined && changes.capacity > event.capacity) await this.fillFromWaitlist(id);
    return this.events.findOneByOrFail({ id });
  }

  /** In-app notice and subscription message to everyone registered when an event's time or place changes. */
  private async noticeOfChange(tx: EntityManager, before: EventEntity, after: EventEntity): Promise<void> {
    const active = await tx
      .getRepository(RegistrationEntity)
      .find({ where: { eventId: before.id, status: In(['confirmed', 'waitlisted']) }, select: { id: true, userId: true } });
    if (active.length === 0) return;
    const timeMoved = after.startsAt.getTime() !== before.startsAt.getTime() || after.endsAt.getTime() !== before.endsAt.getTime();
    const placeMoved = after.venue !== before.venue;
    const what = timeMoved && placeMoved ? '时间和地点' : timeMoved ? '时间' : '地点';
    await tx.getRepository(NotificationEntity).insert(
      active.map((a) => ({
        userId: a.userId,
        eventId: before.id,
        title: `活动${what}有变`,
        readAt: null,
        body: `您报名的“${after.title}”${what}已调整：${chinaMonthDayTime(after.startsAt)} 开始${after.venue ? `，地点：${after.venue}` : ''}。如不能参加，请在“我的报名”中取消，把名额让给别人。`,
      })),
    );
    await enqueueMessages(
      tx,
      active.map((a) => ({
        userId: a.userId,
        kind: 'event_changed' as const,
        values: {
          event: after.title,
          startsAt: after.startsAt.toISOString(),
          venue: after.venue || '见活动详情',
          status: `${what}变更`,
          reason: `${what}已调整，请查看`,
        },
        page: `pages/event/index?id=${before.id}`,
      })),
      this.clock.now(),
    );
  }

  async publish(user: AuthUser, id: number): Promise<EventEntity> {
    await this.getManaged(user, id);
    const r = await this.events.update({ id, status: 'draft' }, { status: 'published' });
    if (!r.affected) throw new AppError('CONFLICT', '只有草稿状态的活动可以发布');
    return this.events.findOneByOrFail({ id });
  }

  /**
   * Cancels an event once: every active registration is cancelled and its holder notified.
   * A second call changes nothing and notifies nobody again.
   */
  async cancel(user: AuthUser, id: number, reason: string): Promise<EventEntity> {
    const event = await this.getManaged(user, id);
    await this.ds.transaction(async (tx) => {
      const r = await tx.getRepository(EventEntity).update({ id, status: In(['draft', 'published']) }, { status: 'cancelled' });
      if (!r.affected) throw new AppError('CONFLICT', '活动已经取消');
      const active = await tx
        .getRepository(RegistrationEntity)
        .find({ where: { eventId: id, status: In(['confirmed', 'waitlisted']) }, select: { id: true, userId: true } });
      if (active.length === 0) return;
      await tx
        .getRepository(RegistrationEntity)
        .update({ eventId: id, status: In(['confirmed', 'waitlisted']) }, { status: 'cancelled', cancelledAt: this.clock.now() });
      await tx.getRepository(NotificationEntity).insert(
        active.map((a) => ({
          userId: a.userId,
          eventId: id,
          title: '活动已取消',
          body: `您报名的“${event.title}”已取消${reason ? `：${reason}` : ''}。给您带来不便，敬请谅解。`,
          readAt: null,
        })),
      );
      await enqueueMessages(
        tx,
        active.map((a) => ({
          userId: a.userId,
          kind: 'event_changed' as const,
          values: {
            event: event.title,
            startsAt: event.startsAt.toISOString(),
            venue: event.venue || '见活动详情',
            status: '已取消',
            reason: reason || '主办方取消',
          },
          page: `pages/event/index?id=${id}`,
        })),
        this.clock.now(),
      );
    });
    return this.events.findOneByOrFail({ id });
  }

  /** Promotes waitlisted registrations into free seats, in queue order. */
  async fillFromWaitlist(eventId: number): Promise<void> {
    for (;;) {
      const promoted = await this.ds
        .transaction(async (tx) => {
          const seat = await tx
            .createQueryBuilder()
            .update(EventEntity)
            .set({ confirmedCount: () => 'confirmedCount + 1' })
            .where('id = :eventId AND status = :published AND confirmedCount < capacity', { eventId, published: 'published' })
            .execute();
          if (!seat.affected) return false;
          if (!(await promoteNext(tx, await tx.getRepository(EventEntity).findOneByOrFail({ id: eventId }), this.clock.now()))) throw new NoOneWaiting();
          return true;
        })
        .catch((err) => {
          if (err instanceof NoOneWaiting) return false;
          throw err;
        });
      if (!promoted) return;
    }
  }

  /** A newly chosen station (`chooser` given) must be one the organiser manages: an id of another union's reads as missing. */
  private async venue(stationId: number | null, input: { venue: string; latitude: number | null; longitude: number | null }, chooser?: AuthUser) {
    if (stationId === null) return { stationId: null, venue: input.venue, latitude: input.latitude, longitude: input.longitude };
    const station = await this.stations.findOneBy({ id: stationId });
    const stationOrg = station && chooser ? await this.orgRepo.findOneBy({ id: station.organisationId }) : null;
    if (!station || (chooser && !(stationOrg && (await this.orgs.canManage(chooser, stationOrg)))))
      throw new AppError('VALIDATION_FAILED', '所选驿站不存在', { issues: [{ path: 'stationId', message: '所选驿站不存在', code: 'custom' }] });
    return { stationId, venue: stationVenue(station), latitude: Number(station.latitude), longitude: Number(station.longitude) };
  }

  /**
   * Covers are public once seen: links last weeks. A cover WeChat is still checking is the
   * organisers' alone (marked); a risky one nobody's.
   */
  private async covers(rows: EventEntity[], forOrganiser: boolean): Promise<Map<number, EventCover>> {
    const out = new Map<number, EventCover>();
    const ids = rows.map((e) => e.coverId).filter((c): c is string => Boolean(c));
    if (!this.uploads || ids.length === 0) return out;
    const states = (await this.uploads.checker?.statesOf(ids)) ?? new Map<string, string>();
    for (const e of rows) {
      if (!e.coverId) continue;
      const check = states.get(e.coverId);
      if (check === 'risky' || (check === 'checking' && !forOrganiser)) continue;
      out.set(e.id, { id: e.coverId, url: this.uploads.link(e.coverId, 'event'), state: check === 'checking' ? 'checking' : 'shown' });
    }
    return out;
  }

  private async views(rows: EventEntity[], userId?: number, forOrganiser = false): Promise<EventView[]> {
    if (rows.length === 0) return [];
    const covers = await this.covers(rows, forOrganiser);
    const ids = rows.map((e) => e.id);
    const waiting = await this.registrations
      .createQueryBuilder('r')
      .select('r.eventId', 'eventId')
      .addSelect('COUNT(*)', 'n')
      .where('r.eventId IN (:...ids) AND r.status = :s', { ids, s: 'waitlisted' })
      .groupBy('r.eventId')
      .getRawMany<{ eventId: number; n: string | number }>();
    const waitlist = new Map(waiting.map((w) => [Number(w.eventId), Number(w.n)]));
    let mine = new Map<number, RegistrationEntity>();
    let person: UserEntity | null = null;
    const memberOf = new Map<number, boolean>();
    if (userId) {
      mine = new Map((await this.registrations.findBy({ userId, eventId: In(ids) })).map((r) => [r.eventId, r]));
      person = await this.users.findOneBy({ id: userId });
      for (const e of rows)
        if (e.membersOnly && !memberOf.has(e.organisationId)) memberOf.set(e.organisationId, await this.membership.isMember(userId, e.organisationId));
    }
    const now = this.clock.now();
    const out: EventView[] = [];
    for (const event of rows) {
      const registration = mine.get(event.id) ?? null;
      const standing = userId ? await standingReasons(this.membership, userId, event) : [];
      out.push({
        event,
        organisationName: await this.orgs.nameOf(event.organisationId),
        waitlistCount: waitlist.get(event.id) ?? 0,
        cover: covers.get(event.id) ?? null,
        me: userId
          ? {
              registration,
              reasons: [
                ...registrationWindowReasons(event, now),
                ...standing,
                ...eligibilityReasons(
                  rulesOf(event),
                  {
                    gender: person?.gender ?? null,
                    birthYear: person?.birthYear ?? null,
                    occupation: person?.occupation ?? null,
                    isMember: memberOf.get(event.organisationId) ?? false,
                  },
                  now,
                ),
              ],
            }
          : null,
      });
    }
    return out;
  }
}

class NoOneWaiting extends Error {}

export function rulesOf(e: EventEntity) {
  return {
    genders: e.eligibleGenders ?? [],
    minAge: e.minAge,
    maxAge: e.maxAge,
    occupations: e.eligibleOccupations ?? [],
    membersOnly: Boolean(e.membersOnly),
  };
}

/** Reasons tied to the event's state and registration window rather than to the person. */
export function registrationWindowReasons(e: EventEntity, now: Date): string[] {
  if (e.status === 'cancelled') return ['活动已取消'];
  if (e.status !== 'published') return ['活动尚未发布'];
  if (now < e.registrationOpensAt) return [`报名尚未开始，${chinaMonthDayTime(e.registrationOpensAt)} 开始报名`];
  if (now >= e.registrationClosesAt) return ['报名已截止'];
  return [];
}
