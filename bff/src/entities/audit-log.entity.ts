import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who read or exported personal data, what, and when: readable by admins. */
@Entity('audit_log')
@Index('idx_audit_created', ['createdAt'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  actorId: number;

  /** e.g. attendance.read, attendance.export, visits.export, request.read, memberships.read */
  @Column({ type: 'varchar', length: 40 })
  action: string;

  /** What was read: "event:12", "station:3", "organisation:5". */
  @Column({ type: 'varchar', length: 60 })
  target: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
