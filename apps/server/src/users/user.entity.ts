import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person's identity; what they may do lives in their workspace memberships. */
@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  username: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  /** Where e-mail notifications go; none means in-app only. */
  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  /** May create workspaces; the first admin is one. */
  @Column('boolean', { name: 'is_system_admin', default: false })
  isSystemAdmin: boolean;

  @Column('boolean', { name: 'is_active', default: true })
  isActive: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
