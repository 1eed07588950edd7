import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The roles an app defines (butler, technician, tenant …) that a member holds in the workspace. */
export class MemberAppRoles1764000000000 implements MigrationInterface {
  name = 'MemberAppRoles1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE workspace_member ADD COLUMN app_roles text[] NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE workspace_member DROP COLUMN app_roles');
  }
}
