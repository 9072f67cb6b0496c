import { In, LessThan, MoreThan, type DataSource } from 'typeorm';
import { chinaDate, chinaStartOfDay, type Dashboard } from '@xlx/shared';
import { EventEntity, MatchPickEntity, MembershipEntity, RegistrationEntity, RequestEntity, StationEntity, VisitDayEntity, VisitWorkerLastEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import type { AuthUser } from '../context';
import { dayNumberToDate } from '../lib/sql';
import { chinaDayNumber } from './visit-rollup';
import type { OrganisationService } from './organisation.service';

const DAY = 864e5;

/** The organiser's numbers for an organisation subtree, each a few indexed aggregate queries. */
export class DashboardService {
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
    const [visits, events, matches, requests, members] = await Promise.all([
      this.visits(org.id, stationIds, today, from30),
      this.events(orgIds, now),
      this.matches(orgIds, user.id),
      this.requests(orgIds, now),
      this.members(orgIds, now),
    ]);
    return { organisation: { id: org.id, name: org.name }, visits, events, matchmaking: { matches }, requests, members };
  }

  /**
   * Visits per day from the rollup (visit_day, kept current by the visit writer: today's row too),
   * distinct workers from each worker's last visit day at this organisation (visit_worker_last):
   * a few indexed reads of days and workers, never of the visits themselves.
   */
  private async visits(organisationId: number, stationIds: number[], today: Date, from30: Date) {
    const days = Array.from({ length: 30 }, (_, i) => chinaDate(new Date(from30.getTime() + i * DAY)));
    const todayNo = chinaDayNumber(today);
    const fromNo = chinaDayNumber(from30);
    const workers = (since: number) =>
      this.ds
        .getRepository(VisitWorkerLastEntity)
        .createQueryBuilder('w')
        .select('COUNT(*)', 'n')
        .where('w.organisationId = :org AND w.lastDay >= :since', { org: organisationId, since })
        .getRawOne<{ n: string }>()
        .then((r) => Number(r?.n ?? 0));
    const perDay = stationIds.length
      ? this.ds
          .getRepository(VisitDayEntity)
          .createQueryBuilder('v')
          .select('v.day', 'day')
          .addSelect('SUM(v.visits)', 'visits')
          .where('v.stationId IN (:...ids)', { ids: stationIds })
          .andWhere('v.day >= :a AND v.day <= :b', { a: fromNo, b: todayNo })
          .groupBy('v.day')
          .getRawMany<{ day: string; visits: string }>()
      : Promise.resolve([]);
    const [rows, workersToday, workers30d] = await Promise.all([perDay, workers(todayNo), workers(fromNo)]);
    const byDay = new Map(rows.map((r) => [dayNumberToDate(r.day), Number(r.visits)]));
    return { today: byDay.get(chinaDate(today)) ?? 0, workersToday, workers30d, perDay: days.map((date) => ({ date, visits: byDay.get(date) ?? 0 })) };
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
