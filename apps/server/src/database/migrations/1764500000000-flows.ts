import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Durable flow instances (docs/architecture.md §Flows on the server): the engine's state as jsonb with a
 * lock version, the tasks people work on (inbox rows, also standalone tasks created by rules), carbon
 * copies, the transition track the requester sees, and the working calendar SLAs count in.
 */
export class Flows1764500000000 implements MigrationInterface {
  name = 'Flows1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE flow_instance (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        app_id uuid NOT NULL REFERENCES app (id) ON DELETE CASCADE,
        flow_key text NOT NULL,
        -- The app revision whose flow definition this instance runs to the end, whatever is published later.
        app_revision integer NOT NULL,
        entity_key text NOT NULL,
        record_id uuid,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed')),
        outcome text,
        error text,
        state jsonb NOT NULL,
        started_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        -- What started it, once: 'change:<record_change id>' for record triggers, 'parent:<effect key>'
        -- for sub-flows; a redelivered outbox batch or a retried step finds the instance already there.
        trigger_key text,
        parent_instance_id uuid REFERENCES flow_instance (id) ON DELETE SET NULL,
        lock_version integer NOT NULL DEFAULT 1
      );
      CREATE UNIQUE INDEX flow_instance_trigger_idx ON flow_instance (app_id, flow_key, trigger_key)
        WHERE trigger_key IS NOT NULL;
      CREATE INDEX flow_instance_record_idx ON flow_instance (app_id, entity_key, record_id);
      CREATE INDEX flow_instance_starter_idx ON flow_instance (workspace_id, started_by, started_at DESC);

      CREATE TABLE flow_task (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        app_id uuid NOT NULL REFERENCES app (id) ON DELETE CASCADE,
        -- NULL for standalone tasks a rule created (no flow behind them).
        instance_id uuid REFERENCES flow_instance (id) ON DELETE CASCADE,
        flow_key text,
        node_key text,
        kind text NOT NULL CHECK (kind IN ('userTask', 'approval', 'standalone')),
        mode text NOT NULL DEFAULT 'single' CHECK (mode IN ('single', 'all', 'any')),
        title jsonb NOT NULL,
        assignees uuid[] NOT NULL,
        -- Who acted on it already (a countersign stays open until everyone has).
        decided_by uuid[] NOT NULL DEFAULT '{}',
        -- A group task: offered to the role's members until one claims it.
        candidate_role text,
        claimed_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
        outcome text,
        priority text NOT NULL DEFAULT 'normal',
        due_at timestamptz,
        remind_at timestamptz,
        escalated boolean NOT NULL DEFAULT false,
        entity_key text,
        record_id uuid,
        form jsonb,
        source jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        completed_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        comment text
      );
      CREATE INDEX flow_task_assignees_idx ON flow_task USING gin (assignees) WHERE status = 'open';
      CREATE INDEX flow_task_decided_idx ON flow_task USING gin (decided_by);
      CREATE INDEX flow_task_inbox_idx ON flow_task (workspace_id, status, created_at DESC, id DESC);
      CREATE INDEX flow_task_instance_idx ON flow_task (instance_id);
      CREATE INDEX flow_task_completed_by_idx ON flow_task (completed_by, completed_at DESC);

      -- Carbon copies (抄送): who was told about a step without having to act on it.
      CREATE TABLE flow_task_cc (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        app_id uuid NOT NULL REFERENCES app (id) ON DELETE CASCADE,
        instance_id uuid NOT NULL REFERENCES flow_instance (id) ON DELETE CASCADE,
        node_key text NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        UNIQUE (instance_id, node_key, user_id)
      );
      CREATE INDEX flow_task_cc_user_idx ON flow_task_cc (user_id, created_at DESC, id DESC);

      -- Every step of every instance (受理 → 派发 → 接单 → 完工 → 回访): the track the requester sees.
      CREATE TABLE flow_transition (
        instance_id uuid NOT NULL REFERENCES flow_instance (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        at timestamptz NOT NULL,
        actor_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        from_node text,
        to_node text,
        action text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        comment text,
        PRIMARY KEY (instance_id, seq)
      );

      -- Working days for SLAs on the business calendar: weekdays 09:00-18:00 Asia/Shanghai, except the
      -- rows here (public holidays, and the weekend days declared workdays in exchange, 调休).
      CREATE TABLE business_calendar_day (
        day date PRIMARY KEY,
        workday boolean NOT NULL,
        name text NOT NULL
      );
      INSERT INTO business_calendar_day (day, workday, name)
      SELECT d::date, false, h.name FROM (VALUES
          ('2025-01-01', '2025-01-01', '元旦'), ('2025-01-28', '2025-02-04', '春节'),
          ('2025-04-04', '2025-04-06', '清明节'), ('2025-05-01', '2025-05-05', '劳动节'),
          ('2025-05-31', '2025-06-02', '端午节'), ('2025-10-01', '2025-10-08', '国庆节、中秋节'),
          ('2026-01-01', '2026-01-03', '元旦'), ('2026-02-15', '2026-02-23', '春节'),
          ('2026-04-04', '2026-04-06', '清明节'), ('2026-05-01', '2026-05-05', '劳动节'),
          ('2026-06-19', '2026-06-21', '端午节'), ('2026-09-25', '2026-09-27', '中秋节'),
          ('2026-10-01', '2026-10-07', '国庆节')
        ) AS h (first, last, name),
        generate_series(h.first::date, h.last::date, interval '1 day') AS d;
      INSERT INTO business_calendar_day (day, workday, name) VALUES
        ('2025-01-26', true, '春节调休'), ('2025-02-08', true, '春节调休'), ('2025-04-27', true, '劳动节调休'),
        ('2025-09-28', true, '国庆节调休'), ('2025-10-11', true, '国庆节调休'),
        ('2026-01-04', true, '元旦调休'), ('2026-02-14', true, '春节调休'), ('2026-02-28', true, '春节调休'),
        ('2026-05-09', true, '劳动节调休'), ('2026-09-20', true, '国庆节调休'), ('2026-10-10', true, '国庆节调休');
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE business_calendar_day;
      DROP TABLE flow_transition;
      DROP TABLE flow_task_cc;
      DROP TABLE flow_task;
      DROP TABLE flow_instance;
    `);
  }
}
