import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Failed logins, kept briefly, so repeated guessing is slowed down across every server instance. */
export class LoginFailures1764200000000 implements MigrationInterface {
  name = 'LoginFailures1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE login_failure (
        id bigserial PRIMARY KEY,
        username text NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_failure_username_idx ON login_failure (username, at);
      CREATE INDEX login_failure_ip_idx ON login_failure (ip, at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE login_failure');
  }
}
