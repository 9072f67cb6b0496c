import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type BrowserLoginStatus = 'pending' | 'approved' | 'declined' | 'collected' | 'expired';

/**
 * A browser's request to be signed in by a mini-program user (扫码登录). The browser holds a
 * secret created with it; only its SHA-256 is kept. Every change of status is a conditional
 * UPDATE from the status it must come from.
 */
@Entity('login_ticket')
export class BrowserLoginEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The random signature part of the L1 code; a guessed id alone does not reach the ticket. */
  @Column({ type: 'varchar', length: 12 })
  codeSig: string;

  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @Column({ type: 'varchar', length: 10 })
  status: BrowserLoginStatus;

  /** User-Agent summarised, e.g. "Chrome · Windows". */
  @Column({ type: 'varchar', length: 60 })
  browser: string;

  @Column({ type: 'datetime' })
  createdAt: Date;

  @Index('idx_login_ticket_expires')
  @Column({ type: 'datetime' })
  expiresAt: Date;

  /** Who approved or declined it. */
  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @Column({ type: 'datetime', nullable: true })
  decidedAt: Date | null;

  /** The session the browser collected. */
  @Column({ type: 'int', nullable: true })
  sessionId: number | null;
}
