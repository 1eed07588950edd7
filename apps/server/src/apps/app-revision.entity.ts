import { type AppChange } from '@lowcode/app-model';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every imported version of an app, with what changed against the one before. */
@Entity('app_revision')
export class AppRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId: string;

  @Column('uuid', { name: 'app_id' })
  appId: string;

  @Column('integer')
  revision: number;

  @Column('text')
  version: string;

  @Column('text', { name: 'definition_text' })
  definitionText: string;

  @Column('jsonb')
  changes: AppChange[];

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
