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

  @Column({ type: 'datetime' })
  expiresAt: Date;

  @Column({ type: 'datetime', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
