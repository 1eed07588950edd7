import { type DataSource } from 'typeorm';
import { createClient } from 'redis';
import { type RateLimit } from '../config/server-config';

export interface TakeResult {
  allowed: boolean;
  /** Tokens left after this request (fractions refill continuously). */
  tokens: number;
}

/** Token buckets shared by every server instance: one atomic read-refill-take per request. */
export interface BucketStore {
  connect(): Promise<void>;
  /** Takes one token from bucket `key`, creating it full; refuses (taking nothing) when under one is left. */
  take(key: string, limit: RateLimit): Promise<TakeResult>;
  close(): Promise<void>;
}

/** The level after refilling since the last request, capped at the bucket's size. */
const LEVEL = `LEAST($2::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - b.refreshed_at)) * $3::float8)`;

/**
 * One UPSERT per request: the row lock serializes concurrent requests for the same bucket across servers,
 * and the database's clock is the one clock every server agrees on.
 */
export class PostgresBucketStore implements BucketStore {
  private takes = 0;

  constructor(
    private readonly dataSource: DataSource,
    /** Longest time any bucket takes to refill completely: older rows are full and can go. */
    private readonly fullAfterSeconds: number,
  ) {}

  async connect(): Promise<void> {}

  async take(key: string, limit: RateLimit): Promise<TakeResult> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO rate_limit_bucket AS b (key, tokens, refreshed_at, allowed)
       VALUES ($1, $2::float8 - 1, clock_timestamp(), true)
       ON CONFLICT (key) DO UPDATE SET
         tokens = CASE WHEN ${LEVEL} >= 1 THEN ${LEVEL} - 1 ELSE ${LEVEL} END,
         allowed = ${LEVEL} >= 1,
         refreshed_at = clock_timestamp()
       RETURNING tokens, allowed`,
      [key, limit.requests, limit.requests / limit.perSeconds],
    )) as [{ tokens: number; allowed: boolean }];
    // Idle buckets are full ones: dropping them now and then keeps the table small without a scheduler.
    if (++this.takes % 1000 === 0)
      await this.dataSource.query(
        'DELETE FROM rate_limit_bucket WHERE refreshed_at < now() - make_interval(secs => $1)',
        [this.fullAfterSeconds + 60],
      );
    return { allowed: row.allowed, tokens: Number(row.tokens) };
  }

  async close(): Promise<void> {}
}

// The same bucket in Redis, atomic as one script; TIME is Redis's clock, shared by every server.
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local level = capacity
if state[1] then
  level = math.min(capacity, tonumber(state[1]) + math.max(0, t - tonumber(state[2])) * rate)
end
local allowed = 0
if level >= 1 then
  level = level - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(level), 'at', tostring(t))
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) + 60)
return { allowed, tostring(level) }`;

const CONNECT_WAIT_MS = 2000;

/** With REDIS_URL: buckets as Redis hashes that expire once full, off the database's write path. */
export class RedisBucketStore implements BucketStore {
  private readonly client: ReturnType<typeof createClient>;

  constructor(url: string) {
    // Without the offline queue a lost connection fails fast instead of holding requests.
    this.client = createClient({ url, disableOfflineQueue: true });
    this.client.on('error', () => undefined); // reported by the failing command
  }

  /**
   * Waits a moment for Redis at start, then lets the client keep reconnecting in the background: the CLI
   * (which boots the same modules) must not depend on Redis, and while Redis is away commands fail fast.
   */
  async connect(): Promise<void> {
    const connected = this.client.connect().then(() => undefined);
    connected.catch(() => undefined);
    await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, CONNECT_WAIT_MS).unref())]);
  }

  async take(key: string, limit: RateLimit): Promise<TakeResult> {
    const [allowed, tokens] = (await this.client.eval(TAKE_SCRIPT, {
      keys: [`lowcode:rate:${key}`],
      arguments: [String(limit.requests), String(limit.requests / limit.perSeconds)],
    })) as [number, string];
    return { allowed: allowed === 1, tokens: Number(tokens) };
  }

  async close(): Promise<void> {
    if (!this.client.isOpen) return;
    await (this.client.isReady ? this.client.quit() : this.client.disconnect()).catch(() => undefined);
  }
}
