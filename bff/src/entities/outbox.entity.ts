import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One-time grants a person gave for a template (订阅消息): +1 per accept, -1 per message sent. */
@Entity('subscribe_grant')
export class SubscribeGrantEntity {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  templateId: string;

  @Column({ type: 'int', default: 0 })
  count: number;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dropped' | 'dead';

/**
 * A WeChat message to send, written in the same transaction as the change that causes it
 * (promotion, reply, decision, cancellation, a due reminder). Senders in every BFF process
 * claim rows by conditional UPDATE, so one row is sent by one process.
 */
@Entity('wechat_outbox')
@Index('idx_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 24 })
  kind: string;

  /** Values by name (event, startsAt, …); mapped onto the template's fields when sent. */
  @Column({ type: 'text' })
  vals: string;

  /** The mini-program page the message opens, with its query. */
  @Column({ type: 'varchar', length: 200 })
  page: string;

  /** Unique when set: a reminder is `rem-eve:<registration>`, so that every process and restart makes one row. */
  @Index('uq_outbox_dedupe', { unique: true })
  @Column({ type: 'varchar', length: 80, nullable: true })
  dedupeKey: string | null;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'datetime' })
  nextAttemptAt: Date;

  /** The sender process holding the row while it sends, until claimedUntil (then anyone may take it over). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  claimedBy: string | null;

  @Column({ type: 'datetime', nullable: true })
  claimedUntil: Date | null;

  /** The person's grant was used for this row (a retry does not use another). */
  @Column({ type: 'boolean', default: false })
  grantUsed: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  lastError: string | null;

  @Column({ type: 'datetime', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
