import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RequestStatus } from '@xlx/shared';

/** A worker's request or complaint (诉求), online or recorded in person by an organiser. */
@Entity('worker_request')
@Index('idx_request_org_status', ['organisationId', 'status'])
@Index('idx_request_user', ['userId'])
export class RequestEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** Null for a request recorded in person without an account. */
  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @Column({ type: 'int' })
  organisationId: number;

  @Column({ type: 'varchar', length: 24 })
  category: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'int', nullable: true })
  stationId: number | null;

  @Column({ type: 'int', nullable: true })
  eventId: number | null;

  /** An upload (purpose request) of the same worker; shown only through signed links. */
  @Column({ type: 'varchar', length: 22, nullable: true })
  photoId: string | null;

  @Column({ type: 'varchar', length: 10 })
  channel: 'online' | 'offline';

  @Column({ type: 'varchar', length: 40, default: '' })
  reporterName: string;

  @Column({ type: 'varchar', length: 12, default: 'submitted' })
  status: RequestStatus;

  @Column({ type: 'int', nullable: true })
  assigneeId: number | null;

  @Column({ type: 'datetime' })
  dueAt: Date;

  @Column({ type: 'datetime', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  rating: 'satisfied' | 'unsatisfied' | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}

@Entity('request_reply')
@Index('idx_reply_request', ['requestId'])
export class RequestReplyEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  requestId: number;

  @Column({ type: 'int' })
  authorId: number;

  @Column({ type: 'boolean' })
  fromOrganiser: boolean;

  @Column({ type: 'text' })
  text: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
