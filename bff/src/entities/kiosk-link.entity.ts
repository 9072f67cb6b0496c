import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A revocable link that shows a station's rotating code on a screen without a sign-in. */
@Entity('kiosk_link')
export class KioskLinkEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('idx_kiosk_station')
  @Column({ type: 'int' })
  stationId: number;

  @Index('uq_kiosk_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'int' })
  createdBy: number;

  @Column({ type: 'datetime', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
