import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type RateLimitSubject, SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { type BucketStore, PostgresBucketStore, RedisBucketStore } from './bucket-store';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Rate limits per API key, per signed-in user and per address, as token buckets in PostgreSQL (or Redis
 * with REDIS_URL), so they hold however many server instances share the load.
 */
@Injectable()
export class RateLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly store: BucketStore;
  private lastWarning = 0;

  constructor(
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    @InjectDataSource() dataSource: DataSource,
  ) {
    const fullAfter = Math.max(0, ...Object.values(config.rateLimits).map((limit) => limit?.perSeconds ?? 0));
    this.store = config.redisUrl
      ? new RedisBucketStore(config.redisUrl)
      : new PostgresBucketStore(dataSource, fullAfter);
  }

  async onModuleInit(): Promise<void> {
    await this.store.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.close();
  }

  /** Takes one request from the subject's bucket; `id` is the key's or user's id, or the address. */
  async take(subject: RateLimitSubject, id: string): Promise<RateDecision> {
    const limit = this.config.rateLimits[subject];
    if (!limit) return { allowed: true };
    let result;
    try {
      result = await this.store.take(`${subject}:${id}`, limit);
    } catch (error) {
      // Redis away: the API stays up unthrottled rather than down (PostgreSQL away fails the request anyway),
      // saying so once a minute rather than on every request.
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ msg: 'rate limit store unavailable; requests let through', error: String(error) });
      }
      return { allowed: true };
    }
    if (result.allowed) return { allowed: true };
    const rate = limit.requests / limit.perSeconds;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - result.tokens) / rate)) };
  }
}
