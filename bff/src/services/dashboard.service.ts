import { And, In, LessThan, LessThanOrEqual, MoreThan, Raw, type DataSource } from 'typeorm';
import { chinaDate, chinaStartOfDay, type Dashboard } from '@xlx/shared';
import { EventEntity, MatchPickEntity, MembershipEntity, RegistrationEntity, RequestEntity, StationEntity, VisitDayEntity, VisitOrgDayEntity, VisitWorkerLastEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import type { AuthUser } from '../context';
import { chinaDayNumber, DAY_MADE, makeOrgDays } from './visit-rollup';
import type { OrganisationService } from './organisation.service';

const DAY = 864e5;

/**
 * An organisation column limited to a subtree: a subquery on the path index, so the subtree's ids
 * (a thousand at a province) never travel as parameters.
 */
const inSubtree = (column: string) => `${column} IN (SELECT o.id FROM organisation o WHERE o.path LIKE :subtree)`;

/** The organiser's numbers for an organisation subtree, each a few indexed aggregate queries. */
export class DashboardService {
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrganisationService,
    private readonly clock: Clock,
  ) {}

  async forOrganisation(user: AuthUser, organisationId: number): Promise<Dashboard> {
    const org = await this.orgs.getManaged(user, organisationId);
    const subtree = `${org.path}%`;
    const now = this.clock.now();
    const today = chinaStartOfDay(now);
    const from30 = new Date(today.getTime() - 29 * DAY);
    const [visits, events, matches, requests, members] = await Promise.all([
      this.visits(org.id, subtree, today, from30),
      this.events(subtree, now),
      this.matches(subtree, user.id),
      this.requests(subtree, now),
      this.members(subtree, now),
    ]);
    return { organisation: { id: org.id, name: org.name }, visits, events, matchmaking: { matches }, requests, members };
  }

  /**
   * Visits per day from the rollup: the subtree's totals of days that are over (visit_org_day, made
   * from the stations' days the first time a dashboard needs them), today's from the stations' rows
   * of today (visit_day, kept current by the visit writer); distinct workers from each worker's last
   * visit day at this organisation (visit_worker_last). Indexed reads of days, never of visits.
   */
  private async visits(organisationId: number, subtree: string, today: Date, from30: Date) {
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
    const live = this.ds
      .getRepository(VisitDayEntity)
      .createQueryBuilder('v')
      .innerJoin(StationEntity, 's', 's.id = v.stationId')
      .select('SUM(v.visits)', 'visits')
      .where(inSubtree('s.organisationId'), { subtree })
      .andWhere('v.day = :today', { today: todayNo })
      .getRawOne<{ visits: string | null }>()
      .then((r) => Number(r?.visits ?? 0));
    const [over, todayVisits, workersToday, workers30d] = await Promise.all([this.daysOver(organisationId, fromNo, todayNo - 1), live, workers(todayNo), workers(fromNo)]);
    over.set(todayNo, todayVisits);
    return { today: todayVisits, workersToday, workers30d, perDay: days.map((date, i) => ({ date, visits: over.get(fromNo + i) ?? 0 })) };
  }

  /** The subtree's visits per day from `from` to `to`, all days that are over; days not yet made are made first. */
  private async daysOver(organisationId: number, from: number, to: number): Promise<Map<number, number>> {
    const read = () =>
      this.ds
        .getRepository(VisitOrgDayEntity)
        .createQueryBuilder('d')
        .select(['d.organisationId AS organisationId', 'd.day AS day', 'd.visits AS visits'])
        .where('d.organisationId IN (:...orgs) AND d.day >= :from AND d.day <= :to', { orgs: [organisationId, DAY_MADE], from, to })
        .getRawMany<{ organisationId: number | string; day: number | string; visits: number | string }>();
    let rows = await read();
    const made = new Set(rows.filter((r) => Number(r.organisationId) === DAY_MADE).map((r) => Number(r.day)));
    const missing = Array.from({ length: to - from + 1 }, (_, i) => from + i).filter((d) => !made.has(d));
    if (missing.length) {
      await makeOrgDays(this.ds, missing);
      rows = await read();
    }
    return new Map(rows.filter((r) => Number(r.organisationId) === organisationId).map((r) => [Number(r.day), Number(r.visits)]));
  }

  private async events(subtree: string, now: Date) {
    const repo = this.ds.getRepository(EventEntity);
    const organisationId = Raw((c) => inSubtree(c), { subtree });
    const held = await repo.find({ where: { organisationId, status: 'published', endsAt: And(MoreThan(new Date(now.getTime() - 30 * DAY)), LessThanOrEqual(now)) }, select: { id: true } });
    const ended = held.map((e) => e.id);
    const upcoming = await repo.countBy({ organisationId, status: 'published', startsAt: MoreThan(now) });
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
  private async matches(subtree: string, readerId: number): Promise<number> {
    const r = await this.ds
      .getRepository(MatchPickEntity)
      .createQueryBuilder('a')
      .innerJoin(EventEntity, 'e', "e.id = a.eventId AND e.kind = 'matchmaking'")
      .innerJoin(MatchPickEntity, 'b', 'b.eventId = a.eventId AND b.pickerId = a.pickedId AND b.pickedId = a.pickerId')
      .select('COUNT(*)', 'n')
      .where(inSubtree('e.organisationId'), { subtree })
      .andWhere('a.pickerId < a.pickedId AND a.pickerId <> :reader AND a.pickedId <> :reader', { reader: readerId })
      .getRawOne<{ n: string }>();
    return Number(r?.n ?? 0);
  }

  private async requests(subtree: string, now: Date) {
    const repo = this.ds.getRepository(RequestEntity);
    const organisationId = Raw((c) => inSubtree(c), { subtree });
    const from = new Date(now.getTime() - 30 * DAY);
    const [received30d, resolved30d, open, overdue] = await Promise.all([
      repo.countBy({ organisationId, createdAt: MoreThan(from) }),
      repo.countBy({ organisationId, resolvedAt: MoreThan(from) }),
      repo.countBy({ organisationId, status: In(['submitted', 'in_progress']) }),
      repo.countBy({ organisationId, status: In(['submitted', 'in_progress']), dueAt: LessThan(now) }),
    ]);
    return { received30d, resolved30d, open, overdue };
  }

  private async members(subtree: string, now: Date) {
    const repo = this.ds.getRepository(MembershipEntity);
    const organisationId = Raw((c) => inSubtree(c), { subtree });
    const [new30d, pending] = await Promise.all([
      repo.countBy({ organisationId, status: 'approved', decidedAt: MoreThan(new Date(now.getTime() - 30 * DAY)) }),
      repo.countBy({ organisationId, status: 'pending' }),
    ]);
    return { new30d, pending };
  }
}
