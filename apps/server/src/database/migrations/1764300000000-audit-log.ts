import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Who did what, when and from where: logins, imports and upgrades, template installs, exports, spreadsheet
 * imports, workspace and user changes. Append-only: nothing in the product updates or deletes these rows.
 * Record changes themselves are in record_change (field by field).
 */
export class AuditLog1764300000000 implements MigrationInterface {
  name = 'AuditLog1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        workspace_id uuid REFERENCES workspace (id) ON DELETE CASCADE,
        actor_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        action text NOT NULL,
        target text,
        details jsonb NOT NULL DEFAULT '{}',
        ip text,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_event_workspace_idx ON audit_event (workspace_id, at DESC);
      CREATE INDEX audit_event_action_idx ON audit_event (action, at DESC);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_event');
  }
}
