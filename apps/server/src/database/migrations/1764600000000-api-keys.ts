import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * API keys for integrations (docs/security.md).
 *
 * Each key has a principal of its own: an `app_user` row that can never sign in (inactive, no password, no
 * membership), so record history, flow tracks and the audit log name the key as the actor through the
 * same foreign keys as people. Only the SHA-256 of the key's secret is stored.
 */
export class ApiKeys1764600000000 implements MigrationInterface {
  name = 'ApiKeys1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        principal_id uuid NOT NULL UNIQUE REFERENCES app_user (id) ON DELETE CASCADE,
        name text NOT NULL,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        secret_hash text NOT NULL,
        created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES app_user (id) ON DELETE SET NULL
      );
      CREATE INDEX api_key_workspace_idx ON api_key (workspace_id, created_at DESC);
      -- Names tell keys apart in lists and as actors: unique among a workspace's keys not revoked (an expired key keeps its name until revoked).
      CREATE UNIQUE INDEX api_key_active_name_key ON api_key (workspace_id, lower(name)) WHERE revoked_at IS NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM app_user WHERE id IN (SELECT principal_id FROM api_key);
      DROP TABLE api_key;
    `);
  }
}
