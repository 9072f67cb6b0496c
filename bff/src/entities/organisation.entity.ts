import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { OrgLevel } from '@xlx/shared';

/**
 * A union in the tree. `path` is the materialised path of ids ("/1/4/9/") so that a whole
 * subtree is one indexed prefix query.
 */
@Entity('organisation')
export class OrganisationEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: OrgLevel;

  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  @Index('idx_organisation_path')
  @Column({ type: 'varchar', length: 255, default: '' })
  path: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
