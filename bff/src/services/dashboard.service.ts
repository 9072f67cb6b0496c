import { In, LessThan, MoreThan, type DataSource } from 'typeorm';
import { chinaDate, chinaStartOfDay, type Dashboard } from '@xlx/shared';
import { CheckinEntity, EventEntity, MatchPickEntity, MembershipEntity, RegistrationEntity, RequestEntity, StationEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import type { AuthUser } from '../context';
import { dayNumberToDate, sqlDialect } from '../lib/sql';
import type { OrganisationService } from './organisation.service';

const DAY = 864e5;

/** The organiser's numbers for an organisation subtree, each a few indexed aggregate queries. */
export class DashboardService {
  /** Visits per day of the final days of a 30-day window, by station set and window start. */
  private readonly closedDays = new Map<string, Map<string, number>>();

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrganisationService,
    private readonly clock: Clock,
  ) {}

  async forOrganisation(user: AuthUser, organisationId: number): Promise<Dashboard> {
    const org = await this.orgs.getManaged(user, organisationId);
    const orgIds = await this.orgs.subtreeIds(org);
    const stationIds = (await this.ds.getRepository(StationEntity).find({ where: { organisationId: In(orgIds) }, select: { id: true }, order: { id: 'ASC' } })).map((s) => s.id);
    const now = this.clock.now();
    const today = chinaStartOfDay(now);
    const from30 = new Date(today.getTime() - 29 * DAY);
    const end = new Date(today.getTime() + DAY);
    const [visits, events, matches, requests, members] = await Promise.all([
      this.visits(stationIds, today, from30, end),
      this.events(orgIds, now),
      this.matches(orgIds, user.id),
      this.requests(orgIds, now),
      this.members(orgIds, now),
    ]);
    return { organisation: { id: org.id, name: org.name }, visits, events, matchmaking: { matches }, requests, members };
  }

  private async visits(stationIds: number[], today: Date, from30: Date, end: Date) {
    const days = Array.from({ length: 30 }, (_, i) => chinaDate(new Date(from30.getTime() + i * DAY)));
    if (stationIds.length === 0) return { today: 0, workersToday: 0, workers30d: 0, perDay: days.map((date) => ({ date, visits: 0 })) };
    const sql = sqlDialect(this.ds);
    const base = () => this.ds.getRepository(CheckinEntity).createQueryBuilder('c').where('c.stationId IN (:...ids)', { ids: stationIds });
    const perDay = (a: Date, b: Date) =>
      base()
        .select(sql.chinaDayNumber('c.checkedInAt'), 'day')
        .addSelect('COUNT(*)', 'visits')
        .andWhere('c.checkedInAt >= :a AND c.checkedInAt < :b', { a, b })
        .groupBy('day')
        .getRawMany<{ day: string; visits: string }>()
        .then((rows) => new Map(rows.map((r) => [dayNumberToDate(r.day), Number(r.visits)])));
    // Days before yesterday are final (a check-in queued offline arrives at most 24 h late), so
    // their counts are kept once computed; only yesterday and today are counted afresh.
    const yesterday = new Date(today.getTime() - DAY);
    // Station ids come sorted, so one subtree always has one key.
    const closedKey = `${stationIds.join(',')}|${chinaDate(from30)}`;
    const closed = this.closedDays.get(closedKey);
    const [t, w30, recent, older] = await Promise.all([
      base().select('COUNT(*)', 'visits').addSelect('COUNT(DISTINCT c.userId)', 'workers').andWhere('c.checkedInAt >= :a AND c.checkedInAt < :b', { a: today, b: end }).getRawOne<{ visits: string; workers: string }>(),
      base().select('COUNT(DISTINCT c.userId)', 'workers').andWhere('c.checkedInAt >= :a AND c.checkedInAt < :b', { a: from30, b: end }).getRawOne<{ workers: string }>(),
      perDay(yesterday, end),
      closed ?? perDay(from30, yesterday),
    ]);
    if (!closed) {
      if (this.closedDays.size >= 1000) this.closedDays.clear();
      this.closedDays.set(closedKey, older);
    }
    const count = (date: string) => recent.get(date) ?? older.get(date) ?? 0;
    return { today: Number(t?.visits ?? 0), workersToday: Number(t?.workers ?? 0), workers30d: Number(w30?.workers ?? 0), perDay: days.map((date) => ({ date, visits: count(date) })) };
  }

  private async events(orgIds: number[], now: Date) {
    const repo = this.ds.getRepository(EventEntity);
    const held = await repo.find({ where: { organisationId: In(orgIds), status: 'published', endsAt: MoreThan(new Date(now.getTime() - 30 * DAY)) }, select: { id: true, endsAt: true } });
    const ended = held.filter((e) => e.endsAt <= now).map((e) => e.id);
    const upcoming = await repo.countBy({ organisationId: In(orgIds), status: 'published', startsAt: MoreThan(now) });
    let attendanceRate: number | null = null;
    if (ended.length) {
      const r = await this.ds
        .getRepository(RegistrationEntity)
        .createQueryBuilder('r')
        .select('COUNT(*)', 'confirmed')
        .addSelect('SUM(CASE WHEN r.checkedInAt IS NOT NULL THEN 1 ELSE 0 END)', 'arrived')
        .where('r.eventId IN (:...ids) AND r.status = :s', { ids: ended, s: 'confirmed' })
        .getRawOne<{ confirmed: string; arrived: string | null }>();
      const confirmed = Number(r?.confirmed ?? 0);
      if (confirmed > 0) attendanceRate = Math.round((Number(r?.arrived ?? 0) / confirmed) * 1000) / 1000;
    }
    return { held30d: ended.length, upcoming, attendanceRate, noShowRate: attendanceRate === null ? null : Math.round((1 - attendanceRate) * 1000) / 1000 };
  }

  /** Mutual pairs at the subtree's socials: a count, never who, and never the reader's own (see MatchmakingService.stats). */
  private async matches(orgIds: number[], readerId: number): Promise<number> {
    const socials = (await this.ds.getRepository(EventEntity).find({ where: { organisationId: In(orgIds), kind: 'matchmaking' }, select: { id: true } })).map((e) => e.id);
    if (socials.length === 0) return 0;
    const r = await this.ds
      .getRepository(MatchPickEntity)
      .createQueryBuilder('a')
      .innerJoin(MatchPickEntity, 'b', 'b.eventId = a.eventId AND b.pickerId = a.pickedId AND b.pickedId = a.pickerId')
      .select('COUNT(*)', 'n')
      .where('a.eventId IN (:...ids) AND a.pickerId < a.pickedId AND a.pickerId <> :reader AND a.pickedId <> :reader', { ids: socials, reader: readerId })
      .getRawOne<{ n: string }>();
    return Number(r?.n ?? 0);
  }

  private async requests(orgIds: number[], now: Date) {
    const repo = this.ds.getRepository(RequestEntity);
    const from = new Date(now.getTime() - 30 * DAY);
    const [received30d, resolved30d, open, overdue] = await Promise.all([
      repo.countBy({ organisationId: In(orgIds), createdAt: MoreThan(from) }),
      repo.countBy({ organisationId: In(orgIds), resolvedAt: MoreThan(from) }),
      repo.countBy({ organisationId: In(orgIds), status: In(['submitted', 'in_progress']) }),
      repo.countBy({ organisationId: In(orgIds), status: In(['submitted', 'in_progress']), dueAt: LessThan(now) }),
    ]);
    return { received30d, resolved30d, open, overdue };
  }

  private async members(orgIds: number[], now: Date) {
    const repo = this.ds.getRepository(MembershipEntity);
    const [new30d, pending] = await Promise.all([
      repo.countBy({ organisationId: In(orgIds), status: 'approved', decidedAt: MoreThan(new Date(now.getTime() - 30 * DAY)) }),
      repo.countBy({ organisationId: In(orgIds), status: 'pending' }),
    ]);
    return { new30d, pending };
  }
}
