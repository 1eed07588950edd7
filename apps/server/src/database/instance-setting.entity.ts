import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Settings of the whole installation (not of a workspace), such as the generated JWT secret. */
@Entity('instance_setting')
export class InstanceSetting {
  @PrimaryColumn('text')
  key: string;

  @Column('text')
  value: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
