import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The newest change of each entity of an app, found from an index: a report's cached result now serves
 * until an entity it reads changes (docs/reports.md §Caching), not until anything in the app does. It
 * replaces the per-app index, which only the report version read.
 */
export class EntityChangeIndex1764900000000 implements MigrationInterface {
  name = 'EntityChangeIndex1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX record_change_entity_idx ON record_change (app_id, entity_key, id)',
    );
    await queryRunner.query('DROP INDEX record_change_app_idx');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX record_change_app_idx ON record_change (app_id, id)');
    await queryRunner.query('DROP INDEX record_change_entity_idx');
  }
}
