import { Between, In, IsNull, Not, type DataSource, type Repository } from 'typeorm';
import { MATCH_CONSENT_VERSION, type Gender, type MatchProfileInput, type MatchSettings } from '@xlx/shared';
import {
  EventEntity,
  MatchBlockEntity,
  MatchParticipantEntity,
  MatchPickEntity,
  MatchProfileEntity,
  MatchRemovalEntity,
  MatchReportEntity,
  MatchSettingsEntity,
  RegistrationEntity,
} from '../entities';
import type { Clock } from '../adapters/clock';
import type { ContactCipher } from '../adapters/contact-cipher';
import type { AuthUser } from '../context';
import { AppError, notFound } from '../lib/app-error';
import { isUniqueViolation } from '../lib/db-errors';
import type { EventService } from './event.service';
import { enqueueMessages, type OutboxMessage } from './outbox';
import type { TextChecker } from './content-check.service';

export interface Card {
  cardId: string;
  userId: number;
  profile: MatchProfileEntity;
  pickedByMe: boolean;
}

const refuse = (message: string) => new AppError('PICK_REFUSED', message);

/**
 * Matchmaking socials. Privacy rules, in one place:
 * - a person's picks are read back only by that person; nobody learns who picked them;
 * - a match is two picks of each other, shown to the two of them only (after reveal);
 * - contacts are sealed at rest and opened only inside a match;
 * - attendees see each other as cards with a per-event pseudonym, never an account id;
 * - organisers get counts and reports, nothing about who picked whom.
 */
export class MatchmakingService {
  constructor(
    private readonly ds: DataSource,
    private readonly events: Repository<EventEntity>,
    private readonly registrations: Repository<RegistrationEntity>,
    private readonly eventService: EventService,
    private readonly cipher: ContactCipher,
    private readonly clock: Clock,
    private readonly texts?: TextChecker,
  ) {}

  private repo<T extends object>(e: new () => T): Repository<T> {
    return this.ds.getRepository(e);
  }

  // ---- profile and consent ----

  async getProfile(userId: number): Promise<MatchProfileEntity | null> {
    return this.repo(MatchProfileEntity).findOneBy({ userId });
  }

  async hasProfile(userId: number): Promise<boolean> {
    return this.repo(MatchProfileEntity).existsBy({ userId });
  }

  openContact(p: MatchProfileEntity): { kind: 'wechat' | 'phone'; value: string } {
    return { kind: p.contactKind, value: this.cipher.open(p.contactSealed) };
  }

  /** Creates or replaces my profile; the consent's time and version are recorded each time. */
  async saveProfile(userId: number, input: MatchProfileInput): Promise<MatchProfileEntity> {
    // Other attendees read these: WeChat's check first (scene 1: profile).
    await this.texts?.check(userId, input.displayName, 1, 'displayName');
    if (input.intro) await this.texts?.check(userId, input.intro, 1, 'intro');
    const row = {
      displayName: input.displayName,
      gender: input.gender,
      wantsToMeet: input.wantsToMeet,
      birthYear: input.birthYear,
      occupation: input.occupation,
      city: input.city,
      intro: input.intro,
      photoUrl: null,
      contactKind: input.contact.kind,
      contactSealed: this.cipher.seal(input.contact.value),
      consentVersion: MATCH_CONSENT_VERSION,
      consentAt: this.clock.now(),
    };
    const profiles = this.repo(MatchProfileEntity);
    if (await profiles.existsBy({ userId })) await profiles.update({ userId }, row);
    else {
      try {
        await profiles.insert({ userId, ...row });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        await profiles.update({ userId }, row);
      }
    }
    return profiles.findOneByOrFail({ userId });
  }

  /** Withdrawing consent: the profile, my picks, picks of me and so every match of mine, at once. */
  async withdraw(userId: number): Promise<void> {
    await this.ds.transaction(async (tx) => {
      await tx.getRepository(MatchProfileEntity).delete({ userId });
      await tx.getRepository(MatchPickEntity).delete({ pickerId: userId });
      await tx.getRepository(MatchPickEntity).delete({ pickedId: userId });
      await tx.getRepository(MatchParticipantEntity).delete({ userId });
      await tx.getRepository(MatchRemovalEntity).delete({ lowId: userId });
      await tx.getRepository(MatchRemovalEntity).delete({ highId: userId });
    });
  }

