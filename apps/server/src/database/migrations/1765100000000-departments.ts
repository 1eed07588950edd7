import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The workspace's departments (组织架构): a tree of named units with a manager. A department is known by
 * its key — what members' `department` / `departments` attributes, flow and rule assignments by department
 * and `department` fields of records hold — and shown by its name.
 */
export class Departments1765100000000 implements MigrationInterface {
  name = 'Departments1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE department (
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[A-Za-z][A-Za-z0-9_]{0,49}$'),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        parent_key text,
        manager_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        sort_order integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, key),
        -- A department with sub-departments is not deleted from under them.
        FOREIGN KEY (workspace_id, parent_key) REFERENCES department (workspace_id, key) ON DELETE RESTRICT,
        CHECK (parent_key IS DISTINCT FROM key)
      );
      -- Two sub-departments of one parent are told apart by name.
      CREATE UNIQUE INDEX department_sibling_name_key
        ON department (workspace_id, coalesce(parent_key, ''), lower(btrim(name)));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE department');
  }
}
