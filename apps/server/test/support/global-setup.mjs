// Starts one throw-away embedded PostgreSQL for the whole run (each test file then creates its own
// database in it), unless DATABASE_URL names an external server to use instead.
import { startThrowawayPostgres } from './throwaway-postgres.mjs';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_ADMIN_URL = process.env.DATABASE_URL;
    process.stdout.write(`\nServer tests use the PostgreSQL at DATABASE_URL\n`);
    return;
  }
  const postgres = await startThrowawayPostgres();
  globalThis.__LOWCODE_TEST_POSTGRES__ = postgres;
  process.env.TEST_DATABASE_ADMIN_URL = postgres.url;
  process.stdout.write(`\nServer tests use an embedded PostgreSQL on port ${postgres.port}\n`);
}
