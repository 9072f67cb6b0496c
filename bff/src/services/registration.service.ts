import { In, type DataSource, type Repository } from 'typeorm';
import { eligibilityReasons, registrationAnswersSchema, type RegistrationQuestion } from '@xlx/shared';
import { EventEntity, RegistrationEntity, type UserEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import { signQr } from '../adapters/qr-signer';
import { AppError, notFound } from '../lib/app-error';
import { promoteNext, lockEvent } from './waitlist';
import { releaseGenderSeat } from './gender-seats';
import { RegistrationBatcher } from './registration-batch';
import { registrationWindowReasons, rulesOf, standingReasons, type MembershipLookup } from './event.service';

/** An event's answers schema, built once per set of questions (building it cost more than using it). */
const schemas = new Map<string, ReturnType<typeof registrationAnswersSchema>>();
function answersSchema(questions: RegistrationQuestion[]) {
  const key = JSON.stringify(questions);
  let schema = schemas.get(key);
  if (!schema) {
    if (schemas.size >= 500) schemas.clear();
    schemas.set(key, (schema = registrationAnswersSchema(questions)));
  }
  return schema;
}

export interface RegistrationView {
  registration: RegistrationEntity;
  event: EventEntity;
  waitlistPosition: number | null;
  ticket: string | null;
}

/**
 * Seats are counted by conditional UPDATEs on the event row; the unique (eventId, userId) key
 * allows one registration per person. Every change to an event's seats or queue first takes
 * that row's lock, so registrations, cancellations and promotions of one event happen one after
 * another in the database while other events proceed in parallel. Registrations of one event
 * that arrive together are decided together, one transaction per group (RegistrationBatcher).
 */
export class RegistrationService {
  constructor(
    private readonly ds: DataSource,
    private readonly events: Repository<EventEntity>,
    private readonly registrations: Repository<RegistrationEntity>,
    private readonly users: Repository<UserEntity>,
    private readonly membership: MembershipLookup,
    private readonly clock: Clock,
  ) {
    this.batcher = new RegistrationBatcher(ds, clock);
  }

  private readonly batcher: RegistrationBatcher;

  /** Confirmed while seats last, then waitlisted if the event has a waitlist; idempotent per person. */
  async register(userId: number, eventId: number, sent: string[] = []): Promise<RegistrationView> {
    const event = await this.eventOf(eventId);
    if (!event || event.status === 'draft') throw notFound('活动');
    // The answers are checked against this event's own questions before anything is written.
    const questions = event.questions ?? [];
    const parsed = answersSchema(questions).safeParse(sent);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: ['answers', ...i.path].join('.'), message: i.message, code: i.code }));
      throw new AppError('VALIDATION_FAILED', issues.map((i) => i.message).join('；'), { issues });
    }
    const answers = questions.length ? parsed.data : null;
    const now = this.clock.now();
    const windowReasons = registrationWindowReasons(event, now);
    const existing = async () => {
      const r = await this.registrations.findOneBy({ eventId, userId });
      return r && r.status !== 'cancelled' ? this.view(r, event) : null;
    };
    // Someone already registered keeps getting their registration, even once the window has closed
    // or the rules have changed; the batch below finds them too, so the open-window path skips the read.
    if (windowReasons.length) {
      const mine = await existing();
      if (mine) return mine;
      throw new AppError('REGISTRATION_CLOSED', windowReasons[0]);
    }
    // The person's details matter only when the event asks something of them.
    const rules = rulesOf(event);
    const personal = rules.genders.length > 0 || rules.minAge !== null || rules.maxAge !== null || rules.occupations.length > 0;
    const person = personal ? await this.users.findOneByOrFail({ id: userId }) : { gender: null, birthYear: null, occupation: null };
    const isMember = event.membersOnly ? await this.membership.isMember(userId, event.organisationId) : false;
    const reasons = [
      ...(await standingReasons(this.membership, userId, event)),
      ...eligibilityReasons(rules, { gender: person.gender, birthYear: person.birthYear, occupation: person.occupation, isMember }, now),
    ];
    if (reasons.length) {
      const mine = await existing();
      if (mine) return mine;
      throw new AppError('NOT_ELIGIBLE', reasons.join('；'), { reasons });
    }
    const decided = await this.batcher.decide(eventId, { userId, answers });
    if (decided.existing) return this.view(decided.registration, decided.event);
    return this.view(decided.registration, decided.event, decided.waitlistPosition);
  }

  /**
   * The event as the checks before the batch see it. Presses of one event that arrive while its
   * row is being read share that read; the batch reads the row again under its lock.
   */
  private eventOf(eventId: number): Promise<EventEntity | null> {
    let read = this.eventReads.get(eventId);
    if (!read) {
      read = this.events.findOneBy({ id: eventId });
      this.eventReads.set(eventId, read);
      const done = () => this.eventReads.delete(eventId);
      read.then(done, done);
    }
    return read;
  }

  private readonly eventReads = new Map<number, Promise<EventEntity | null>>();

  /** Cancels before the deadline; a freed seat goes at once to the first on the waitlist. */
  async cancel(userId: number, registrationId: number): Promise<RegistrationView> {
    const reg = await this.registrations.findOneBy({ id: registrationId, userId });
    if (!reg) throw notFound('报名记录');
    const event = await this.events.findOneByOrFail({ id: reg.eventId });
    if (reg.status === 'cancelled') return this.view(reg, event);
    const now = this.clock.now();
    const deadline = event.cancellationDeadline ?? event.startsAt;
    if (now >= deadline) throw new AppError('CONFLICT', '已过取消截止时间，如有特殊情况请联系活动组织者');
    await this.ds.transaction(async (tx) => {
      // Take the event row's lock first, so the waitlist read below is the current one.
      await lockEvent(tx, event.id);
      const regs = tx.getRepository(RegistrationEntity);
      const wasConfirmed = (await regs.update({ id: reg.id, status: 'confirmed' }, { status: 'cancelled', cancelledAt: now, seatGender: null })).affected;
      if (!wasConfirmed) {
        await regs.update({ id: reg.id, status: 'waitlisted' }, { status: 'cancelled', cancelledAt: now });
        return;
      }
      await releaseGenderSeat(tx, reg);
      if (event.status === 'published' && (await promoteNext(tx, event, this.clock.now()))) return;
      await tx
        .createQueryBuilder()
        .update(EventEntity)
        .set({ confirmedCount: () => 'confirmedCount - 1' })
        .where('id = :id AND confirmedCount > 0', { id: event.id })
        .execute();
    });
    return this.view(await this.registrations.findOneByOrFail({ id: reg.id }), event);
  }

  /** My registrations: upcoming first (soonest), then past (most recent). */
  async listMine(userId: number): Promise<RegistrationView[]> {
    const regs = await this.registrations.find({ where: { userId }, order: { id: 'DESC' }, take: 200 });
    if (regs.length === 0) return [];
    const events = new Map((await this.events.findBy({ id: In([...new Set(regs.map((r) => r.eventId))]) })).map((e) => [e.id, e]));
    const views = await Promise.all(regs.map((r) => this.view(r, events.get(r.eventId)!)));
    const now = this.clock.now().getTime();
    const upcoming = views.filter((v) => v.event.endsAt.getTime() >= now).sort((a, b) => a.event.startsAt.getTime() - b.event.startsAt.getTime());
    const past = views.filter((v) => v.event.endsAt.getTime() < now).sort((a, b) => b.event.startsAt.getTime() - a.event.startsAt.getTime());
    return [...upcoming, ...past];
  }

  async getMine(userId: number, registrationId: number): Promise<RegistrationView> {
    const reg = await this.registrations.findOneBy({ id: registrationId, userId });
    if (!reg) throw notFound('报名记录');
    return this.view(reg, await this.events.findOneByOrFail({ id: reg.eventId }));
  }

  private async view(registration: RegistrationEntity, event: EventEntity, known: number | null = null): Promise<RegistrationView> {
    let waitlistPosition: number | null = known;
    if (registration.status === 'waitlisted' && known === null) {
      const ahead = await this.registrations
        .createQueryBuilder('r')
        .where('r.eventId = :e AND r.status = :s', { e: event.id, s: 'waitlisted' })
        .andWhere('(r.queuedAt < :q OR (r.queuedAt = :q AND r.id < :id))', { q: registration.queuedAt, id: registration.id })
        .getCount();
      waitlistPosition = ahead + 1;
    }
    const ticket = registration.status === 'confirmed' && event.status === 'published' ? signQr(event.qrSecret, { kind: 'ticket', id: registration.id }) : null;
    return { registration, event, waitlistPosition, ticket };
  }
}
