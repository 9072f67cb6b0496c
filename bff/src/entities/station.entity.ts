import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Amenity } from '@xlx/shared';

/** A union rest station (工会驿站 / 小哥之家). */
@Entity('station')
export class StationEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('idx_station_org')
  @Column({ type: 'int' })
  organisationId: number;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'varchar', length: 120 })
  address: string;

  @Column({ type: 'double' })
  latitude: number;

  @Column({ type: 'double' })
  longitude: number;

  @Column({ type: 'boolean', default: false })
  open24h: boolean;

  /** HH:mm China time; null when open 24 hours. */
  @Column({ type: 'varchar', length: 5, nullable: true })
  opensAt: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  closesAt: string | null;

  @Column({ type: 'simple-array' })
  amenities: Amenity[];

  @Column({ type: 'varchar', length: 500, default: '' })
  description: string;

  @Column({ type: 'int', nullable: true })
  areaSqm: number | null;

  /** Upload ids (purpose station), in the order shown. */
  @Column({ type: 'simple-json' })
  photos: string[];

  /** Signed links of `photos`, set by StationService for presenting; not stored. */
  presentedPhotos?: Array<{ id: string; url: string; state: 'shown' | 'checking' }>;
  /** Photos WeChat's check found risky (organisers' views only); not stored. */
  riskyPhotos?: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'boolean', default: true })
  allowPrinted: boolean;

  @Column({ type: 'boolean', default: true })
  allowRotating: boolean;

  @Column({ type: 'int', nullable: true })
  radiusMetres: number | null;

  /** HMAC key for this station's QR codes: server-side only. Rotating it voids printed codes. */
  @Column({ type: 'varchar', length: 64 })
  qrSecret: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