  // ---- organiser ----

  async saveSettings(user: AuthUser, eventId: number, s: MatchSettings): Promise<MatchSettingsEntity> {
    const event = await this.eventService.getManaged(user, eventId);
    if (event.kind !== 'matchmaking') throw new AppError('CONFLICT', '只有“青年交友”类活动可以设置互选');
    const row = {
      picksPerPerson: s.picksPerPerson,
      pickOpensAt: new Date(s.pickOpensAt),
      pickClosesAt: new Date(s.pickClosesAt),
      revealAtOnce: s.revealAtOnce,
      seatsMale: s.seatsPerGender.male,
      seatsFemale: s.seatsPerGender.female,
    };
    const repo = this.repo(MatchSettingsEntity);
    if (await repo.existsBy({ eventId })) await repo.update({ eventId }, row);
    else await repo.insert({ eventId, ...row });
    return repo.findOneByOrFail({ eventId });
  }

  async settingsManaged(user: AuthUser, eventId: number): Promise<MatchSettingsEntity> {
    await this.eventService.getManaged(user, eventId);
    const s = await this.getSettings(eventId);
    if (!s) throw notFound('互选设置');
    return s;
  }

  async getSettings(eventId: number): Promise<MatchSettingsEntity | null> {
    return this.repo(MatchSettingsEntity).findOneBy({ eventId });
  }

  /**
   * Counts only: no route built on this can tell who picked whom. The reader's own picks and pairs
   * are left out: an organiser who also attends could otherwise read the counts before and after
   * picking someone and learn that person's pick before the reveal.
   */
  async stats(user: AuthUser, eventId: number) {
    await this.eventService.getManaged(user, eventId);
    const present = await this.presentProfiles(eventId);
    const picks = await this.repo(MatchPickEntity).countBy({ eventId, pickerId: Not(user.id) });
    const matches = (await this.mutualPairs(eventId)).filter((p) => p.a !== user.id && p.b !== user.id).length;
    const reportsOpen = await this.repo(MatchReportEntity).countBy({ eventId, handledAt: IsNull() });
    return {
      participants: { male: present.filter((p) => p.gender === 'male').length, female: present.filter((p) => p.gender === 'female').length },
      picks,
      matches,
      reportsOpen,
    };
  }

  async reports(user: AuthUser, eventId: number) {
    await this.eventService.getManaged(user, eventId);
    const rows = await this.repo(MatchReportEntity).find({ where: { eventId }, order: { id: 'DESC' } });
    const names = new Map((await this.repo(MatchProfileEntity).findBy({ userId: In(rows.map((r) => r.reportedId)) })).map((p) => [p.userId, p.displayName]));
    return rows.map((r) => ({ report: r, reportedName: names.get(r.reportedId) ?? '（已删除资料）' }));
  }

  async handleReport(user: AuthUser, eventId: number, reportId: number): Promise<void> {
    await this.eventService.getManaged(user, eventId);
    const r = await this.repo(MatchReportEntity).update({ id: reportId, eventId, handledAt: IsNull() }, { handledAt: this.clock.now() });
    if (!r.affected && !(await this.repo(MatchReportEntity).existsBy({ id: reportId, eventId }))) throw notFound('举报');
  }

  // ---- attendees ----

  /** The other checked-in attendees with profiles, as cards; only for a checked-in attendee. */
  async board(userId: number, eventId: number) {
    const { settings } = await this.requireAttendee(userId, eventId);
    const now = this.clock.now();
    const window = {
      opensAt: settings.pickOpensAt,
      closesAt: settings.pickClosesAt,
      open: now >= settings.pickOpensAt && now < settings.pickClosesAt,
      closed: now >= settings.pickClosesAt,
    };
    const cards = window.closed ? [] : await this.cards(userId, eventId);
    const used = (await this.repo(MatchParticipantEntity).findOneBy({ eventId, userId }))?.picks ?? 0;
    return { window, picksAllowed: settings.picksPerPerson, picksUsed: used, cards };
  }

