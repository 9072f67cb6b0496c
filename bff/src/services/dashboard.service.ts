import type { DataSource } from 'typeorm';
import { chinaDate, chinaStartOfDay, type Dashboard } from '@xlx/shared';
import type { Clock } from '../adapters/clock';
import type { AuthUser } from '../context';
import { sqlDateParam } from '../lib/sql';
import { chinaDayNumber, DAY_MADE, makeOrgDays, type VisitRollup } from './visit-rollup';
import type { OrganisationService } from './organisation.service';

const DAY = 864e5;

/**
 * An organisation column limited to a subtree: a subquery on the path index (a range of it), so
 * the subtree's ids (a thousand at a province) never travel as parameters. Its one parameter is
 * the subtree's path prefix.
 */
const inSubtree = (column: string) => `${column} IN (SELECT o.id FROM organisation o WHERE o.path LIKE ?)`;

const n = (v: unknown) => Number(v ?? 0);

/**
 * The organiser's numbers for an organisation subtree: one aggregate query per panel, each on
 * indexes (the path, the rollup's days, event end and start times), none reading visits.
 */
export class DashboardService {
  private readonly date: (d: Date) => Date | string;
  /** The visits panel being read now, per organisation and day (see visits()). */
  private readonly reading = new Map<string, ReturnType<DashboardService['readVisits']>>();

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrganisationService,
    private readonly clock: Clock,
    /** This process's pending rollup, settled before a read so that its own check-ins show at once. */
    private readonly rollup?: VisitRollup,
  ) {
    this.date = sqlDateParam(ds);
  }

  async forOrganisation(user: AuthUser, organisationId: number): Promise<Dashboard> {
    const org = await this.orgs.getManaged(user, organisationId);
    await this.rollup?.settle();
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
  private visits(organisationId: number, subtree: string, today: Date, from30: Date): ReturnType<DashboardService['readVisits']> {
    // Dashboards of one organisation asked for at the same moment (a province's, by several of its
    // organisers) share one read while it is in the store: the distinct-worker count of a province
    // reads 100,000 index entries, and eight copies of it queued on two cores. The answer is the
    // same exact figure, as of a moment during each request.
    const key = `${organisationId}:${chinaDayNumber(today)}`;
    const running = this.reading.get(key);
    if (running) return running;
    const read = this.readVisits(organisationId, subtree, today, from30).finally(() => this.reading.delete(key));
    this.reading.set(key, read);
    return read;
  }

  private async readVisits(organisationId: number, subtree: string, today: Date, from30: Date) {
    const days = Array.from({ length: 30 }, (_, i) => chinaDate(new Date(from30.getTime() + i * DAY)));
    const todayNo = chinaDayNumber(today);
    const fromNo = chinaDayNumber(from30);
    const [perDay, [w]] = await Promise.all([
      this.perDay(organisationId, subtree, fromNo, todayNo),
      this.ds.query(
        'SELECT COUNT(*) AS d30, SUM(CASE WHEN lastDay >= ? THEN 1 ELSE 0 END) AS today FROM visit_worker_last WHERE organisationId = ? AND lastDay >= ?',
        [todayNo, organisationId, fromNo],
      ) as Promise<Array<{ d30: unknown; today: unknown }>>,
    ]);
    return {
      today: perDay.get(todayNo) ?? 0,
      workersToday: n(w?.today),
      workers30d: n(w?.d30),
      perDay: days.map((date, i) => ({ date, visits: perDay.get(fromNo + i) ?? 0 })),
    };
  }

  /**
   * The subtree's visits per day from `from` to `today`: the days that are over from visit_org_day
   * (days not yet made there are made first), today's from the stations' rows, in one statement.
   */
  private async perDay(organisationId: number, subtree: string, from: number, today: number): Promise<Map<number, number>> {
    const LIVE = -1;
    const read = () =>
      this.ds.query(
        'SELECT organisationId, day, visits FROM visit_org_day WHERE organisationId IN (?, ?) AND day >= ? AND day < ? ' +
          `UNION ALL SELECT ${LIVE}, ?, SUM(v.visits) FROM visit_day v JOIN station s ON s.id = v.stationId WHERE v.day = ? AND ${inSubtree('s.organisationId')}`,
        [organisationId, DAY_MADE, from, today, today, today, subtree],
      ) as Promise<Array<{ organisationId: unknown; day: unknown; visits: unknown }>>;
    let rows = await read();
    const made = new Set(rows.filter((r) => n(r.organisationId) === DAY_MADE).map((r) => n(r.day)));
    const missing = Array.from({ length: today - from }, (_, i) => from + i).filter((d) => !made.has(d));
    if (missing.length) {
      await makeOrgDays(this.ds, missing);
      rows = await read();
    }
    return new Map(rows.filter((r) => n(r.organisationId) === organisationId || n(r.organisationId) === LIVE).map((r) => [n(r.day), n(r.visits)]));
  }

  /** Events held in the last 30 days, upcoming ones, and who of the held ones' confirmed came. */
  private async events(subtree: string, now: Date) {
    const from = this.date(new Date(now.getTime() - 30 * DAY));
    const at = this.date(now);
    const held = `FROM event e WHERE ${inSubtree('e.organisationId')} AND e.status = 'published' AND e.endsAt > ? AND e.endsAt <= ?`;
    const [r] = (await this.ds.query(
      `SELECT (SELECT COUNT(*) ${held}) AS held, ` +
        `(SELECT COUNT(*) FROM event e WHERE ${inSubtree('e.organisationId')} AND e.status = 'published' AND e.startsAt > ?) AS upcoming, ` +
        "(SELECT COUNT(*) FROM registration r WHERE r.status = 'confirmed' AND r.eventId IN (SELECT e.id " +
        held +
        ')) AS confirmed, ' +
        "(SELECT COUNT(*) FROM registration r WHERE r.status = 'confirmed' AND r.checkedInAt IS NOT NULL AND r.eventId IN (SELECT e.id " +
        held +
        ')) AS arrived',
      [subtree, from, at, subtree, at, subtree, from, at, subtree, from, at],
    )) as Array<{ held: unknown; upcoming: unknown; confirmed: unknown; arrived: unknown }>;
    const confirmed = n(r?.confirmed);
    const attendanceRate = n(r?.held) > 0 && confirmed > 0 ? Math.round((n(r?.arrived) / confirmed) * 1000) / 1000 : null;
    return {
      held30d: n(r?.held),
      upcoming: n(r?.upcoming),
      attendanceRate,
      noShowRate: attendanceRate === null ? null : Math.round((1 - attendanceRate) * 1000) / 1000,
    };
  }

  /** Mutual pairs at the subtree's socials: a count, never who, and never the reader's own (see MatchmakingService.stats). */
  private async matches(subtree: string, readerId: number): Promise<number> {
    const [r] = (await this.ds.query(
      "SELECT COUNT(*) AS n FROM match_pick a JOIN event e ON e.id = a.eventId AND e.kind = 'matchmaking' " +
        'JOIN match_pick b ON b.eventId = a.eventId AND b.pickerId = a.pickedId AND b.pickedId = a.pickerId ' +
        `WHERE ${inSubtree('e.organisationId')} AND a.pickerId < a.pickedId AND a.pickerId <> ? AND a.pickedId <> ?`,
      [subtree, readerId, readerId],
    )) as Array<{ n: unknown }>;
    return n(r?.n);
  }

  private async requests(subtree: string, now: Date) {
    const from = this.date(new Date(now.getTime() - 30 * DAY));
    const open = "status IN ('submitted', 'in_progress')";
    const [r] = (await this.ds.query(
      `SELECT SUM(CASE WHEN createdAt > ? THEN 1 ELSE 0 END) AS received, SUM(CASE WHEN resolvedAt > ? THEN 1 ELSE 0 END) AS resolved, ` +
        `SUM(CASE WHEN ${open} THEN 1 ELSE 0 END) AS open, SUM(CASE WHEN ${open} AND dueAt < ? THEN 1 ELSE 0 END) AS overdue ` +
        `FROM worker_request WHERE ${inSubtree('organisationId')}`,
      [from, from, this.date(now), subtree],
    )) as Array<{ received: unknown; resolved: unknown; open: unknown; overdue: unknown }>;
    return { received30d: n(r?.received), resolved30d: n(r?.resolved), open: n(r?.open), overdue: n(r?.overdue) };
  }

  private async members(subtree: string, now: Date) {
    const [r] = (await this.ds.query(
      "SELECT SUM(CASE WHEN status = 'approved' AND decidedAt > ? THEN 1 ELSE 0 END) AS new30d, SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending " +
        `FROM membership WHERE ${inSubtree('organisationId')} AND status IN ('approved', 'pending')`,
      [this.date(new Date(now.getTime() - 30 * DAY)), subtree],
    )) as Array<{ new30d: unknown; pending: unknown }>;
    return { new30d: n(r?.new30d), pending: n(r?.pending) };
  }
}
