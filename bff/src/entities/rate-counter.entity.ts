import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A fixed-window request counter, shared by every BFF process using the store. */
@Entity('rate_counter')
export class RateCounterEntity {
  /** name:subject:window — a new key each window, so counters never need resetting. */
  @PrimaryColumn({ type: 'varchar', length: 150 })
  bucket: string;

  @Column({ type: 'int', default: 0 })
  count: number;

  @Index('idx_rate_counter_expires')
  @Column({ type: 'datetime' })
  expiresAt: Date;
}
