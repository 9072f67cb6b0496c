import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Visits of one station on one China day, kept current by the visit writer (a recount of that
 * station-day after every batch, never lowered), so dashboards read days instead of visits.
 * `day` is days since 1970-01-01 in China time (sqlDialect().chinaDayNumber).
 */
@Entity('visit_day')
@Index('idx_visit_day_day', ['day', 'stationId', 'visits'])
export class VisitDayEntity {
  @PrimaryColumn({ type: 'int' })
  stationId: number;

  @PrimaryColumn({ type: 'int' })
  day: number;

  @Column({ type: 'int', default: 0 })
  visits: number;

  @Column({ type: 'int', default: 0 })
  printed: number;

  @Column({ type: 'int', default: 0 })
  rotating: number;
}

/**
 * The last China day a worker visited any station of an organisation, for the organisation and
 * each of its ancestors (taken from its path when the visit is written). "Distinct workers since
 * day D" of a subtree is then one indexed count, exact, however many visits there are.
 */
@Entity('visit_worker_last')
@Index('idx_visit_worker_last_day', ['organisationId', 'lastDay'])
export class VisitWorkerLastEntity {
  @PrimaryColumn({ type: 'int' })
  organisationId: number;

  @PrimaryColumn({ type: 'int' })
  userId: number;

  @Column({ type: 'int' })
  lastDay: number;
}

/**
 * Visits of an organisation's whole subtree on one China day, for days that are over: made from
 * visit_day when a dashboard first needs the day (organisationId 0 marks the day as made), and
 * dropped again by the visit writer if a late visit lands on it. A province's 30 days are 30 rows.
 */
@Entity('visit_org_day')
@Index('idx_visit_org_day_day', ['day'])
export class VisitOrgDayEntity {
  @PrimaryColumn({ type: 'int' })
  organisationId: number;

  @PrimaryColumn({ type: 'int' })
  day: number;

  @Column({ type: 'int', default: 0 })
  visits: number;
}
