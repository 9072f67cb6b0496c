import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * When a person's last counted visit at a station was, and which scan claimed it. Its primary key
 * and a conditional UPDATE on lastAt make "one check-in per person per station per dedupe window"
 * a database rule; lastRequestId lets the claiming scan's retry write its row if the first attempt
 * died between the claim and the insert.
 */
@Entity('station_presence')
export class StationPresenceEntity {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'int' })
  stationId: number;

  @Column({ type: 'datetime', precision: 3 })
  lastAt: Date;

  /** The clientRequestId of the scan that claimed the visit at lastAt (null on rows from before it was kept). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  lastRequestId: string | null;

  /** Server time of the claim: a claim whose row never appears is taken over after a while. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  claimedAt: Date | null;
}
