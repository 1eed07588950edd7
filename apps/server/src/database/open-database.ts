import { type ServerConfig } from '../config/server-config';
import { EmbeddedDatabase } from './embedded-database';

export interface OpenDatabase {
  url: string;
  /** Stops the embedded server if this process started it; a no-op for an external server. */
  close(): Promise<void>;
  embedded: boolean;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under the data directory. */
export async function openDatabase(
  config: ServerConfig,
  log?: (message: string) => void,
): Promise<OpenDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, close: async () => undefined, embedded: false };
  const database = await EmbeddedDatabase.connectOrStart({
    dataDir: config.dataDir,
    port: config.embeddedDatabasePort,
    log,
  });
  await database.ensureDatabase();
  return { url: database.url(), close: () => database.stop(), embedded: true };
}
