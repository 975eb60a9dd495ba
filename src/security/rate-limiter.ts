import type { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * Token buckets per caller: `burst` requests at once, refilled at `perMinute`. In this process
 * (TokenBucketLimiter), or in Redis when REDIS_URL is set (RedisTokenBucketLimiter), so that
 * several instances hold one caller to one rate between them. Memory is bounded: a bucket idle
 * long enough to be full again says nothing and is dropped (in Redis: expires), and in process,
 * past `maxCallers` the least recently seen caller is forgotten.
 */

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface TokenBucketOptions {
  perMinute: number;
  burst: number;
  maxCallers?: number;
  now?: () => number;
}

/** The caller's rate limit, for work a request goes on doing after it was let in (a subscription's bursts): use-rate-limit.ts puts it in the context. */
export interface RateBudget {
  /** Takes one request's worth; answers the RATE_LIMITED error when the caller is over. */
  spend(): Promise<GraphQLError | null>;
}

/** What the rate-limit plugin asks, whichever store keeps the buckets. */
export interface RateLimiter {
  take(key: string): Promise<RateDecision>;
  close(): Promise<void>;
}

/** Redis when `redisUrl` is set (shared by every instance), else this process's memory. */
export function createRateLimiter(options: TokenBucketOptions & { redisUrl?: string; onError?: (error: Error) => void }): RateLimiter {
  if (options.redisUrl !== undefined) return new RedisTokenBucketLimiter({ ...options, redisUrl: options.redisUrl });
  const local = new TokenBucketLimiter(options);
  return { take: async (key) => local.take(key), close: async () => {} };
}

/** Idle buckets checked per request: enough to keep up with any arrival rate, constant work each time. */
const SWEEP_PER_TAKE = 4;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly burst: number;
  private readonly maxCallers: number;
  private readonly now: () => number;
  /** Time for an empty bucket to be full again: after that, a bucket is the same as none. */
  private readonly refillMs: number;

  constructor({ perMinute, burst, maxCallers = 10_000, now = Date.now }: TokenBucketOptions) {
    this.perMs = perMinute / 60_000;
    this.burst = burst;
    this.maxCallers = maxCallers;
    this.now = now;
    this.refillMs = burst / this.perMs;
  }

  /** Callers currently remembered. */
  get size(): number {
    return this.buckets.size;
  }

  take(key: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key);
    let tokens = this.burst;
    if (bucket !== undefined) {
      tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
      // Re-inserted below, so the map stays ordered from least to most recently seen.
      this.buckets.delete(key);
    } else if (this.buckets.size >= this.maxCallers) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, updatedAt: now });
    return allowed ? { allowed } : { allowed, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
  }

  private sweep(now: number): void {
    let checked = 0;
    for (const [key, bucket] of this.buckets) {
      if (checked++ >= SWEEP_PER_TAKE || now - bucket.updatedAt < this.refillMs) return;
      this.buckets.delete(key);
    }
  }
}

/**
 * Keys seen within the last `ttlMs`, at most `maxKeys` of them (the oldest forgotten first): which
 * router operations were already charged. Constant work per call, bounded memory.
 */
export class RecentKeys {
  private readonly seenAt = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor({ ttlMs, maxKeys = 10_000, now = Date.now }: { ttlMs: number; maxKeys?: number; now?: () => number }) {
    this.ttlMs = ttlMs;
    this.maxKeys = maxKeys;
    this.now = now;
  }

  has(key: string): boolean {
    const seenAt = this.seenAt.get(key);
    return seenAt !== undefined && this.now() - seenAt < this.ttlMs;
  }

  add(key: string): void {
    const now = this.now();
    this.seenAt.delete(key);
    // Insertion order is age order: drop expired keys from the front, a few per call, and the oldest past the bound.
    let checked = 0;
    for (const [oldest, seenAt] of this.seenAt) {
      if (checked++ >= SWEEP_PER_TAKE || (now - seenAt < this.ttlMs && this.seenAt.size < this.maxKeys)) break;
      this.seenAt.delete(oldest);
    }
    this.seenAt.set(key, now);
  }
}

/**
 * One token bucket per key in a Redis hash, taken from by one script so that concurrent requests
 * on several instances cannot both spend the last token. Times are the instances' clocks (ARGV):
 * a clock a little behind only refills a little later. When Redis fails, this instance goes on
 * limiting with its own buckets (guarding, never open) until Redis answers again.
 */
const TAKE_TOKEN = `
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local now, perMs, burst = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tokens = burst
if bucket[1] then tokens = math.min(burst, tonumber(bucket[1]) + math.max(0, now - tonumber(bucket[2])) * perMs) end
local allowed = 0
if tokens >= 1 then allowed = 1 tokens = tokens - 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {allowed, tostring(tokens)}`;
/** What TAKE_TOKEN answers: 1 when allowed, and the tokens left, as a string (Redis would cut a Lua number to an integer). */
const takeTokenAnswer = z.tuple([z.number(), z.string()]);

const REDIS_PREFIX = 'secops-gateway:v1:rate:';

export class RedisTokenBucketLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly fallback: TokenBucketLimiter;
  private readonly perMs: number;
  private readonly burst: number;
  private readonly refillMs: number;
  private readonly now: () => number;
  private readonly onError: (error: Error) => void;
  /** Settles once the first connection is up, or has failed: requests at start wait for it rather than fall back. */
  private readonly firstConnection: Promise<void>;

  constructor({
    redisUrl,
    perMinute,
    burst,
    maxCallers,
    now = Date.now,
    onError = () => {},
  }: TokenBucketOptions & { redisUrl: string; onError?: (error: Error) => void }) {
    this.perMs = perMinute / 60_000;
    this.burst = burst;
    this.refillMs = Math.ceil(burst / this.perMs);
    this.now = now;
    this.onError = onError;
    this.fallback = new TokenBucketLimiter({ perMinute, burst, now, ...(maxCallers === undefined ? {} : { maxCallers }) });
    // Fail fast rather than queue: a request must not wait on a Redis that is away.
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, commandTimeout: 1_000 });
    this.redis.on('error', (error: Error) => onError(error));
    this.firstConnection = new Promise<void>((resolve) => {
      this.redis.once('ready', resolve);
      this.redis.once('error', () => resolve());
      this.redis.once('end', resolve);
    });
  }

  async take(key: string): Promise<RateDecision> {
    await this.firstConnection;
    try {
      const [allowed, tokens] = takeTokenAnswer.parse(
        await this.redis.eval(TAKE_TOKEN, 1, `${REDIS_PREFIX}${key}`, this.now(), this.perMs, this.burst, this.refillMs),
      );
      if (allowed === 1) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - Number(tokens)) / this.perMs / 1000)) };
    } catch (error) {
      this.onError(error as Error);
      return this.fallback.take(key);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
