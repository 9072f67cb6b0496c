import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Gender, Occupation, WantsToMeet } from '@xlx/shared';

/** A matchmaking profile: separate from the account, created only with its own consent. */
@Entity('match_profile')
export class MatchProfileEntity {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 40 })
  displayName: string;

  @Column({ type: 'varchar', length: 8 })
  gender: Gender;

  /** Whom the board shows; null (profiles from before the question): the other gender. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  wantsToMeet: WantsToMeet | null;

  @Column({ type: 'int' })
  birthYear: number;

  @Column({ type: 'varchar', length: 20 })
  occupation: Occupation;

  @Column({ type: 'varchar', length: 40 })
  city: string;

  @Column({ type: 'varchar', length: 400, default: '' })
  intro: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  photoUrl: string | null;

  @Column({ type: 'varchar', length: 10 })
  contactKind: 'wechat' | 'phone';

  /** AES-256-GCM ciphertext of the contact (iv.tag.data, base64url); decrypted only for a match. */
  @Column({ type: 'varchar', length: 200 })
  contactSealed: string;

  @Column({ type: 'varchar', length: 20 })
  consentVersion: string;

  @Column({ type: 'datetime' })
  consentAt: Date;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}

/** Per-event matchmaking settings. */
@Entity('match_settings')
export class MatchSettingsEntity {
  @PrimaryColumn({ type: 'int' })
  eventId: number;

  @Column({ type: 'int', default: 3 })
  picksPerPerson: number;

  @Column({ type: 'datetime' })
  pickOpensAt: Date;

  @Column({ type: 'datetime' })
  pickClosesAt: Date;

  @Column({ type: 'boolean', default: false })
  revealAtOnce: boolean;

  /** Seats per gender at the social; null: no limit for that gender. */
  @Column({ type: 'int', nullable: true })
  seatsMale: number | null;

  @Column({ type: 'int', nullable: true })
  seatsFemale: number | null;
}

/** Confirmed seats taken per gender at a social: limits held by conditional UPDATEs, like the event's. */
@Entity('match_gender_seat')
export class MatchGenderSeatEntity {
  @PrimaryColumn({ type: 'int' })
  eventId: number;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  gender: Gender;

  @Column({ type: 'int', default: 0 })
  confirmed: number;
}

/** How many picks a person holds at an event: the limit is a conditional UPDATE on this row. */
@Entity('match_participant')
export class MatchParticipantEntity {
  @PrimaryColumn({ type: 'int' })
  eventId: number;

  @PrimaryColumn({ type: 'int' })
  userId: number;

  @Column({ type: 'int', default: 0 })
  picks: number;
}

/** A private pick. Nobody but the picker ever reads it back; a match is a pair of picks. */
@Entity('match_pick')
@Index('uq_match_pick', ['eventId', 'pickerId', 'pickedId'], { unique: true })
@Index('idx_match_pick_picked', ['eventId', 'pickedId'])
export class MatchPickEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  eventId: number;

  @Column({ type: 'int' })
  pickerId: number;

  @Column({ type: 'int' })
  pickedId: number;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}

/** A match either side removed; (lowId, highId) so that one row covers both directions. */
@Entity('match_removal')
@Index('uq_match_removal', ['eventId', 'lowId', 'highId'], { unique: true })
export class MatchRemovalEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  eventId: number;

  @Column({ type: 'int' })
  lowId: number;

  @Column({ type: 'int' })
  highId: number;
}

/** A blocked person never appears to the blocker again, and the two can never match. */
@Entity('match_block')
@Index('uq_match_block', ['blockerId', 'blockedId'], { unique: true })
export class MatchBlockEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  blockerId: number;

  @Index('idx_match_block_blocked')
  @Column({ type: 'int' })
  blockedId: number;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}

/** A report about an attendee, for the event's organisers to handle. */
@Entity('match_report')
@Index('idx_match_report_event', ['eventId'])
export class MatchReportEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  eventId: number;

  @Column({ type: 'int' })
  reporterId: number;

  @Column({ type: 'int' })
  reportedId: number;

  @Column({ type: 'varchar', length: 400 })
  reason: string;

  @Column({ type: 'datetime', nullable: true })
  handledAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
