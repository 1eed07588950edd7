import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** apps/server, whether running from src/ (tests) or dist/ (production). */
export const SERVER_ROOT = path.resolve(__dirname, '..', '..');
export const REPO_ROOT = path.resolve(SERVER_ROOT, '..', '..');

export interface ServerConfig {
  port: number;
  host: string;
  /** An external PostgreSQL; when absent the server runs an embedded one under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedDatabasePort: number;
  /** When absent a secret is generated once and kept in the database, so every server instance shares it. */
  jwtSecret: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  adminUsername: string;
  adminPassword: string | undefined;
  webDistDir: string;
  /** Redis for relaying socket.io events between several server instances; none for a single server. */
  redisUrl: string | undefined;
  /** Installed into the default workspace at first start ('' for none). */
  template: string;
  /** Load the template's demo company with it. */
  demoData: boolean;
  /** Size of the demo company (1 = the full one: ~2,000 tenants, ~10,000 work orders). */
  demoScale: number;
  /** Password of every demo account (generated at start when not set). */
  demoPassword: string;
  logLevel: string;
  prettyLogs: boolean;
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

function positiveNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0)
    throw new Error(`${name} must be a positive number, got "${value}"`);
  return parsed;
}

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: integer(env.PORT, 3000, 'PORT'),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.LOWCODE_DATA_DIR || path.join(REPO_ROOT, '.data')),
    embeddedDatabasePort: integer(env.EMBEDDED_PG_PORT, 54329, 'EMBEDDED_PG_PORT'),
    jwtSecret: env.JWT_SECRET || undefined,
    accessTokenTtlSeconds: integer(env.ACCESS_TOKEN_TTL_SECONDS, 15 * 60, 'ACCESS_TOKEN_TTL_SECONDS'),
    refreshTokenTtlSeconds: integer(
      env.REFRESH_TOKEN_TTL_SECONDS,
      30 * 24 * 3600,
      'REFRESH_TOKEN_TTL_SECONDS',
    ),
    adminUsername: env.ADMIN_USERNAME || 'admin',
    adminPassword: env.ADMIN_PASSWORD || undefined,
    webDistDir: path.resolve(env.WEB_DIST_DIR || path.join(REPO_ROOT, 'apps', 'web', 'dist')),
    redisUrl: env.REDIS_URL || undefined,
    template: env.LOWCODE_TEMPLATE ?? 'property',
    demoData: (env.LOWCODE_DEMO_DATA ?? '1') !== '0',
    demoScale: positiveNumber(env.LOWCODE_DEMO_SCALE, 1, 'LOWCODE_DEMO_SCALE'),
    demoPassword: env.LOWCODE_DEMO_PASSWORD || randomBytes(9).toString('base64url'),
    logLevel: env.LOG_LEVEL || 'info',
    prettyLogs: env.LOG_PRETTY === '1',
  };
}

export const SERVER_CONFIG = Symbol('SERVER_CONFIG');
