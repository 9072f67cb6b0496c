import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An application to join a union; approved, it is the member flag events read. */
@Entity('membership')
@Index('uq_membership_user_org', ['userId', 'organisationId'], { unique: true })
@Index('idx_membership_org_status', ['organisationId', 'status'])
export class MembershipEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'int' })
  organisationId: number;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: 'pending' | 'approved' | 'rejected' | 'revoked';

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  phone: string;

  /** The phone is the one WeChat verified for the applicant (the phone button), not typed. */
  @Column({ type: 'boolean', default: false })
  phoneVerified: boolean;

  @Column({ type: 'varchar', length: 80 })
  employer: string;

  @Column({ type: 'varchar', length: 20 })
  occupation: string;

  @Column({ type: 'int', nullable: true })
  ceremonyEventId: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  memberNo: string | null;

  @Column({ type: 'varchar', length: 400, nullable: true })
  rejectReason: string | null;

  @Column({ type: 'int', nullable: true })
  decidedBy: number | null;

  @Column({ type: 'datetime', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
