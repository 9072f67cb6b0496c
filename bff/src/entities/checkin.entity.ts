import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One station visit. Coordinates are not kept: only the distance, when the station checks it. */
@Entity('checkin')
@Index('uq_checkin_request', ['userId', 'clientRequestId'], { unique: true })
@Index('idx_checkin_station_time', ['stationId', 'checkedInAt', 'userId'])
@Index('idx_checkin_user_time', ['userId', 'checkedInAt'])
export class CheckinEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'int' })
  stationId: number;

  /** When the scan happened: the device's time for a check-in queued offline, else the server's. */
  @Column({ type: 'datetime', precision: 3 })
  checkedInAt: Date;

  /** When the server received it. */
  @Column({ type: 'datetime', precision: 3 })
  receivedAt: Date;

  @Column({ type: 'boolean', default: false })
  offline: boolean;

  @Column({ type: 'varchar', length: 10 })
  method: 'printed' | 'rotating';

  @Column({ type: 'int', nullable: true })
  distanceMetres: number | null;

  @Column({ type: 'varchar', length: 64 })
  clientRequestId: string;
}
