import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { isIP } from 'node:net';

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
  /** How often this server looks for due jobs and undispatched record changes; 0 stops the loop (tests drive it). */
  jobPollMs: number;
  /** Signs outgoing webhooks; generated once per installation when not set. */
  webhookSecret: string | undefined;
  /** Lets webhooks reach loopback and private addresses (intranet receivers); off by default against SSRF. */
  allowPrivateWebhooks: boolean;
  /** SMTP server for e-mail notifications, e.g. smtp://user:pass@mail.example.com:587; none disables e-mail. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Outgoing webhooks that carry SMS / WeChat / DingTalk / WeCom notifications to their gateways. */
  channelWebhooks: Partial<Record<'sms' | 'wechat' | 'dingtalk' | 'wecom', string>>;
  /** A clock tests set by hand (never from the environment): timers and schedules read it instead of the system's. */
  manualClock: boolean;
  /**
   * Token buckets per API key, per signed-in user and per address (requests without a valid credential):
   * each holds `requests` and refills them evenly over `perSeconds`; null turns one off. Kept in PostgreSQL,
   * or in Redis when `redisUrl` is set, so every server instance draws from the same bucket.
   */
  rateLimits: Record<RateLimitSubject, RateLimit | null>;
  /**
   * Which proxies in front of the server to believe about the client's address (X-Forwarded-For), for the
   * audit log, login throttling and per-address rate limits: false (the socket's peer; the default), a
   * number of hops, or addresses and subnets (`loopback`, `10.0.0.0/8`). Believing every proxy would let a
   * client directly connected name any address it likes.
   */
  trustProxy: false | number | string[];
  /** Where log lines go instead of stdout: tests read them here (never from the environment). */
  logDestination?: NodeJS.WritableStream;
}

export type RateLimitSubject = 'apiKey' | 'user' | 'anonymous';

export interface RateLimit {
  requests: number;
  perSeconds: number;
}

/** `600` (per minute) or `600/60` (requests / seconds); `0` or `off` turns the limit off. */
export function parseRateLimit(
  value: string | undefined,
  fallback: RateLimit,
  name: string,
): RateLimit | null {
  if (value === undefined || value === '') return fallback;
  if (value === '0' || value === 'off') return null;
  const match = /^(\d+)(?:\/(\d+))?$/.exec(value);
  const requests = Number(match?.[1]);
  const perSeconds = Number(match?.[2] ?? 60);
  if (!match || requests < 1 || perSeconds < 1)
    throw new Error(
      `${name} must be <requests> or <requests>/<seconds> (e.g. 600/60) or off, got "${value}"`,
    );
  return { requests, perSeconds };
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
    jobPollMs: integer(env.LOWCODE_JOB_POLL_MS, 500, 'LOWCODE_JOB_POLL_MS'),
    webhookSecret: env.LOWCODE_WEBHOOK_SECRET || undefined,
    allowPrivateWebhooks: env.LOWCODE_ALLOW_PRIVATE_WEBHOOKS === '1',
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || 'lowcode@localhost',
    channelWebhooks: {
      sms: env.LOWCODE_SMS_WEBHOOK || undefined,
      wechat: env.LOWCODE_WECHAT_WEBHOOK || undefined,
      dingtalk: env.LOWCODE_DINGTALK_WEBHOOK || undefined,
      wecom: env.LOWCODE_WECOM_WEBHOOK || undefined,
    },
    manualClock: false,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    // High enough that people and honest integrations never notice; a runaway script does.
    rateLimits: {
      apiKey: parseRateLimit(
        env.LOWCODE_RATE_LIMIT_API_KEY,
        { requests: 1200, perSeconds: 60 },
        'LOWCODE_RATE_LIMIT_API_KEY',
      ),
      user: parseRateLimit(
        env.LOWCODE_RATE_LIMIT_USER,
        { requests: 3000, perSeconds: 60 },
        'LOWCODE_RATE_LIMIT_USER',
      ),
      anonymous: parseRateLimit(
        env.LOWCODE_RATE_LIMIT_ANONYMOUS,
        { requests: 1200, perSeconds: 60 },
        'LOWCODE_RATE_LIMIT_ANONYMOUS',
      ),
    },
  };
}

/** `TRUST_PROXY`: unset, `0` or `false` for none; a number of hops; or a comma list of addresses and subnets. */
export function parseTrustProxy(value: string | undefined): ServerConfig['trustProxy'] {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0' || text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === 'true')
    throw new Error(
      'TRUST_PROXY=true would believe any client about its address; give the number of proxies or their addresses',
    );
  const entries = text.split(',').map((entry) => entry.trim());
  const named = new Set(['loopback', 'linklocal', 'uniquelocal']);
  const bad = entries.find((entry) => !named.has(entry) && !isAddressOrSubnet(entry));
  if (bad !== undefined)
    throw new Error(
      `TRUST_PROXY: "${bad}" is neither an address, a subnet, loopback, linklocal nor uniquelocal`,
    );
  return entries;
}

function isAddressOrSubnet(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length || !address || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
}

export const SERVER_CONFIG = Symbol('SERVER_CONFIG');
