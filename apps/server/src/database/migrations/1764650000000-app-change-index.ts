import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The newest change of an app, found from an index: report results are cached per app data version
 * (docs/reports.md §Caching), and every report run asks for it.
 */
export class AppChangeIndex1764650000000 implements MigrationInterface {
  name = 'AppChangeIndex1764650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX record_change_app_idx ON record_change (app_id, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX record_change_app_idx');
  }
}
