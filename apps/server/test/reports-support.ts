import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../src/auth/password';
import { createDemoUsers } from '../src/templates/demo-users';
import { type TestApp } from './support/test-app';

export interface WorkOrderRow {
  id: string;
  category: string | null;
  room: string | null;
  technician: string | null;
  cost: number | null;
  rating: number | null;
  status: string | null;
  reportedAt: string;
  deleted?: boolean;
}

/** The dimensions random reports over the small app's work orders group by (property tests). */
export const RANDOM_DIMENSIONS = [
  { field: 'category' },
  { field: 'status' },
  { field: 'room' },
  { field: 'room.building' },
  { field: 'reportedAt', bucket: 'day' },
  { field: 'reportedAt', bucket: 'week' },
  { field: 'reportedAt', bucket: 'month' },
  { field: 'reportedAt', bucket: 'quarter' },
  { field: 'reportedAt', bucket: 'year' },
] as const;

export async function storageSchema(testApp: TestApp, appKey: string): Promise<string> {
  const [app] = await testApp.database.query<{ storage_schema: string }>(
    'SELECT storage_schema FROM app WHERE key = $1',
    [appKey],
  );
  return app!.storage_schema;
}

/** Work orders straight into the entity table (the report reads storage; the write path is tested elsewhere). */
export async function insertWorkOrders(
  testApp: TestApp,
  schema: string,
  rows: WorkOrderRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await testApp.database.query(
    `INSERT INTO "${schema}"."workOrder" (_id, title, category, room, technician, cost, rating, status, _created_at, _deleted_at)
     SELECT w.id, 'order', w.category, w.room, w.technician, w.cost, w.rating, w.status, w.reported_at,
            CASE WHEN w.deleted THEN now() END
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::numeric[], $6::numeric[], $7::text[],
                   $8::timestamptz[], $9::boolean[])
         AS w (id, category, room, technician, cost, rating, status, reported_at, deleted)`,
    [
      rows.map((row) => row.id),
      rows.map((row) => row.category),
      rows.map((row) => row.room),
      rows.map((row) => row.technician),
      rows.map((row) => row.cost),
      rows.map((row) => row.rating),
      rows.map((row) => row.status),
      rows.map((row) => row.reportedAt),
      rows.map((row) => row.deleted ?? false),
    ],
  );
}

/**
 * Logs one change of `entityKey`, as every write path does: rows written straight into the table bypass
 * the change log, and report results are cached by it. Marked dispatched, so no rule or flow sees it.
 */
export async function noteChange(testApp: TestApp, appKey: string, entityKey: string): Promise<void> {
  await testApp.database.query(
    `INSERT INTO record_change (workspace_id, app_id, entity_key, record_id, version, type, source, changes, dispatched_at)
     SELECT workspace_id, id, $2, gen_random_uuid(), 1, 'updated', 'test', '{}', now() FROM app WHERE key = $1`,
    [appKey, entityKey],
  );
}

/** A workspace member holding app roles, with a password to log in with. */
export async function createMember(
  testApp: TestApp,
  username: string,
  roles: string[],
  password: string,
): Promise<string> {
  const [workspace] = await testApp.database.query<{ id: string }>(
    'SELECT id FROM workspace ORDER BY created_at LIMIT 1',
  );
  const manager = testApp.app.get(DataSource).manager;
  const ids = await createDemoUsers(
    manager,
    workspace!.id,
    [{ _key: username, username, name: username, roles }],
    await hashPassword(password),
  );
  return ids.get(username)!;
}

export const newId = () => randomUUID();
