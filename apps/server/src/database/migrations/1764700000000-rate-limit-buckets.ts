import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Token buckets for the rate limits per API key, user and address (docs/security.md), shared by every
 * server instance. UNLOGGED: rewritten on every request, worthless after a crash (a crash merely refills
 * them) and not needed on replicas, so they cost no WAL.
 */
export class RateLimitBuckets1764700000000 implements MigrationInterface {
  name = 'RateLimitBuckets1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE rate_limit_bucket (
        key text PRIMARY KEY,
        tokens double precision NOT NULL,
        refreshed_at timestamptz NOT NULL,
        allowed boolean NOT NULL
      );
      CREATE INDEX rate_limit_bucket_refreshed_idx ON rate_limit_bucket (refreshed_at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rate_limit_bucket');
  }
}
