import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CheckinMethod, RegistrationStatus } from '@xlx/shared';

/** One person's place at an event; the unique key allows one per person per event. */
@Entity('registration')
@Index('uq_registration_event_user', ['eventId', 'userId'], { unique: true })
@Index('idx_registration_event_status', ['eventId', 'status', 'queuedAt'])
@Index('idx_registration_user', ['userId'])
export class RegistrationEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  eventId: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 12 })
  status: RegistrationStatus;

  /** When this place in the queue was taken; waitlist order is (queuedAt, id). */
  @Column({ type: 'datetime', precision: 3 })
  queuedAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  checkedInAt: Date | null;

  /** The organiser who scanned the ticket; null for self check-in. */
  @Column({ type: 'int', nullable: true })
  checkedInBy: number | null;

  /** How they got in: ticket scanned, found by name at the door (manual), or self check-in. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  checkinMethod: CheckinMethod | null;

  /** Admitted at the door outside its hours by an organiser's deliberate override. */
  @Column({ type: 'boolean', default: false })
  checkinOverride: boolean;

  /** At a social with seats per gender: whose seat this confirmed registration holds. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  seatGender: 'male' | 'female' | null;

  /** Answers to the event's questions when registering, same order; null when it asked none. */
  @Column({ type: 'simple-json', nullable: true })
  answers: string[] | null;

  /** Training completion record, written at check-in. */
  @Column({ type: 'boolean', default: false })
  completed: boolean;
}
