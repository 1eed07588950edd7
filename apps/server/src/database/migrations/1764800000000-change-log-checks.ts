import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The change log is written once per record on every write path, a thousand rows per bulk request, and
 * each foreign key is a lookup and a row lock per row. Two of its three are dropped: the app key stays
 * (deleting an app deletes its history), the workspace follows from the app, and the actor is kept as
 * written — history is an audit trail, it should still say who changed a record after the account is gone.
 */
export class ChangeLogChecks1764800000000 implements MigrationInterface {
  name = 'ChangeLogChecks1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE record_change
        DROP CONSTRAINT record_change_workspace_id_fkey,
        DROP CONSTRAINT record_change_actor_id_fkey
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE record_change SET actor_id = NULL
       WHERE actor_id IS NOT NULL AND actor_id NOT IN (SELECT id FROM app_user);
      ALTER TABLE record_change
        ADD CONSTRAINT record_change_workspace_id_fkey
          FOREIGN KEY (workspace_id) REFERENCES workspace (id) ON DELETE CASCADE,
        ADD CONSTRAINT record_change_actor_id_fkey
          FOREIGN KEY (actor_id) REFERENCES app_user (id) ON DELETE SET NULL
    `);
  }
}
