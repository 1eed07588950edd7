import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** What role scopes read about a member besides their id, e.g. `user.projects` (the projects they serve). */
export class MemberAttributes1764100000000 implements MigrationInterface {
  name = 'MemberAttributes1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE workspace_member ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE workspace_member DROP COLUMN attributes');
  }
}
