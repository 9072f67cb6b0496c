import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A sign-in. Only the SHA-256 of the bearer token is stored. */
@Entity('session')
export class SessionEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('uq_session_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Index('idx_session_user')
  @Column({ type: 'int' })
  userId: number;

  /** WeChat session_key from code2Session: server-side only, never presented. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  wechatSessionKey: string | null;

  /** How it signed in: miniprogram (WeChat), browser (a code approved in the mini-program), dev. */
  @Column({ type: 'varchar', length: 12, default: 'miniprogram' })
  kind: 'miniprogram' | 'browser' | 'dev';

  /** What signed in, shown under 我的 (a browser's User-Agent summarised). */
  @Column({ type: 'varchar', length: 60, nullable: true })
  label: string | null;

  @Column({ type: 'datetime' })
  expiresAt: Date;

  @Column({ type: 'datetime', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
