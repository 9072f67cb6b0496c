import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@xlx/shared';

/** A person may organise (or administer) one organisation and, through it, its subtree. */
@Entity('role_grant')
@Index('uq_role_grant', ['userId', 'organisationId', 'role'], { unique: true })
export class RoleGrantEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'int' })
  organisationId: number;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
