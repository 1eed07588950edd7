import { type AppDefinition, type LocalizedText } from '@lowcode/app-model';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An imported app. `definitionText` is the canonical serialization and the source of truth for export. */
@Entity('app')
export class App {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId: string;

  @Column('text')
  key: string;

  @Column('jsonb')
  label: LocalizedText;

  @Column('text')
  version: string;

  @Column('integer', { name: 'format_version' })
  formatVersion: number;

  /** Increases by one with every import that changes the definition; used for optimistic concurrency. */
  @Column('integer')
  revision: number;

  @Column('jsonb')
  definition: AppDefinition;

  @Column('text', { name: 'definition_text' })
  definitionText: string;

  /** The PostgreSQL schema holding this app's entity tables (docs/records.md). */
  @Column('text', { name: 'storage_schema', nullable: true })
  storageSchema: string | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
