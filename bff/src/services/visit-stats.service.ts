import { In, type DataSource, type Repository } from 'typeorm';
import { CHINA_OFFSET_MS, chinaDate, chinaStartOfDay, OCCUPATIONS, type StationStats } from '@xlx/shared';
import { CheckinEntity, type StationEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import type { AuthUser } from '../context';
import { sqlDialect } from '../lib/sql';
import type { OrganisationService } from './organisation.service';
import type { StationService } from './station.service';

const DAY_MS = 24 * 3600 * 1000;

interface Scope {
  kind: 'station' | 'organisation';
  id: number;
  name: string;
  stationIds: number[];
}

/** Visit counts for organisers: per station or for a whole organisation subtree. */
export class VisitStatsService {
  constructor(
    private readonly ds: DataSource,
    private readonly stationsRepo: Repository<StationEntity>,
    private readonly orgs: OrganisationService,
    private readonly stations: StationService,
    private readonly clock: Clock,
  ) {}

  async forStation(user: AuthUser, stationId: number): Promise<StationStats> {
    const s = await this.stations.getManaged(user, stationId);
    return this.compute({ kind: 'station', id: s.id, name: s.name, stationIds: [s.id] });
  }

  async forOrganisation(user: AuthUser, organisationId: number): Promise<StationStats> {
    return this.compute(await this.organisationScope(user, organisationId));
  }

  /** Visits of a scope between two instants, oldest first, for the CSV export. */
  async visits(user: AuthUser, target: { stationId?: number; organisationId?: number }, from: Date, to: Date) {
    const scope = target.stationId
      ? await this.stations.getManaged(user, target.stationId).then((s) => ({ kind: 'station' as const, id: s.id, name: s.name, stationIds: [s.id] }))
      : await this.organisationScope(user, target.organisationId!);
    if (scope.stationIds.length === 0) return { scope, rows: [] };
    const rows = await this.ds
      .getRepository(CheckinEntity)
      .createQueryBuilder('c')
      .innerJoin('station', 's', 's.id = c.stationId')
      .leftJoin('user', 'u', 'u.id = c.userId')
      .select([
        'c.id AS id',
        'c.checkedInAt AS checkedInAt',
        'c.offline AS offline',
        'c.method AS method',
        'c.distanceMetres AS distanceMetres',
        'c.userId AS userId',
      ])
      .addSelect(['s.name AS stationName', 'u.occupation AS occupation'])
      .where('c.stationId IN (:...ids)', { ids: scope.stationIds })
      .andWhere('c.checkedInAt >= :from AND c.checkedInAt < :to', { from, to })
      .orderBy('c.checkedInAt', 'ASC')
      .limit(100000)
      .getRawMany<{
        id: number;
        checkedInAt: string | Date;
        offline: number | boolean;
        method: string;
        distanceMetres: number | null;
        userId: number;
        stationName: string;
        occupation: string | null;
      }>();
    return { scope, rows };
  }

  private async organisationScope(user: AuthUser, organisationId: number): Promise<Scope> {
    const org = await this.orgs.getManaged(user, organisationId);
    const stations = await this.stationsRepo.find({ where: { organisationId: In(await this.orgs.subtreeIds(org)) }, select: { id: true } });
    return { kind: 'organisation', id: org.id, name: org.name, stationIds: stations.map((s) => s.id) };
  }

  private async compute(scope: Scope): Promise<StationStats> {
    const now = this.clock.now();
    const today = chinaStartOfDay(now);
    const chinaToday = new Date(today.getTime() + CHINA_OFFSET_MS);
    const weekday = (chinaToday.getUTCDay() + 6) % 7; // Monday = 0
    const week = new Date(today.getTime() - weekday * DAY_MS);
    const month = new Date(Date.UTC(chinaToday.getUTCFullYear(), chinaToday.getUTCMonth(), 1) - CHINA_OFFSET_MS);
    const thirtyDays = new Date(today.getTime() - 29 * DAY_MS);
    const end = new Date(today.getTime() + DAY_MS);

    const empty = { visits: 0, workers: 0 };
    const result: StationStats = {
      scope: { kind: scope.kind, id: scope.id, name: scope.name },
      today: empty,
      week: empty,
      month: empty,
      perDay: [],
      perHour: Array.from({ length: 24 }, (_, hour) => ({ hour, visits: 0 })),
      occupations: [],
    };
    const days = Array.from({ length: 30 }, (_, i) => chinaDate(new Date(thirtyDays.getTime() + i * DAY_MS)));
    if (scope.stationIds.length === 0) {
      result.perDay = days.map((date) => ({ date, visits: 0, workers: 0 }));
      return result;
    }
    const sql = sqlDialect(this.ds);
    const base = () => this.ds.getRepository(CheckinEntity).createQueryBuilder('c').where('c.stationId IN (:...ids)', { ids: scope.stationIds });
    const totals = async (from: Date) => {
      const r = await base()
        .select('COUNT(*)', 'visits')
        .addSelect('COUNT(DISTINCT c.userId)', 'workers')
        .andWhere('c.checkedInAt >= :from AND c.checkedInAt < :end', { from, end })
        .getRawOne<{ visits: string | number; workers: string | number }>();
      return { visits: Number(r?.visits ?? 0), workers: Number(r?.workers ?? 0) };
    };
    const [t, w, m] = await Promise.all([totals(today), totals(week), totals(month)]);
    result.today = t;
    result.week = w;
    result.month = m;

    const dayRows = await base()
      .select(sql.chinaDay('c.checkedInAt'), 'day')
      .addSelect('COUNT(*)', 'visits')
      .addSelect('COUNT(DISTINCT c.userId)', 'workers')
      .andWhere('c.checkedInAt >= :from AND c.checkedInAt < :end', { from: thirtyDays, end })
      .groupBy('day')
      .getRawMany<{ day: string; visits: string | number; workers: string | number }>();
    const byDay = new Map(dayRows.map((r) => [r.day, r]));
    result.perDay = days.map((date) => ({ date, visits: Number(byDay.get(date)?.visits ?? 0), workers: Number(byDay.get(date)?.workers ?? 0) }));

    const hourRows = await base()
      .select(sql.chinaHour('c.checkedInAt'), 'hour')
      .addSelect('COUNT(*)', 'visits')
      .andWhere('c.checkedInAt >= :from AND c.checkedInAt < :end', { from: today, end })
      .groupBy('hour')
      .getRawMany<{ hour: string | number; visits: string | number }>();
    for (const r of hourRows) result.perHour[Number(r.hour)].visits = Number(r.visits);

    const occRows = await base()
      .leftJoin('user', 'u', 'u.id = c.userId')
      .select('u.occupation', 'occupation')
      .addSelect('COUNT(DISTINCT c.userId)', 'workers')
      .andWhere('c.checkedInAt >= :from AND c.checkedInAt < :end', { from: month, end })
      .groupBy('u.occupation')
      .getRawMany<{ occupation: string | null; workers: string | number }>();
    result.occupations = occRows
      .map((r) => ({
        occupation: (OCCUPATIONS as readonly string[]).includes(r.occupation ?? '')
          ? (r.occupation as StationStats['occupations'][number]['occupation'])
          : 'unknown',
        workers: Number(r.workers),
      }))
      .sort((a, b) => b.workers - a.workers);
    return result;
  }
}
