import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Gender, Occupation } from '@xlx/shared';

@Entity('user')
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** WeChat openid for this mini-program; null for dev accounts and after erasure. */
  @Index('uq_user_openid', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  openid: string | null;

  /** Name used by the development sign-in; null for WeChat accounts and after erasure. */
  @Index('uq_user_dev_name', { unique: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  devName: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  nickname: string | null;

  /** Kept after erasure: anonymous, feeds the occupation mix in statistics. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  occupation: Occupation | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  gender: Gender | null;

  @Column({ type: 'int', nullable: true })
  birthYear: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** The number WeChat last verified for this person (getuserphonenumber); a form sending it is marked verified. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  verifiedPhone: string | null;

  /** Set when the person deleted their account; the row stays only as an anonymous statistic. */
  @Column({ type: 'datetime', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