  async pick(userId: number, eventId: number, cardId: string): Promise<void> {
    const { settings } = await this.requireAttendee(userId, eventId);
    this.requireWindowOpen(settings);
    const target = (await this.cards(userId, eventId)).find((c) => c.cardId === cardId);
    // Self, someone not checked in, someone blocked, and an unknown card all look the same.
    if (!target) throw refuse('只能选择本场活动已签到的其他参加者');
    await this.ds
      .transaction(async (tx) => {
        try {
          await tx.getRepository(MatchPickEntity).insert({ eventId, pickerId: userId, pickedId: target.userId });
        } catch (err) {
          if (isUniqueViolation(err)) throw new AlreadyPicked();
          throw err;
        }
        await tx.createQueryBuilder().insert().into(MatchParticipantEntity).values({ eventId, userId, picks: 0 }).orIgnore().execute();
        const counted = await tx
          .createQueryBuilder()
          .update(MatchParticipantEntity)
          .set({ picks: () => 'picks + 1' })
          .where('eventId = :eventId AND userId = :userId AND picks < :limit', { eventId, userId, limit: settings.picksPerPerson })
          .execute();
        if (!counted.affected) throw refuse(`每人最多选择${settings.picksPerPerson}位，可以先取消一位再选`);
        // Matches shown at once: a pick returned is a match revealed now, to both (one message per person and event).
        if (settings.revealAtOnce && (await tx.getRepository(MatchPickEntity).existsBy({ eventId, pickerId: target.userId, pickedId: userId }))) {
          const event = await tx.getRepository(EventEntity).findOneOrFail({ where: { id: eventId }, select: { id: true, title: true } });
          await enqueueMessages(
            tx,
            [userId, target.userId].map((u) => this.matchMessage(u, event)),
            this.clock.now(),
          );
        }
      })
      .catch((err) => {
        if (err instanceof AlreadyPicked) return; // picking twice is the same as once
        throw err;
      });
  }

  async unpick(userId: number, eventId: number, cardId: string): Promise<void> {
    const { settings } = await this.requireAttendee(userId, eventId);
    this.requireWindowOpen(settings);
    const target = (await this.cards(userId, eventId)).find((c) => c.cardId === cardId);
    if (!target) return;
    await this.ds.transaction(async (tx) => {
      const r = await tx.getRepository(MatchPickEntity).delete({ eventId, pickerId: userId, pickedId: target.userId });
      if (r.affected) {
        await tx
          .createQueryBuilder()
          .update(MatchParticipantEntity)
          .set({ picks: () => 'picks - 1' })
          .where('eventId = :eventId AND userId = :userId AND picks > 0', { eventId, userId })
          .execute();
      }
    });
  }

  /** My matches, with contacts, once revealed. */
  async matches(userId: number, eventId: number) {
    const { settings } = await this.requireAttendee(userId, eventId);
    const revealAt = settings.revealAtOnce ? null : settings.pickClosesAt;
    const closed = this.clock.now() >= settings.pickClosesAt;
    const revealed = settings.revealAtOnce || closed;
    const picking = { closesAt: settings.pickClosesAt, closed };
    if (!revealed) return { revealed, revealAt, picking, items: [] as Array<{ card: Card; matchedAt: Date }> };
    const pairs = (await this.mutualPairs(eventId)).filter((p) => p.a === userId || p.b === userId);
    const others = pairs.map((p) => (p.a === userId ? p.b : p.a));
    const profiles = new Map((await this.repo(MatchProfileEntity).findBy({ userId: In(others) })).map((p) => [p.userId, p]));
    const items = pairs
      .map((p) => {
        const other = p.a === userId ? p.b : p.a;
        const profile = profiles.get(other);
        return profile ? { card: { cardId: this.cardId(eventId, other), userId: other, profile, pickedByMe: true }, matchedAt: p.at } : null;
      })
      .filter((x): x is { card: Card; matchedAt: Date } => x !== null);
    return { revealed, revealAt, picking, items };
  }

