import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Record storage bookkeeping. Each app's records live in a PostgreSQL schema of its own (one physical
 * table per entity, one typed column per field — docs/records.md); these tables hold what spans entities:
 * change history, the change log that is both history and transactional outbox, auto-number counters and uploaded files.
 */
export class Records1763900000000 implements MigrationInterface {
  name = 'Records1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      ALTER TABLE app ADD COLUMN storage_schema text UNIQUE;

      -- One append-only change log per write: it is the record's history (who changed which field from
      -- what to what) and, written in the same transaction as the change, the outbox that rule and flow
      -- triggers consume (dispatched_at marks what they have seen), so every write path reaches them once.
      CREATE TABLE record_change (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        app_id uuid NOT NULL REFERENCES app (id) ON DELETE CASCADE,
        entity_key text NOT NULL,
        record_id uuid NOT NULL,
        version integer NOT NULL,
        type text NOT NULL CHECK (type IN ('created', 'updated', 'deleted', 'restored')),
        actor_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        source text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        changes jsonb NOT NULL,
        dispatched_at timestamptz
      );
      CREATE INDEX record_change_record_idx ON record_change (app_id, entity_key, record_id, version);
      CREATE INDEX record_change_pending_idx ON record_change (id) WHERE dispatched_at IS NULL;

      CREATE TABLE auto_number_counter (
        app_id uuid NOT NULL REFERENCES app (id) ON DELETE CASCADE,
        entity_key text NOT NULL,
        field_key text NOT NULL,
        scope text NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (app_id, entity_key, field_key, scope)
      );

      CREATE TABLE stored_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        name text NOT NULL,
        size bigint NOT NULL,
        mime_type text NOT NULL,
        storage_key text NOT NULL,
        sha256 text NOT NULL,
        created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE stored_file;
      DROP TABLE auto_number_counter;
      DROP TABLE record_change;
      ALTER TABLE app DROP COLUMN storage_schema;
    `);
  }
}
