import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * When a person's last counted visit at a station was. Its primary key and a conditional UPDATE
 * on lastAt make "one check-in per person per station per dedupe window" a database rule.
 */
@Entity('station_presence')
export class StationPresenceEntity {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'int' })
  stationId: number;

  @Column({ type: 'datetime', precision: 3 })
  lastAt: Date;
}
