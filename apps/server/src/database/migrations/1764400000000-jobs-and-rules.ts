import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The durable machinery of automation: a job table (timers, retries, rule firings; docs/adr/0004), the
 * dispatch bookkeeping of the record_change outbox, the rule log, schedule state and in-app notifications.
 */
export class JobsAndRules1764400000000 implements MigrationInterface {
  name = 'JobsAndRules1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- A job runs in the same transaction that marks it done, so its database work happens exactly once;
      -- dedupe_key makes enqueueing idempotent (a schedule tick or a rule firing is enqueued once, ever,
      -- however many servers try).
      CREATE TABLE job (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key text,
        run_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL DEFAULT 5,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE UNIQUE INDEX job_dedupe_idx ON job (queue, dedupe_key) WHERE dedupe_key IS NOT NULL;
      CREATE INDEX job_due_idx ON job (run_at, id) WHERE status = 'pending';

      ALTER TABLE record_change
        ADD COLUMN dispatch_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN dispatch_error text,
        -- The rule firings that caused this write (loop detection); empty for people's writes.
        ADD COLUMN rule_chain jsonb NOT NULL DEFAULT '[]',
        -- The writing transaction: the writes of one bulk request or import batch share it, so a rule can
        -- fire once per batch instead of once per record.
        ADD COLUMN tx bigint NOT NULL DEFAULT txid_current();

      CREATE TABLE rule_run (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        app_id uuid NOT NULL REFERENCES app (id) ON DELETE CASCADE,
        app_revision integer NOT NULL,
        rule_key text NOT NULL,
        trigger text NOT NULL,
        entity_key text,
        record_id uuid,
        change_id bigint,
        scheduled_for timestamptz,
        matched boolean NOT NULL,
        result jsonb,
        read jsonb NOT NULL DEFAULT '{}',
        actions jsonb NOT NULL DEFAULT '[]',
        error text,
        test boolean NOT NULL DEFAULT false,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX rule_run_rule_idx ON rule_run (app_id, rule_key, id DESC);

      -- What an admin switched in the rule's page, over the definition's own \`enabled\`.
      CREATE TABLE rule_setting (
        app_id uuid NOT NULL REFERENCES app (id) ON DELETE CASCADE,
        rule_key text NOT NULL,
        enabled boolean,
        log_misses boolean NOT NULL DEFAULT false,
        updated_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (app_id, rule_key)
      );

      -- Durable "last run" of every scheduled rule: after downtime the scheduler catches up from here.
      CREATE TABLE rule_schedule (
        app_id uuid NOT NULL REFERENCES app (id) ON DELETE CASCADE,
        rule_key text NOT NULL,
        last_run_at timestamptz NOT NULL,
        PRIMARY KEY (app_id, rule_key)
      );

      -- Where e-mail notifications go.
      ALTER TABLE app_user ADD COLUMN email text;

      CREATE TABLE notification (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        app_id uuid REFERENCES app (id) ON DELETE CASCADE,
        -- LocalizedText ({"zh-CN": …, "en": …}): the reader's page picks the language.
        title jsonb NOT NULL,
        body jsonb,
        link jsonb,
        source jsonb NOT NULL DEFAULT '{}',
        dedupe_key text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      );
      CREATE INDEX notification_user_idx ON notification (user_id, id DESC);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE notification;
      ALTER TABLE app_user DROP COLUMN email;
      DROP TABLE rule_schedule;
      DROP TABLE rule_setting;
      DROP TABLE rule_run;
      ALTER TABLE record_change DROP COLUMN tx, DROP COLUMN rule_chain, DROP COLUMN dispatch_error, DROP COLUMN dispatch_attempts;
      DROP TABLE job;
    `);
  }
}