  async removeMatch(userId: number, eventId: number, cardId: string): Promise<void> {
    await this.requireAttendee(userId, eventId);
    const other = await this.resolveCard(eventId, cardId);
    if (other === null) throw notFound('配对');
    const [lowId, highId] = userId < other ? [userId, other] : [other, userId];
    await this.repo(MatchRemovalEntity).createQueryBuilder().insert().values({ eventId, lowId, highId }).orIgnore().execute();
  }

  async block(userId: number, eventId: number, cardId: string): Promise<void> {
    await this.requireAttendee(userId, eventId);
    const other = await this.resolveCard(eventId, cardId);
    if (other === null || other === userId) throw notFound('参加者');
    await this.repo(MatchBlockEntity).createQueryBuilder().insert().values({ blockerId: userId, blockedId: other }).orIgnore().execute();
  }

  async report(userId: number, eventId: number, cardId: string, reason: string): Promise<void> {
    await this.requireAttendee(userId, eventId);
    const other = await this.resolveCard(eventId, cardId);
    if (other === null || other === userId) throw notFound('参加者');
    await this.repo(MatchReportEntity).insert({ eventId, reporterId: userId, reportedId: other, reason, handledAt: null });
  }

  // ---- internals ----

  /** A per-event pseudonym for a person: stable within the event, meaningless outside it. */
  cardId(eventId: number, userId: number): string {
    return this.cipher.tag(`card:${eventId}:${userId}`);
  }

  private async resolveCard(eventId: number, cardId: string): Promise<number | null> {
    const attendees = await this.registrations.find({ where: { eventId, status: 'confirmed' }, select: { userId: true } });
    return attendees.map((a) => a.userId).find((u) => this.cardId(eventId, u) === cardId) ?? null;
  }

  private async requireAttendee(userId: number, eventId: number) {
    const event = await this.events.findOneBy({ id: eventId });
    if (!event || event.kind !== 'matchmaking' || event.status === 'draft') throw notFound('交友活动');
    const settings = await this.getSettings(eventId);
    if (!settings) throw refuse('组织者还没有开放互选，请稍后再来');
    const reg = await this.registrations.findOneBy({ eventId, userId });
    if (!reg || reg.status !== 'confirmed' || !reg.checkedInAt) throw refuse('签到后才能参加互选，请先在活动现场签到');
    if (!(await this.hasProfile(userId))) throw refuse('请先创建交友资料');
    return { event, settings };
  }

  private requireWindowOpen(s: MatchSettingsEntity): void {
    const now = this.clock.now();
    if (now < s.pickOpensAt) throw refuse('互选还没有开始，请留意活动安排');
    if (now >= s.pickClosesAt) throw refuse('互选已经结束，不能再更改选择');
  }

  /** Checked-in attendees with profiles of the genders I want to meet, minus me and anyone blocked either way. */
  private async cards(userId: number, eventId: number): Promise<Card[]> {
    const present = await this.presentProfiles(eventId);
    const me = present.find((p) => p.userId === userId) ?? (await this.getProfile(userId));
    const wanted = wantedGenders(me);
    const blocks = await this.repo(MatchBlockEntity).find({ where: [{ blockerId: userId }, { blockedId: userId }] });
    const hidden = new Set(blocks.map((b) => (b.blockerId === userId ? b.blockedId : b.blockerId)));
    const mine = new Set((await this.repo(MatchPickEntity).find({ where: { eventId, pickerId: userId }, select: { pickedId: true } })).map((p) => p.pickedId));
    return present
      .filter((p) => p.userId !== userId && !hidden.has(p.userId) && wanted.has(p.gender))
      .map((p) => ({ cardId: this.cardId(eventId, p.userId), userId: p.userId, profile: p, pickedByMe: mine.has(p.userId) }));
  }

