import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EventKind, EventStatus, Gender, Occupation, RegistrationQuestion } from '@xlx/shared';

/** A union event. confirmedCount is changed only by conditional UPDATEs (see RegistrationService). */
@Entity('event')
@Index('idx_event_org_start', ['organisationId', 'startsAt'])
@Index('idx_event_status_start', ['status', 'startsAt'])
@Index('idx_event_status_end', ['status', 'endsAt'])
export class EventEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  organisationId: number;

  @Column({ type: 'varchar', length: 20 })
  kind: EventKind;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'int', nullable: true })
  stationId: number | null;

  @Column({ type: 'varchar', length: 120, default: '' })
  venue: string;

  @Column({ type: 'double', nullable: true })
  latitude: number | null;

  @Column({ type: 'double', nullable: true })
  longitude: number | null;

  @Column({ type: 'datetime' })
  startsAt: Date;

  @Column({ type: 'datetime' })
  endsAt: Date;

  @Column({ type: 'datetime' })
  registrationOpensAt: Date;

  @Column({ type: 'datetime' })
  registrationClosesAt: Date;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ type: 'int', default: 0 })
  confirmedCount: number;

  @Column({ type: 'boolean', default: true })
  waitlist: boolean;

  @Column({ type: 'datetime', nullable: true })
  cancellationDeadline: Date | null;

  @Column({ type: 'simple-array' })
  eligibleGenders: Gender[];

  @Column({ type: 'int', nullable: true })
  minAge: number | null;

  @Column({ type: 'int', nullable: true })
  maxAge: number | null;

  @Column({ type: 'simple-array' })
  eligibleOccupations: Occupation[];

  @Column({ type: 'boolean', default: false })
  membersOnly: boolean;

  @Column({ type: 'boolean', default: false })
  selfCheckin: boolean;

  @Column({ type: 'varchar', length: 60, nullable: true })
  certificateName: string | null;

  /** The organiser's phone for questions, shown on the event page. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  contactPhone: string | null;

  /** What registering asks (at most 5); answers are kept on each registration in the same order. */
  @Column({ type: 'simple-json', nullable: true })
  questions: RegistrationQuestion[] | null;

  /** The cover image: an upload of purpose 'event' (null: none, the bundled share image stands in). */
  @Column({ type: 'varchar', length: 22, nullable: true })
  coverId: string | null;

  @Column({ type: 'varchar', length: 12, default: 'draft' })
  status: EventStatus;

  /** Signs this event's tickets and rotating self check-in codes: server-side only. */
  @Column({ type: 'varchar', length: 64 })
  qrSecret: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