  private async presentProfiles(eventId: number): Promise<MatchProfileEntity[]> {
    const present = await this.registrations.find({ where: { eventId, status: 'confirmed', checkedInAt: Not(IsNull()) }, select: { userId: true } });
    if (present.length === 0) return [];
    return this.repo(MatchProfileEntity).findBy({ userId: In(present.map((r) => r.userId)) });
  }

  private matchMessage(userId: number, event: Pick<EventEntity, 'id' | 'title'>, matches = 1): OutboxMessage {
    return {
      userId,
      kind: 'match_revealed',
      values: { event: event.title, matches: String(matches), note: '互选成功，请在小程序里查看' },
      page: `pages/match/index?eventId=${event.id}`,
      dedupeKey: `match:${event.id}:${userId}`,
    };
  }

  /**
   * Matches revealed when picking closes: a message to each matched person, written once whichever
   * process runs it first (unique key per person and event). Every process runs this with the reminders.
   */
  async enqueueRevealMessages(): Promise<number> {
    const now = this.clock.now();
    const closed = await this.repo(MatchSettingsEntity).find({
      where: { revealAtOnce: false, pickClosesAt: Between(new Date(now.getTime() - 24 * 3600e3), now) },
    });
    let written = 0;
    for (const s of closed) {
      const pairs = await this.mutualPairs(s.eventId);
      if (pairs.length === 0) continue;
      const event = await this.events.findOne({ where: { id: s.eventId }, select: { id: true, title: true } });
      if (!event) continue;
      const counts = new Map<number, number>();
      for (const p of pairs) for (const u of [p.a, p.b]) counts.set(u, (counts.get(u) ?? 0) + 1);
      await this.ds.transaction((tx) =>
        enqueueMessages(
          tx,
          [...counts].map(([u, n]) => this.matchMessage(u, event, n)),
          now,
        ),
      );
      written += counts.size;
    }
    return written;
  }

  /** Pairs who picked each other, minus removed matches and blocked pairs. */
  private async mutualPairs(eventId: number): Promise<Array<{ a: number; b: number; at: Date }>> {
    const picks = await this.repo(MatchPickEntity).find({ where: { eventId } });
    const byPair = new Map(picks.map((p) => [`${p.pickerId}>${p.pickedId}`, p]));
    const removals = new Set((await this.repo(MatchRemovalEntity).findBy({ eventId })).map((r) => `${r.lowId}:${r.highId}`));
    const people = [...new Set(picks.flatMap((p) => [p.pickerId, p.pickedId]))];
    const blocks = people.length ? await this.repo(MatchBlockEntity).find({ where: { blockerId: In(people), blockedId: In(people) } }) : [];
    const blocked = new Set(blocks.flatMap((b) => [`${b.blockerId}:${b.blockedId}`, `${b.blockedId}:${b.blockerId}`]));
    const out: Array<{ a: number; b: number; at: Date }> = [];
    for (const p of picks) {
      if (p.pickerId >= p.pickedId) continue;
      const back = byPair.get(`${p.pickedId}>${p.pickerId}`);
      if (!back) continue;
      if (removals.has(`${p.pickerId}:${p.pickedId}`) || blocked.has(`${p.pickerId}:${p.pickedId}`)) continue;
      out.push({ a: p.pickerId, b: p.pickedId, at: new Date(Math.max(new Date(p.createdAt).getTime(), new Date(back.createdAt).getTime())) });
    }
    return out;
  }
}

class AlreadyPicked extends Error {}

/** The genders a person's board shows: their choice, or the other gender when they never chose; never their own by default. */
export function wantedGenders(p: Pick<MatchProfileEntity, 'gender' | 'wantsToMeet'> | null): Set<Gender> {
  if (!p) return new Set();
  if (p.wantsToMeet === 'any') return new Set<Gender>(['male', 'female']);
  if (p.wantsToMeet) return new Set<Gender>([p.wantsToMeet]);
  return new Set<Gender>([p.gender === 'male' ? 'female' : 'male']);
}
